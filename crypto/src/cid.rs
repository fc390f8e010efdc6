//! The CID `ipfs add --cid-version 1` gives content: UnixFS, CIDv1, raw leaves, 256 KiB chunks,
//! a balanced DAG. Computed while the bytes stream past, without storing any block, so a client
//! knows a record's CID before the storage answers and checks every fetched byte against it.

use ::cid::Cid;
use rust_unixfs::file::adder::FileAdder;
use std::io::{self, Write};

/// A writer that passes bytes on to `inner` and computes the CID `ipfs add --cid-version 1`
/// gives them (UnixFS, raw leaves, 256 KiB chunks, balanced DAG), without storing any block.
pub struct CidWriter<W> {
	inner: W,
	adder: FileAdder,
	/// The last block the adder emitted while bytes were written.
	last: Option<Cid>,
}

impl<W: Write> CidWriter<W> {
	/// Wrap `inner`.
	pub fn new(inner: W) -> Self {
		Self { inner, adder: FileAdder::default(), last: None }
	}

	/// The inner writer and the CID of everything written: the last block the adder emits.
	/// Content that ends on a chunk boundary (262,144 bytes, or a full level of the tree) has
	/// its root emitted while it is written, and nothing more at the end.
	pub fn finish(self) -> (W, Cid) {
		let root = self.adder.finish().last().map(|(cid, _)| cid).or(self.last);
		// Empty content still makes one (empty) leaf, so some block is always emitted.
		let root = root.expect("the adder emits at least one block");
		(self.inner, root)
	}
}

impl<W: Write> Write for CidWriter<W> {
	fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
		let written = self.inner.write(buf)?;
		let mut consumed = 0;
		while consumed < written {
			let (blocks, used) = self.adder.push(&buf[consumed..written]);
			if let Some((cid, _)) = blocks.last() {
				self.last = Some(cid);
			}
			consumed += used;
		}
		Ok(written)
	}

	fn flush(&mut self) -> io::Result<()> {
		self.inner.flush()
	}
}

/// The CID of `bytes` as `ipfs add --cid-version 1` computes it.
pub fn content_id(bytes: &[u8]) -> Cid {
	let mut writer = CidWriter::new(io::sink());
	writer.write_all(bytes).expect("a sink does not fail");
	writer.finish().1
}

#[cfg(test)]
mod tests {
	use super::*;
	use sha2::Digest;

	#[test]
	fn cids_match_kubo() {
		// `echo "hello world" | ipfs add --cid-version 1`
		assert_eq!(
			content_id(b"hello world\n").to_string(),
			"bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4"
		);
		// Larger content: a dag-pb root over raw leaves, the same however it is written.
		let bytes: Vec<u8> =
			(0..1_000_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8).collect();
		let whole = content_id(&bytes);
		assert_eq!(whole.codec(), 0x70);
		let mut pieces = CidWriter::new(Vec::new());
		for piece in bytes.chunks(7_919) {
			pieces.write_all(piece).unwrap();
		}
		let (copy, cid) = pieces.finish();
		assert_eq!((copy, cid), (bytes.clone(), whole));
		let mut flipped = bytes;
		flipped[500_000] ^= 1;
		assert_ne!(content_id(&flipped), whole);
	}

	/// A single chunk is its own root: the raw-leaf CID of its SHA-256, as Kubo gives it.
	fn raw_leaf(bytes: &[u8]) -> Cid {
		let digest = sha2::Sha256::digest(bytes);
		let hash = ::cid::multihash::Multihash::<64>::wrap(0x12, &digest).unwrap();
		Cid::new_v1(0x55, hash)
	}

	#[test]
	fn every_chunk_boundary_has_a_root() {
		const CHUNK: usize = 262_144;
		for len in [0, 1, CHUNK - 1, CHUNK] {
			let bytes = vec![7u8; len];
			assert_eq!(content_id(&bytes), raw_leaf(&bytes), "{len} bytes");
		}
		// Above one chunk: a dag-pb root; at 174 chunks one full level of links, one more
		// byte starts the next level.
		let mut roots = Vec::new();
		for len in [CHUNK + 1, 2 * CHUNK, 174 * CHUNK, 174 * CHUNK + 1] {
			let bytes = vec![7u8; len];
			// Written in pieces that end exactly on chunk boundaries and in odd ones.
			let mut even = CidWriter::new(io::sink());
			bytes.chunks(CHUNK).for_each(|piece| even.write_all(piece).unwrap());
			let mut odd = CidWriter::new(io::sink());
			bytes.chunks(100_003).for_each(|piece| odd.write_all(piece).unwrap());
			let (root, other) = (even.finish().1, odd.finish().1);
			assert_eq!(root, other, "{len} bytes");
			assert_eq!(root.codec(), 0x70, "{len} bytes: a dag-pb root");
			roots.push(root);
		}
		roots.dedup();
		assert_eq!(roots.len(), 4, "every length has its own root");
	}
}

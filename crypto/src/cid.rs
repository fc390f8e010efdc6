//! The CID `ipfs add --cid-version 1` gives content: UnixFS, CIDv1, raw leaves, 256 KiB chunks,
//! a balanced DAG. Computed while the bytes stream past, without storing any block, so a client
//! knows a record's CID before the storage answers and checks every fetched byte against it.

use ::cid::Cid;
use rust_unixfs::file::adder::FileAdder;
use std::io::{self, Write};

/// The blocks `ipfs add --cid-version 1` makes of content, as its bytes stream past: raw leaves
/// of 256 KiB and the dag-pb nodes above them, each once it is complete; the root comes last.
/// A storage daemon puts them into its block store; [`CidWriter`] keeps only the root's CID.
#[derive(Default)]
pub struct UnixfsBlocks {
	adder: FileAdder,
	/// The last block emitted so far.
	last: Option<Cid>,
}

impl UnixfsBlocks {
	/// Take `bytes`; the blocks they completed (CID and encoding), in order.
	pub fn push(&mut self, mut bytes: &[u8]) -> Vec<(Cid, Vec<u8>)> {
		let mut blocks = Vec::new();
		while !bytes.is_empty() {
			let (done, used) = self.adder.push(bytes);
			blocks.extend(done);
			bytes = &bytes[used..];
		}
		if let Some((cid, _)) = blocks.last() {
			self.last = Some(*cid);
		}
		blocks
	}

	/// The blocks still to come and the root's CID. Content that ends on a chunk boundary
	/// (262,144 bytes, or a full level of the tree) had its root emitted by [`Self::push`],
	/// and nothing more comes here.
	pub fn finish(self) -> (Vec<(Cid, Vec<u8>)>, Cid) {
		let rest: Vec<(Cid, Vec<u8>)> = self.adder.finish().collect();
		let root = rest.last().map(|(cid, _)| *cid).or(self.last);
		// Empty content still makes one (empty) leaf, so some block is always emitted.
		(rest, root.expect("the adder emits at least one block"))
	}
}

/// A writer that passes bytes on to `inner` and computes the CID `ipfs add --cid-version 1`
/// gives them (UnixFS, raw leaves, 256 KiB chunks, balanced DAG), without storing any block.
pub struct CidWriter<W> {
	inner: W,
	blocks: UnixfsBlocks,
}

impl<W: Write> CidWriter<W> {
	/// Wrap `inner`.
	pub fn new(inner: W) -> Self {
		Self { inner, blocks: UnixfsBlocks::default() }
	}

	/// The inner writer and the CID of everything written.
	pub fn finish(self) -> (W, Cid) {
		(self.inner, self.blocks.finish().1)
	}
}

impl<W: Write> Write for CidWriter<W> {
	fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
		let written = self.inner.write(buf)?;
		self.blocks.push(&buf[..written]);
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
	fn blocks_are_what_their_cids_say_and_end_with_the_root() {
		const CHUNK: usize = 262_144;
		for len in [0, CHUNK, 2 * CHUNK + 5] {
			let bytes = vec![3u8; len];
			let mut builder = UnixfsBlocks::default();
			let mut blocks = Vec::new();
			bytes.chunks(100_003).for_each(|piece| blocks.extend(builder.push(piece)));
			let (rest, root) = builder.finish();
			blocks.extend(rest);
			assert_eq!(root, content_id(&bytes), "{len} bytes");
			assert_eq!(blocks.last().unwrap().0, root, "{len} bytes: the root comes last");
			for (cid, data) in &blocks {
				assert_eq!(cid.hash().digest(), &sha2::Sha256::digest(data)[..]);
			}
			// Leaves of whole chunks, then the dag-pb root above them.
			let expected = if len > CHUNK { len.div_ceil(CHUNK) + 1 } else { 1 };
			assert_eq!(blocks.len(), expected, "{len} bytes");
		}
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

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
}

impl<W: Write> CidWriter<W> {
	/// Wrap `inner`.
	pub fn new(inner: W) -> Self {
		Self { inner, adder: FileAdder::default() }
	}

	/// The inner writer and the CID of everything written.
	pub fn finish(self) -> (W, Cid) {
		let root = self.adder.finish().last().map(|(cid, _)| cid);
		// FileAdder emits at least one block, the root, for any input (even empty).
		let root = root.expect("the adder always yields a root block");
		(self.inner, root)
	}
}

impl<W: Write> Write for CidWriter<W> {
	fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
		let written = self.inner.write(buf)?;
		let mut consumed = 0;
		while consumed < written {
			let (blocks, used) = self.adder.push(&buf[consumed..written]);
			blocks.for_each(drop);
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
}

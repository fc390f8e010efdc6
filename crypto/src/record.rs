//! The encrypted record format: a header (scope, chunk size, STREAM nonce prefix, the data key
//! sealed under the scope key) followed by XChaCha20-Poly1305 STREAM chunks.

use crate::{CryptoError, Scope, SymmetricKey, SEALED_KEY_SIZE, TAG_SIZE};
use chacha20poly1305::aead::stream::{DecryptorBE32, EncryptorBE32};
use rand::RngCore;
use std::io::{self, Read, Write};

/// Plaintext bytes per encrypted chunk.
pub const CHUNK_SIZE: usize = 64 * 1024;

const MAGIC: &[u8; 8] = b"MEDCHAIN";
const FORMAT_VERSION: u8 = 1;
const STREAM_NONCE_SIZE: usize = 19;
const HEADER_FIELDS_SIZE: usize = 8 + 1 + 32 + 2 + 4 + 4 + STREAM_NONCE_SIZE;
/// Bytes of a record header.
pub const HEADER_SIZE: usize = HEADER_FIELDS_SIZE + SEALED_KEY_SIZE;

/// The header in front of every encrypted record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Header {
	/// Whose record, which category, which scope key epoch.
	pub scope: Scope,
	/// Plaintext bytes per chunk.
	pub chunk_size: u32,
	nonce_prefix: [u8; STREAM_NONCE_SIZE],
	sealed_key: Vec<u8>,
}

impl Header {
	fn fields(&self) -> [u8; HEADER_FIELDS_SIZE] {
		let mut out = [0u8; HEADER_FIELDS_SIZE];
		let mut at = 0;
		for part in [
			&MAGIC[..],
			&[FORMAT_VERSION],
			&self.scope.patient,
			&self.scope.category.to_le_bytes(),
			&self.scope.epoch.to_le_bytes(),
			&self.chunk_size.to_le_bytes(),
			&self.nonce_prefix,
		] {
			out[at..at + part.len()].copy_from_slice(part);
			at += part.len();
		}
		out
	}

	/// The header's bytes.
	pub fn to_bytes(&self) -> Vec<u8> {
		[&self.fields()[..], &self.sealed_key].concat()
	}

	/// Read a header from the start of a record.
	pub fn read(reader: &mut impl Read) -> Result<Self, CryptoError> {
		let mut bytes = [0u8; HEADER_SIZE];
		reader.read_exact(&mut bytes).map_err(|e| match e.kind() {
			io::ErrorKind::UnexpectedEof => CryptoError::NotARecord,
			_ => CryptoError::Io(e),
		})?;
		if &bytes[..8] != MAGIC || bytes[8] != FORMAT_VERSION {
			return Err(CryptoError::NotARecord);
		}
		let u16_at = |i: usize| u16::from_le_bytes([bytes[i], bytes[i + 1]]);
		let u32_at = |i: usize| u32::from_le_bytes(bytes[i..i + 4].try_into().expect("4 bytes"));
		let chunk_size = u32_at(47);
		if chunk_size == 0 || chunk_size as usize > 16 * CHUNK_SIZE {
			return Err(CryptoError::NotARecord);
		}
		Ok(Header {
			scope: Scope {
				patient: bytes[9..41].try_into().expect("32 bytes"),
				category: u16_at(41),
				epoch: u32_at(43),
			},
			chunk_size,
			nonce_prefix: bytes[51..HEADER_FIELDS_SIZE].try_into().expect("19 bytes"),
			sealed_key: bytes[HEADER_FIELDS_SIZE..].to_vec(),
		})
	}

	/// The record's data key, opened with the scope key of the header's epoch.
	pub fn data_key(&self, scope_key: &SymmetricKey) -> Result<SymmetricKey, CryptoError> {
		scope_key.open(&self.sealed_key, &self.fields())
	}
}

/// Fill `buf` from `reader` as far as it goes; the number of bytes read.
fn fill(reader: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
	let mut filled = 0;
	while filled < buf.len() {
		match reader.read(&mut buf[filled..]) {
			Ok(0) => break,
			Ok(n) => filled += n,
			Err(e) if e.kind() == io::ErrorKind::Interrupted => {},
			Err(e) => return Err(e),
		}
	}
	Ok(filled)
}

/// Encrypt a record read from `plaintext` to `out`, with a fresh data key wrapped under
/// `scope_key` (the key of `scope`). Returns the data key (for single-record shares) and the
/// number of bytes written. Memory use: two chunks.
pub fn encrypt(
	plaintext: &mut impl Read,
	out: &mut impl Write,
	scope: Scope,
	scope_key: &SymmetricKey,
	mut progress: impl FnMut(u64),
) -> Result<(SymmetricKey, u64), CryptoError> {
	let data_key = SymmetricKey::generate();
	let mut nonce_prefix = [0u8; STREAM_NONCE_SIZE];
	rand::rng().fill_bytes(&mut nonce_prefix);
	let mut header =
		Header { scope, chunk_size: CHUNK_SIZE as u32, nonce_prefix, sealed_key: Vec::new() };
	let fields = header.fields();
	header.sealed_key = scope_key.seal(&data_key, &fields);
	let header_bytes = header.to_bytes();
	out.write_all(&header_bytes)?;
	let mut written = header_bytes.len() as u64;

	let mut encryptor = EncryptorBE32::from_aead(data_key.cipher(), nonce_prefix.as_slice().into());
	let mut current = Vec::with_capacity(CHUNK_SIZE + TAG_SIZE);
	let mut next = Vec::with_capacity(CHUNK_SIZE + TAG_SIZE);
	current.resize(CHUNK_SIZE, 0);
	let n = fill(plaintext, &mut current)?;
	current.truncate(n);
	loop {
		next.resize(CHUNK_SIZE, 0);
		let n = fill(plaintext, &mut next)?;
		next.truncate(n);
		let plain_len = current.len() as u64;
		if next.is_empty() {
			encryptor
				.encrypt_last_in_place(&header_bytes, &mut current)
				.map_err(|_| CryptoError::Corrupted)?;
			out.write_all(&current)?;
			progress(plain_len);
			return Ok((data_key, written + current.len() as u64));
		}
		encryptor
			.encrypt_next_in_place(&header_bytes, &mut current)
			.map_err(|_| CryptoError::Corrupted)?;
		out.write_all(&current)?;
		written += current.len() as u64;
		progress(plain_len);
		std::mem::swap(&mut current, &mut next);
	}
}

/// Decrypt the body of a record whose header was read already, with its data key. Nothing is
/// written for a chunk that fails authentication; an error means the output is incomplete.
/// Returns the number of plaintext bytes written.
pub fn decrypt(
	header: &Header,
	data_key: &SymmetricKey,
	ciphertext: &mut impl Read,
	out: &mut impl Write,
) -> Result<u64, CryptoError> {
	let header_bytes = header.to_bytes();
	let chunk = header.chunk_size as usize + TAG_SIZE;
	let mut decryptor =
		DecryptorBE32::from_aead(data_key.cipher(), header.nonce_prefix.as_slice().into());
	let mut current = vec![0u8; chunk];
	let n = fill(ciphertext, &mut current)?;
	current.truncate(n);
	let mut next = Vec::with_capacity(chunk);
	let mut written = 0u64;
	loop {
		next.resize(chunk, 0);
		let n = fill(ciphertext, &mut next)?;
		next.truncate(n);
		if next.is_empty() {
			decryptor
				.decrypt_last_in_place(&header_bytes, &mut current)
				.map_err(|_| CryptoError::Corrupted)?;
			out.write_all(&current)?;
			return Ok(written + current.len() as u64);
		}
		if current.len() != chunk {
			return Err(CryptoError::Corrupted);
		}
		decryptor
			.decrypt_next_in_place(&header_bytes, &mut current)
			.map_err(|_| CryptoError::Corrupted)?;
		out.write_all(&current)?;
		written += current.len() as u64;
		std::mem::swap(&mut current, &mut next);
	}
}

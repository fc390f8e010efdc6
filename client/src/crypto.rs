//! Client-side encryption of MedChain records (the chain never sees a key in clear).
//!
//! - Each record has a fresh random data key (DEK). The content is encrypted with
//!   XChaCha20-Poly1305 in [`CHUNK_SIZE`] chunks with the STREAM construction (big-endian 32-bit
//!   counter and last-chunk flag), so memory stays bounded whatever the file size and truncation,
//!   reordering or a flipped byte are detected.
//! - The DEK is wrapped (XChaCha20-Poly1305) under the patient's current *scope key* for the
//!   record's category, and stored in the record's header together with the patient, category
//!   and epoch. The header is the associated data of the DEK wrap and of every chunk, so a
//!   swapped header field is an error, never garbage output.
//! - Scope keys reach holders wrapped with HPKE (RFC 9180: DHKEM(X25519, HKDF-SHA256),
//!   HKDF-SHA256, ChaCha20-Poly1305) to their X25519 encryption keys: [`wrap_for`] gives the
//!   80-byte item the chain stores.
//! - A rotation stores a *link*: the previous epoch's scope key encrypted under the new one
//!   ([`link`]), so the holder of the current key can open every older record ([`walk_back`]).
//!
//! Every cipher comes from the RustCrypto and `hpke` crates.

use chacha20poly1305::{
	aead::{
		stream::{DecryptorBE32, EncryptorBE32},
		Aead, KeyInit, Payload,
	},
	XChaCha20Poly1305, XNonce,
};
use hpke::{
	aead::ChaCha20Poly1305 as HpkeChaCha, kdf::HkdfSha256, kem::X25519HkdfSha256, Deserializable,
	Kem as _, OpModeR, OpModeS, Serializable,
};
use rand::RngCore;
use std::io::{self, Read, Write};
use zeroize::{Zeroize, ZeroizeOnDrop};

/// Plaintext bytes per encrypted chunk.
pub const CHUNK_SIZE: usize = 64 * 1024;
/// Bytes an AEAD tag adds to each chunk.
pub const TAG_SIZE: usize = 16;
/// Bytes of a wrapped scope key or data key as [`wrap_for`] makes it.
pub const HPKE_WRAPPED_SIZE: usize = 32 + 32 + TAG_SIZE;
/// Bytes of a key encrypted under another key ([`link`], the DEK in a header).
pub const SEALED_KEY_SIZE: usize = 24 + 32 + TAG_SIZE;

const MAGIC: &[u8; 8] = b"MEDCHAIN";
const FORMAT_VERSION: u8 = 1;
const STREAM_NONCE_SIZE: usize = 19;
const HEADER_FIELDS_SIZE: usize = 8 + 1 + 32 + 2 + 4 + 4 + STREAM_NONCE_SIZE;
/// Bytes of a record header.
pub const HEADER_SIZE: usize = HEADER_FIELDS_SIZE + SEALED_KEY_SIZE;

const SCOPE_KEY_INFO: &[u8] = b"medchain/scope-key/v1";
const RECORD_KEY_INFO: &[u8] = b"medchain/record-key/v1";
const LINK_CONTEXT: &[u8] = b"medchain/epoch-link/v1";

/// What can go wrong opening or making encrypted material.
#[derive(Debug, thiserror::Error)]
pub enum CryptoError {
	/// A key does not open the material (or the material was made for another scope).
	#[error(
		"the key does not open this record: it is the wrong key, or the record header was modified"
	)]
	WrongKey,
	/// The ciphertext fails authentication.
	#[error("the record's ciphertext was modified or truncated")]
	Corrupted,
	/// The bytes are not a MedChain record of a known format version.
	#[error("not an encrypted MedChain record (unknown header)")]
	NotARecord,
	/// An X25519 public key is invalid.
	#[error("invalid X25519 encryption key")]
	InvalidPublicKey,
	/// A scope key of the needed epoch cannot be reached from the given key and links.
	#[error("no key for epoch {0}: the links do not reach it")]
	MissingEpoch(u32),
	/// Reading or writing failed.
	#[error(transparent)]
	Io(#[from] io::Error),
}

/// A 32-byte symmetric key (scope key or data key), wiped on drop.
#[derive(Clone, PartialEq, Eq, Zeroize, ZeroizeOnDrop)]
pub struct SymmetricKey([u8; 32]);

impl std::fmt::Debug for SymmetricKey {
	fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
		f.write_str("SymmetricKey(..)")
	}
}

impl SymmetricKey {
	/// A fresh random key.
	pub fn generate() -> Self {
		let mut key = [0u8; 32];
		rand::rng().fill_bytes(&mut key);
		Self(key)
	}

	/// The key from its bytes.
	pub fn from_bytes(bytes: [u8; 32]) -> Self {
		Self(bytes)
	}

	/// The key's bytes.
	pub fn as_bytes(&self) -> &[u8; 32] {
		&self.0
	}

	fn cipher(&self) -> XChaCha20Poly1305 {
		XChaCha20Poly1305::new((&self.0).into())
	}

	/// Encrypt `key` under this key with `aad`: nonce ‖ ciphertext ‖ tag.
	fn seal(&self, key: &SymmetricKey, aad: &[u8]) -> Vec<u8> {
		let mut nonce = [0u8; 24];
		rand::rng().fill_bytes(&mut nonce);
		let sealed = self
			.cipher()
			.encrypt(XNonce::from_slice(&nonce), Payload { msg: &key.0, aad })
			.expect("encrypting 32 bytes cannot fail");
		[&nonce[..], &sealed].concat()
	}

	/// Open what [`Self::seal`] made.
	fn open(&self, sealed: &[u8], aad: &[u8]) -> Result<SymmetricKey, CryptoError> {
		if sealed.len() != SEALED_KEY_SIZE {
			return Err(CryptoError::WrongKey);
		}
		let (nonce, ciphertext) = sealed.split_at(24);
		let mut plain = self
			.cipher()
			.decrypt(XNonce::from_slice(nonce), Payload { msg: ciphertext, aad })
			.map_err(|_| CryptoError::WrongKey)?;
		let key = <[u8; 32]>::try_from(plain.as_slice()).map_err(|_| CryptoError::WrongKey);
		plain.zeroize();
		key.map(SymmetricKey)
	}
}

/// Which scope key: the patient (account bytes), the category and the epoch.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Scope {
	/// The patient's account id.
	pub patient: [u8; 32],
	/// The record category.
	pub category: u16,
	/// The key epoch.
	pub epoch: u32,
}

impl Scope {
	fn context(&self, label: &[u8]) -> Vec<u8> {
		let mut out = label.to_vec();
		out.extend_from_slice(&self.patient);
		out.extend_from_slice(&self.category.to_le_bytes());
		out.extend_from_slice(&self.epoch.to_le_bytes());
		out
	}
}

/// An account's X25519 encryption key pair (HPKE recipient key).
#[derive(Clone)]
pub struct EncryptionKeypair {
	secret: <X25519HkdfSha256 as hpke::Kem>::PrivateKey,
	public: <X25519HkdfSha256 as hpke::Kem>::PublicKey,
}

impl std::fmt::Debug for EncryptionKeypair {
	fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
		write!(f, "EncryptionKeypair({})", hex::encode(self.public_key()))
	}
}

impl EncryptionKeypair {
	/// Derive the key pair from secret input keying material (RFC 9180 `DeriveKeyPair`).
	pub fn derive(ikm: &[u8]) -> Self {
		let (secret, public) = X25519HkdfSha256::derive_keypair(ikm);
		Self { secret, public }
	}

	/// The 32-byte X25519 public key, as published on chain.
	pub fn public_key(&self) -> [u8; 32] {
		self.public.to_bytes().into()
	}
}

fn hpke_seal(
	recipient: &[u8; 32],
	info: &[u8],
	key: &SymmetricKey,
) -> Result<Vec<u8>, CryptoError> {
	let public = <X25519HkdfSha256 as hpke::Kem>::PublicKey::from_bytes(recipient)
		.map_err(|_| CryptoError::InvalidPublicKey)?;
	let (encapped, ciphertext) =
		hpke::single_shot_seal::<HpkeChaCha, HkdfSha256, X25519HkdfSha256, _>(
			&OpModeS::Base,
			&public,
			info,
			key.as_bytes(),
			&[],
			&mut rand::rng(),
		)
		.map_err(|_| CryptoError::InvalidPublicKey)?;
	Ok([&encapped.to_bytes()[..], &ciphertext].concat())
}

fn hpke_open(
	keypair: &EncryptionKeypair,
	info: &[u8],
	wrapped: &[u8],
) -> Result<SymmetricKey, CryptoError> {
	if wrapped.len() != HPKE_WRAPPED_SIZE {
		return Err(CryptoError::WrongKey);
	}
	let (encapped, ciphertext) = wrapped.split_at(32);
	let encapped = <X25519HkdfSha256 as hpke::Kem>::EncappedKey::from_bytes(encapped)
		.map_err(|_| CryptoError::WrongKey)?;
	let mut plain = hpke::single_shot_open::<HpkeChaCha, HkdfSha256, X25519HkdfSha256>(
		&OpModeR::Base,
		&keypair.secret,
		&encapped,
		info,
		ciphertext,
		&[],
	)
	.map_err(|_| CryptoError::WrongKey)?;
	let key = <[u8; 32]>::try_from(plain.as_slice()).map_err(|_| CryptoError::WrongKey);
	plain.zeroize();
	key.map(SymmetricKey)
}

/// Wrap a scope key for the holder of the X25519 public key `recipient` (80 bytes).
pub fn wrap_for(
	recipient: &[u8; 32],
	scope: &Scope,
	key: &SymmetricKey,
) -> Result<Vec<u8>, CryptoError> {
	hpke_seal(recipient, &scope.context(SCOPE_KEY_INFO), key)
}

/// Unwrap a scope key wrapped for `keypair` by [`wrap_for`].
pub fn unwrap_for(
	keypair: &EncryptionKeypair,
	scope: &Scope,
	wrapped: &[u8],
) -> Result<SymmetricKey, CryptoError> {
	hpke_open(keypair, &scope.context(SCOPE_KEY_INFO), wrapped)
}

/// Wrap one record's data key for `recipient` (a single-record share), bound to the record's
/// binary CID.
pub fn wrap_record_key(
	recipient: &[u8; 32],
	cid: &[u8],
	key: &SymmetricKey,
) -> Result<Vec<u8>, CryptoError> {
	hpke_seal(recipient, &[RECORD_KEY_INFO, cid].concat(), key)
}

/// Unwrap a record's data key shared with `keypair` by [`wrap_record_key`].
pub fn unwrap_record_key(
	keypair: &EncryptionKeypair,
	cid: &[u8],
	wrapped: &[u8],
) -> Result<SymmetricKey, CryptoError> {
	hpke_open(keypair, &[RECORD_KEY_INFO, cid].concat(), wrapped)
}

/// The link stored with epoch `new_scope.epoch`: the previous epoch's key under the new key.
pub fn link(new_key: &SymmetricKey, new_scope: &Scope, previous: &SymmetricKey) -> Vec<u8> {
	new_key.seal(previous, &new_scope.context(LINK_CONTEXT))
}

/// From the key of `scope` (the current epoch) and the chain's links (epoch, link), the key of
/// `target` epoch (≤ the current one).
pub fn walk_back(
	current: &SymmetricKey,
	scope: &Scope,
	links: &[(u32, Vec<u8>)],
	target: u32,
) -> Result<SymmetricKey, CryptoError> {
	if target > scope.epoch {
		return Err(CryptoError::MissingEpoch(target));
	}
	let mut key = current.clone();
	for epoch in (target + 1..=scope.epoch).rev() {
		let sealed = links
			.iter()
			.find(|(e, _)| *e == epoch)
			.map(|(_, link)| link)
			.ok_or(CryptoError::MissingEpoch(epoch - 1))?;
		let at = Scope { epoch, ..*scope };
		key = key.open(sealed, &at.context(LINK_CONTEXT))?;
	}
	Ok(key)
}

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

#[cfg(test)]
mod tests {
	use super::*;

	const PATIENT: [u8; 32] = [7; 32];

	fn scope(epoch: u32) -> Scope {
		Scope { patient: PATIENT, category: 3, epoch }
	}

	fn roundtrip(len: usize) {
		let plain: Vec<u8> = (0..len).map(|i| (i * 31 % 251) as u8).collect();
		let key = SymmetricKey::generate();
		let mut sealed = Vec::new();
		let mut seen = 0u64;
		let (data_key, written) =
			encrypt(&mut plain.as_slice(), &mut sealed, scope(0), &key, |n| seen += n).unwrap();
		assert_eq!(written as usize, sealed.len());
		assert_eq!(seen as usize, len);
		let chunks = len.div_ceil(CHUNK_SIZE).max(1);
		assert_eq!(sealed.len(), HEADER_SIZE + len + chunks * TAG_SIZE);

		let mut reader = sealed.as_slice();
		let header = Header::read(&mut reader).unwrap();
		assert_eq!(header.scope, scope(0));
		assert_eq!(header.data_key(&key).unwrap(), data_key);
		let mut out = Vec::new();
		assert_eq!(decrypt(&header, &data_key, &mut reader, &mut out).unwrap() as usize, len);
		assert_eq!(out, plain);
	}

	#[test]
	fn roundtrips_at_chunk_boundaries() {
		for len in [0, 1, CHUNK_SIZE - 1, CHUNK_SIZE, CHUNK_SIZE + 1, 3 * CHUNK_SIZE, 200_000] {
			roundtrip(len);
		}
	}

	fn sealed(len: usize) -> (Vec<u8>, SymmetricKey) {
		let plain = vec![5u8; len];
		let key = SymmetricKey::generate();
		let mut out = Vec::new();
		encrypt(&mut plain.as_slice(), &mut out, scope(2), &key, |_| {}).unwrap();
		(out, key)
	}

	fn open(bytes: &[u8], key: &SymmetricKey) -> Result<Vec<u8>, CryptoError> {
		let mut reader = bytes;
		let header = Header::read(&mut reader)?;
		let data_key = header.data_key(key)?;
		let mut out = Vec::new();
		decrypt(&header, &data_key, &mut reader, &mut out)?;
		Ok(out)
	}

	#[test]
	fn flipped_byte_anywhere_is_an_error() {
		let (bytes, key) = sealed(2 * CHUNK_SIZE + 10);
		// In the body: authentication fails.
		for at in [HEADER_SIZE, HEADER_SIZE + CHUNK_SIZE + 20, bytes.len() - 1] {
			let mut bad = bytes.clone();
			bad[at] ^= 1;
			assert!(matches!(open(&bad, &key), Err(CryptoError::Corrupted)), "byte {at}");
		}
		// In the header's scope fields: the data key no longer opens.
		for at in [9, 41, 43, 60, HEADER_SIZE - 1] {
			let mut bad = bytes.clone();
			bad[at] ^= 1;
			assert!(matches!(open(&bad, &key), Err(CryptoError::WrongKey)), "byte {at}");
		}
		let mut bad = bytes.clone();
		bad[0] ^= 1;
		assert!(matches!(open(&bad, &key), Err(CryptoError::NotARecord)));
	}

	#[test]
	fn truncation_and_wrong_key_are_errors() {
		let (bytes, key) = sealed(2 * CHUNK_SIZE + 10);
		// Cut at a chunk boundary: the last chunk is missing its "last" flag.
		let cut = HEADER_SIZE + CHUNK_SIZE + TAG_SIZE;
		assert!(matches!(open(&bytes[..cut], &key), Err(CryptoError::Corrupted)));
		assert!(matches!(open(&bytes[..bytes.len() - 1], &key), Err(CryptoError::Corrupted)));
		assert!(matches!(open(&bytes[..10], &key), Err(CryptoError::NotARecord)));
		assert!(matches!(open(&bytes, &SymmetricKey::generate()), Err(CryptoError::WrongKey)));
	}

	#[test]
	fn scope_keys_reach_holders_through_hpke() {
		let doctor = EncryptionKeypair::derive(b"doctor's secret key material, 32+ bytes");
		let stranger = EncryptionKeypair::derive(b"someone else's secret key material!!");
		let key = SymmetricKey::generate();
		let wrapped = wrap_for(&doctor.public_key(), &scope(0), &key).unwrap();
		assert_eq!(wrapped.len(), HPKE_WRAPPED_SIZE);
		assert_eq!(unwrap_for(&doctor, &scope(0), &wrapped).unwrap(), key);
		assert!(matches!(unwrap_for(&stranger, &scope(0), &wrapped), Err(CryptoError::WrongKey)));
		// Bound to the scope: another epoch or category does not open.
		assert!(matches!(unwrap_for(&doctor, &scope(1), &wrapped), Err(CryptoError::WrongKey)));
		// Deterministic derivation, a valid public key.
		assert_eq!(
			EncryptionKeypair::derive(b"doctor's secret key material, 32+ bytes").public_key(),
			doctor.public_key()
		);
		assert!(medchain_primitives::is_valid_encryption_key(&doctor.public_key()));
	}

	#[test]
	fn record_keys_are_bound_to_the_cid() {
		let grantee = EncryptionKeypair::derive(b"grantee secret key material 1234567");
		let key = SymmetricKey::generate();
		let wrapped = wrap_record_key(&grantee.public_key(), b"cid-a", &key).unwrap();
		assert_eq!(unwrap_record_key(&grantee, b"cid-a", &wrapped).unwrap(), key);
		assert!(unwrap_record_key(&grantee, b"cid-b", &wrapped).is_err());
		assert!(matches!(
			wrap_record_key(&[0; 32], b"cid-a", &key),
			Err(CryptoError::InvalidPublicKey)
		));
	}

	#[test]
	fn links_walk_back_to_older_epochs() {
		let keys: Vec<SymmetricKey> = (0..4).map(|_| SymmetricKey::generate()).collect();
		let links: Vec<(u32, Vec<u8>)> = (1..4u32)
			.map(|e| (e, link(&keys[e as usize], &scope(e), &keys[e as usize - 1])))
			.collect();
		for target in 0..4 {
			assert_eq!(
				walk_back(&keys[3], &scope(3), &links, target).unwrap(),
				keys[target as usize]
			);
		}
		// An old key cannot walk forward, a missing link is reported, a wrong key fails.
		assert!(matches!(
			walk_back(&keys[1], &scope(1), &links, 2),
			Err(CryptoError::MissingEpoch(2))
		));
		assert!(matches!(
			walk_back(&keys[3], &scope(3), &links[1..], 0),
			Err(CryptoError::MissingEpoch(0))
		));
		assert!(matches!(walk_back(&keys[2], &scope(3), &links, 0), Err(CryptoError::WrongKey)));
		// A record of epoch 1 opens with the epoch-3 key through the links.
		let plain = b"older record".to_vec();
		let mut sealed = Vec::new();
		encrypt(&mut plain.as_slice(), &mut sealed, scope(1), &keys[1], |_| {}).unwrap();
		let mut reader = sealed.as_slice();
		let header = Header::read(&mut reader).unwrap();
		let epoch_key = walk_back(&keys[3], &scope(3), &links, header.scope.epoch).unwrap();
		let mut out = Vec::new();
		decrypt(&header, &header.data_key(&epoch_key).unwrap(), &mut reader, &mut out).unwrap();
		assert_eq!(out, plain);
	}
}

//! # MedChain record cryptography
//!
//! Everything MedChain encrypts, wraps or addresses on the client, with no networking: the
//! `medchain` CLI, the client library, the storage daemon and the web portal (compiled to
//! WebAssembly with wasm-bindgen) all use exactly this code.
//!
//! - [`record`]: the record format. Each record has a fresh random data key (DEK); the content
//!   is encrypted with XChaCha20-Poly1305 in [`CHUNK_SIZE`] chunks with the STREAM construction
//!   (big-endian 32-bit counter and last-chunk flag), so memory stays bounded whatever the file
//!   size, and truncation, reordering or a flipped byte are detected. The DEK is wrapped under
//!   the patient's current *scope key* for the record's category and stored in the record's
//!   [`Header`] with the patient, category and epoch; the header is the associated data of the
//!   DEK wrap and of every chunk, so a swapped header field is an error, never garbage output.
//! - [`wrap`]: scope keys and single-record data keys reach their holders wrapped with HPKE
//!   (RFC 9180: DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, ChaCha20-Poly1305) to X25519
//!   encryption keys ([`wrap_for`], [`wrap_record_key`]).
//! - [`epochs`]: a rotation stores a *link*, the previous epoch's scope key encrypted under the
//!   new one ([`link`]), so the holder of the current key opens every older record
//!   ([`walk_back`]).
//! - [`keys`]: symmetric keys (wiped on drop) and an account's X25519 encryption key pair,
//!   derived from the account's secret key ([`EncryptionKeypair::from_account_secret`]).
//! - [`cid`]: the CID `ipfs add --cid-version 1` gives content (UnixFS, raw leaves, 256 KiB
//!   chunks), computed while the bytes stream past ([`CidWriter`]).
//!
//! - [`audit`]: the read audit log's entries, leaves and hash chain, and the check of a
//!   gateway's answer against the head anchored on chain ([`audit::check`]).
//! - [`gateway`]: the message a caller signs for a hospital gateway.
//!
//! Every cipher comes from the RustCrypto and `hpke` crates, the CID from `rust-unixfs`.

pub mod audit;
pub mod cid;
pub mod epochs;
pub mod gateway;
pub mod keys;
pub mod record;
#[cfg(test)]
mod tests;
pub mod wrap;

pub use crate::cid::{content_id, CidWriter, UnixfsBlocks};
pub use epochs::{link, walk_back};
pub use keys::{fingerprint, EncryptionKeypair, Scope, SymmetricKey};
pub use record::{decrypt, encrypt, Header, CHUNK_SIZE, HEADER_SIZE};
pub use wrap::{unwrap_for, unwrap_record_key, wrap_for, wrap_record_key, HPKE_WRAPPED_SIZE};

use std::io;

/// Bytes an AEAD tag adds to each chunk.
pub const TAG_SIZE: usize = 16;
/// Bytes of a key encrypted under another key ([`link`], the DEK in a header).
pub const SEALED_KEY_SIZE: usize = 24 + 32 + TAG_SIZE;

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

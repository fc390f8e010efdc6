//! HPKE (RFC 9180) wrapping of scope keys and single-record data keys to X25519 encryption
//! keys: DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, ChaCha20-Poly1305, Auth mode. The sender's
//! key (always the patient's: only the patient makes scope keys and shares) takes part in the
//! key exchange, so a recipient opens a wrapped key only if it was made by the holder of the
//! sender key it expects: a node serving forged key material is caught.

use crate::{CryptoError, EncryptionKeypair, Scope, SymmetricKey, TAG_SIZE};
use hpke::{
	aead::ChaCha20Poly1305 as HpkeChaCha, kdf::HkdfSha256, kem::X25519HkdfSha256, Deserializable,
	OpModeR, OpModeS, Serializable,
};
use zeroize::Zeroize;

/// Bytes of a wrapped scope key or data key as [`wrap_for`] makes it.
pub const HPKE_WRAPPED_SIZE: usize = 32 + 32 + TAG_SIZE;

// Version 2: Auth mode (version 1 was Base mode).
const SCOPE_KEY_INFO: &[u8] = b"medchain/scope-key/v2";
const RECORD_KEY_INFO: &[u8] = b"medchain/record-key/v2";

type PublicKey = <X25519HkdfSha256 as hpke::Kem>::PublicKey;

fn hpke_seal(
	sender: &EncryptionKeypair,
	recipient: &[u8; 32],
	info: &[u8],
	key: &SymmetricKey,
) -> Result<Vec<u8>, CryptoError> {
	let public = PublicKey::from_bytes(recipient).map_err(|_| CryptoError::InvalidPublicKey)?;
	let (encapped, ciphertext) =
		hpke::single_shot_seal::<HpkeChaCha, HkdfSha256, X25519HkdfSha256, _>(
			&OpModeS::Auth(sender.pair()),
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
	sender: &[u8; 32],
	info: &[u8],
	wrapped: &[u8],
) -> Result<SymmetricKey, CryptoError> {
	if wrapped.len() != HPKE_WRAPPED_SIZE {
		return Err(CryptoError::WrongKey);
	}
	let sender = PublicKey::from_bytes(sender).map_err(|_| CryptoError::InvalidPublicKey)?;
	let (encapped, ciphertext) = wrapped.split_at(32);
	let encapped = <X25519HkdfSha256 as hpke::Kem>::EncappedKey::from_bytes(encapped)
		.map_err(|_| CryptoError::WrongKey)?;
	let mut plain = hpke::single_shot_open::<HpkeChaCha, HkdfSha256, X25519HkdfSha256>(
		&OpModeR::Auth(sender),
		keypair.secret(),
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

/// `sender` (the patient) wraps a scope key for the holder of the X25519 public key
/// `recipient` (80 bytes).
pub fn wrap_for(
	sender: &EncryptionKeypair,
	recipient: &[u8; 32],
	scope: &Scope,
	key: &SymmetricKey,
) -> Result<Vec<u8>, CryptoError> {
	hpke_seal(sender, recipient, &scope.context(SCOPE_KEY_INFO), key)
}

/// Unwrap a scope key wrapped for `keypair` by [`wrap_for`]; `sender` is the public key of who
/// must have wrapped it (the patient). A key wrapped by anyone else does not open.
pub fn unwrap_for(
	keypair: &EncryptionKeypair,
	sender: &[u8; 32],
	scope: &Scope,
	wrapped: &[u8],
) -> Result<SymmetricKey, CryptoError> {
	hpke_open(keypair, sender, &scope.context(SCOPE_KEY_INFO), wrapped)
}

/// `sender` (the patient) wraps one record's data key for `recipient` (a single-record share),
/// bound to the record's binary CID.
pub fn wrap_record_key(
	sender: &EncryptionKeypair,
	recipient: &[u8; 32],
	cid: &[u8],
	key: &SymmetricKey,
) -> Result<Vec<u8>, CryptoError> {
	hpke_seal(sender, recipient, &[RECORD_KEY_INFO, cid].concat(), key)
}

/// Unwrap a record's data key shared with `keypair` by [`wrap_record_key`], made by `sender`.
pub fn unwrap_record_key(
	keypair: &EncryptionKeypair,
	sender: &[u8; 32],
	cid: &[u8],
	wrapped: &[u8],
) -> Result<SymmetricKey, CryptoError> {
	hpke_open(keypair, sender, &[RECORD_KEY_INFO, cid].concat(), wrapped)
}

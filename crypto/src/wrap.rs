//! HPKE (RFC 9180) wrapping of scope keys and single-record data keys to X25519 encryption
//! keys: DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, ChaCha20-Poly1305, base mode.

use crate::{CryptoError, EncryptionKeypair, Scope, SymmetricKey, TAG_SIZE};
use hpke::{
	aead::ChaCha20Poly1305 as HpkeChaCha, kdf::HkdfSha256, kem::X25519HkdfSha256, Deserializable,
	OpModeR, OpModeS, Serializable,
};
use zeroize::Zeroize;

/// Bytes of a wrapped scope key or data key as [`wrap_for`] makes it.
pub const HPKE_WRAPPED_SIZE: usize = 32 + 32 + TAG_SIZE;

const SCOPE_KEY_INFO: &[u8] = b"medchain/scope-key/v1";
const RECORD_KEY_INFO: &[u8] = b"medchain/record-key/v1";

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

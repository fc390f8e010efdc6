//! Symmetric keys, scopes, and an account's X25519 encryption key pair.

use crate::{CryptoError, SEALED_KEY_SIZE};
use chacha20poly1305::{
	aead::{Aead, KeyInit, Payload},
	XChaCha20Poly1305, XNonce,
};
use hpke::{kem::X25519HkdfSha256, Kem as _, Serializable};
use rand::RngCore;
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

/// Domain separator in front of an account's secret when its encryption key is derived.
const ENCRYPTION_KEY_CONTEXT: &[u8] = b"medchain/encryption-key/v1";

/// A 32-byte symmetric key (scope key or data key), wiped on drop.
#[derive(Clone, PartialEq, Eq, Zeroize, ZeroizeOnDrop)]
pub struct SymmetricKey(pub(crate) [u8; 32]);

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

	pub(crate) fn cipher(&self) -> XChaCha20Poly1305 {
		XChaCha20Poly1305::new((&self.0).into())
	}

	/// Encrypt `key` under this key with `aad`: nonce ‖ ciphertext ‖ tag.
	pub(crate) fn seal(&self, key: &SymmetricKey, aad: &[u8]) -> Vec<u8> {
		let mut nonce = [0u8; 24];
		rand::rng().fill_bytes(&mut nonce);
		let sealed = self
			.cipher()
			.encrypt(XNonce::from_slice(&nonce), Payload { msg: &key.0, aad })
			.expect("encrypting 32 bytes cannot fail");
		[&nonce[..], &sealed].concat()
	}

	/// Open what [`Self::seal`] made.
	pub(crate) fn open(&self, sealed: &[u8], aad: &[u8]) -> Result<SymmetricKey, CryptoError> {
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
	pub(crate) fn context(&self, label: &[u8]) -> Vec<u8> {
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

	/// The key pair of the account whose secret key is `secret` (its raw bytes, for sr25519 the
	/// 64-byte expanded secret): the same account always has the same encryption key, and
	/// nobody without the account's secret can compute it.
	pub fn from_account_secret(secret: &[u8]) -> Self {
		let ikm = Zeroizing::new([ENCRYPTION_KEY_CONTEXT, secret].concat());
		Self::derive(&ikm)
	}

	pub(crate) fn secret(&self) -> &<X25519HkdfSha256 as hpke::Kem>::PrivateKey {
		&self.secret
	}

	/// The key pair as HPKE's Auth mode takes the sender's.
	pub(crate) fn pair(
		&self,
	) -> (<X25519HkdfSha256 as hpke::Kem>::PrivateKey, <X25519HkdfSha256 as hpke::Kem>::PublicKey)
	{
		(self.secret.clone(), self.public.clone())
	}

	/// The 32-byte X25519 public key, as published on chain.
	pub fn public_key(&self) -> [u8; 32] {
		self.public.to_bytes().into()
	}
}

/// A short fingerprint of an X25519 public key to compare by eye or over the phone: the first
/// 10 bytes of its SHA-256 in five groups of four hex digits.
pub fn fingerprint(public_key: &[u8; 32]) -> String {
	let digest = <sha2::Sha256 as sha2::Digest>::digest(public_key);
	digest[..10].chunks(2).map(hex::encode).collect::<Vec<_>>().join(" ")
}

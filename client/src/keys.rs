//! Account keys and their encryption keys, and the passphrase-protected keystore file.
//!
//! An account is an sr25519 key pair given by a secret URI: a BIP-39 mnemonic or a `0x` seed,
//! optionally followed by derivation junctions and a password (`phrase//hard/soft///password`),
//! or a development URI such as `//Alice`. Its X25519 encryption key is derived from the
//! account's secret key with HPKE's `DeriveKeyPair`, so the same account always has the same
//! encryption key and nobody without the account's secret can compute it.
//!
//! The keystore file keeps the secret URI encrypted with XChaCha20-Poly1305 under a key
//! stretched from a passphrase with scrypt.

use crate::crypto::EncryptionKeypair;
use chacha20poly1305::{
	aead::{Aead, KeyInit, Payload},
	XChaCha20Poly1305, XNonce,
};
use rand::RngCore;
use serde::{Deserialize, Serialize};
use sp_core::{sr25519, Pair as _};
use std::path::Path;
use subxt::utils::AccountId32;
use zeroize::Zeroizing;

const KEYSTORE_VERSION: u32 = 1;
/// scrypt cost of new keystore files: N = 2^17, r = 8, p = 1 (128 MiB; OWASP's minimum and the
/// scrypt crate's recommendation). The file records the cost, so files of earlier releases
/// (2^15) still open.
const SCRYPT_LOG_N: u8 = 17;
/// The cost range a keystore file may ask for: a crafted file cannot make opening it allocate
/// more than 1 GiB.
const SCRYPT_LOG_N_RANGE: std::ops::RangeInclusive<u8> = 15..=20;
/// The shortest passphrase a new keystore file accepts.
pub const MIN_PASSPHRASE: usize = 8;

/// What can go wrong with keys and keystore files.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
	/// The secret URI does not parse.
	#[error("not a valid secret URI (mnemonic, 0x seed or //dev URI): {0}")]
	InvalidUri(String),
	/// The passphrase does not open the keystore file.
	#[error("wrong passphrase for the keystore file")]
	WrongPassphrase,
	/// The passphrase is too short to protect a keystore file.
	#[error("a keystore passphrase needs at least {MIN_PASSPHRASE} characters")]
	WeakPassphrase,
	/// The keystore file is not readable as one.
	#[error("not a MedChain keystore file: {0}")]
	InvalidKeystore(String),
	/// A keystore file would replace an existing file.
	#[error("{0} exists; a keystore file never replaces another file")]
	Exists(String),
	/// Reading or writing the file failed.
	#[error("keystore file: {0}")]
	Io(#[from] std::io::Error),
}

/// An account: its sr25519 key pair, its account id and its X25519 encryption key pair.
#[derive(Clone)]
pub struct Account {
	pair: sr25519::Pair,
	id: AccountId32,
	encryption: EncryptionKeypair,
}

impl std::fmt::Debug for Account {
	fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
		write!(f, "Account({})", self.address())
	}
}

impl Account {
	/// The account of a secret URI.
	pub fn from_uri(uri: &str) -> Result<Self, KeyError> {
		let pair = sr25519::Pair::from_string(uri, None)
			.map_err(|e| KeyError::InvalidUri(format!("{e:?}")))?;
		Ok(Self::from_pair(pair))
	}

	/// A new random account and its recovery phrase (12 BIP-39 words).
	pub fn generate() -> (Self, Zeroizing<String>) {
		let (pair, phrase, _) = sr25519::Pair::generate_with_phrase(None);
		(Self::from_pair(pair), Zeroizing::new(phrase))
	}

	fn from_pair(pair: sr25519::Pair) -> Self {
		let secret = Zeroizing::new(pair.to_raw_vec());
		let encryption = EncryptionKeypair::from_account_secret(&secret);
		Self { id: AccountId32(pair.public().0), pair, encryption }
	}

	/// The sr25519 key pair (signs extrinsics and co-signatures).
	pub fn pair(&self) -> &sr25519::Pair {
		&self.pair
	}

	/// The account id.
	pub fn account_id(&self) -> AccountId32 {
		self.id
	}

	/// The account's SS58 address.
	pub fn address(&self) -> String {
		self.id.to_string()
	}

	/// The X25519 encryption key pair.
	pub fn encryption(&self) -> &EncryptionKeypair {
		&self.encryption
	}

	/// Sign `message` with the account key.
	pub fn sign(&self, message: &[u8]) -> sr25519::Signature {
		self.pair.sign(message)
	}
}

/// A keystore file: one secret URI, encrypted under a passphrase.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
pub struct KeystoreFile {
	/// Format version (1).
	pub version: u32,
	/// The account's SS58 address, readable without the passphrase.
	pub address: String,
	/// scrypt cost parameter: log2(N).
	pub scrypt_log_n: u8,
	/// scrypt salt, hex.
	pub salt: String,
	/// XChaCha20-Poly1305 nonce, hex.
	pub nonce: String,
	/// The encrypted secret URI, hex.
	pub ciphertext: String,
}

fn stretch(passphrase: &str, salt: &[u8], log_n: u8) -> Result<Zeroizing<[u8; 32]>, KeyError> {
	let params = scrypt::Params::new(log_n, 8, 1, 32)
		.map_err(|e| KeyError::InvalidKeystore(format!("scrypt parameters: {e}")))?;
	let mut key = Zeroizing::new([0u8; 32]);
	scrypt::scrypt(passphrase.as_bytes(), salt, &params, key.as_mut())
		.map_err(|e| KeyError::InvalidKeystore(format!("scrypt: {e}")))?;
	Ok(key)
}

impl KeystoreFile {
	/// Encrypt `uri` under `passphrase` (at least [`MIN_PASSPHRASE`] characters).
	pub fn seal(uri: &str, passphrase: &str) -> Result<Self, KeyError> {
		if passphrase.chars().count() < MIN_PASSPHRASE {
			return Err(KeyError::WeakPassphrase);
		}
		let account = Account::from_uri(uri)?;
		let mut salt = [0u8; 32];
		let mut nonce = [0u8; 24];
		rand::rng().fill_bytes(&mut salt);
		rand::rng().fill_bytes(&mut nonce);
		let key = stretch(passphrase, &salt, SCRYPT_LOG_N)?;
		let address = account.address();
		let ciphertext = XChaCha20Poly1305::new(key.as_ref().into())
			.encrypt(
				XNonce::from_slice(&nonce),
				Payload { msg: uri.as_bytes(), aad: address.as_bytes() },
			)
			.expect("encrypting a URI cannot fail");
		Ok(Self {
			version: KEYSTORE_VERSION,
			address,
			scrypt_log_n: SCRYPT_LOG_N,
			salt: hex::encode(salt),
			nonce: hex::encode(nonce),
			ciphertext: hex::encode(ciphertext),
		})
	}

	/// Decrypt the account with `passphrase`.
	pub fn open(&self, passphrase: &str) -> Result<Account, KeyError> {
		Ok(self.open_with_uri(passphrase)?.0)
	}

	/// Decrypt the account and its secret URI with `passphrase` (to export the account).
	pub fn open_with_uri(
		&self,
		passphrase: &str,
	) -> Result<(Account, Zeroizing<String>), KeyError> {
		if self.version != KEYSTORE_VERSION {
			return Err(KeyError::InvalidKeystore(format!("unknown version {}", self.version)));
		}
		let field = |name: &str, text: &str| {
			hex::decode(text).map_err(|_| KeyError::InvalidKeystore(format!("{name} is not hex")))
		};
		let (salt, nonce, ciphertext) = (
			field("salt", &self.salt)?,
			field("nonce", &self.nonce)?,
			field("ciphertext", &self.ciphertext)?,
		);
		if nonce.len() != 24 {
			return Err(KeyError::InvalidKeystore("nonce is not 24 bytes".into()));
		}
		if !SCRYPT_LOG_N_RANGE.contains(&self.scrypt_log_n) {
			return Err(KeyError::InvalidKeystore(format!(
				"scrypt cost 2^{} is outside 2^{}..2^{}",
				self.scrypt_log_n,
				SCRYPT_LOG_N_RANGE.start(),
				SCRYPT_LOG_N_RANGE.end()
			)));
		}
		let key = stretch(passphrase, &salt, self.scrypt_log_n)?;
		let uri = Zeroizing::new(
			XChaCha20Poly1305::new(key.as_ref().into())
				.decrypt(
					XNonce::from_slice(&nonce),
					Payload { msg: &ciphertext, aad: self.address.as_bytes() },
				)
				.map_err(|_| KeyError::WrongPassphrase)?,
		);
		let uri = Zeroizing::new(
			std::str::from_utf8(&uri)
				.map_err(|_| KeyError::InvalidKeystore("secret is not text".into()))?
				.to_string(),
		);
		let account = Account::from_uri(&uri)?;
		if account.address() != self.address {
			return Err(KeyError::InvalidKeystore("address does not match the secret".into()));
		}
		Ok((account, uri))
	}

	/// Write the file (readable by the owner only, on Unix); an existing file is never
	/// replaced ([`KeyError::Exists`]).
	pub fn save(&self, path: &Path) -> Result<(), KeyError> {
		let json = serde_json::to_vec_pretty(self).expect("a keystore file serializes");
		let mut file = crate::files::create_private(path).map_err(|error| match error.kind() {
			std::io::ErrorKind::AlreadyExists => KeyError::Exists(path.display().to_string()),
			_ => KeyError::Io(error),
		})?;
		std::io::Write::write_all(&mut file, &json)?;
		Ok(())
	}

	/// Read a file.
	pub fn load(path: &Path) -> Result<Self, KeyError> {
		let bytes = std::fs::read(path)?;
		serde_json::from_slice(&bytes).map_err(|e| KeyError::InvalidKeystore(e.to_string()))
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	const PHRASE: &str = "bottom drive obey lake curtain smoke basket hold race lonely fit walk";

	#[test]
	fn dev_uris_and_mnemonics_give_the_well_known_accounts() {
		let alice = Account::from_uri("//Alice").unwrap();
		assert_eq!(alice.address(), "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY");
		// `//Alice` is the development phrase with the `//Alice` junction.
		let same = Account::from_uri(&format!("{PHRASE}//Alice")).unwrap();
		assert_eq!(same.address(), alice.address());
		assert_eq!(same.encryption().public_key(), alice.encryption().public_key());
		let bob = Account::from_uri("//Bob").unwrap();
		assert_ne!(bob.encryption().public_key(), alice.encryption().public_key());
		assert!(medchain_primitives::is_valid_encryption_key(&alice.encryption().public_key()));
		assert!(matches!(Account::from_uri("not a phrase at all"), Err(KeyError::InvalidUri(_))));
	}

	#[test]
	fn keystore_file_roundtrip_and_wrong_passphrase() {
		let dir = tempfile::tempdir().unwrap();
		let path = dir.path().join("doctor.json");
		let uri = format!("{PHRASE}//hospital/doctor");
		KeystoreFile::seal(&uri, "correct horse").unwrap().save(&path).unwrap();
		let file = KeystoreFile::load(&path).unwrap();
		let account = file.open("correct horse").unwrap();
		assert_eq!(account.address(), Account::from_uri(&uri).unwrap().address());
		assert_eq!(file.address, account.address());
		assert!(!std::fs::read_to_string(&path).unwrap().contains("bottom"), "no plaintext phrase");
		let again = KeystoreFile::seal("//Bob", "another pass").unwrap().save(&path);
		assert!(matches!(again, Err(KeyError::Exists(_))), "an existing file stays");
		assert_eq!(KeystoreFile::load(&path).unwrap(), file, "the first account is still there");
		assert!(matches!(file.open("wrong passphrase"), Err(KeyError::WrongPassphrase)));
		let (_, exported) = file.open_with_uri("correct horse").unwrap();
		assert_eq!(*exported, uri);
		assert_eq!(file.scrypt_log_n, 17);
		// A passphrase too short to protect anything, and a crafted cost, are refused.
		assert!(matches!(KeystoreFile::seal(&uri, ""), Err(KeyError::WeakPassphrase)));
		assert!(matches!(KeystoreFile::seal(&uri, "1234567"), Err(KeyError::WeakPassphrase)));
		let mut costly = file.clone();
		costly.scrypt_log_n = 40;
		let error = costly.open("correct horse").unwrap_err().to_string();
		assert!(error.contains("scrypt cost 2^40 is outside"), "{error}");
		let mut tampered = file.clone();
		tampered.address = Account::from_uri("//Bob").unwrap().address();
		assert!(matches!(tampered.open("correct horse"), Err(KeyError::WrongPassphrase)));
	}
}

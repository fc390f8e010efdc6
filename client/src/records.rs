//! What patients and doctors do with records, combining the chain and the encryption:
//! granting consent with the scope keys it needs, revoking with a key rotation in the same
//! extrinsic, encrypting a record under the current scope key and opening any record the
//! account holds a key for.

use crate::{
	chain::{
		account_id,
		runtime::{self, runtime_types},
		Chain, ChainError, Events,
	},
	crypto::{self, CryptoError, Header, Scope, SymmetricKey},
	keys::Account,
};
use runtime_types::bounded_collections::bounded_vec::BoundedVec;
use std::io::{Read, Write};
use subxt::utils::AccountId32;

type RuntimeCall = runtime_types::medchain_runtime::RuntimeCall;
type RecordsCall = runtime_types::pallet_records::pallet::Call;

/// What can go wrong with a records operation, each as one sentence.
#[derive(Debug, thiserror::Error)]
pub enum RecordsError {
	/// The chain refused or could not be reached.
	#[error(transparent)]
	Chain(#[from] ChainError),
	/// Encrypted material does not open.
	#[error(transparent)]
	Crypto(#[from] CryptoError),
	/// An account has no encryption key on chain.
	#[error("{0} has not published an encryption key (medchain key set-encryption)")]
	NoEncryptionKey(String),
	/// The account holds no key for the patient's records of this category.
	#[error("this account holds no key for category {category} of this patient: it has no consent, or it was revoked")]
	NoKey {
		/// The category.
		category: u16,
	},
	/// The patient revoked a grantee and has not rotated the key yet.
	#[error("the patient's key for category {category} waits for a rotation after a revocation")]
	RotationPending {
		/// The category.
		category: u16,
	},
	/// Reading or writing a file failed.
	#[error(transparent)]
	Io(#[from] std::io::Error),
}

/// A current scope key as its holder sees it.
pub struct HeldKey {
	/// Patient, category and current epoch.
	pub scope: Scope,
	/// The key of the current epoch.
	pub key: SymmetricKey,
	/// Links back to earlier epochs.
	pub links: Vec<(u32, Vec<u8>)>,
	/// Whether a rotation is pending.
	pub rotation_pending: bool,
}

impl Chain {
	/// The X25519 encryption key `account` published on chain.
	pub async fn encryption_key(&self, account: &AccountId32) -> Result<[u8; 32], RecordsError> {
		let at = self.api().at_current_block().await.map_err(chain_error)?;
		let entry = at
			.storage()
			.entry(runtime::storage().roles().encryption_keys())
			.map_err(chain_error)?;
		let value = entry.try_fetch((*account,)).await.map_err(chain_error)?;
		match value {
			Some(value) => Ok(value.decode().map_err(chain_error)?),
			None => Err(RecordsError::NoEncryptionKey(account.to_string())),
		}
	}

	/// The accounts holding the current scope key of `patient`'s `category`.
	pub async fn key_holders(
		&self,
		patient: &AccountId32,
		category: u16,
	) -> Result<Vec<AccountId32>, RecordsError> {
		let at = self.api().at_current_block().await.map_err(chain_error)?;
		let entry =
			at.storage().entry(runtime::storage().records().wrapped_keys()).map_err(chain_error)?;
		let mut entries = entry.iter(((*patient, category),)).await.map_err(chain_error)?;
		let mut holders = Vec::new();
		while let Some(item) = entries.next().await {
			let item = item.map_err(chain_error)?;
			let key = item.key().map_err(chain_error)?.decode().map_err(chain_error)?;
			holders.push(key.1);
		}
		Ok(holders)
	}

	/// The scope key `who` holds for `patient`'s `category`, if any.
	pub async fn held_key(
		&self,
		who: &Account,
		patient: &AccountId32,
		category: u16,
	) -> Result<Option<HeldKey>, RecordsError> {
		let material = self
			.query(runtime::runtime_apis().records_api().key_material(
				account_id(who),
				*patient,
				category,
			))
			.await?;
		let Some(material) = material else { return Ok(None) };
		let scope = Scope { patient: patient.0, category, epoch: material.epoch };
		let key = crypto::unwrap_for(who.encryption(), &scope, &material.wrapped_key)?;
		Ok(Some(HeldKey {
			scope,
			key,
			links: material.links,
			rotation_pending: material.rotation_pending,
		}))
	}

	/// The patient's calls that open the next epoch of `category` for `holders` (the patient
	/// included), or create the first key when there is none.
	async fn rotation(
		&self,
		patient: &Account,
		category: u16,
		current: Option<&HeldKey>,
		holders: &[AccountId32],
	) -> Result<(RuntimeCall, Scope, SymmetricKey), RecordsError> {
		let scope = Scope {
			patient: patient.account_id().into(),
			category,
			epoch: current.map_or(0, |held| held.scope.epoch + 1),
		};
		let key = SymmetricKey::generate();
		let link = current.map(|held| crypto::link(&key, &scope, &held.key));
		let mut keys = Vec::with_capacity(holders.len());
		for holder in holders {
			let public = if *holder == account_id(patient) {
				patient.encryption().public_key()
			} else {
				self.encryption_key(holder).await?
			};
			keys.push((*holder, crypto::wrap_for(&public, &scope, &key)?));
		}
		let call = RuntimeCall::Records(RecordsCall::rotate_scope_key {
			category,
			link,
			keys: BoundedVec(keys),
		});
		Ok((call, scope, key))
	}

	/// `patient` gives `grantee` consent for `categories` until `expires` (inclusive), with
	/// the grantee's copies of the scope keys; a category without a key gets its first one in
	/// the same extrinsic.
	pub async fn grant(
		&self,
		patient: &Account,
		grantee: &AccountId32,
		categories: &[u16],
		expires: Option<u32>,
	) -> Result<Events, RecordsError> {
		let grantee_key = self.encryption_key(grantee).await?;
		let me = account_id(patient);
		let mut calls = Vec::new();
		let mut keys = Vec::new();
		for &category in categories {
			let (scope, key) = match self.held_key(patient, &me, category).await? {
				Some(held) if held.rotation_pending => {
					return Err(RecordsError::RotationPending { category })
				},
				Some(held) => (held.scope, held.key),
				None => {
					let (call, scope, key) =
						self.rotation(patient, category, None, std::slice::from_ref(&me)).await?;
					calls.push(call);
					(scope, key)
				},
			};
			keys.push((category, crypto::wrap_for(&grantee_key, &scope, &key)?));
		}
		calls.push(RuntimeCall::Records(RecordsCall::grant_consent {
			grantee: *grantee,
			scope: runtime_types::pallet_records::types::Scope::Categories(BoundedVec(
				categories.to_vec(),
			)),
			expires,
			keys: BoundedVec(keys),
		}));
		Ok(self.submit(&runtime::transactions().utility().batch_all(calls), patient).await?)
	}

	/// `patient` revokes `grantee`: in one extrinsic the consent ends and every scope key the
	/// grantee held moves to a new epoch that only the remaining holders receive.
	pub async fn revoke(
		&self,
		patient: &Account,
		grantee: &AccountId32,
	) -> Result<Events, RecordsError> {
		let me = account_id(patient);
		let grants = self.query(runtime::runtime_apis().records_api().grants(me)).await?;
		let key_categories = grants
			.into_iter()
			.find(|grant| grant.grantee == *grantee)
			.map(|grant| grant.key_categories)
			.unwrap_or_default();
		let mut calls =
			vec![RuntimeCall::Records(RecordsCall::revoke_consent { grantee: *grantee })];
		for category in key_categories {
			let held = self
				.held_key(patient, &me, category)
				.await?
				.ok_or(RecordsError::NoKey { category })?;
			let holders: Vec<AccountId32> = self
				.key_holders(&me, category)
				.await?
				.into_iter()
				.filter(|holder| holder != grantee)
				.collect();
			calls.push(self.rotation(patient, category, Some(&held), &holders).await?.0);
		}
		Ok(self.submit(&runtime::transactions().utility().batch_all(calls), patient).await?)
	}

	/// Encrypt a record of `patient`'s `category` from `plaintext` to `out` under the current
	/// scope key `author` holds. Returns the record's data key and the bytes written.
	pub async fn encrypt_record(
		&self,
		author: &Account,
		patient: &AccountId32,
		category: u16,
		plaintext: &mut impl Read,
		out: &mut impl Write,
		progress: impl FnMut(u64),
	) -> Result<(SymmetricKey, u64), RecordsError> {
		let held = self
			.held_key(author, patient, category)
			.await?
			.ok_or(RecordsError::NoKey { category })?;
		if held.rotation_pending {
			return Err(RecordsError::RotationPending { category });
		}
		Ok(crypto::encrypt(plaintext, out, held.scope, &held.key, progress)?)
	}

	/// Open an encrypted record read from `ciphertext` with the key `reader` holds for its
	/// patient and category (walking back to the record's epoch). Returns the plaintext bytes
	/// written.
	pub async fn open_record(
		&self,
		reader: &Account,
		ciphertext: &mut impl Read,
		out: &mut impl Write,
	) -> Result<u64, RecordsError> {
		let header = Header::read(ciphertext)?;
		let patient = AccountId32(header.scope.patient);
		let category = header.scope.category;
		let held = self
			.held_key(reader, &patient, category)
			.await?
			.ok_or(RecordsError::NoKey { category })?;
		let key = crypto::walk_back(&held.key, &held.scope, &held.links, header.scope.epoch)?;
		let data_key = header.data_key(&key)?;
		Ok(crypto::decrypt(&header, &data_key, ciphertext, out)?)
	}
}

fn chain_error(error: impl std::fmt::Display) -> RecordsError {
	RecordsError::Chain(ChainError::other(error))
}

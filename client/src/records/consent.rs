//! Consent and the scope keys it carries: granting, revoking with a rotation, and the key an
//! account holds.

use super::{Records, RecordsCall, RecordsError};
use crate::{
	chain::{
		runtime::{self, runtime_types},
		Events, RuntimeCall,
	},
	crypto::{self, Scope, SymmetricKey},
	keys::Account,
};
use runtime_types::{
	bounded_collections::bounded_vec::BoundedVec, pallet_records::types::GrantView,
};
use subxt::utils::AccountId32;

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

impl Records<'_> {
	/// The X25519 encryption key `account` published on chain.
	pub async fn encryption_key(self, account: &AccountId32) -> Result<[u8; 32], RecordsError> {
		self.chain
			.roles()
			.encryption_key(account)
			.await?
			.ok_or_else(|| RecordsError::NoEncryptionKey(account.to_string()))
	}

	/// The encryption key of `patient` as `reader` checks wrapped keys against it: the
	/// reader's own when the reader is the patient, else the one published on chain.
	pub(super) async fn patient_key(
		self,
		reader: &Account,
		patient: &AccountId32,
	) -> Result<[u8; 32], RecordsError> {
		if reader.account_id() == *patient {
			return Ok(reader.encryption().public_key());
		}
		self.encryption_key(patient).await
	}

	/// The grants `patient` gave, live or expired.
	pub async fn grants(
		self,
		patient: &AccountId32,
	) -> Result<Vec<GrantView<AccountId32, u32>>, RecordsError> {
		Ok(self.chain.query(runtime::runtime_apis().records_api().grants(*patient)).await?)
	}

	/// The accounts holding the current scope key of `patient`'s `category`.
	pub async fn key_holders(
		self,
		patient: &AccountId32,
		category: u16,
	) -> Result<Vec<AccountId32>, RecordsError> {
		let at = self.chain.at().await?;
		let entry = at
			.storage()
			.entry(runtime::storage().records().wrapped_keys())
			.map_err(RecordsError::chain)?;
		let mut entries = entry.iter(((*patient, category),)).await.map_err(RecordsError::chain)?;
		let mut holders = Vec::new();
		while let Some(item) = entries.next().await {
			let item = item.map_err(RecordsError::chain)?;
			let key =
				item.key().map_err(RecordsError::chain)?.decode().map_err(RecordsError::chain)?;
			holders.push(key.1);
		}
		Ok(holders)
	}

	/// The scope key `who` holds for `patient`'s `category`, if any.
	pub async fn held_key(
		self,
		who: &Account,
		patient: &AccountId32,
		category: u16,
	) -> Result<Option<HeldKey>, RecordsError> {
		let material = self
			.chain
			.query(runtime::runtime_apis().records_api().key_material(
				who.account_id(),
				*patient,
				category,
			))
			.await?;
		let Some(material) = material else { return Ok(None) };
		let scope = Scope { patient: patient.0, category, epoch: material.epoch };
		// Only the patient wraps scope keys: one wrapped by anyone else does not open.
		let sender = self.patient_key(who, patient).await?;
		let key = crypto::unwrap_for(who.encryption(), &sender, &scope, &material.wrapped_key)?;
		Ok(Some(HeldKey {
			scope,
			key,
			links: material.links,
			rotation_pending: material.rotation_pending,
		}))
	}

	/// The patient's call that opens the next epoch of `category` for `holders` (the patient
	/// included), or creates the first key when there is none.
	async fn rotation_call(
		self,
		patient: &Account,
		category: u16,
		current: Option<&HeldKey>,
		holders: &[AccountId32],
	) -> Result<(RuntimeCall, Scope, SymmetricKey), RecordsError> {
		let scope = Scope {
			patient: patient.account_id().0,
			category,
			epoch: current.map_or(0, |held| held.scope.epoch + 1),
		};
		let key = SymmetricKey::generate();
		let link = current.map(|held| crypto::link(&key, &scope, &held.key));
		let mut keys = Vec::with_capacity(holders.len());
		for holder in holders {
			let public = if *holder == patient.account_id() {
				patient.encryption().public_key()
			} else {
				self.encryption_key(holder).await?
			};
			keys.push((*holder, crypto::wrap_for(patient.encryption(), &public, &scope, &key)?));
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
		self,
		patient: &Account,
		grantee: &AccountId32,
		categories: &[u16],
		expires: Option<u32>,
	) -> Result<Events, RecordsError> {
		let grantee_key = self.encryption_key(grantee).await?;
		self.grant_to_key(patient, grantee, &grantee_key, categories, expires).await
	}

	/// [`Records::grant`] with the scope keys wrapped to `grantee_key`, the grantee's
	/// encryption key as the caller checked it (its fingerprint, or against the key seen at an
	/// earlier grant).
	pub async fn grant_to_key(
		self,
		patient: &Account,
		grantee: &AccountId32,
		grantee_key: &[u8; 32],
		categories: &[u16],
		expires: Option<u32>,
	) -> Result<Events, RecordsError> {
		let calls = self.grant_calls(patient, grantee, grantee_key, categories, expires).await?;
		Ok(self.chain.submit(&runtime::transactions().utility().batch_all(calls), patient).await?)
	}

	/// The calls [`Records::grant_to_key`] submits as one `utility.batch_all`: the first scope
	/// key of each category that has none, then the grant.
	pub async fn grant_calls(
		self,
		patient: &Account,
		grantee: &AccountId32,
		grantee_key: &[u8; 32],
		categories: &[u16],
		expires: Option<u32>,
	) -> Result<Vec<RuntimeCall>, RecordsError> {
		let me = patient.account_id();
		let mut calls = Vec::new();
		let mut keys = Vec::new();
		for &category in categories {
			let (scope, key) = match self.held_key(patient, &me, category).await? {
				Some(held) if held.rotation_pending => {
					return Err(RecordsError::RotationPending { category })
				},
				Some(held) => (held.scope, held.key),
				None => {
					let (call, scope, key) = self
						.rotation_call(patient, category, None, std::slice::from_ref(&me))
						.await?;
					calls.push(call);
					(scope, key)
				},
			};
			keys.push((
				category,
				crypto::wrap_for(patient.encryption(), grantee_key, &scope, &key)?,
			));
		}
		calls.push(RuntimeCall::Records(RecordsCall::grant_consent {
			grantee: *grantee,
			scope: runtime_types::pallet_records::types::Scope::Categories(BoundedVec(
				categories.to_vec(),
			)),
			expires,
			keys: BoundedVec(keys),
		}));
		Ok(calls)
	}

	/// `patient` revokes `grantee`: in one extrinsic the consent ends and every scope key the
	/// grantee held moves to a new epoch that only the remaining holders with a live grant
	/// receive.
	pub async fn revoke(
		self,
		patient: &Account,
		grantee: &AccountId32,
	) -> Result<Events, RecordsError> {
		let me = patient.account_id();
		let grants = self.grants(&me).await?;
		let key_categories = grants
			.iter()
			.find(|grant| grant.grantee == *grantee)
			.map(|grant| grant.key_categories.clone())
			.unwrap_or_default();
		let live = Self::live_grantees(&grants);
		let mut calls =
			vec![RuntimeCall::Records(RecordsCall::revoke_consent { grantee: *grantee })];
		for category in key_categories {
			calls.push(self.rotation_for(patient, category, &live, Some(grantee)).await?);
		}
		Ok(self.chain.submit(&runtime::transactions().utility().batch_all(calls), patient).await?)
	}

	/// `patient` moves the scope key of `category` to a new epoch that only the patient and
	/// the holders with a live grant receive: what a key waiting for a rotation needs after a
	/// holder's grant expired or its role ended ([`RecordsError::RotationPending`]).
	pub async fn rotate(self, patient: &Account, category: u16) -> Result<Events, RecordsError> {
		let live = Self::live_grantees(&self.grants(&patient.account_id()).await?);
		let calls = vec![self.rotation_for(patient, category, &live, None).await?];
		Ok(self.chain.submit(&runtime::transactions().utility().batch_all(calls), patient).await?)
	}

	/// The grantees whose grant still authorizes: the chain drops every other holder (grant
	/// expired, or the grantee lost its role) at a rotation.
	fn live_grantees(grants: &[GrantView<AccountId32, u32>]) -> Vec<AccountId32> {
		grants.iter().filter(|grant| grant.live).map(|grant| grant.grantee).collect()
	}

	/// The call rotating `patient`'s key of `category` to the patient and the `live` holders,
	/// without `leaving`.
	async fn rotation_for(
		self,
		patient: &Account,
		category: u16,
		live: &[AccountId32],
		leaving: Option<&AccountId32>,
	) -> Result<RuntimeCall, RecordsError> {
		let me = patient.account_id();
		let held =
			self.held_key(patient, &me, category).await?.ok_or(RecordsError::NoKey { category })?;
		let holders: Vec<AccountId32> = self
			.key_holders(&me, category)
			.await?
			.into_iter()
			.filter(|holder| *holder == me || (Some(holder) != leaving && live.contains(holder)))
			.collect();
		Ok(self.rotation_call(patient, category, Some(&held), &holders).await?.0)
	}
}

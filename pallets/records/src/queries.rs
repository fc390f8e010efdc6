//! Read-only queries behind the runtime API (`pallet-records-runtime-api`).

use crate::{
	Category, Config, Consents, CosignNonces, Epoch, EpochLinks, GrantView, History, HistoryView,
	KeyMaterial, Pallet, ProposalView, Proposals, Record, RecordDetails, RecordId, RecordStatus,
	RecordSummary, Records, ScopeKeys, ShareView, Shares, WrappedKeys, MAX_PAGE,
};
use alloc::vec::Vec;
use frame_support::{pallet_prelude::BoundedVec, traits::Get};
use frame_system::pallet_prelude::BlockNumberFor;
use medchain_primitives::{Role, RoleInspect};
use sp_runtime::{traits::One, Saturating};

impl<T: Config> Pallet<T> {
	/// Up to `limit` (at most [`MAX_PAGE`]) records of `patient`, in storage order, starting
	/// after record `start_after` (from the beginning if `None`).
	pub fn patient_records(
		patient: T::AccountId,
		start_after: Option<RecordId>,
		limit: u32,
	) -> Vec<RecordSummary<T::AccountId, BlockNumberFor<T>>> {
		let limit = limit.min(MAX_PAGE) as usize;
		let iter = match start_after {
			Some(id) => {
				Records::<T>::iter_prefix_from(&patient, Records::<T>::hashed_key_for(&patient, id))
			},
			None => Records::<T>::iter_prefix(&patient),
		};
		iter.take(limit).map(|(id, record)| Self::summary(&patient, id, record)).collect()
	}

	/// One record of `patient` with its history, shares and pending proposal.
	pub fn record_details(
		patient: T::AccountId,
		id: RecordId,
	) -> Option<RecordDetails<T::AccountId, BlockNumberFor<T>>> {
		let record = Records::<T>::get(&patient, id)?;
		let history = History::<T>::get(id)
			.unwrap_or_default()
			.into_iter()
			.map(|entry| HistoryView {
				cid: entry.cid.into_inner(),
				version: entry.version,
				replaced: entry.replaced,
			})
			.collect();
		let shares = Shares::<T>::iter_prefix(id)
			.map(|(grantee, share)| ShareView { grantee, expires: share.expires })
			.collect();
		let proposal = Proposals::<T>::get(id).map(|proposal| ProposalView {
			proposer: proposal.proposer,
			change: proposal.change.map_cid(BoundedVec::into_inner),
			expires: proposal.expires,
		});
		Some(RecordDetails {
			record: Self::summary(&patient, id, record),
			history,
			shares,
			proposal,
		})
	}

	/// The block the next transaction runs in: what the runtime API answers for.
	fn next_block() -> BlockNumberFor<T> {
		frame_system::Pallet::<T>::block_number().saturating_add(One::one())
	}

	/// The grants `patient` gave (at most [`Config::MaxGrants`]), live or not.
	pub fn grants(patient: T::AccountId) -> Vec<GrantView<T::AccountId, BlockNumberFor<T>>> {
		let next = Self::next_block();
		Consents::<T>::iter_prefix(&patient)
			.take(T::MaxGrants::get() as usize)
			.map(|(grantee, grant)| GrantView {
				live: Self::lapse(&patient, &grantee, &grant, next).is_none(),
				grantee,
				categories: grant.scope.categories(),
				expires: grant.expires,
				key_categories: grant.key_categories.into_inner(),
			})
			.collect()
	}

	/// The key material `account` needs to open `patient`'s records of `category`, if it holds
	/// the current scope key and is the patient or has a live grant. The links of at most the
	/// latest [`MAX_PAGE`] epochs are returned.
	pub fn key_material(
		account: T::AccountId,
		patient: T::AccountId,
		category: Category,
	) -> Option<KeyMaterial> {
		if account != patient {
			let grant = Consents::<T>::get(&patient, &account)?;
			if Self::lapse(&patient, &account, &grant, Self::next_block()).is_some() {
				return None;
			}
		}
		let info = ScopeKeys::<T>::get(&patient, category)?;
		let scope = (patient, category);
		let wrapped_key = WrappedKeys::<T>::get(&scope, &account)?.into_inner();
		let first = info.epoch.saturating_sub(MAX_PAGE - 1).max(1);
		let links: Vec<(Epoch, Vec<u8>)> = (first..=info.epoch)
			.filter_map(|epoch| {
				EpochLinks::<T>::get(&scope, epoch).map(|link| (epoch, link.into_inner()))
			})
			.collect();
		// A key a revoked, expired or departed grantee still holds must rotate before anyone
		// writes under it: the same rule `add_record` and updates apply.
		let rotation_pending = info.rotation_pending
			|| WrappedKeys::<T>::iter_key_prefix(&scope)
				.any(|holder| holder != scope.0 && Self::live_grant(&scope.0, &holder).is_none());
		Some(KeyMaterial { epoch: info.epoch, wrapped_key, links, rotation_pending })
	}

	/// Whether `account` may add records (and so upload their content to a gateway): it holds
	/// the Doctor role in an active hospital, unsuspended. Whose records it may add still
	/// depends on each patient's consent.
	pub fn may_add_records(account: T::AccountId) -> bool {
		T::Roles::has_role(&account, Role::Doctor)
	}

	/// Whether `account` may read record `id` of `patient` in the next block: the record is
	/// active and the account is the patient, a registered grantee whose live consent covers
	/// the category, or a registered account the record is shared with (share not expired).
	pub fn can_access(account: T::AccountId, patient: T::AccountId, id: RecordId) -> bool {
		let Some(record) = Records::<T>::get(&patient, id) else { return false };
		if record.status != RecordStatus::Active {
			return false;
		}
		if account == patient {
			return true;
		}
		if !T::Roles::is_registered(&account) {
			return false;
		}
		let next = Self::next_block();
		let consented = Consents::<T>::get(&patient, &account).is_some_and(|grant| {
			grant.scope.covers(record.category)
				&& Self::lapse(&patient, &account, &grant, next).is_none()
		});
		consented
			|| Shares::<T>::get(id, &account)
				.is_some_and(|share| share.expires.is_none_or(|expires| next <= expires))
	}

	/// The nonce the next co-signed payload of `patient` must carry.
	pub fn cosign_nonce(patient: T::AccountId) -> u64 {
		CosignNonces::<T>::get(patient)
	}

	fn summary(
		patient: &T::AccountId,
		id: RecordId,
		record: Record<T>,
	) -> RecordSummary<T::AccountId, BlockNumberFor<T>> {
		RecordSummary {
			id,
			patient: patient.clone(),
			author: record.author,
			cid: record.cid.into_inner(),
			category: record.category,
			created: record.created,
			updated: record.updated,
			version: record.version,
			status: record.status,
		}
	}
}

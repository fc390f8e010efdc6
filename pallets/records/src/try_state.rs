//! The pallet's invariants, checked by `try_state` and by the tests.

use crate::{
	is_valid_cid_v1, Config, Consents, CosignNonces, EpochLinks, GrantCount, History, NextRecordId,
	Pallet, Proposals, Quotas, RecordStatus, Records, Scope, ScopeCount, ScopeKeys, Shares,
	UsedCosignatures, WrappedKeys,
};
use frame_support::{ensure, traits::Get};

impl<T: Config> Pallet<T> {
	/// Check the pallet's invariants:
	/// - records: ids below `NextRecordId`, version ≥ 1, created ≤ updated; an active record
	///   has a valid CID and as many shares as its counter says; a deleted one has no CID, no
	///   history, no shares and no proposal;
	/// - history, shares and proposals belong to existing records; history entries are valid
	///   CIDs with versions below the record's;
	/// - grants: non-empty category lists; key categories are covered by the scope, have a
	///   scope key and a wrapped copy for the grantee;
	/// - scope keys: the holder count equals the wrapped copies, the patient holds one, every
	///   other holder has a grant listing the category; links exist exactly for epochs
	///   1..=current;
	/// - co-signature nonces: remembered payloads are below the patient's next nonce;
	/// - counters: grants and scope keys per patient match their maps and bounds; quotas stay
	///   within their bounds.
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		let next = NextRecordId::<T>::get();
		let mut owners = alloc::collections::BTreeMap::new();
		for (patient, id, record) in Records::<T>::iter() {
			ensure!(id < next, "record id not below NextRecordId");
			ensure!(owners.insert(id, patient).is_none(), "record id used twice");
			ensure!(record.version >= 1, "record version below 1");
			ensure!(record.created <= record.updated, "record updated before it was created");
			let shares = Shares::<T>::iter_prefix(id).count() as u32;
			ensure!(shares == record.shares, "share counter differs from shares");
			match record.status {
				RecordStatus::Active => ensure!(is_valid_cid_v1(&record.cid), "invalid stored CID"),
				RecordStatus::Deleted => {
					ensure!(record.cid.is_empty(), "deleted record keeps its CID");
					ensure!(!History::<T>::contains_key(id), "deleted record keeps history");
					ensure!(shares == 0, "deleted record keeps shares");
					ensure!(!Proposals::<T>::contains_key(id), "deleted record keeps a proposal");
				},
			}
			for entry in History::<T>::get(id).unwrap_or_default() {
				ensure!(is_valid_cid_v1(&entry.cid), "invalid CID in history");
				ensure!(entry.version < record.version, "history version not below record's");
			}
		}
		for (id, _) in History::<T>::iter() {
			ensure!(owners.contains_key(&id), "history of an unknown record");
		}
		for (id, _, _) in Shares::<T>::iter() {
			ensure!(owners.contains_key(&id), "share of an unknown record");
		}
		for (id, _) in Proposals::<T>::iter() {
			ensure!(owners.contains_key(&id), "proposal for an unknown record");
		}
		for (patient, grantee, grant) in Consents::<T>::iter() {
			if let Scope::Categories(list) = &grant.scope {
				ensure!(!list.is_empty(), "empty category scope");
			}
			for category in grant.key_categories.iter() {
				ensure!(grant.scope.covers(*category), "key category outside the scope");
				ensure!(ScopeKeys::<T>::contains_key(&patient, category), "key without scope key");
				ensure!(
					WrappedKeys::<T>::contains_key((&patient, *category), &grantee),
					"grant lists a key the grantee does not hold"
				);
			}
		}
		for (patient, category, info) in ScopeKeys::<T>::iter() {
			let scope = (patient.clone(), category);
			let mut holders = 0u32;
			for (holder, _) in WrappedKeys::<T>::iter_prefix(&scope) {
				holders += 1;
				if holder != patient {
					let grant = Consents::<T>::get(&patient, &holder)
						.ok_or("key holder without a grant")?;
					ensure!(grant.key_categories.contains(&category), "holder not in grant");
				}
			}
			ensure!(holders == info.holders, "holder count differs from wrapped keys");
			ensure!(WrappedKeys::<T>::contains_key(&scope, &patient), "patient lacks own key");
			let mut links = 0u32;
			for (epoch, _) in EpochLinks::<T>::iter_prefix(&scope) {
				ensure!(epoch >= 1 && epoch <= info.epoch, "link outside the epochs");
				links += 1;
			}
			ensure!(links == info.epoch, "missing epoch link");
		}
		for ((patient, category), _, _) in WrappedKeys::<T>::iter() {
			ensure!(ScopeKeys::<T>::contains_key(&patient, category), "wrapped key without scope");
		}
		for (patient, nonce, _) in UsedCosignatures::<T>::iter() {
			ensure!(nonce < CosignNonces::<T>::get(&patient), "remembered nonce not used");
		}
		for (patient, count) in GrantCount::<T>::iter() {
			ensure!(count <= T::MaxGrants::get(), "more grants than MaxGrants");
			ensure!(
				Consents::<T>::iter_prefix(&patient).count() as u32 == count,
				"grant counter differs from grants"
			);
		}
		for (patient, count) in ScopeCount::<T>::iter() {
			ensure!(count <= T::MaxScopes::get(), "more scope keys than MaxScopes");
			ensure!(
				ScopeKeys::<T>::iter_prefix(&patient).count() as u32 == count,
				"scope counter differs from scope keys"
			);
		}
		for (patient, _, _) in Consents::<T>::iter() {
			ensure!(GrantCount::<T>::contains_key(&patient), "grants without a counter");
		}
		for (_, quota) in Quotas::<T>::iter() {
			ensure!(
				quota.records <= T::MaxRecordsPerWindow::get()
					&& quota.rotations <= T::MaxRotationsPerWindow::get(),
				"quota over its bound"
			);
		}
		Ok(())
	}
}

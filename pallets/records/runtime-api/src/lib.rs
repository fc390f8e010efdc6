//! Runtime API of the MedChain records pallet.
//!
//! Read-only questions clients, storage gateways and hospital systems ask about records: a
//! patient's records (paged), one record with its history, a patient's grants, the key material
//! an account needs, whether an account may read a record now or add records at all, and the next
//! co-signature nonce.
//! The node's `records_*` JSON-RPC methods call this API.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use alloc::vec::Vec;
use codec::Codec;
pub use pallet_records::{
	Category, GrantView, HistoryView, KeyMaterial, ProposalView, RecordChange, RecordDetails,
	RecordId, RecordStatus, RecordSummary, ShareView, MAX_PAGE,
};

sp_api::decl_runtime_apis! {
	/// Queries over the records pallet.
	pub trait RecordsApi<AccountId, BlockNumber>
	where
		AccountId: Codec,
		BlockNumber: Codec,
	{
		/// Up to `limit` (at most [`MAX_PAGE`]) records of `patient`, in storage order,
		/// starting after record `start_after`.
		fn patient_records(
			patient: AccountId,
			start_after: Option<RecordId>,
			limit: u32,
		) -> Vec<RecordSummary<AccountId, BlockNumber>>;

		/// One record of `patient` with its history, shares and pending proposal.
		fn record(patient: AccountId, record: RecordId) -> Option<RecordDetails<AccountId, BlockNumber>>;

		/// The grants `patient` gave, live or expired.
		fn grants(patient: AccountId) -> Vec<GrantView<AccountId, BlockNumber>>;

		/// The key material `account` holds for `patient`'s records of `category`.
		fn key_material(account: AccountId, patient: AccountId, category: Category) -> Option<KeyMaterial>;

		/// Whether `account` may read record `record` of `patient` now.
		fn can_access(account: AccountId, patient: AccountId, record: RecordId) -> bool;

		/// The nonce `patient`'s next co-signed payload must carry.
		fn cosign_nonce(patient: AccountId) -> u64;

		/// Whether `account` may add records (an active doctor): what a gateway checks before
		/// it accepts a record's content.
		fn may_add_records(account: AccountId) -> bool;
	}
}

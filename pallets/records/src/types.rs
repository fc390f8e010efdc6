//! Types stored by the records pallet, the co-signature payload, and the read-only views the
//! runtime API returns.

use crate::{Config, RecordId};
use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	pallet_prelude::{BoundedVec, Get},
	CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound,
};
use frame_system::pallet_prelude::BlockNumberFor;
use scale_info::TypeInfo;

/// A record category (the unit of consent and of scope keys).
pub type Category = u16;
/// The number of a scope key epoch; the first key of a category is epoch 0.
pub type Epoch = u32;

/// The bounded CID type of a runtime.
pub type CidOf<T> = BoundedVec<u8, <T as Config>::MaxCidLength>;
/// A wrapped key (HPKE output, or the previous epoch key encrypted under the new one).
pub type WrappedKeyOf<T> = BoundedVec<u8, <T as Config>::MaxWrappedKeyLength>;
/// The scope type of a runtime.
pub type ScopeOf<T> = Scope<<T as Config>::MaxCategories>;
/// A bounded list of categories.
pub type CategoriesOf<T> = BoundedVec<Category, <T as Config>::MaxCategories>;
/// The previous CIDs of a record.
pub type HistoryOf<T> = BoundedVec<HistoryEntry<T>, <T as Config>::MaxHistory>;
/// The co-signature payload type of a runtime.
pub type CosignPayloadOf<T> = CosignPayload<
	<T as frame_system::Config>::AccountId,
	BlockNumberFor<T>,
	<T as frame_system::Config>::Hash,
>;

pub use medchain_primitives::COSIGN_CONTEXT;

/// What a consent grant covers.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DebugNoBound,
)]
#[scale_info(skip_type_params(MaxCategories))]
#[codec(mel_bound())]
pub enum Scope<MaxCategories: Get<u32>> {
	/// Every category.
	All,
	/// Only these categories.
	Categories(BoundedVec<Category, MaxCategories>),
}

impl<M: Get<u32>> Scope<M> {
	/// Whether the scope covers `category`.
	pub fn covers(&self, category: Category) -> bool {
		match self {
			Scope::All => true,
			Scope::Categories(list) => list.contains(&category),
		}
	}

	/// The listed categories, or `None` for [`Scope::All`].
	pub fn categories(&self) -> Option<Vec<Category>> {
		match self {
			Scope::All => None,
			Scope::Categories(list) => Some(list.to_vec()),
		}
	}
}

/// A patient's consent for one grantee.
#[derive(
	Encode, Decode, MaxEncodedLen, TypeInfo, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound())]
pub struct Grant<T: Config> {
	/// What the grant covers.
	pub scope: ScopeOf<T>,
	/// Last block in which the grant authorizes; `None`: until revoked.
	pub expires: Option<BlockNumberFor<T>>,
	/// Categories whose current scope key the grantee holds (a wrapped copy is stored for it).
	pub key_categories: CategoriesOf<T>,
	/// The grantee's role generation when the grant was given: once the grantee loses a role
	/// the grant stops authorizing.
	pub generation: u32,
	/// Whether the grantee was a doctor when the grant was given: the grant then authorizes
	/// only while it is one (not suspended, its hospital active).
	pub doctor: bool,
}

/// What one patient used of its quotas in a window.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Default,
)]
pub struct PatientQuota<BlockNumber> {
	/// First block of the window.
	pub window_start: BlockNumber,
	/// Records added for the patient in the window.
	pub records: u32,
	/// Scope keys created or rotated by the patient in the window.
	pub rotations: u32,
}

/// The current scope key of one patient and category.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Default,
)]
pub struct ScopeKeyInfo {
	/// The current epoch.
	pub epoch: Epoch,
	/// How many accounts (the patient included) hold a wrapped copy of the current key.
	pub holders: u32,
	/// A holder's consent was revoked: no record may be written under this key until the
	/// patient rotates it.
	pub rotation_pending: bool,
}

/// Lifecycle state of a record.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
)]
pub enum RecordStatus {
	/// The record is live.
	Active,
	/// The record was deleted: a tombstone without CID, history or shares.
	Deleted,
}

/// A record pointer (the patient and the id are the storage key).
#[derive(
	Encode, Decode, MaxEncodedLen, TypeInfo, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound())]
pub struct Record<T: Config> {
	/// The doctor who added it.
	pub author: T::AccountId,
	/// CIDv1 of the encrypted content; empty once deleted.
	pub cid: CidOf<T>,
	/// The record's category.
	pub category: Category,
	/// Block in which it was added.
	pub created: BlockNumberFor<T>,
	/// Block of its last change.
	pub updated: BlockNumberFor<T>,
	/// Starts at 1; increases with every update.
	pub version: u32,
	/// Active or deleted.
	pub status: RecordStatus,
	/// How many single-record shares exist.
	pub shares: u32,
}

/// A CID a record had before an update.
#[derive(
	Encode, Decode, MaxEncodedLen, TypeInfo, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound())]
pub struct HistoryEntry<T: Config> {
	/// The earlier CID.
	pub cid: CidOf<T>,
	/// The version that had this CID.
	pub version: u32,
	/// Block in which it was replaced.
	pub replaced: BlockNumberFor<T>,
}

/// A single record shared with one account: the record's data key wrapped for it.
#[derive(
	Encode, Decode, MaxEncodedLen, TypeInfo, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound())]
pub struct Share<T: Config> {
	/// The record's data key, wrapped (HPKE) to the grantee's encryption key.
	pub key: WrappedKeyOf<T>,
	/// Last block in which the share authorizes; `None`: until unshared.
	pub expires: Option<BlockNumberFor<T>>,
}

/// A change to a record that needs the doctor and the patient.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub enum RecordChange<Cid> {
	/// Replace the record's content by the content at `cid`.
	Update {
		/// The new CIDv1.
		cid: Cid,
	},
	/// Delete the record.
	Delete,
}

impl<Cid> RecordChange<Cid> {
	/// The same change with the CID converted.
	pub fn try_map_cid<Other, E>(
		self,
		f: impl FnOnce(Cid) -> Result<Other, E>,
	) -> Result<RecordChange<Other>, E> {
		Ok(match self {
			RecordChange::Update { cid } => RecordChange::Update { cid: f(cid)? },
			RecordChange::Delete => RecordChange::Delete,
		})
	}

	/// The same change with the CID converted.
	pub fn map_cid<Other>(self, f: impl FnOnce(Cid) -> Other) -> RecordChange<Other> {
		match self {
			RecordChange::Update { cid } => RecordChange::Update { cid: f(cid) },
			RecordChange::Delete => RecordChange::Delete,
		}
	}
}

/// A pending change proposed by one side (doctor or patient), waiting for the other.
#[derive(
	Encode, Decode, MaxEncodedLen, TypeInfo, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound())]
pub struct Proposal<T: Config> {
	/// Who proposed it.
	pub proposer: T::AccountId,
	/// The change.
	pub change: RecordChange<CidOf<T>>,
	/// Last block in which it can be approved.
	pub expires: BlockNumberFor<T>,
}

/// What a patient signs to let a doctor update or delete one record in a single extrinsic.
///
/// The signed message is [`COSIGN_CONTEXT`] followed by the SCALE encoding of this struct
/// ([`CosignPayload::signing_bytes`]).
#[derive(Encode, Decode, DecodeWithMemTracking, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct CosignPayload<AccountId, BlockNumber, Hash> {
	/// Hash of the chain's genesis block: a signature for another chain does not apply here.
	pub genesis_hash: Hash,
	/// The patient who signs.
	pub patient: AccountId,
	/// The doctor allowed to submit it.
	pub doctor: AccountId,
	/// The record to change.
	pub record: RecordId,
	/// The change (with the new CID for an update).
	pub change: RecordChange<Vec<u8>>,
	/// The patient's co-signature nonce; each nonce is used once, in order.
	pub nonce: u64,
	/// Last block in which the signature is valid.
	pub expires: BlockNumber,
}

impl<AccountId: Encode, BlockNumber: Encode, Hash: Encode>
	CosignPayload<AccountId, BlockNumber, Hash>
{
	/// The exact bytes the patient signs.
	pub fn signing_bytes(&self) -> Vec<u8> {
		let mut bytes = COSIGN_CONTEXT.to_vec();
		self.encode_to(&mut bytes);
		bytes
	}
}

/// A record as the runtime API reports it.
#[derive(Encode, Decode, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct RecordSummary<AccountId, BlockNumber> {
	/// The record's id.
	pub id: RecordId,
	/// Whose record it is.
	pub patient: AccountId,
	/// The doctor who added it.
	pub author: AccountId,
	/// Binary CIDv1; empty once deleted.
	pub cid: Vec<u8>,
	/// The record's category.
	pub category: Category,
	/// Block in which it was added.
	pub created: BlockNumber,
	/// Block of its last change.
	pub updated: BlockNumber,
	/// Version, from 1.
	pub version: u32,
	/// Active or deleted.
	pub status: RecordStatus,
}

/// An earlier CID of a record, as the runtime API reports it.
#[derive(Encode, Decode, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct HistoryView<BlockNumber> {
	/// The earlier CID.
	pub cid: Vec<u8>,
	/// The version that had it.
	pub version: u32,
	/// Block in which it was replaced.
	pub replaced: BlockNumber,
}

/// A single-record share, as the runtime API reports it.
#[derive(Encode, Decode, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct ShareView<AccountId, BlockNumber> {
	/// Who it is shared with.
	pub grantee: AccountId,
	/// Last block of the share, if any.
	pub expires: Option<BlockNumber>,
}

/// A pending proposal, as the runtime API reports it.
#[derive(Encode, Decode, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct ProposalView<AccountId, BlockNumber> {
	/// Who proposed it.
	pub proposer: AccountId,
	/// The proposed change.
	pub change: RecordChange<Vec<u8>>,
	/// Last block in which it can be approved.
	pub expires: BlockNumber,
}

/// One record with its history, shares and pending proposal.
#[derive(Encode, Decode, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct RecordDetails<AccountId, BlockNumber> {
	/// The record itself.
	pub record: RecordSummary<AccountId, BlockNumber>,
	/// Earlier CIDs, oldest first.
	pub history: Vec<HistoryView<BlockNumber>>,
	/// Single-record shares.
	pub shares: Vec<ShareView<AccountId, BlockNumber>>,
	/// The pending proposal, if any.
	pub proposal: Option<ProposalView<AccountId, BlockNumber>>,
}

/// A consent grant, as the runtime API reports it.
#[derive(Encode, Decode, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct GrantView<AccountId, BlockNumber> {
	/// Who received it.
	pub grantee: AccountId,
	/// The categories it covers; `None`: all of them.
	pub categories: Option<Vec<Category>>,
	/// Last block in which it authorizes, if any.
	pub expires: Option<BlockNumber>,
	/// Whether it authorizes in the next block: not expired, and the grantee still holds the
	/// roles it held when the grant was given.
	pub live: bool,
	/// Categories whose current scope key the grantee holds.
	pub key_categories: Vec<Category>,
}

/// What an account needs to open a patient's records of one category.
#[derive(Encode, Decode, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct KeyMaterial {
	/// The current epoch.
	pub epoch: Epoch,
	/// The current scope key, wrapped (HPKE) to the account's encryption key.
	pub wrapped_key: Vec<u8>,
	/// For the latest epochs `e` ≥ 1 up to the current one (at most [`crate::MAX_PAGE`]): the
	/// key of epoch `e - 1` encrypted under the key of epoch `e`, so the current key also opens
	/// older records.
	pub links: Vec<(Epoch, Vec<u8>)>,
	/// Whether the key waits for a rotation (no new record may be written under it): after a
	/// revocation, or while a holder's grant has expired or its role ended.
	pub rotation_pending: bool,
}

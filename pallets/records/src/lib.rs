//! # Records
//!
//! Pointers to patients' encrypted medical records, and the patients' consents.
//!
//! ## Overview
//!
//! Records themselves are encrypted on the client and stored off chain (IPFS). The chain keeps,
//! per record, its content identifier (CIDv1), category, author, version and timestamps, and per
//! patient the consents that say which doctor may add and read records of which categories.
//! No plaintext health data is ever stored on chain.
//!
//! This version of the pallet covers consent and adding records:
//! - [`grant_consent`](Pallet::grant_consent) / [`revoke_consent`](Pallet::revoke_consent): a
//!   patient gives a grantee a scope (all categories, or a set of them) with an optional expiry
//!   block, and takes it back at any time. An expired grant stops authorizing without anyone
//!   acting.
//! - [`add_record`](Pallet::add_record): a doctor whose live consent covers the category adds a
//!   record for the patient.
//!
//! ## Terminology
//!
//! - **CID**: a CIDv1 in binary form, parsed and validated on submission; at most
//!   [`Config::MaxCidLength`] bytes.
//! - **Category**: a number that names a kind of record (for example lab results); the
//!   consortium agrees on the list, the chain only compares them.
//! - **Scope**: the categories a grant covers: [`Scope::All`] or [`Scope::Categories`].
//!
//! Roles are checked through [`medchain_primitives::RoleInspect`]; the pallet never reads the
//! roles pallet's storage.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::pallet_prelude::*;
use frame_system::pallet_prelude::*;
use medchain_primitives::{Role, RoleInspect};
use scale_info::TypeInfo;

pub use pallet::*;
pub use weights::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod weights;

/// Identifier of a record, unique on the chain.
pub type RecordId = u64;
/// A record category (scope unit).
pub type Category = u16;

/// Longest CID the runtime accepts, in bytes: version, codec, and a multihash of up to 64 bytes
/// with its varint header.
pub const MAX_CID_LENGTH: u32 = 80;

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
	/// The record was deleted; its CID is gone from state.
	Deleted,
}

/// A record pointer.
#[derive(
	Encode, Decode, MaxEncodedLen, TypeInfo, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound())]
pub struct Record<T: Config> {
	/// Whose record it is.
	pub patient: T::AccountId,
	/// Who added it.
	pub author: T::AccountId,
	/// CIDv1 of the encrypted content.
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
}

/// The bounded CID type of a runtime.
pub type CidOf<T> = BoundedVec<u8, <T as Config>::MaxCidLength>;
/// The scope type of a runtime.
pub type ScopeOf<T> = Scope<<T as Config>::MaxCategories>;
/// The grant type of a runtime.
pub type GrantOf<T> = Grant<T>;
/// The record type of a runtime.
pub type RecordOf<T> = Record<T>;

/// Whether `bytes` are exactly one binary CIDv1, with nothing before or after it.
pub fn is_valid_cid_v1(bytes: &[u8]) -> bool {
	let mut reader = bytes;
	match cid::Cid::read_bytes(&mut reader) {
		Ok(cid) => cid.version() == cid::Version::V1 && reader.is_empty(),
		Err(_) => false,
	}
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// Who holds which role.
		type Roles: RoleInspect<Self::AccountId>;
		/// Longest CID, in bytes.
		#[pallet::constant]
		type MaxCidLength: Get<u32>;
		/// Most categories one grant may list.
		#[pallet::constant]
		type MaxCategories: Get<u32>;
		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;
	}

	/// The id the next record gets.
	#[pallet::storage]
	pub type NextRecordId<T> = StorageValue<_, RecordId, ValueQuery>;

	/// Record pointers by id.
	#[pallet::storage]
	pub type Records<T: Config> = StorageMap<_, Twox64Concat, RecordId, RecordOf<T>>;

	/// Consents: patient, grantee → grant.
	#[pallet::storage]
	pub type Consents<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		Blake2_128Concat,
		T::AccountId,
		GrantOf<T>,
	>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// `patient` gave `grantee` access to `scope` until `expires` (inclusive).
		ConsentGranted {
			patient: T::AccountId,
			grantee: T::AccountId,
			scope: ScopeOf<T>,
			expires: Option<BlockNumberFor<T>>,
		},
		/// `patient` took back `grantee`'s access.
		ConsentRevoked { patient: T::AccountId, grantee: T::AccountId },
		/// `author` added record `record` for `patient`.
		RecordAdded {
			record: RecordId,
			patient: T::AccountId,
			author: T::AccountId,
			category: Category,
			cid: CidOf<T>,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The caller does not hold the role this call needs.
		NotAuthorized,
		/// The account is not a registered patient.
		NotAPatient,
		/// A patient cannot grant consent to themselves.
		SelfGrant,
		/// A category list must not be empty.
		EmptyScope,
		/// The expiry block has passed already.
		ExpiryInPast,
		/// The patient has no consent for this grantee.
		NoConsent,
		/// The grantee's consent expired.
		ConsentExpired,
		/// The grantee's consent does not cover this category.
		CategoryNotCovered,
		/// The bytes are not a valid binary CIDv1.
		MalformedCid,
		/// No record id is left.
		RecordIdOverflow,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Give `grantee` access to the caller's records in `scope`, replacing an earlier grant.
		///
		/// - Origin: signed by a patient.
		/// - `grantee`: the account that receives access (a doctor, to add and read records).
		/// - `scope`: all categories, or a non-empty list of categories.
		/// - `expires`: last block in which the grant authorizes, or `None` for no expiry.
		///
		/// Emits [`Event::ConsentGranted`].
		///
		/// Errors: [`Error::NotAPatient`], [`Error::SelfGrant`], [`Error::EmptyScope`],
		/// [`Error::ExpiryInPast`].
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::grant_consent())]
		pub fn grant_consent(
			origin: OriginFor<T>,
			grantee: T::AccountId,
			scope: ScopeOf<T>,
			expires: Option<BlockNumberFor<T>>,
		) -> DispatchResult {
			let patient = ensure_signed(origin)?;
			ensure!(T::Roles::has_role(&patient, Role::Patient), Error::<T>::NotAPatient);
			ensure!(patient != grantee, Error::<T>::SelfGrant);
			if let Scope::Categories(list) = &scope {
				ensure!(!list.is_empty(), Error::<T>::EmptyScope);
			}
			if let Some(expires) = expires {
				ensure!(
					expires >= frame_system::Pallet::<T>::block_number(),
					Error::<T>::ExpiryInPast
				);
			}
			Consents::<T>::insert(&patient, &grantee, Grant { scope: scope.clone(), expires });
			Self::deposit_event(Event::ConsentGranted { patient, grantee, scope, expires });
			Ok(())
		}

		/// Take back `grantee`'s access to the caller's records.
		///
		/// - Origin: signed (the patient who granted).
		/// - `grantee`: whose access ends.
		///
		/// Emits [`Event::ConsentRevoked`].
		///
		/// Errors: [`Error::NoConsent`].
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::revoke_consent())]
		pub fn revoke_consent(origin: OriginFor<T>, grantee: T::AccountId) -> DispatchResult {
			let patient = ensure_signed(origin)?;
			ensure!(Consents::<T>::contains_key(&patient, &grantee), Error::<T>::NoConsent);
			Consents::<T>::remove(&patient, &grantee);
			Self::deposit_event(Event::ConsentRevoked { patient, grantee });
			Ok(())
		}

		/// Add a record for `patient`.
		///
		/// - Origin: signed by a doctor whose live consent from `patient` covers `category`.
		/// - `patient`: whose record it is.
		/// - `cid`: binary CIDv1 of the encrypted content.
		/// - `category`: the record's category.
		///
		/// Emits [`Event::RecordAdded`].
		///
		/// Errors: [`Error::NotAuthorized`] (not a doctor), [`Error::NotAPatient`],
		/// [`Error::MalformedCid`], [`Error::NoConsent`], [`Error::ConsentExpired`],
		/// [`Error::CategoryNotCovered`], [`Error::RecordIdOverflow`].
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::add_record())]
		pub fn add_record(
			origin: OriginFor<T>,
			patient: T::AccountId,
			cid: CidOf<T>,
			category: Category,
		) -> DispatchResult {
			let author = ensure_signed(origin)?;
			ensure!(T::Roles::has_role(&author, Role::Doctor), Error::<T>::NotAuthorized);
			ensure!(T::Roles::has_role(&patient, Role::Patient), Error::<T>::NotAPatient);
			ensure!(is_valid_cid_v1(&cid), Error::<T>::MalformedCid);
			Self::ensure_consent(&patient, &author, category)?;
			let record = NextRecordId::<T>::get();
			let next = record.checked_add(1).ok_or(Error::<T>::RecordIdOverflow)?;
			let now = frame_system::Pallet::<T>::block_number();
			Records::<T>::insert(
				record,
				Record {
					patient: patient.clone(),
					author: author.clone(),
					cid: cid.clone(),
					category,
					created: now,
					updated: now,
					version: 1,
					status: RecordStatus::Active,
				},
			);
			NextRecordId::<T>::put(next);
			Self::deposit_event(Event::RecordAdded { record, patient, author, category, cid });
			Ok(())
		}
	}
}

impl<T: Config> Pallet<T> {
	/// Check that `patient` has a live grant for `grantee` covering `category`.
	pub fn ensure_consent(
		patient: &T::AccountId,
		grantee: &T::AccountId,
		category: Category,
	) -> DispatchResult {
		let grant = Consents::<T>::get(patient, grantee).ok_or(Error::<T>::NoConsent)?;
		if let Some(expires) = grant.expires {
			ensure!(
				frame_system::Pallet::<T>::block_number() <= expires,
				Error::<T>::ConsentExpired
			);
		}
		ensure!(grant.scope.covers(category), Error::<T>::CategoryNotCovered);
		Ok(())
	}

	/// Check the pallet's invariants: every record id is below `NextRecordId`, every active
	/// record has a valid CID, every deleted record has none, versions start at 1.
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		let next = NextRecordId::<T>::get();
		for (id, record) in Records::<T>::iter() {
			ensure!(id < next, "record id not below NextRecordId");
			ensure!(record.version >= 1, "record version below 1");
			ensure!(record.created <= record.updated, "record updated before it was created");
			match record.status {
				RecordStatus::Active => ensure!(is_valid_cid_v1(&record.cid), "invalid stored CID"),
				RecordStatus::Deleted => ensure!(record.cid.is_empty(), "deleted record keeps CID"),
			}
		}
		for (_, _, grant) in Consents::<T>::iter() {
			if let Scope::Categories(list) = grant.scope {
				ensure!(!list.is_empty(), "empty category scope");
			}
		}
		Ok(())
	}
}

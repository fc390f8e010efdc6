//! # Records
//!
//! Pointers to patients' encrypted medical records, the patients' consents, and the key material
//! that lets consented accounts open them.
//!
//! ## Overview
//!
//! Records are encrypted on the client and stored off chain (IPFS). The chain keeps, per record,
//! its content identifier (CIDv1), category, author, version, timestamps and earlier CIDs; per
//! patient the consents that say which accounts may add and read records of which categories;
//! and the wrapped (encrypted) scope keys the clients exchange. No plaintext health data and no
//! key in clear is ever stored on chain.
//!
//! - Consent: [`grant_consent`](Pallet::grant_consent) and
//!   [`revoke_consent`](Pallet::revoke_consent) by the patient; an expired grant stops authorizing
//!   without anyone acting. A grant carries the grantee's wrapped copies of the patient's scope
//!   keys; a revocation marks the scope keys the grantee held as waiting for rotation, and
//!   [`rotate_scope_key`](Pallet::rotate_scope_key) opens the next epoch (the CLI sends both in
//!   one `utility.batch_all`).
//! - Single-record shares: [`share_record`](Pallet::share_record) and
//!   [`unshare_record`](Pallet::unshare_record).
//! - Add: [`add_record`](Pallet::add_record), by a doctor whose live consent covers the category
//!   and who holds the category's current scope key.
//! - Update and delete need the doctor AND the patient, in one of two ways:
//!   - [`cosigned_change`](Pallet::cosigned_change): the doctor submits the change together with
//!     the patient's signature over a [`CosignPayload`] (bound to the genesis hash, the doctor,
//!     the record, the change, the patient's co-signature nonce and an expiry block);
//!   - [`propose_change`](Pallet::propose_change) by one side,
//!     [`approve_change`](Pallet::approve_change) by the other before the proposal expires;
//!     [`cancel_change`](Pallet::cancel_change) withdraws it.
//!
//!   An update keeps the replaced CID in the record's history (at most [`Config::MaxHistory`]
//!   entries: when full, the oldest entry leaves state with a [`Event::HistoryPruned`] event; the
//!   [`Event::RecordUpdated`] events in the blocks keep the complete trail) and ends the
//!   record's single-record shares (each wraps the data key of the replaced content; the
//!   patient shares the new version again if wanted). A delete leaves a
//!   tombstone: the CID, the history and the shares (key material) leave state, and
//!   [`Event::RecordDeleted`] lists every CID so storage nodes unpin and collect the ciphertext.
//!   Old blocks still hold old state: erasure comes from destroying the ciphertext.
//!
//! ## Terminology
//!
//! - **CID**: a CIDv1 in binary form, parsed and validated on submission; at most
//!   [`Config::MaxCidLength`] bytes.
//! - **Category**: a number that names a kind of record (for example lab results); the
//!   consortium agrees on the list, the chain only compares them.
//! - **Scope**: the categories a grant covers: [`Scope::All`] or [`Scope::Categories`].
//! - **Scope key, epoch**: per patient and category, a symmetric key known only to the clients;
//!   each record's data key is wrapped under the current one. A rotation starts a new epoch and
//!   stores the previous key encrypted under the new one (a *link*), so current holders can open
//!   older records while a revoked grantee cannot open anything written after the rotation.
//! - **Holder**: an account with a wrapped copy of a scope key: the patient and the grantees the
//!   patient gave it to.
//! - **Co-signature nonce**: per patient, counts the co-signed changes applied; each signed
//!   payload must carry the next one.
//!
//! - **Live grant**: a grant that has not expired, whose grantee is still registered, has not
//!   lost a role since the grant was given (its role *generation* is unchanged) and, if it was
//!   given to a doctor, is still an active, unsuspended doctor, and whose patient is still a
//!   patient. Only live grants authorize; a rotation drops every holder whose grant is no
//!   longer live, and while such an ex-holder still holds the current key no record is written
//!   under it ([`Error::RotationPending`]).
//!   [`prune_expired_grant`](Pallet::prune_expired_grant) lets anyone remove a grant that is no
//!   longer live.
//!
//! ## Bounds
//!
//! Everything one account can grow is bounded: [`Config::MaxGrants`] grants and
//! [`Config::MaxScopes`] scope keys per patient; per patient and [`Config::QuotaWindow`], at
//! most [`Config::MaxRecordsPerWindow`] records added and [`Config::MaxRotationsPerWindow`]
//! scope keys created or rotated (each rotation adds one epoch link); proposals live at most
//! [`Config::MaxProposalLifetime`] blocks and co-signatures at most
//! [`Config::MaxCosignValidity`]. Every call returns its actual weight when it fails: the
//! declared weight without the writes a failed call never makes.
//!
//! Roles are checked through [`medchain_primitives::RoleInspect`]; the pallet never reads the
//! roles pallet's storage.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use alloc::{collections::BTreeSet, vec::Vec};
use frame_support::{dispatch::DispatchResultWithPostInfo, pallet_prelude::*, traits::Get};
use frame_system::pallet_prelude::*;
use medchain_primitives::{Role, RoleInspect};
use sp_runtime::{
	traits::{Hash, IdentifyAccount, Verify, Zero},
	Saturating,
};

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
mod queries;
#[cfg(test)]
mod tests;
// Not behind `try-runtime`: the runtime's tests check the invariants too.
mod try_state;
mod types;
pub mod weights;

/// Identifier of a record, unique on the chain.
pub type RecordId = u64;

/// Longest CID the runtime accepts, in bytes: version, codec, and a multihash of up to 64 bytes
/// with its varint header.
pub const MAX_CID_LENGTH: u32 = 80;

/// Longest wrapped key the runtime accepts, in bytes. An HPKE-wrapped 32-byte key with X25519
/// and an AEAD takes 80 bytes; a link (24-byte nonce, key, tag) 72.
pub const MAX_WRAPPED_KEY_LENGTH: u32 = 128;

/// How many used co-signature nonces per patient are remembered to tell a replay from a stale
/// nonce.
pub const REMEMBERED_NONCES: u64 = 16;

/// Largest page the runtime API returns.
pub use medchain_primitives::MAX_PAGE;

/// Whether `bytes` are exactly one binary CIDv1, with nothing before or after it.
pub fn is_valid_cid_v1(bytes: &[u8]) -> bool {
	let mut reader = bytes;
	match cid::Cid::read_bytes(&mut reader) {
		Ok(cid) => cid.version() == cid::Version::V1 && reader.is_empty(),
		Err(_) => false,
	}
}

/// Creates real co-signatures for benchmarks.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId, Signature> {
	/// An account whose key can sign (created on first use).
	fn signer() -> AccountId;
	/// `signer`'s signature over `message`.
	fn sign(signer: &AccountId, message: &[u8]) -> Signature;
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// Who holds which role.
		type Roles: RoleInspect<Self::AccountId>;
		/// Signature of a patient's co-signature (the runtime's `MultiSignature`).
		type Signature: Verify<Signer = Self::Signer> + Parameter;
		/// The public key type behind an account.
		type Signer: IdentifyAccount<AccountId = Self::AccountId>;
		/// Longest CID, in bytes.
		#[pallet::constant]
		type MaxCidLength: Get<u32>;
		/// Most categories one grant may list.
		#[pallet::constant]
		type MaxCategories: Get<u32>;
		/// Most earlier CIDs kept per record.
		#[pallet::constant]
		type MaxHistory: Get<u32>;
		/// Most holders of one scope key (the patient included).
		#[pallet::constant]
		type MaxKeyHolders: Get<u32>;
		/// Most single-record shares per record.
		#[pallet::constant]
		type MaxShares: Get<u32>;
		/// Longest wrapped key, in bytes.
		#[pallet::constant]
		type MaxWrappedKeyLength: Get<u32>;
		/// Most grants (consents) one patient may have at a time.
		#[pallet::constant]
		type MaxGrants: Get<u32>;
		/// Most categories with a scope key one patient may have.
		#[pallet::constant]
		type MaxScopes: Get<u32>;
		/// Length of a quota window, in blocks. Must not be zero.
		#[pallet::constant]
		type QuotaWindow: Get<BlockNumberFor<Self>>;
		/// Most records added for one patient per window.
		#[pallet::constant]
		type MaxRecordsPerWindow: Get<u32>;
		/// Most scope keys one patient may create or rotate per window.
		#[pallet::constant]
		type MaxRotationsPerWindow: Get<u32>;
		/// Longest a proposed change may wait for approval, in blocks.
		#[pallet::constant]
		type MaxProposalLifetime: Get<BlockNumberFor<Self>>;
		/// Longest a patient's co-signature may stay valid, in blocks.
		#[pallet::constant]
		type MaxCosignValidity: Get<BlockNumberFor<Self>>;
		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;
		/// Creates signatures for benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId, Self::Signature>;
	}

	/// The id the next record gets.
	#[pallet::storage]
	pub type NextRecordId<T> = StorageValue<_, RecordId, ValueQuery>;

	/// Record pointers: patient, id → record.
	#[pallet::storage]
	pub type Records<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Twox64Concat, RecordId, Record<T>>;

	/// Earlier CIDs of updated records, oldest first.
	#[pallet::storage]
	pub type History<T: Config> = StorageMap<_, Twox64Concat, RecordId, HistoryOf<T>>;

	/// Single-record shares: record, grantee → share.
	#[pallet::storage]
	pub type Shares<T: Config> =
		StorageDoubleMap<_, Twox64Concat, RecordId, Blake2_128Concat, T::AccountId, Share<T>>;

	/// Pending two-step changes, one per record.
	#[pallet::storage]
	pub type Proposals<T: Config> = StorageMap<_, Twox64Concat, RecordId, Proposal<T>>;

	/// Consents: patient, grantee → grant.
	#[pallet::storage]
	pub type Consents<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		Blake2_128Concat,
		T::AccountId,
		Grant<T>,
	>;

	/// Current scope key of a patient and category.
	#[pallet::storage]
	pub type ScopeKeys<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Twox64Concat, Category, ScopeKeyInfo>;

	/// Wrapped copies of the current scope keys: (patient, category), holder → wrapped key.
	#[pallet::storage]
	pub type WrappedKeys<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		(T::AccountId, Category),
		Blake2_128Concat,
		T::AccountId,
		WrappedKeyOf<T>,
	>;

	/// Links: (patient, category), epoch `e` → the key of epoch `e - 1` encrypted under the key
	/// of epoch `e`.
	#[pallet::storage]
	pub type EpochLinks<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		(T::AccountId, Category),
		Twox64Concat,
		Epoch,
		WrappedKeyOf<T>,
	>;

	/// How many grants each patient has.
	#[pallet::storage]
	pub type GrantCount<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, u32, ValueQuery>;

	/// How many categories with a scope key each patient has.
	#[pallet::storage]
	pub type ScopeCount<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, u32, ValueQuery>;

	/// What each patient used of its quotas in its latest window.
	#[pallet::storage]
	pub type Quotas<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, PatientQuota<BlockNumberFor<T>>, ValueQuery>;

	/// The next co-signature nonce of each patient.
	#[pallet::storage]
	pub type CosignNonces<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, u64, ValueQuery>;

	/// Hashes of the last [`REMEMBERED_NONCES`] co-signed payloads of each patient, by nonce.
	#[pallet::storage]
	pub type UsedCosignatures<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Twox64Concat, u64, T::Hash>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// `patient` gave `grantee` access to `scope` until `expires` (inclusive); the grantee
		/// holds the current scope keys of `key_categories`.
		ConsentGranted {
			patient: T::AccountId,
			grantee: T::AccountId,
			scope: ScopeOf<T>,
			expires: Option<BlockNumberFor<T>>,
			key_categories: CategoriesOf<T>,
		},
		/// `patient` took back `grantee`'s access; the scope keys of `rotation_pending` wait for
		/// a rotation.
		ConsentRevoked {
			patient: T::AccountId,
			grantee: T::AccountId,
			rotation_pending: CategoriesOf<T>,
		},
		/// `patient` opened `epoch` of the scope key of `category`, held by `holders` accounts.
		ScopeKeyRotated { patient: T::AccountId, category: Category, epoch: Epoch, holders: u32 },
		/// `author` added record `record` for `patient`.
		RecordAdded {
			patient: T::AccountId,
			record: RecordId,
			author: T::AccountId,
			category: Category,
			cid: CidOf<T>,
		},
		/// Record `record` of `patient` now points at `cid` (`version`); `previous_cid` went to
		/// its history. `doctor` and the patient both approved.
		RecordUpdated {
			patient: T::AccountId,
			record: RecordId,
			doctor: T::AccountId,
			cid: CidOf<T>,
			previous_cid: CidOf<T>,
			version: u32,
		},
		/// The history of `record` was full: its oldest entry, `cid`, left state.
		HistoryPruned { patient: T::AccountId, record: RecordId, cid: CidOf<T> },
		/// Record `record` of `patient` was deleted with `doctor`'s and the patient's approval;
		/// `cid` and `history` are the CIDs storage nodes should unpin.
		RecordDeleted {
			patient: T::AccountId,
			record: RecordId,
			doctor: T::AccountId,
			cid: CidOf<T>,
			history: BoundedVec<CidOf<T>, T::MaxHistory>,
		},
		/// `patient` shared record `record` with `grantee` until `expires` (inclusive).
		RecordShared {
			patient: T::AccountId,
			record: RecordId,
			grantee: T::AccountId,
			expires: Option<BlockNumberFor<T>>,
		},
		/// `patient` stopped sharing record `record` with `grantee`.
		RecordUnshared { patient: T::AccountId, record: RecordId, grantee: T::AccountId },
		/// `proposer` proposed `change` to record `record` of `patient`, approvable until
		/// `expires` (inclusive).
		ChangeProposed {
			patient: T::AccountId,
			record: RecordId,
			proposer: T::AccountId,
			change: RecordChange<CidOf<T>>,
			expires: BlockNumberFor<T>,
		},
		/// `approver` approved the pending change to record `record` of `patient`; the change
		/// was applied.
		ChangeApproved { patient: T::AccountId, record: RecordId, approver: T::AccountId },
		/// `by` withdrew the pending change to record `record` of `patient`.
		ChangeCancelled { patient: T::AccountId, record: RecordId, by: T::AccountId },
		/// A co-signed change of `patient` with `nonce` was applied.
		CosignatureUsed { patient: T::AccountId, nonce: u64 },
		/// `by` removed `patient`'s grant to `grantee`, which was no longer live; the scope keys
		/// of `rotation_pending` wait for a rotation.
		ConsentPruned {
			patient: T::AccountId,
			grantee: T::AccountId,
			by: T::AccountId,
			rotation_pending: CategoriesOf<T>,
		},
		/// A rotation by `patient` of `category` dropped `holder`, whose grant was no longer
		/// live.
		KeyHolderDropped { patient: T::AccountId, category: Category, holder: T::AccountId },
		/// `patient` invalidated every co-signature it gave so far; the next one must carry
		/// `next_nonce`.
		CosignaturesInvalidated { patient: T::AccountId, next_nonce: u64 },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The caller may not do this.
		NotAuthorized,
		/// The account is not a registered patient.
		NotAPatient,
		/// The account holds no role.
		UnknownAccount,
		/// A patient cannot grant or share to themselves.
		SelfGrant,
		/// A category list must not be empty.
		EmptyScope,
		/// A category is listed twice.
		DuplicateCategory,
		/// The expiry block has passed already.
		ExpiryInPast,
		/// A grant cannot drop categories whose scope key the grantee holds; revoke first.
		ScopeNarrowed,
		/// A grantee can hold the scope keys of at most `MaxCategories` categories.
		TooManyCategories,
		/// The patient has no consent for this grantee.
		NoConsent,
		/// The grantee's consent expired.
		ConsentExpired,
		/// The grantee's consent does not cover this category.
		CategoryNotCovered,
		/// The bytes are not a valid binary CIDv1.
		MalformedCid,
		/// The CID is longer than `MaxCidLength`.
		CidTooLong,
		/// The update does not change the CID.
		SameCid,
		/// A wrapped key is empty.
		MalformedKey,
		/// A wrapped key is longer than `MaxWrappedKeyLength`.
		KeyTooLong,
		/// The patient has no scope key for this category yet.
		NoScopeKey,
		/// The scope key waits for a rotation after a revocation.
		RotationPending,
		/// The doctor does not hold the category's current scope key.
		NotKeyHolder,
		/// The scope key has `MaxKeyHolders` holders already.
		TooManyKeyHolders,
		/// A rotation must give a new key to exactly the current holders (and a first key only
		/// to the patient).
		HolderMismatch,
		/// A rotation of an existing key needs the link to the previous epoch.
		LinkMissing,
		/// The first key of a category has no previous epoch to link to.
		UnexpectedLink,
		/// The epoch counter is exhausted.
		EpochOverflow,
		/// No record with this id belongs to this patient.
		UnknownRecord,
		/// The record was deleted.
		AlreadyDeleted,
		/// The record has `MaxShares` shares already.
		TooManyShares,
		/// The record is not shared with this account.
		NoShare,
		/// No record id is left.
		RecordIdOverflow,
		/// The signature is not the patient's signature over this payload.
		WrongSigner,
		/// The payload was signed for another chain.
		WrongGenesis,
		/// The signed payload's expiry block has passed.
		CosignatureExpired,
		/// This co-signed payload was applied already.
		Replayed,
		/// The nonce was used by another co-signed payload.
		StaleNonce,
		/// The nonce is ahead of the patient's next co-signature nonce.
		FutureNonce,
		/// The record has no pending change.
		NoProposal,
		/// The record has a pending change already.
		ProposalPending,
		/// The pending change expired.
		ProposalExpired,
		/// The pending change differs from the one being approved.
		ProposalMismatch,
		/// The grantee no longer holds the roles it held when the grant was given.
		ConsentLapsed,
		/// The grant is still live: only the patient can end it.
		ConsentLive,
		/// The patient has `MaxGrants` grants already.
		TooManyGrants,
		/// The patient has `MaxScopes` scope keys already.
		TooManyScopes,
		/// `MaxRecordsPerWindow` records were added for this patient in this window.
		RecordQuotaExhausted,
		/// The patient created or rotated `MaxRotationsPerWindow` scope keys in this window.
		RotationQuotaExhausted,
		/// The expiry block lies further ahead than the pallet allows.
		ExpiryTooFar,
		/// The co-signature nonce is exhausted.
		NonceOverflow,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxKeyHolders::get() >= 1, "MaxKeyHolders must hold the patient");
			assert!(T::MaxWrappedKeyLength::get() >= 1);
			assert!(T::MaxCidLength::get() >= 36, "MaxCidLength must fit a SHA-256 CIDv1");
			assert!(T::MaxCategories::get() >= 1);
			assert!(T::MaxGrants::get() >= 1 && T::MaxScopes::get() >= 1);
			assert!(!T::QuotaWindow::get().is_zero(), "QuotaWindow must not be zero");
			assert!(T::MaxRecordsPerWindow::get() >= 1 && T::MaxRotationsPerWindow::get() >= 1);
			assert!(T::MaxGrants::get() <= MAX_PAGE, "grants are returned in one page");
		}

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
		/// - `grantee`: a registered account (a doctor, to add and read records).
		/// - `scope`: all categories, or a non-empty list of distinct categories.
		/// - `expires`: last block in which the grant authorizes, or `None` for no expiry.
		/// - `keys`: the grantee's wrapped copies of the current scope keys of covered
		///   categories (each category must have a scope key without a pending rotation). A
		///   replacing grant must still cover every category whose key the grantee holds.
		///
		/// Emits [`Event::ConsentGranted`].
		///
		/// Errors: [`Error::NotAPatient`], [`Error::SelfGrant`], [`Error::UnknownAccount`],
		/// [`Error::EmptyScope`], [`Error::DuplicateCategory`], [`Error::ExpiryInPast`],
		/// [`Error::ScopeNarrowed`], [`Error::CategoryNotCovered`], [`Error::NoScopeKey`],
		/// [`Error::RotationPending`], [`Error::MalformedKey`], [`Error::KeyTooLong`],
		/// [`Error::TooManyKeyHolders`], [`Error::TooManyCategories`], [`Error::TooManyGrants`].
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::grant_consent(keys.len() as u32))]
		pub fn grant_consent(
			origin: OriginFor<T>,
			grantee: T::AccountId,
			scope: ScopeOf<T>,
			expires: Option<BlockNumberFor<T>>,
			keys: BoundedVec<(Category, Vec<u8>), T::MaxCategories>,
		) -> DispatchResultWithPostInfo {
			let declared = T::WeightInfo::grant_consent(keys.len() as u32);
			let writes = 1 + 2 * keys.len() as u64;
			Self::failing_cheaply(declared, writes, move || {
				let patient = ensure_signed(origin)?;
				ensure!(T::Roles::has_role(&patient, Role::Patient), Error::<T>::NotAPatient);
				ensure!(patient != grantee, Error::<T>::SelfGrant);
				ensure!(T::Roles::is_registered(&grantee), Error::<T>::UnknownAccount);
				if let Scope::Categories(list) = &scope {
					ensure!(!list.is_empty(), Error::<T>::EmptyScope);
					ensure!(Self::distinct(list.iter()), Error::<T>::DuplicateCategory);
				}
				Self::ensure_future(expires)?;
				let existing = Consents::<T>::get(&patient, &grantee);
				let new_grant = existing.is_none();
				let mut key_categories = match existing {
					Some(old) => {
						ensure!(
							old.key_categories.iter().all(|c| scope.covers(*c)),
							Error::<T>::ScopeNarrowed
						);
						old.key_categories
					},
					None => {
						ensure!(
							GrantCount::<T>::get(&patient) < T::MaxGrants::get(),
							Error::<T>::TooManyGrants
						);
						BoundedVec::new()
					},
				};
				ensure!(Self::distinct(keys.iter().map(|(c, _)| c)), Error::<T>::DuplicateCategory);
				for (category, key) in keys {
					ensure!(scope.covers(category), Error::<T>::CategoryNotCovered);
					let key = Self::wrapped_key(key)?;
					let mut info =
						ScopeKeys::<T>::get(&patient, category).ok_or(Error::<T>::NoScopeKey)?;
					ensure!(!info.rotation_pending, Error::<T>::RotationPending);
					if !key_categories.contains(&category) {
						ensure!(
							info.holders < T::MaxKeyHolders::get(),
							Error::<T>::TooManyKeyHolders
						);
						info.holders += 1;
						key_categories
							.try_push(category)
							.map_err(|_| Error::<T>::TooManyCategories)?;
						ScopeKeys::<T>::insert(&patient, category, info);
					}
					WrappedKeys::<T>::insert((&patient, category), &grantee, key);
				}
				if new_grant {
					GrantCount::<T>::mutate(&patient, |count| *count += 1);
				}
				Consents::<T>::insert(
					&patient,
					&grantee,
					Grant {
						scope: scope.clone(),
						expires,
						key_categories: key_categories.clone(),
						generation: T::Roles::generation(&grantee),
						doctor: T::Roles::has_role(&grantee, Role::Doctor),
					},
				);
				Self::deposit_event(Event::ConsentGranted {
					patient,
					grantee,
					scope,
					expires,
					key_categories,
				});
				Ok(())
			})
		}

		/// Take back `grantee`'s access to the caller's records.
		///
		/// The grantee's wrapped scope keys are removed, and every scope key it held waits for
		/// a rotation ([`Pallet::rotate_scope_key`]) before new records can be written under it.
		/// What the grantee could read before stays readable to it: it may have kept the keys.
		///
		/// - Origin: signed (the patient who granted).
		/// - `grantee`: whose access ends.
		///
		/// Emits [`Event::ConsentRevoked`].
		///
		/// Errors: [`Error::NoConsent`].
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::revoke_consent())]
		pub fn revoke_consent(
			origin: OriginFor<T>,
			grantee: T::AccountId,
		) -> DispatchResultWithPostInfo {
			let declared = T::WeightInfo::revoke_consent();
			let writes = 33;
			Self::failing_cheaply(declared, writes, move || {
				let patient = ensure_signed(origin)?;
				let grant = Consents::<T>::get(&patient, &grantee).ok_or(Error::<T>::NoConsent)?;
				let rotation_pending = Self::end_grant(&patient, &grantee, grant);
				Self::deposit_event(Event::ConsentRevoked { patient, grantee, rotation_pending });
				Ok(())
			})
		}

		/// Add a record for `patient`.
		///
		/// - Origin: signed by a doctor whose live consent from `patient` covers `category` and
		///   who holds the category's current scope key (no rotation pending).
		/// - `patient`: whose record it is.
		/// - `cid`: binary CIDv1 of the encrypted content.
		/// - `category`: the record's category.
		///
		/// Emits [`Event::RecordAdded`].
		///
		/// Errors: [`Error::NotAuthorized`] (not a doctor), [`Error::NotAPatient`],
		/// [`Error::CidTooLong`], [`Error::MalformedCid`], [`Error::NoConsent`],
		/// [`Error::ConsentExpired`], [`Error::CategoryNotCovered`], [`Error::NoScopeKey`],
		/// [`Error::RotationPending`], [`Error::NotKeyHolder`], [`Error::RecordIdOverflow`],
		/// [`Error::RecordQuotaExhausted`], [`Error::ConsentLapsed`].
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::add_record())]
		pub fn add_record(
			origin: OriginFor<T>,
			patient: T::AccountId,
			cid: Vec<u8>,
			category: Category,
		) -> DispatchResultWithPostInfo {
			let declared = T::WeightInfo::add_record();
			let writes = 2;
			Self::failing_cheaply(declared, writes, move || {
				let author = ensure_signed(origin)?;
				ensure!(T::Roles::has_role(&patient, Role::Patient), Error::<T>::NotAPatient);
				let cid = Self::cid(cid)?;
				Self::ensure_writer(&patient, &author, category)?;
				Self::use_quota(&patient, false)?;
				let record = NextRecordId::<T>::get();
				let next = record.checked_add(1).ok_or(Error::<T>::RecordIdOverflow)?;
				let now = frame_system::Pallet::<T>::block_number();
				Records::<T>::insert(
					&patient,
					record,
					Record {
						author: author.clone(),
						cid: cid.clone(),
						category,
						created: now,
						updated: now,
						version: 1,
						status: RecordStatus::Active,
						shares: 0,
					},
				);
				NextRecordId::<T>::put(next);
				Self::deposit_event(Event::RecordAdded { patient, record, author, category, cid });
				Ok(())
			})
		}

		/// Open a new epoch of the caller's scope key for `category` (or create its first key).
		///
		/// - Origin: signed by a patient.
		/// - `category`: the scope.
		/// - `link`: the previous epoch's key encrypted under the new key; `None` only when the
		///   category has no key yet.
		/// - `keys`: the new key wrapped for each holder. A first key goes to the patient alone;
		///   a rotation gives one copy to the patient and to each current holder whose grant is
		///   still live, and to no one else: holders whose grant expired or lapsed are dropped
		///   (their grant no longer lists the category). Grantees join through
		///   [`Pallet::grant_consent`] and leave through [`Pallet::revoke_consent`].
		///
		/// Counts towards the patient's rotations of the window; a first key also towards its
		/// scope keys.
		///
		/// Emits [`Event::KeyHolderDropped`] for each dropped holder, then
		/// [`Event::ScopeKeyRotated`].
		///
		/// Errors: [`Error::NotAPatient`], [`Error::UnexpectedLink`], [`Error::LinkMissing`],
		/// [`Error::HolderMismatch`], [`Error::MalformedKey`], [`Error::KeyTooLong`],
		/// [`Error::EpochOverflow`], [`Error::TooManyScopes`],
		/// [`Error::RotationQuotaExhausted`].
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::rotate_scope_key(T::MaxKeyHolders::get()))]
		pub fn rotate_scope_key(
			origin: OriginFor<T>,
			category: Category,
			link: Option<Vec<u8>>,
			keys: BoundedVec<(T::AccountId, Vec<u8>), T::MaxKeyHolders>,
		) -> DispatchResultWithPostInfo {
			// Weighed for every holder: holders the rotation drops are written too.
			let declared = T::WeightInfo::rotate_scope_key(T::MaxKeyHolders::get());
			let writes = 2 + keys.len() as u64;
			Self::failing_cheaply(declared, writes, move || {
				let patient = ensure_signed(origin)?;
				ensure!(T::Roles::has_role(&patient, Role::Patient), Error::<T>::NotAPatient);
				let scope = (patient.clone(), category);
				let keys = keys
					.into_iter()
					.map(|(holder, key)| Ok((holder, Self::wrapped_key(key)?)))
					.collect::<Result<Vec<_>, Error<T>>>()?;
				ensure!(
					Self::distinct(keys.iter().map(|(who, _)| who)),
					Error::<T>::HolderMismatch
				);
				let (info, link, dropped) = match ScopeKeys::<T>::get(&patient, category) {
					None => {
						ensure!(link.is_none(), Error::<T>::UnexpectedLink);
						ensure!(
							keys.len() == 1 && keys[0].0 == patient,
							Error::<T>::HolderMismatch
						);
						ensure!(
							ScopeCount::<T>::get(&patient) < T::MaxScopes::get(),
							Error::<T>::TooManyScopes
						);
						ScopeCount::<T>::mutate(&patient, |count| *count += 1);
						let first = ScopeKeyInfo { epoch: 0, holders: 1, rotation_pending: false };
						(first, None, Vec::new())
					},
					Some(info) => {
						let link = Self::wrapped_key(link.ok_or(Error::<T>::LinkMissing)?)?;
						// The new key goes to exactly the patient and every holder whose grant
						// is still live; the others are dropped.
						let (kept, dropped): (Vec<_>, Vec<_>) =
							WrappedKeys::<T>::iter_key_prefix(&scope).partition(|holder| {
								*holder == patient || Self::live_grant(&patient, holder).is_some()
							});
						ensure!(
							keys.len() == kept.len()
								&& keys.iter().all(|(who, _)| kept.contains(who)),
							Error::<T>::HolderMismatch
						);
						let epoch = info.epoch.checked_add(1).ok_or(Error::<T>::EpochOverflow)?;
						let next = ScopeKeyInfo {
							epoch,
							holders: kept.len() as u32,
							rotation_pending: false,
						};
						(next, Some(link), dropped)
					},
				};
				Self::use_quota(&patient, true)?;
				for holder in dropped {
					WrappedKeys::<T>::remove(&scope, &holder);
					Consents::<T>::mutate_exists(&patient, &holder, |grant| {
						if let Some(grant) = grant {
							grant.key_categories.retain(|c| *c != category);
						}
					});
					Self::deposit_event(Event::KeyHolderDropped {
						patient: patient.clone(),
						category,
						holder,
					});
				}
				if let Some(link) = link {
					EpochLinks::<T>::insert(&scope, info.epoch, link);
				}
				for (holder, key) in keys {
					WrappedKeys::<T>::insert(&scope, holder, key);
				}
				ScopeKeys::<T>::insert(&patient, category, info);
				Self::deposit_event(Event::ScopeKeyRotated {
					patient,
					category,
					epoch: info.epoch,
					holders: info.holders,
				});
				Ok(())
			})
		}

		/// Share one of the caller's records with `grantee`, replacing an earlier share.
		///
		/// - Origin: signed (the record's patient).
		/// - `record`: the record.
		/// - `grantee`: a registered account other than the patient.
		/// - `key`: the record's data key wrapped to the grantee's encryption key.
		/// - `expires`: last block of the share, or `None`.
		///
		/// Emits [`Event::RecordShared`].
		///
		/// Errors: [`Error::UnknownRecord`], [`Error::AlreadyDeleted`], [`Error::SelfGrant`],
		/// [`Error::UnknownAccount`], [`Error::ExpiryInPast`], [`Error::MalformedKey`],
		/// [`Error::KeyTooLong`], [`Error::TooManyShares`].
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::share_record())]
		pub fn share_record(
			origin: OriginFor<T>,
			record: RecordId,
			grantee: T::AccountId,
			key: Vec<u8>,
			expires: Option<BlockNumberFor<T>>,
		) -> DispatchResultWithPostInfo {
			let declared = T::WeightInfo::share_record();
			let writes = 2;
			Self::failing_cheaply(declared, writes, move || {
				let patient = ensure_signed(origin)?;
				let mut stored = Self::active_record(&patient, record)?;
				ensure!(patient != grantee, Error::<T>::SelfGrant);
				ensure!(T::Roles::is_registered(&grantee), Error::<T>::UnknownAccount);
				Self::ensure_future(expires)?;
				let key = Self::wrapped_key(key)?;
				if !Shares::<T>::contains_key(record, &grantee) {
					ensure!(stored.shares < T::MaxShares::get(), Error::<T>::TooManyShares);
					stored.shares += 1;
					Records::<T>::insert(&patient, record, stored);
				}
				Shares::<T>::insert(record, &grantee, Share { key, expires });
				Self::deposit_event(Event::RecordShared { patient, record, grantee, expires });
				Ok(())
			})
		}

		/// Stop sharing one of the caller's records with `grantee`.
		///
		/// - Origin: signed (the record's patient).
		/// - `record`, `grantee`: the share to remove.
		///
		/// Emits [`Event::RecordUnshared`].
		///
		/// Errors: [`Error::UnknownRecord`], [`Error::NoShare`].
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::unshare_record())]
		pub fn unshare_record(
			origin: OriginFor<T>,
			record: RecordId,
			grantee: T::AccountId,
		) -> DispatchResultWithPostInfo {
			let declared = T::WeightInfo::unshare_record();
			let writes = 2;
			Self::failing_cheaply(declared, writes, move || {
				let patient = ensure_signed(origin)?;
				let mut stored =
					Records::<T>::get(&patient, record).ok_or(Error::<T>::UnknownRecord)?;
				ensure!(Shares::<T>::contains_key(record, &grantee), Error::<T>::NoShare);
				Shares::<T>::remove(record, &grantee);
				stored.shares = stored.shares.saturating_sub(1);
				Records::<T>::insert(&patient, record, stored);
				Self::deposit_event(Event::RecordUnshared { patient, record, grantee });
				Ok(())
			})
		}

		/// Update or delete a record in one extrinsic, with the patient's co-signature.
		///
		/// - Origin: signed by `payload.doctor`, a doctor whose live consent covers the record's
		///   category (and, for an update, who holds its current scope key).
		/// - `payload`: what the patient signed; its nonce must be the patient's next
		///   co-signature nonce.
		/// - `signature`: the patient's signature over [`CosignPayload::signing_bytes`].
		///
		/// Emits [`Event::RecordUpdated`] (and [`Event::HistoryPruned`] when the history was
		/// full) or [`Event::RecordDeleted`], then [`Event::CosignatureUsed`].
		///
		/// Errors: [`Error::WrongSigner`], [`Error::WrongGenesis`],
		/// [`Error::CosignatureExpired`], [`Error::ExpiryTooFar`] (valid for longer than
		/// [`Config::MaxCosignValidity`]), [`Error::NonceOverflow`], [`Error::NotAPatient`],
		/// [`Error::Replayed`], [`Error::StaleNonce`],
		/// [`Error::FutureNonce`], [`Error::NotAuthorized`], [`Error::UnknownRecord`],
		/// [`Error::AlreadyDeleted`], [`Error::CidTooLong`], [`Error::MalformedCid`],
		/// [`Error::SameCid`], and the consent and scope key errors of
		/// [`Pallet::add_record`].
		#[pallet::call_index(6)]
		#[pallet::weight(match payload.change {
			RecordChange::Update { .. } => Pallet::<T>::with_share_removal(T::WeightInfo::cosigned_update()),
			RecordChange::Delete => T::WeightInfo::cosigned_delete(),
		})]
		pub fn cosigned_change(
			origin: OriginFor<T>,
			payload: CosignPayloadOf<T>,
			signature: T::Signature,
		) -> DispatchResultWithPostInfo {
			let declared = match payload.change {
				RecordChange::Update { .. } => {
					Pallet::<T>::with_share_removal(T::WeightInfo::cosigned_update())
				},
				RecordChange::Delete => T::WeightInfo::cosigned_delete(),
			};
			let writes = match payload.change {
				RecordChange::Update { .. } => 5,
				RecordChange::Delete => 21,
			};
			Self::failing_cheaply(declared, writes, move || {
				let doctor = ensure_signed(origin)?;
				// Bound the work before hashing and verifying: the CID is the only unbounded part.
				if let RecordChange::Update { cid } = &payload.change {
					ensure!(cid.len() as u32 <= T::MaxCidLength::get(), Error::<T>::CidTooLong);
				}
				let message = payload.signing_bytes();
				ensure!(signature.verify(&message[..], &payload.patient), Error::<T>::WrongSigner);
				ensure!(
					payload.genesis_hash
						== frame_system::Pallet::<T>::block_hash(BlockNumberFor::<T>::zero()),
					Error::<T>::WrongGenesis
				);
				let now = frame_system::Pallet::<T>::block_number();
				ensure!(payload.expires >= now, Error::<T>::CosignatureExpired);
				ensure!(
					payload.expires <= now.saturating_add(T::MaxCosignValidity::get()),
					Error::<T>::ExpiryTooFar
				);
				let patient = payload.patient;
				let next = CosignNonces::<T>::get(&patient);
				let digest = T::Hashing::hash(&message);
				if payload.nonce < next {
					return Err(if UsedCosignatures::<T>::get(&patient, payload.nonce)
						== Some(digest)
					{
						Error::<T>::Replayed
					} else {
						Error::<T>::StaleNonce
					}
					.into());
				}
				ensure!(payload.nonce == next, Error::<T>::FutureNonce);
				ensure!(doctor == payload.doctor, Error::<T>::NotAuthorized);
				let change = payload.change.try_map_cid(Self::cid)?;
				Self::apply_change(&patient, payload.record, &doctor, change)?;
				CosignNonces::<T>::insert(
					&patient,
					next.checked_add(1).ok_or(Error::<T>::NonceOverflow)?,
				);
				UsedCosignatures::<T>::insert(&patient, next, digest);
				if let Some(forgotten) = next.checked_sub(REMEMBERED_NONCES) {
					UsedCosignatures::<T>::remove(&patient, forgotten);
				}
				Self::deposit_event(Event::CosignatureUsed { patient, nonce: next });
				Ok(())
			})
		}

		/// Propose an update or a delete of a record, for the other side to approve.
		///
		/// - Origin: signed by the patient, or by a doctor whose live consent covers the
		///   record's category (and, for an update, who holds its current scope key).
		/// - `patient`, `record`: the record.
		/// - `change`: the update (with its new CID) or the delete.
		/// - `expires`: last block in which the proposal can be approved.
		///
		/// A record has at most one pending proposal; an expired one is replaced.
		///
		/// Emits [`Event::ChangeProposed`].
		///
		/// Errors: [`Error::UnknownRecord`], [`Error::AlreadyDeleted`],
		/// [`Error::ExpiryInPast`], [`Error::ExpiryTooFar`] (beyond
		/// [`Config::MaxProposalLifetime`]), [`Error::NotAPatient`], [`Error::CidTooLong`],
		/// [`Error::MalformedCid`], [`Error::SameCid`], [`Error::ProposalPending`], and for a doctor
		/// [`Error::NotAuthorized`] and the consent and scope key errors of
		/// [`Pallet::add_record`].
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::propose_change())]
		pub fn propose_change(
			origin: OriginFor<T>,
			patient: T::AccountId,
			record: RecordId,
			change: RecordChange<Vec<u8>>,
			expires: BlockNumberFor<T>,
		) -> DispatchResultWithPostInfo {
			let declared = T::WeightInfo::propose_change();
			let writes = 1;
			Self::failing_cheaply(declared, writes, move || {
				let proposer = ensure_signed(origin)?;
				let stored = Self::active_record(&patient, record)?;
				Self::ensure_future(Some(expires))?;
				ensure!(
					expires
						<= frame_system::Pallet::<T>::block_number()
							.saturating_add(T::MaxProposalLifetime::get()),
					Error::<T>::ExpiryTooFar
				);
				ensure!(T::Roles::has_role(&patient, Role::Patient), Error::<T>::NotAPatient);
				let change = change.try_map_cid(Self::cid)?;
				if let RecordChange::Update { cid } = &change {
					ensure!(*cid != stored.cid, Error::<T>::SameCid);
				}
				if proposer != patient {
					Self::ensure_doctor_may(&patient, &proposer, stored.category, &change)?;
				}
				if let Some(pending) = Proposals::<T>::get(record) {
					ensure!(Self::passed(pending.expires), Error::<T>::ProposalPending);
				}
				Proposals::<T>::insert(
					record,
					Proposal { proposer: proposer.clone(), change: change.clone(), expires },
				);
				Self::deposit_event(Event::ChangeProposed {
					patient,
					record,
					proposer,
					change,
					expires,
				});
				Ok(())
			})
		}

		/// Approve the pending change to a record, which applies it.
		///
		/// - Origin: signed by the other side: the patient when a doctor proposed; a doctor whose
		///   live consent covers the category (and, for an update, who holds its current scope
		///   key) when the patient proposed.
		/// - `patient`, `record`: the record.
		/// - `change`: the change being approved; it must equal the pending one.
		///
		/// Emits [`Event::ChangeApproved`] and the events of the change ([`Event::RecordUpdated`]
		/// and maybe [`Event::HistoryPruned`], or [`Event::RecordDeleted`]).
		///
		/// Errors: [`Error::NoProposal`], [`Error::ProposalExpired`],
		/// [`Error::ProposalMismatch`], [`Error::NotAuthorized`], [`Error::UnknownRecord`],
		/// and the consent and scope key errors of [`Pallet::add_record`].
		#[pallet::call_index(8)]
		#[pallet::weight(match change {
			RecordChange::Update { .. } => Pallet::<T>::with_share_removal(T::WeightInfo::approve_update()),
			RecordChange::Delete => T::WeightInfo::approve_delete(),
		})]
		pub fn approve_change(
			origin: OriginFor<T>,
			patient: T::AccountId,
			record: RecordId,
			change: RecordChange<Vec<u8>>,
		) -> DispatchResultWithPostInfo {
			let declared = match change {
				RecordChange::Update { .. } => {
					Pallet::<T>::with_share_removal(T::WeightInfo::approve_update())
				},
				RecordChange::Delete => T::WeightInfo::approve_delete(),
			};
			let writes = match change {
				RecordChange::Update { .. } => 3,
				RecordChange::Delete => 19,
			};
			Self::failing_cheaply(declared, writes, move || {
				let approver = ensure_signed(origin)?;
				ensure!(Records::<T>::contains_key(&patient, record), Error::<T>::UnknownRecord);
				let proposal = Proposals::<T>::get(record).ok_or(Error::<T>::NoProposal)?;
				ensure!(!Self::passed(proposal.expires), Error::<T>::ProposalExpired);
				ensure!(
					change.try_map_cid(Self::cid).ok().as_ref() == Some(&proposal.change),
					Error::<T>::ProposalMismatch
				);
				let doctor = match (proposal.proposer == patient, approver == patient) {
					(true, false) => approver.clone(),
					(false, true) => proposal.proposer,
					_ => return Err(Error::<T>::NotAuthorized.into()),
				};
				Self::apply_change(&patient, record, &doctor, proposal.change)?;
				Self::deposit_event(Event::ChangeApproved { patient, record, approver });
				Ok(())
			})
		}

		/// Withdraw the pending change to a record.
		///
		/// - Origin: signed by the proposer or by the patient.
		/// - `patient`, `record`: the record.
		///
		/// Emits [`Event::ChangeCancelled`].
		///
		/// Errors: [`Error::UnknownRecord`], [`Error::NoProposal`], [`Error::NotAuthorized`].
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::cancel_change())]
		pub fn cancel_change(
			origin: OriginFor<T>,
			patient: T::AccountId,
			record: RecordId,
		) -> DispatchResultWithPostInfo {
			let declared = T::WeightInfo::cancel_change();
			let writes = 1;
			Self::failing_cheaply(declared, writes, move || {
				let by = ensure_signed(origin)?;
				ensure!(Records::<T>::contains_key(&patient, record), Error::<T>::UnknownRecord);
				let proposal = Proposals::<T>::get(record).ok_or(Error::<T>::NoProposal)?;
				ensure!(by == patient || by == proposal.proposer, Error::<T>::NotAuthorized);
				Proposals::<T>::remove(record);
				Self::deposit_event(Event::ChangeCancelled { patient, record, by });
				Ok(())
			})
		}

		/// Remove a grant that no longer authorizes (expired, or its grantee lost a role since
		/// it was given), as [`Pallet::revoke_consent`] would: the grantee's wrapped scope keys
		/// go and those keys wait for a rotation.
		///
		/// - Origin: signed by any account that may transact.
		/// - `patient`, `grantee`: the grant.
		///
		/// Emits [`Event::ConsentPruned`].
		///
		/// Errors: [`Error::NoConsent`], [`Error::ConsentLive`].
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::prune_expired_grant())]
		pub fn prune_expired_grant(
			origin: OriginFor<T>,
			patient: T::AccountId,
			grantee: T::AccountId,
		) -> DispatchResultWithPostInfo {
			let declared = T::WeightInfo::prune_expired_grant();
			Self::failing_cheaply(declared, 33, move || {
				let by = ensure_signed(origin)?;
				let grant = Consents::<T>::get(&patient, &grantee).ok_or(Error::<T>::NoConsent)?;
				ensure!(Self::live_grant(&patient, &grantee).is_none(), Error::<T>::ConsentLive);
				let rotation_pending = Self::end_grant(&patient, &grantee, grant);
				Self::deposit_event(Event::ConsentPruned {
					patient,
					grantee,
					by,
					rotation_pending,
				});
				Ok(())
			})
		}

		/// Invalidate every co-signature the caller gave so far (signed but not yet applied):
		/// the caller's co-signature nonce moves on by one.
		///
		/// - Origin: signed (a patient, or anyone: only the caller's own nonce changes).
		///
		/// Emits [`Event::CosignaturesInvalidated`].
		///
		/// Errors: [`Error::NonceOverflow`].
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::invalidate_cosignatures())]
		pub fn invalidate_cosignatures(origin: OriginFor<T>) -> DispatchResultWithPostInfo {
			let declared = T::WeightInfo::invalidate_cosignatures();
			Self::failing_cheaply(declared, 1, move || {
				let patient = ensure_signed(origin)?;
				let next_nonce = CosignNonces::<T>::get(&patient)
					.checked_add(1)
					.ok_or(Error::<T>::NonceOverflow)?;
				CosignNonces::<T>::insert(&patient, next_nonce);
				Self::deposit_event(Event::CosignaturesInvalidated { patient, next_nonce });
				Ok(())
			})
		}
	}
}

impl<T: Config> Pallet<T> {
	/// Run a call's body; on failure report the declared weight without its writes.
	fn failing_cheaply(
		declared: Weight,
		writes: u64,
		body: impl FnOnce() -> DispatchResult,
	) -> DispatchResultWithPostInfo {
		medchain_primitives::failing_cheaply(declared, writes, T::DbWeight::get(), body)
	}

	/// Why `grant` of `patient` to `grantee` does not authorize at block `at`, if it does not.
	fn lapse(
		patient: &T::AccountId,
		grantee: &T::AccountId,
		grant: &Grant<T>,
		at: BlockNumberFor<T>,
	) -> Option<Error<T>> {
		if grant.expires.is_some_and(|expires| at > expires) {
			Some(Error::<T>::ConsentExpired)
		} else if !T::Roles::is_registered(grantee)
			|| T::Roles::generation(grantee) != grant.generation
			|| (grant.doctor && !T::Roles::has_role(grantee, Role::Doctor))
		{
			Some(Error::<T>::ConsentLapsed)
		} else if !T::Roles::has_role(patient, Role::Patient) {
			Some(Error::<T>::NotAPatient)
		} else {
			None
		}
	}

	/// `patient`'s grant to `grantee`, if it authorizes now.
	fn live_grant(patient: &T::AccountId, grantee: &T::AccountId) -> Option<Grant<T>> {
		let grant = Consents::<T>::get(patient, grantee)?;
		let now = frame_system::Pallet::<T>::block_number();
		Self::lapse(patient, grantee, &grant, now).is_none().then_some(grant)
	}

	/// End `patient`'s `grant` to `grantee`: its wrapped keys go, and the scope keys it held
	/// wait for a rotation. Returns those categories.
	fn end_grant(
		patient: &T::AccountId,
		grantee: &T::AccountId,
		grant: Grant<T>,
	) -> CategoriesOf<T> {
		Consents::<T>::remove(patient, grantee);
		GrantCount::<T>::mutate(patient, |count| *count = count.saturating_sub(1));
		for category in grant.key_categories.iter() {
			WrappedKeys::<T>::remove((patient, *category), grantee);
			ScopeKeys::<T>::mutate(patient, *category, |info| {
				if let Some(info) = info {
					info.holders = info.holders.saturating_sub(1);
					info.rotation_pending = true;
				}
			});
		}
		grant.key_categories
	}

	/// Count one record (`rotation` false) or one scope key creation or rotation of `patient`
	/// against its quota for the current window.
	fn use_quota(patient: &T::AccountId, rotation: bool) -> DispatchResult {
		let now = frame_system::Pallet::<T>::block_number();
		let window_start = now.saturating_sub(now % T::QuotaWindow::get());
		Quotas::<T>::try_mutate(patient, |quota| {
			if quota.window_start != window_start {
				*quota = PatientQuota { window_start, records: 0, rotations: 0 };
			}
			if rotation {
				ensure!(
					quota.rotations < T::MaxRotationsPerWindow::get(),
					Error::<T>::RotationQuotaExhausted
				);
				quota.rotations += 1;
			} else {
				ensure!(
					quota.records < T::MaxRecordsPerWindow::get(),
					Error::<T>::RecordQuotaExhausted
				);
				quota.records += 1;
			}
			Ok(())
		})
	}

	/// Check that `patient` (still a patient) has a live grant for `grantee` covering
	/// `category`.
	pub fn ensure_consent(
		patient: &T::AccountId,
		grantee: &T::AccountId,
		category: Category,
	) -> DispatchResult {
		let grant = Consents::<T>::get(patient, grantee).ok_or(Error::<T>::NoConsent)?;
		let now = frame_system::Pallet::<T>::block_number();
		if let Some(error) = Self::lapse(patient, grantee, &grant, now) {
			return Err(error.into());
		}
		ensure!(grant.scope.covers(category), Error::<T>::CategoryNotCovered);
		Ok(())
	}

	/// Check that `doctor` may write records of `category` for `patient`: a doctor with live
	/// consent who holds the category's current scope key, no rotation pending, and no holder
	/// of the key whose grant stopped authorizing (such a key must be rotated first).
	pub fn ensure_writer(
		patient: &T::AccountId,
		doctor: &T::AccountId,
		category: Category,
	) -> DispatchResult {
		ensure!(T::Roles::has_role(doctor, Role::Doctor), Error::<T>::NotAuthorized);
		Self::ensure_consent(patient, doctor, category)?;
		let info = ScopeKeys::<T>::get(patient, category).ok_or(Error::<T>::NoScopeKey)?;
		ensure!(!info.rotation_pending, Error::<T>::RotationPending);
		ensure!(
			WrappedKeys::<T>::contains_key((patient, category), doctor),
			Error::<T>::NotKeyHolder
		);
		ensure!(
			WrappedKeys::<T>::iter_key_prefix((patient, category)).all(|holder| {
				holder == *patient || Self::live_grant(patient, &holder).is_some()
			}),
			Error::<T>::RotationPending
		);
		Ok(())
	}

	/// Check that `doctor` may take the doctor's side of `change`: any consented doctor for a
	/// delete, a writer for an update.
	fn ensure_doctor_may(
		patient: &T::AccountId,
		doctor: &T::AccountId,
		category: Category,
		change: &RecordChange<CidOf<T>>,
	) -> DispatchResult {
		match change {
			RecordChange::Update { .. } => Self::ensure_writer(patient, doctor, category),
			RecordChange::Delete => {
				ensure!(T::Roles::has_role(doctor, Role::Doctor), Error::<T>::NotAuthorized);
				Self::ensure_consent(patient, doctor, category)
			},
		}
	}

	/// Apply a change both sides approved; `doctor` is the doctor's side.
	fn apply_change(
		patient: &T::AccountId,
		record: RecordId,
		doctor: &T::AccountId,
		change: RecordChange<CidOf<T>>,
	) -> DispatchResult {
		let mut stored = Self::active_record(patient, record)?;
		ensure!(T::Roles::has_role(patient, Role::Patient), Error::<T>::NotAPatient);
		Self::ensure_doctor_may(patient, doctor, stored.category, &change)?;
		if let RecordChange::Update { cid } = &change {
			ensure!(*cid != stored.cid, Error::<T>::SameCid);
		}
		let now = frame_system::Pallet::<T>::block_number();
		Proposals::<T>::remove(record);
		match change {
			RecordChange::Update { cid } => {
				let previous_cid = core::mem::replace(&mut stored.cid, cid.clone());
				let mut history = History::<T>::get(record).unwrap_or_default();
				let entry = HistoryEntry {
					cid: previous_cid.clone(),
					version: stored.version,
					replaced: now,
				};
				// The oldest entry leaves when the history is full (`MaxHistory` of 0 keeps none).
				let pruned = match history.force_insert_keep_right(history.len(), entry) {
					Ok(pruned) => pruned.map(|entry| entry.cid),
					Err(entry) => Some(entry.cid),
				};
				if let Some(cid) = pruned {
					Self::deposit_event(Event::HistoryPruned {
						patient: patient.clone(),
						record,
						cid,
					});
				}
				History::<T>::insert(record, history);
				// A share wraps the data key of one ciphertext: the new content has another one,
				// so the shares end with the version they were made for.
				let _ = Shares::<T>::clear_prefix(record, T::MaxShares::get(), None);
				stored.shares = 0;
				stored.version = stored.version.saturating_add(1);
				stored.updated = now;
				let version = stored.version;
				Records::<T>::insert(patient, record, stored);
				Self::deposit_event(Event::RecordUpdated {
					patient: patient.clone(),
					record,
					doctor: doctor.clone(),
					cid,
					previous_cid,
					version,
				});
			},
			RecordChange::Delete => {
				let cid = core::mem::take(&mut stored.cid);
				let history = History::<T>::take(record).unwrap_or_default();
				let history = BoundedVec::truncate_from(
					history.into_iter().map(|entry| entry.cid).collect::<Vec<_>>(),
				);
				let _ = Shares::<T>::clear_prefix(record, T::MaxShares::get(), None);
				stored.shares = 0;
				stored.status = RecordStatus::Deleted;
				stored.updated = now;
				Records::<T>::insert(patient, record, stored);
				Self::deposit_event(Event::RecordDeleted {
					patient: patient.clone(),
					record,
					doctor: doctor.clone(),
					cid,
					history,
				});
			},
		}
		Ok(())
	}

	/// `weight` of an update plus the removal of up to [`Config::MaxShares`] single-record
	/// shares, which an update drops.
	fn with_share_removal(weight: Weight) -> Weight {
		let shares = u64::from(T::MaxShares::get());
		weight.saturating_add(T::DbWeight::get().reads_writes(shares, shares))
	}

	/// The record, if it exists and is active.
	fn active_record(patient: &T::AccountId, record: RecordId) -> Result<Record<T>, Error<T>> {
		let stored = Records::<T>::get(patient, record).ok_or(Error::<T>::UnknownRecord)?;
		ensure!(stored.status == RecordStatus::Active, Error::<T>::AlreadyDeleted);
		Ok(stored)
	}

	/// Validate a CID from a call.
	fn cid(bytes: Vec<u8>) -> Result<CidOf<T>, Error<T>> {
		let cid: CidOf<T> = bytes.try_into().map_err(|_| Error::<T>::CidTooLong)?;
		ensure!(is_valid_cid_v1(&cid), Error::<T>::MalformedCid);
		Ok(cid)
	}

	/// Validate a wrapped key from a call.
	fn wrapped_key(bytes: Vec<u8>) -> Result<WrappedKeyOf<T>, Error<T>> {
		ensure!(!bytes.is_empty(), Error::<T>::MalformedKey);
		bytes.try_into().map_err(|_| Error::<T>::KeyTooLong)
	}

	/// Refuse an expiry block that has passed already.
	fn ensure_future(expires: Option<BlockNumberFor<T>>) -> DispatchResult {
		ensure!(!Self::expired(expires), Error::<T>::ExpiryInPast);
		Ok(())
	}

	/// Whether an optional inclusive expiry block has passed.
	fn expired(expires: Option<BlockNumberFor<T>>) -> bool {
		expires.is_some_and(Self::passed)
	}

	/// Whether an inclusive expiry block has passed.
	fn passed(expires: BlockNumberFor<T>) -> bool {
		frame_system::Pallet::<T>::block_number() > expires
	}

	/// Whether no item repeats.
	fn distinct<'a, I: Ord + 'a>(items: impl Iterator<Item = &'a I>) -> bool {
		let mut seen = BTreeSet::new();
		items.into_iter().all(|item| seen.insert(item))
	}
}

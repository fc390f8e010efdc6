//! # Audit
//!
//! The on-chain anchors of the hospitals' read audit logs.
//!
//! ## Overview
//!
//! Reads of medical records happen off chain, at each hospital's gateway (its storage daemon),
//! so the chain cannot see them. Each gateway therefore keeps an append-only **read log**: one
//! entry per record served or refused (who, whose record, which CID, when, why, the outcome).
//! The log is hash-chained, and the hospital's **service account** (published with
//! `roles.set_hospital_services`) regularly hands this pallet the hashes of the entries appended
//! since its last anchor. The pallet folds them into the hospital's anchored head, so that
//!
//! - the head on chain commits to every entry anchored so far, in order: a gateway that later
//!   changes, reorders or drops an anchored entry can no longer show a log that leads to the
//!   anchored head, and every patient's client checks its entries against that head;
//! - an anchored head always extends the previous one: the chain computes it, the gateway
//!   cannot replace its history by anchoring a different one;
//! - the entries themselves stay off chain: a leaf is the hash of an entry that carries a random
//!   nonce, so the chain learns how many reads a hospital logged and when, nothing else.
//!
//! A hospital anchors at most once per [`Config::MinAnchorInterval`] blocks and at most
//! [`Config::MaxLeavesPerAnchor`] leaves at a time; a gateway with more waits for the next
//! interval.
//!
//! ## Terminology
//!
//! - **Leaf**: the 32-byte hash of one log entry (computed off chain, opaque here).
//! - **Head**: `head(0) = [0; 32]`, `head(i) = sha256(head(i - 1) ‖ leaf(i))`: the hash chain
//!   over a log's leaves, `i` counting entries from 1.
//! - **Anchor**: a hospital's head and length (number of entries) as last anchored, with the
//!   block it was anchored in.
//!
//! ## Calls
//!
//! | call | origin |
//! |---|---|
//! | [`anchor`](Pallet::anchor) | the service account of an active hospital |

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use codec::{Decode, Encode, MaxEncodedLen};
use frame_support::{dispatch::DispatchResultWithPostInfo, pallet_prelude::*};
use frame_system::pallet_prelude::*;
use medchain_primitives::{HospitalId, RoleInspect};
use scale_info::TypeInfo;
use sp_runtime::Saturating;

pub use pallet::*;
pub use weights::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod tests;
mod try_state;
pub mod weights;

/// A 32-byte hash: a leaf or a head.
pub type Hash32 = [u8; 32];

/// The head of an empty log.
pub const EMPTY_HEAD: Hash32 = [0u8; 32];

/// A hospital's anchored read log.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, Debug)]
pub struct Anchor<BlockNumber> {
	/// How many entries the anchored log holds.
	pub length: u64,
	/// The head of the hash chain over those entries.
	pub head: Hash32,
	/// The block the latest leaves were anchored in.
	pub block: BlockNumber,
}

/// `head` extended by `leaves`, one after the other: `sha256(head ‖ leaf)` for each.
pub fn extend_head(head: Hash32, leaves: &[Hash32]) -> Hash32 {
	leaves.iter().fold(head, |head, leaf| {
		let mut both = [0u8; 64];
		both[..32].copy_from_slice(&head);
		both[32..].copy_from_slice(leaf);
		sp_io::hashing::sha2_256(&both)
	})
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
		/// Hospitals and their service accounts.
		type Roles: RoleInspect<Self::AccountId>;
		/// Fewest blocks between two anchors of one hospital. Must not be zero.
		#[pallet::constant]
		type MinAnchorInterval: Get<BlockNumberFor<Self>>;
		/// Most leaves one anchor may add. Must not be zero.
		#[pallet::constant]
		type MaxLeavesPerAnchor: Get<u32>;
		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;
	}

	/// Each hospital's latest anchor.
	#[pallet::storage]
	pub type Anchors<T: Config> =
		StorageMap<_, Twox64Concat, HospitalId, Anchor<BlockNumberFor<T>>>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// `hospital`'s read log was anchored: it holds `length` entries and leads to `head`.
		LogAnchored { hospital: HospitalId, length: u64, head: Hash32 },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The caller is not the service account of an active hospital.
		NotServiceAccount,
		/// An anchor adds at least one leaf.
		NoLeaves,
		/// The hospital anchored less than `MinAnchorInterval` blocks ago.
		TooSoon,
		/// The log would hold more entries than a `u64` counts.
		LogTooLong,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(!T::MinAnchorInterval::get().is_zero(), "MinAnchorInterval must not be zero");
			assert!(T::MaxLeavesPerAnchor::get() > 0, "MaxLeavesPerAnchor must not be zero");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Append the hashes of the entries a hospital's gateway logged since its last anchor.
		///
		/// - Origin: signed by the service account of an active hospital.
		/// - `leaves`: the leaves of the next entries of the hospital's read log, in order; at
		///   least one, at most [`Config::MaxLeavesPerAnchor`].
		///
		/// The new head is the anchored head extended by `leaves`; the length grows by their
		/// number.
		///
		/// Emits [`Event::LogAnchored`].
		///
		/// Errors: [`Error::NotServiceAccount`], [`Error::NoLeaves`], [`Error::TooSoon`],
		/// [`Error::LogTooLong`].
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::anchor(leaves.len() as u32))]
		pub fn anchor(
			origin: OriginFor<T>,
			leaves: BoundedVec<Hash32, T::MaxLeavesPerAnchor>,
		) -> DispatchResultWithPostInfo {
			let declared = T::WeightInfo::anchor(leaves.len() as u32);
			medchain_primitives::failing_cheaply(declared, 1, T::DbWeight::get(), || {
				let caller = ensure_signed(origin)?;
				let hospital =
					T::Roles::service_hospital(&caller).ok_or(Error::<T>::NotServiceAccount)?;
				ensure!(!leaves.is_empty(), Error::<T>::NoLeaves);
				let now = frame_system::Pallet::<T>::block_number();
				let (length, head) = match Anchors::<T>::get(hospital) {
					Some(previous) => {
						ensure!(
							now >= previous.block.saturating_add(T::MinAnchorInterval::get()),
							Error::<T>::TooSoon
						);
						(previous.length, previous.head)
					},
					None => (0, EMPTY_HEAD),
				};
				let length =
					length.checked_add(leaves.len() as u64).ok_or(Error::<T>::LogTooLong)?;
				let head = extend_head(head, &leaves);
				Anchors::<T>::insert(hospital, Anchor { length, head, block: now });
				Self::deposit_event(Event::LogAnchored { hospital, length, head });
				Ok(())
			})
		}
	}
}

//! # Validator set
//!
//! The list of hospitals' accounts that author (Aura) and finalize (GRANDPA) MedChain blocks.
//!
//! ## Overview
//!
//! This pallet is the `SessionManager` of `pallet-session`. It keeps the validator list in
//! storage; [`Config::UpdateOrigin`] (in the MedChain runtime: a two-thirds supermajority of the
//! hospital council) adds and removes entries. A change is handed to `pallet-session` when it
//! plans the next session, so it takes effect after a session boundary: `pallet-session` queues
//! the new set at the end of the current session and activates it at the end of the one after
//! that.
//!
//! A validator that joins must also publish its session keys (`session.set_keys`) before the
//! session it joins in is planned. Only listed validators with keys ([`Config::KeyOwners`]) are
//! handed to `pallet-session`, and never fewer than [`Config::MinValidators`] of them: if too few
//! have keys, the current set stays. A removal that would leave fewer than `MinValidators`
//! validators with keys is refused. At every session boundary the keyed list is compared with the
//! set last planned, so a validator that publishes (or loses) its keys is picked up at the next
//! boundary without a list change.
//!
//! The pallet also holds the chain's session length ([`SessionPeriod`]), chosen in the chain
//! spec (`validatorSet.sessionPeriod`, default [`Config::DefaultSessionPeriod`]) and fixed for
//! the chain's life. [`SessionLength`] hands it to `pallet_session::PeriodicSessions`, so a
//! consortium (or a test network) picks how fast validator changes take effect without a
//! runtime of its own.
//!
//! ## Terminology
//!
//! - **Validator**: an account (one per hospital node) whose session keys author and finalize.
//! - **Session boundary**: the block where `pallet-session` rotates to the next session: every
//!   block whose number is a multiple of the session period.
//!
//! ## Calls
//!
//! - [`Pallet::add_validator`]: add an account to the list.
//! - [`Pallet::remove_validator`]: remove an account from the list.
//!
//! This crate also provides [`NoDeposit`], the balance type for `pallet-session`'s key deposit
//! on a chain without a token: every balance is zero and every hold of zero succeeds.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use alloc::vec::Vec;
use frame_support::{
	pallet_prelude::*,
	traits::{BuildGenesisConfig, Contains},
};
use frame_system::pallet_prelude::*;
use sp_runtime::traits::Zero;
use sp_staking::SessionIndex;

pub use pallet::*;
pub use weights::WeightInfo;

/// What the benchmarks need from the runtime: accounts with session keys.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
	/// Give `who` session keys, so that [`Config::KeyOwners`] contains it.
	fn publish_keys(who: &AccountId);
}

#[cfg(feature = "runtime-benchmarks")]
impl<AccountId> BenchmarkHelper<AccountId> for () {
	fn publish_keys(_: &AccountId) {}
}

mod no_deposit;
pub use no_deposit::NoDeposit;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
// Not behind `try-runtime`: the runtime's tests check the invariants too.
mod try_state;
pub mod weights;

const LOG_TARGET: &str = "runtime::validator-set";

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
		/// Origin that may add and remove validators.
		type UpdateOrigin: EnsureOrigin<Self::RuntimeOrigin>;
		/// Largest number of validators.
		#[pallet::constant]
		type MaxValidators: Get<u32>;
		/// Smallest number of validators; a removal that would go below it is refused. (Genesis
		/// is not held to it, so that an empty default genesis still builds.)
		#[pallet::constant]
		type MinValidators: Get<u32>;
		/// Accounts that published session keys.
		type KeyOwners: Contains<Self::AccountId>;
		/// Session length in blocks when the chain spec does not choose one.
		#[pallet::constant]
		type DefaultSessionPeriod: Get<BlockNumberFor<Self>>;
		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;
		/// Accounts with session keys for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: crate::BenchmarkHelper<Self::AccountId>;
	}

	/// The validator list, in the order it was built.
	#[pallet::storage]
	pub type Validators<T: Config> =
		StorageValue<_, BoundedVec<T::AccountId, T::MaxValidators>, ValueQuery>;

	/// Whether the list changed since `pallet-session` last planned a session.
	#[pallet::storage]
	pub type Changed<T: Config> = StorageValue<_, bool, ValueQuery>;

	/// The set last handed to `pallet-session`.
	#[pallet::storage]
	pub type Planned<T: Config> =
		StorageValue<_, BoundedVec<T::AccountId, T::MaxValidators>, ValueQuery>;

	/// Session length in blocks, set at genesis.
	#[pallet::storage]
	pub type SessionPeriod<T: Config> =
		StorageValue<_, BlockNumberFor<T>, ValueQuery, T::DefaultSessionPeriod>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// The validators of the first sessions.
		pub validators: Vec<T::AccountId>,
		/// Session length in blocks (`None`: [`Config::DefaultSessionPeriod`]).
		pub session_period: Option<BlockNumberFor<T>>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			let mut list = Vec::with_capacity(self.validators.len());
			for v in &self.validators {
				assert!(!list.contains(v), "duplicate validator in genesis");
				list.push(v.clone());
			}
			let bounded: BoundedVec<_, _> =
				list.try_into().expect("more genesis validators than MaxValidators");
			Planned::<T>::put(&bounded);
			Validators::<T>::put(bounded);
			if let Some(period) = self.session_period {
				assert!(!period.is_zero(), "the session period must be at least one block");
				SessionPeriod::<T>::put(period);
			}
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// `validator` joins the set after the next session boundary.
		ValidatorAdded { validator: T::AccountId },
		/// `validator` leaves the set after the next session boundary.
		ValidatorRemoved { validator: T::AccountId },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The account is a validator already.
		AlreadyValidator,
		/// The account is not a validator.
		NotValidator,
		/// The list holds `MaxValidators` already.
		TooManyValidators,
		/// Removing the account would leave fewer than `MinValidators` validators with keys.
		TooFewValidators,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MinValidators::get() >= 1, "MinValidators must be at least 1");
			assert!(T::MinValidators::get() <= T::MaxValidators::get());
			assert!(!T::DefaultSessionPeriod::get().is_zero(), "DefaultSessionPeriod is zero");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Add `validator` to the validator set.
		///
		/// - Origin: [`Config::UpdateOrigin`].
		/// - `validator`: the account to add; it must publish session keys to author blocks.
		///
		/// Emits [`Event::ValidatorAdded`].
		///
		/// Errors: [`Error::AlreadyValidator`], [`Error::TooManyValidators`].
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::add_validator(T::MaxValidators::get()))]
		pub fn add_validator(origin: OriginFor<T>, validator: T::AccountId) -> DispatchResult {
			T::UpdateOrigin::ensure_origin(origin)?;
			Validators::<T>::try_mutate(|list| -> DispatchResult {
				ensure!(!list.contains(&validator), Error::<T>::AlreadyValidator);
				list.try_push(validator.clone()).map_err(|_| Error::<T>::TooManyValidators)?;
				Ok(())
			})?;
			Changed::<T>::put(true);
			Self::deposit_event(Event::ValidatorAdded { validator });
			Ok(())
		}

		/// Remove `validator` from the validator set.
		///
		/// - Origin: [`Config::UpdateOrigin`].
		/// - `validator`: the account to remove.
		///
		/// Emits [`Event::ValidatorRemoved`].
		///
		/// Errors: [`Error::NotValidator`], [`Error::TooFewValidators`] (fewer than
		/// `MinValidators` validators with session keys would remain).
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::remove_validator(T::MaxValidators::get()))]
		pub fn remove_validator(origin: OriginFor<T>, validator: T::AccountId) -> DispatchResult {
			T::UpdateOrigin::ensure_origin(origin)?;
			Validators::<T>::try_mutate(|list| -> DispatchResult {
				let index =
					list.iter().position(|v| v == &validator).ok_or(Error::<T>::NotValidator)?;
				list.remove(index);
				let keyed = list.iter().filter(|v| T::KeyOwners::contains(v)).count() as u32;
				ensure!(keyed >= T::MinValidators::get(), Error::<T>::TooFewValidators);
				Ok(())
			})?;
			Changed::<T>::put(true);
			Self::deposit_event(Event::ValidatorRemoved { validator });
			Ok(())
		}
	}
}

/// The session length of [`SessionPeriod`], for `pallet_session::PeriodicSessions`.
pub struct SessionLength<T>(core::marker::PhantomData<T>);

impl<T: Config> Get<BlockNumberFor<T>> for SessionLength<T> {
	fn get() -> BlockNumberFor<T> {
		SessionPeriod::<T>::get()
	}
}

impl<T: Config> pallet_session::SessionManager<T::AccountId> for Pallet<T> {
	fn new_session(new_index: SessionIndex) -> Option<Vec<T::AccountId>> {
		let changed = Changed::<T>::take();
		let keyed: BoundedVec<_, _> = BoundedVec::truncate_from(
			Validators::<T>::get().into_iter().filter(T::KeyOwners::contains).collect(),
		);
		if (keyed.len() as u32) < T::MinValidators::get() {
			log::warn!(
				target: LOG_TARGET,
				"session {new_index}: only {} validators with keys, keeping the current set",
				keyed.len()
			);
			return None;
		}
		if !changed && keyed == Planned::<T>::get() {
			return None;
		}
		log::info!(target: LOG_TARGET, "planning session {new_index} with {} validators", keyed.len());
		Planned::<T>::put(&keyed);
		Some(keyed.into_inner())
	}

	fn new_session_genesis(_new_index: SessionIndex) -> Option<Vec<T::AccountId>> {
		let list = Validators::<T>::get();
		Planned::<T>::put(&list);
		Some(list.into_inner())
	}

	fn end_session(_end_index: SessionIndex) {}

	fn start_session(_start_index: SessionIndex) {}
}

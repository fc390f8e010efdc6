//! # Governance
//!
//! The only way to Root on a MedChain consortium chain: a council motion with a high threshold,
//! then a public delay during which the call can be cancelled.
//!
//! ## Overview
//!
//! A consortium chain must be able to upgrade its runtime and repair its state without a hard
//! fork, and no single hospital (nor a bare two-thirds majority in a hurry) may do so alone.
//! [`schedule`](Pallet::schedule) takes a call from [`Config::ScheduleOrigin`] (in the MedChain
//! runtime: at least three quarters of the hospital council) and stores it, with its hash, to run
//! as Root after [`Delay`] blocks (a chain-spec parameter, `governance.delay`). Until then it is
//! visible in storage and in the [`Event::Scheduled`] event, and [`Config::CancelOrigin`] (a
//! council majority) can [`cancel`](Pallet::cancel) it. When it is due, the pallet dispatches it
//! as Root at the start of the block and reports the outcome in [`Event::Dispatched`]. A call
//! scheduled under another runtime version does not run (its encoding may mean another call
//! after an upgrade); it is reported as failed.
//!
//! A runtime upgrade goes through `system.authorize_upgrade(code_hash)` scheduled here; once it
//! ran, anyone submits the code with the unsigned `system.apply_authorized_upgrade(code)`.
//!
//! ## Terminology
//!
//! - **Scheduled call**: a call waiting for its block, with id, hash, weight and due block.
//! - **Delay**: blocks between scheduling and dispatch.
//!
//! ## Bounds
//!
//! A scheduled call is at most [`Config::MaxCallLength`] bytes and [`Config::MaxCallWeight`];
//! at most [`Config::MaxScheduled`] calls wait at a time (and so at most that many run in one
//! block).
//!
//! ## Calls
//!
//! | call | origin |
//! |---|---|
//! | [`schedule`](Pallet::schedule) | [`Config::ScheduleOrigin`] |
//! | [`cancel`](Pallet::cancel) | [`Config::CancelOrigin`] |

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use alloc::boxed::Box;
use frame_support::{
	dispatch::{GetDispatchInfo, PostDispatchInfo},
	pallet_prelude::*,
	traits::BuildGenesisConfig,
};
use frame_system::pallet_prelude::*;
use sp_runtime::traits::{Dispatchable, Hash, Saturating};

pub use pallet::*;
pub use weights::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod tests;
// Not behind `try-runtime`: the runtime's tests check the invariants too.
mod try_state;
pub mod weights;

const LOG_TARGET: &str = "runtime::governance";

/// Identifier of a scheduled call.
pub type ScheduleId = u32;

/// A call waiting to run as Root.
#[derive(
	Encode, Decode, MaxEncodedLen, TypeInfo, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound())]
pub struct ScheduledCall<T: Config> {
	/// The SCALE-encoded call.
	pub call: BoundedVec<u8, T::MaxCallLength>,
	/// Hash of the encoded call.
	pub call_hash: T::Hash,
	/// Its declared weight.
	pub weight: Weight,
	/// The block it runs at.
	pub due: BlockNumberFor<T>,
	/// The runtime's `spec_version` when it was scheduled: after an upgrade the call's
	/// encoding may mean something else, so it does not run.
	pub spec_version: u32,
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
		/// The calls that can be scheduled.
		type RuntimeCall: Parameter
			+ Dispatchable<RuntimeOrigin = Self::RuntimeOrigin, PostInfo = PostDispatchInfo>
			+ GetDispatchInfo;
		/// Who may schedule a call to run as Root.
		type ScheduleOrigin: EnsureOrigin<Self::RuntimeOrigin>;
		/// Who may cancel a scheduled call.
		type CancelOrigin: EnsureOrigin<Self::RuntimeOrigin>;
		/// Longest encoded call, in bytes.
		#[pallet::constant]
		type MaxCallLength: Get<u32>;
		/// Largest declared weight of a call.
		#[pallet::constant]
		type MaxCallWeight: Get<Weight>;
		/// Most calls waiting at a time.
		#[pallet::constant]
		type MaxScheduled: Get<u32>;
		/// Delay when the chain spec does not choose one.
		#[pallet::constant]
		type DefaultDelay: Get<BlockNumberFor<Self>>;
		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;
	}

	/// Blocks between scheduling a call and its dispatch, set at genesis.
	#[pallet::storage]
	pub type Delay<T: Config> = StorageValue<_, BlockNumberFor<T>, ValueQuery, T::DefaultDelay>;

	/// The id the next scheduled call gets.
	#[pallet::storage]
	pub type NextId<T> = StorageValue<_, ScheduleId, ValueQuery>;

	/// Calls waiting to run.
	#[pallet::storage]
	pub type Scheduled<T: Config> =
		CountedStorageMap<_, Twox64Concat, ScheduleId, ScheduledCall<T>>;

	/// Ids of the calls due at each block.
	#[pallet::storage]
	pub type Agenda<T: Config> = StorageMap<
		_,
		Twox64Concat,
		BlockNumberFor<T>,
		BoundedVec<ScheduleId, T::MaxScheduled>,
		ValueQuery,
	>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Delay in blocks (`None`: [`Config::DefaultDelay`]).
		pub delay: Option<BlockNumberFor<T>>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			if let Some(delay) = self.delay {
				assert!(!delay.is_zero(), "the governance delay must be at least one block");
				Delay::<T>::put(delay);
			}
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A call with `call_hash` will run as Root at block `due` unless cancelled.
		Scheduled { id: ScheduleId, call_hash: T::Hash, due: BlockNumberFor<T> },
		/// The scheduled call `id` was cancelled.
		Cancelled { id: ScheduleId },
		/// The scheduled call `id` ran as Root with `result`.
		Dispatched { id: ScheduleId, result: DispatchResult },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The encoded call is longer than `MaxCallLength`.
		CallTooLong,
		/// The call declares more than `MaxCallWeight`.
		CallTooHeavy,
		/// `MaxScheduled` calls are waiting already.
		TooManyScheduled,
		/// No call with this id is waiting.
		UnknownSchedule,
		/// No schedule id is left.
		IdOverflow,
		/// A due call was scheduled under another runtime version and did not run.
		RuntimeChanged,
		/// A due call no longer decodes and did not run.
		Undecodable,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_initialize(now: BlockNumberFor<T>) -> Weight {
			let due = Agenda::<T>::take(now);
			let mut weight = T::DbWeight::get().reads_writes(1, 1);
			for id in due {
				weight.saturating_accrue(T::DbWeight::get().reads_writes(1, 1));
				let Some(scheduled) = Scheduled::<T>::take(id) else { continue };
				let spec_version = frame_system::Pallet::<T>::runtime_version().spec_version;
				let decoded = if scheduled.spec_version == spec_version {
					<T as Config>::RuntimeCall::decode(&mut &scheduled.call[..])
						.map_err(|_| Error::<T>::Undecodable.into())
				} else {
					Err(Error::<T>::RuntimeChanged.into())
				};
				let result = match decoded {
					Ok(call) => {
						let info = call.get_dispatch_info();
						let outcome = call.dispatch(frame_system::RawOrigin::Root.into());
						let post_info = match outcome {
							Ok(post_info) => post_info,
							Err(error) => error.post_info,
						};
						weight.saturating_accrue(post_info.calc_actual_weight(&info));
						outcome.map(|_| ()).map_err(|e| e.error)
					},
					Err(error) => Err(error),
				};
				log::info!(target: LOG_TARGET, "scheduled call {id} ran: {result:?}");
				Self::deposit_event(Event::Dispatched { id, result });
			}
			weight
		}

		fn integrity_test() {
			assert!(!T::DefaultDelay::get().is_zero(), "DefaultDelay must not be zero");
			assert!(T::MaxScheduled::get() >= 1);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Schedule `call` to run as Root after [`Delay`] blocks.
		///
		/// - Origin: [`Config::ScheduleOrigin`].
		/// - `call`: the call, at most [`Config::MaxCallLength`] bytes encoded and
		///   [`Config::MaxCallWeight`] declared.
		///
		/// Emits [`Event::Scheduled`].
		///
		/// Errors: [`Error::CallTooLong`], [`Error::CallTooHeavy`], [`Error::TooManyScheduled`],
		/// [`Error::IdOverflow`].
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::schedule(T::MaxCallLength::get()))]
		pub fn schedule(
			origin: OriginFor<T>,
			call: Box<<T as Config>::RuntimeCall>,
		) -> DispatchResult {
			T::ScheduleOrigin::ensure_origin(origin)?;
			let weight = call.get_dispatch_info().total_weight();
			ensure!(weight.all_lte(T::MaxCallWeight::get()), Error::<T>::CallTooHeavy);
			let encoded: BoundedVec<u8, T::MaxCallLength> =
				call.encode().try_into().map_err(|_| Error::<T>::CallTooLong)?;
			ensure!(
				(Scheduled::<T>::count()) < T::MaxScheduled::get(),
				Error::<T>::TooManyScheduled
			);
			let id = NextId::<T>::get();
			NextId::<T>::put(id.checked_add(1).ok_or(Error::<T>::IdOverflow)?);
			let due = frame_system::Pallet::<T>::block_number().saturating_add(Delay::<T>::get());
			let call_hash = T::Hashing::hash(&encoded);
			Agenda::<T>::try_mutate(due, |ids| ids.try_push(id))
				.map_err(|_| Error::<T>::TooManyScheduled)?;
			let spec_version = frame_system::Pallet::<T>::runtime_version().spec_version;
			Scheduled::<T>::insert(
				id,
				ScheduledCall { call: encoded, call_hash, weight, due, spec_version },
			);
			Self::deposit_event(Event::Scheduled { id, call_hash, due });
			Ok(())
		}

		/// Cancel a scheduled call before it runs.
		///
		/// - Origin: [`Config::CancelOrigin`].
		/// - `id`: the scheduled call.
		///
		/// Emits [`Event::Cancelled`].
		///
		/// Errors: [`Error::UnknownSchedule`].
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::cancel())]
		pub fn cancel(origin: OriginFor<T>, id: ScheduleId) -> DispatchResult {
			T::CancelOrigin::ensure_origin(origin)?;
			let scheduled = Scheduled::<T>::take(id).ok_or(Error::<T>::UnknownSchedule)?;
			Agenda::<T>::mutate_exists(scheduled.due, |ids| {
				if let Some(list) = ids {
					list.retain(|other| *other != id);
					if list.is_empty() {
						*ids = None;
					}
				}
			});
			Self::deposit_event(Event::Cancelled { id });
			Ok(())
		}
	}
}

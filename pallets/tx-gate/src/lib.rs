//! # Transaction gate
//!
//! MedChain has no token: transactions are free. This pallet keeps the chain from becoming a free
//! public bulletin board, and keeps any one member of the consortium from taking the chain over.
//!
//! ## Overview
//!
//! The pallet provides two transaction extensions:
//!
//! - [`CheckAccess`], which goes in the runtime's pipeline *before* `frame_system::CheckNonce`,
//!   so that a refused account is told why instead of a generic nonce or payment error. For every
//!   signed transaction it
//!   1. admits only accounts the runtime's [`AccessPolicy`] knows (in the MedChain runtime:
//!      accounts that hold a role, or sit on the hospital council), with
//!      `InvalidTransaction::Custom(`[`UNKNOWN_ACCOUNT`]`)` otherwise;
//!   2. asks the policy whether this account may send this call (recursively through batches),
//!      with the policy's code ([`CALL_NOT_ALLOWED`], [`BATCH_TOO_LARGE`]) otherwise;
//!   3. charges the transaction's declared weight (call and extensions) and encoded length to
//!      the account's **budget** for the current window ([`Config::WeightBudget`],
//!      [`Config::LengthBudget`]; privileged accounts — council members and validators — have
//!      [`Config::PrivilegedWeightBudget`] and [`Config::PrivilegedLengthBudget`]). A transaction
//!      that does not fit what is left is refused with [`OVER_BUDGET`]; one larger than the whole
//!      budget with [`TOO_LARGE`]. After dispatch the weight the call did not use is given back;
//!   4. caps what the accounts of one group (in the MedChain runtime: one hospital, with the
//!      patients it registered) take of one block: [`Config::GroupBlockShare`] of the block's
//!      normal weight and length. Past the cap the transaction waits for the next block
//!      (`InvalidTransaction::ExhaustsResources` at block building);
//!   5. orders the pool: privileged accounts come first ([`PRIVILEGED_PRIORITY`]); among the
//!      others, the account with more of its budget left comes first.
//!
//!   A general transaction without a signer is refused ([`UNSIGNED_NOT_ALLOWED`]); bare
//!   unsigned transactions and inherents are checked by their own pallets.
//! - [`CheckMortalEra`], a drop-in for `frame_system::CheckMortality` (same identifier, same
//!   encoding, so generic clients sign for it unchanged) that refuses immortal transactions
//!   ([`IMMORTAL`]): an account's old transactions cannot come back after its nonce restarts.
//!
//! ## Terminology
//!
//! - **Window**: blocks `[k * WindowLength, (k + 1) * WindowLength)` for some `k`. Budgets start
//!   afresh in each window.
//! - **Usage**: the weight (reference time) and bytes one account used in a window. Entries of
//!   past windows are removed in `on_idle` (and at least [`Config::MaxCleanupPerBlock`] of them
//!   in every block's `on_initialize`).
//! - **Group**: accounts whose transactions are capped together per block.
//!
//! The pool validates against the best block's state, so transactions of one account that sit in
//! the pool together are each admitted; budgets and caps are enforced again when a block is
//! built, and the surplus is dropped (budget) or deferred (group cap) there.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use codec::{Decode, DecodeWithMemTracking, Encode, FullCodec, MaxEncodedLen};
use frame_support::{
	dispatch::{DispatchInfo, PostDispatchInfo},
	pallet_prelude::TransactionSource,
	weights::Weight,
};
use frame_system::pallet_prelude::BlockNumberFor;
use scale_info::TypeInfo;
use sp_runtime::{
	generic::Era,
	traits::{
		AsSystemOriginSigner, DispatchInfoOf, Dispatchable, Get, PostDispatchInfoOf,
		SaturatedConversion, TransactionExtension, ValidateResult, Zero,
	},
	transaction_validity::{
		InvalidTransaction, TransactionPriority, TransactionValidityError, ValidTransaction,
	},
	DispatchResult, Perbill, Saturating,
};

pub use pallet::*;
pub use weights::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod tests;
// Not behind `try-runtime`: the runtime's tests check the invariants too.
mod try_state;
pub mod weights;

// The `InvalidTransaction::Custom` codes of the gate's refusals, defined in the primitives so
// that clients share them.
pub use medchain_primitives::gate::{
	BATCH_TOO_LARGE, CALL_NOT_ALLOWED, IMMORTAL, OVER_BUDGET, TOO_LARGE, UNKNOWN_ACCOUNT,
	UNSIGNED_NOT_ALLOWED,
};

/// Pool priority added for privileged accounts (council members, validators).
pub const PRIVILEGED_PRIORITY: TransactionPriority = 1 << 40;
/// Range of the priority that ranks unprivileged accounts by the share of budget they have left.
pub const BUDGET_PRIORITY_RANGE: u64 = 1_000_000;

/// What the gate knows about a signer.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Standing<Group> {
	/// Council members and validators: larger budgets and a higher priority, no group cap.
	pub privileged: bool,
	/// The group whose per-block cap the account shares, if any.
	pub group: Option<Group>,
}

/// The runtime's rules for who may transact and what.
pub trait AccessPolicy<AccountId, Call> {
	/// Identifies a group of accounts capped together per block.
	type Group: FullCodec + MaxEncodedLen + TypeInfo + Clone + Eq + core::fmt::Debug;

	/// `who`'s standing for sending `call`, or `None` if `who` may not transact at all. An
	/// account is privileged only for the calls that make it so (a council member's governance
	/// calls, a validator's session keys); for everything else it is a user like any other.
	fn standing(who: &AccountId, call: &Call) -> Option<Standing<Self::Group>>;

	/// Whether an account of `standing` may send `call`; `Err` carries the refusal code.
	fn check_call(who: &AccountId, standing: &Standing<Self::Group>, call: &Call)
		-> Result<(), u8>;
}

/// Sets up the worst case of [`CheckAccess`] for benchmarks.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId, Call> {
	/// An unprivileged account in a group, and a call it may send.
	fn account_and_call() -> (AccountId, Call);
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::pallet_prelude::*;

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// Who may transact, with which standing, and which calls.
		type Policy: AccessPolicy<Self::AccountId, Self::RuntimeCall>;
		/// Length of a budget window, in blocks. Must not be zero.
		#[pallet::constant]
		type WindowLength: Get<BlockNumberFor<Self>>;
		/// Weight one unprivileged account may use per window.
		#[pallet::constant]
		type WeightBudget: Get<Weight>;
		/// Encoded bytes one unprivileged account may send per window.
		#[pallet::constant]
		type LengthBudget: Get<u32>;
		/// Weight one privileged account may use per window.
		#[pallet::constant]
		type PrivilegedWeightBudget: Get<Weight>;
		/// Encoded bytes one privileged account may send per window.
		#[pallet::constant]
		type PrivilegedLengthBudget: Get<u32>;
		/// Share of a block's normal weight and length the accounts of one group may take.
		#[pallet::constant]
		type GroupBlockShare: Get<Perbill>;
		/// Usage entries of past windows removed in every block at least.
		#[pallet::constant]
		type MaxCleanupPerBlock: Get<u32>;
		/// Weights of the gate's own work.
		type WeightInfo: WeightInfo;
		/// Sets up a transacting account for benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId, Self::RuntimeCall>;
	}

	/// Usage per window and account.
	#[pallet::storage]
	pub type Usage<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		BlockNumberFor<T>,
		Blake2_128Concat,
		T::AccountId,
		WindowUsage,
		OptionQuery,
	>;

	/// Usage per group in the current block; cleared at the start of every block.
	#[pallet::storage]
	pub type GroupUsage<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		<T::Policy as AccessPolicy<T::AccountId, T::RuntimeCall>>::Group,
		WindowUsage,
		OptionQuery,
	>;

	/// Past windows whose usage entries are still to be removed, oldest first.
	#[pallet::storage]
	pub type StaleWindows<T: Config> =
		StorageValue<_, BoundedVec<BlockNumberFor<T>, ConstU32<64>>, ValueQuery>;

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_initialize(now: BlockNumberFor<T>) -> Weight {
			let mut weight = T::DbWeight::get().reads_writes(1, 1);
			// The per-block group caps start afresh (one entry per group that sent anything).
			let cleared = GroupUsage::<T>::clear(u32::MAX, None);
			weight.saturating_accrue(T::DbWeight::get().writes(cleared.backend.into()));
			let length = T::WindowLength::get();
			if now % length == Zero::zero() && now >= length {
				let previous = now - length;
				StaleWindows::<T>::mutate(|stale| {
					if stale.is_full() {
						// Only when no block had room for `on_idle` for 64 windows.
						stale.remove(0);
					}
					let _ = stale.try_push(previous);
				});
			}
			weight.saturating_add(Self::clean(T::MaxCleanupPerBlock::get()))
		}

		fn on_idle(_now: BlockNumberFor<T>, remaining: Weight) -> Weight {
			let per_entry = T::DbWeight::get().writes(1);
			let overhead = T::DbWeight::get().reads_writes(1, 1);
			if remaining.any_lt(overhead.saturating_add(per_entry)) {
				return Weight::zero();
			}
			let entries = remaining
				.saturating_sub(overhead)
				.ref_time()
				.checked_div(per_entry.ref_time())
				.unwrap_or(u64::MAX);
			Self::clean(entries.min(u32::MAX as u64) as u32)
		}

		fn integrity_test() {
			assert!(!T::WindowLength::get().is_zero(), "WindowLength must not be zero");
			assert!(T::WeightBudget::get().ref_time() > 0, "WeightBudget must not be zero");
			assert!(T::LengthBudget::get() > 0, "LengthBudget must not be zero");
			assert!(
				T::PrivilegedWeightBudget::get().all_gte(T::WeightBudget::get()),
				"privileged accounts get at least the users' weight budget"
			);
			assert!(
				T::PrivilegedLengthBudget::get() >= T::LengthBudget::get(),
				"privileged accounts get at least the users' length budget"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}
}

/// What an account (or a group) used in a window (or a block).
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct WindowUsage {
	/// Reference time used, in picoseconds.
	pub weight: u64,
	/// Encoded bytes sent.
	pub length: u32,
}

impl WindowUsage {
	fn plus(self, weight: u64, length: u32) -> Self {
		Self {
			weight: self.weight.saturating_add(weight),
			length: self.length.saturating_add(length),
		}
	}
}

type GroupOf<T> = <<T as Config>::Policy as AccessPolicy<
	<T as frame_system::Config>::AccountId,
	<T as frame_system::Config>::RuntimeCall,
>>::Group;

/// What [`CheckAccess::validate`] found, for `prepare`.
pub struct Admitted<T: Config> {
	who: T::AccountId,
	group: Option<GroupOf<T>>,
}

/// What [`CheckAccess::prepare`] charged, for the refund after dispatch.
pub struct Charged<T: Config> {
	who: T::AccountId,
	group: Option<GroupOf<T>>,
	window: BlockNumberFor<T>,
	block: BlockNumberFor<T>,
}

impl<T: Config> Pallet<T> {
	/// First block of the window that contains the current block.
	pub fn current_window_start() -> BlockNumberFor<T> {
		let now = frame_system::Pallet::<T>::block_number();
		now.saturating_sub(now % T::WindowLength::get())
	}

	/// What `who` used in the current window.
	pub fn usage(who: &T::AccountId) -> WindowUsage {
		Usage::<T>::get(Self::current_window_start(), who).unwrap_or_default()
	}

	/// The weight (reference time) and length budgets of an account of `standing`.
	pub fn budgets(privileged: bool) -> (u64, u32) {
		if privileged {
			(T::PrivilegedWeightBudget::get().ref_time(), T::PrivilegedLengthBudget::get())
		} else {
			(T::WeightBudget::get().ref_time(), T::LengthBudget::get())
		}
	}

	/// The per-block cap of one group: (reference time, bytes).
	pub fn group_cap() -> (u64, u32) {
		let share = T::GroupBlockShare::get();
		let weights = T::BlockWeights::get();
		let normal = weights
			.get(frame_support::dispatch::DispatchClass::Normal)
			.max_total
			.unwrap_or(weights.max_block);
		let length = *T::BlockLength::get().max.get(frame_support::dispatch::DispatchClass::Normal);
		(share * normal.ref_time(), share * length)
	}

	/// Check that `who` may send `call` with declared weight `weight` and encoded length `len`
	/// now; returns the pool priority and the account's group.
	pub fn check(
		who: &T::AccountId,
		call: &T::RuntimeCall,
		weight: Weight,
		len: usize,
	) -> Result<(TransactionPriority, Option<GroupOf<T>>), TransactionValidityError> {
		let custom = |code| TransactionValidityError::from(InvalidTransaction::Custom(code));
		let standing = T::Policy::standing(who, call).ok_or(custom(UNKNOWN_ACCOUNT))?;
		T::Policy::check_call(who, &standing, call).map_err(custom)?;
		let (weight_budget, length_budget) = Self::budgets(standing.privileged);
		let weight = weight.ref_time();
		let len: u32 = len.saturated_into();
		if weight > weight_budget || len > length_budget {
			return Err(custom(TOO_LARGE));
		}
		let used = Self::usage(who).plus(weight, len);
		if used.weight > weight_budget || used.length > length_budget {
			return Err(custom(OVER_BUDGET));
		}
		let left = Perbill::from_rational(weight_budget - used.weight, weight_budget)
			.min(Perbill::from_rational(length_budget - used.length, length_budget));
		let mut priority = left * BUDGET_PRIORITY_RANGE;
		if standing.privileged {
			priority = priority.saturating_add(PRIVILEGED_PRIORITY);
		}
		let group = if standing.privileged { None } else { standing.group };
		Ok((priority, group))
	}

	/// Blocks left in the current window, the current block included.
	fn blocks_left_in_window() -> u64 {
		let now = frame_system::Pallet::<T>::block_number();
		let end = Self::current_window_start().saturating_add(T::WindowLength::get());
		end.saturating_sub(now).saturated_into::<u64>().max(1)
	}

	/// Charge a transaction to its account and group, at block building.
	fn charge(
		who: &T::AccountId,
		group: Option<&GroupOf<T>>,
		weight: Weight,
		len: usize,
	) -> Result<BlockNumberFor<T>, TransactionValidityError> {
		let weight = weight.ref_time();
		let len: u32 = len.saturated_into();
		if let Some(group) = group {
			let used = GroupUsage::<T>::get(group).unwrap_or_default().plus(weight, len);
			let (cap_weight, cap_length) = Self::group_cap();
			if used.weight > cap_weight || used.length > cap_length {
				return Err(InvalidTransaction::ExhaustsResources.into());
			}
			GroupUsage::<T>::insert(group, used);
		}
		let window = Self::current_window_start();
		Usage::<T>::mutate(window, who, |usage| {
			*usage = Some(usage.unwrap_or_default().plus(weight, len));
		});
		Ok(window)
	}

	/// Give back weight a dispatched call did not use, to its account and to its group.
	fn refund(charged: Charged<T>, unspent: Weight) {
		if unspent.ref_time() == 0 {
			return;
		}
		if let Some(group) = &charged.group {
			if charged.block == frame_system::Pallet::<T>::block_number() {
				GroupUsage::<T>::mutate_exists(group, |usage| {
					if let Some(usage) = usage {
						usage.weight = usage.weight.saturating_sub(unspent.ref_time());
					}
				});
			}
		}
		if charged.window != Self::current_window_start() {
			return;
		}
		Usage::<T>::mutate_exists(charged.window, &charged.who, |usage| {
			if let Some(usage) = usage {
				usage.weight = usage.weight.saturating_sub(unspent.ref_time());
			}
		});
	}

	/// Remove up to `limit` usage entries of past windows; returns the weight used.
	fn clean(limit: u32) -> Weight {
		let mut weight = T::DbWeight::get().reads(1);
		if limit == 0 {
			return weight;
		}
		let mut stale = StaleWindows::<T>::get();
		let Some(window) = stale.first().copied() else { return weight };
		let result = Usage::<T>::clear_prefix(window, limit, None);
		weight.saturating_accrue(T::DbWeight::get().writes(result.backend.into()));
		if result.maybe_cursor.is_none() {
			stale.remove(0);
			StaleWindows::<T>::put(stale);
			weight.saturating_accrue(T::DbWeight::get().writes(1));
		}
		weight
	}
}

/// Transaction extension that admits only known accounts, with calls their role may send, within
/// their budget; see the [crate documentation](crate).
///
/// It carries no data in the transaction and adds nothing to the signed payload, so generic
/// clients such as Polkadot.js can sign for it without knowing it.
#[derive(Encode, Decode, DecodeWithMemTracking, Clone, Eq, PartialEq, TypeInfo)]
#[scale_info(skip_type_params(T))]
pub struct CheckAccess<T: Config>(core::marker::PhantomData<T>);

impl<T: Config> CheckAccess<T> {
	/// A new instance of the extension.
	pub fn new() -> Self {
		Self(core::marker::PhantomData)
	}
}

impl<T: Config> Default for CheckAccess<T> {
	fn default() -> Self {
		Self::new()
	}
}

impl<T: Config> core::fmt::Debug for CheckAccess<T> {
	fn fmt(&self, f: &mut core::fmt::Formatter) -> core::fmt::Result {
		write!(f, "CheckAccess")
	}
}

impl<T: Config + Send + Sync> TransactionExtension<T::RuntimeCall> for CheckAccess<T>
where
	T::RuntimeCall: Dispatchable<Info = DispatchInfo, PostInfo = PostDispatchInfo>,
	<T::RuntimeCall as Dispatchable>::RuntimeOrigin: AsSystemOriginSigner<T::AccountId> + Clone,
{
	const IDENTIFIER: &'static str = "CheckAccess";
	type Implicit = ();
	type Val = Admitted<T>;
	type Pre = Charged<T>;

	fn weight(&self, _call: &T::RuntimeCall) -> Weight {
		T::WeightInfo::check_access()
	}

	fn validate(
		&self,
		origin: <T::RuntimeCall as Dispatchable>::RuntimeOrigin,
		call: &T::RuntimeCall,
		info: &DispatchInfoOf<T::RuntimeCall>,
		len: usize,
		_self_implicit: Self::Implicit,
		_inherited_implication: &impl Encode,
		_source: TransactionSource,
	) -> ValidateResult<Self::Val, T::RuntimeCall> {
		let Some(who) = origin.as_system_origin_signer() else {
			return Err(InvalidTransaction::Custom(UNSIGNED_NOT_ALLOWED).into());
		};
		let (priority, group) = Pallet::<T>::check(who, call, info.total_weight(), len)?;
		let valid = ValidTransaction {
			priority,
			longevity: Pallet::<T>::blocks_left_in_window(),
			..Default::default()
		};
		Ok((valid, Admitted { who: who.clone(), group }, origin))
	}

	fn prepare(
		self,
		val: Self::Val,
		_origin: &<T::RuntimeCall as Dispatchable>::RuntimeOrigin,
		_call: &T::RuntimeCall,
		info: &DispatchInfoOf<T::RuntimeCall>,
		len: usize,
	) -> Result<Self::Pre, TransactionValidityError> {
		let window = Pallet::<T>::charge(&val.who, val.group.as_ref(), info.total_weight(), len)?;
		let block = frame_system::Pallet::<T>::block_number();
		Ok(Charged { who: val.who, group: val.group, window, block })
	}

	fn post_dispatch_details(
		pre: Self::Pre,
		info: &DispatchInfoOf<T::RuntimeCall>,
		post_info: &PostDispatchInfoOf<T::RuntimeCall>,
		_len: usize,
		_result: &DispatchResult,
	) -> Result<Weight, TransactionValidityError> {
		Pallet::<T>::refund(pre, post_info.calc_unspent(info));
		Ok(Weight::zero())
	}
}

/// `frame_system::CheckMortality` that refuses immortal transactions with
/// `InvalidTransaction::Custom(`[`IMMORTAL`]`)`.
///
/// Same identifier and encoding as `CheckMortality`, so clients need not know it.
#[derive(Encode, Decode, DecodeWithMemTracking, Clone, Eq, PartialEq, TypeInfo)]
#[scale_info(skip_type_params(T))]
pub struct CheckMortalEra<T: frame_system::Config + Send + Sync>(frame_system::CheckMortality<T>);

impl<T: frame_system::Config + Send + Sync> CheckMortalEra<T> {
	/// The extension for a transaction of `era`.
	pub fn from(era: Era) -> Self {
		Self(frame_system::CheckMortality::from(era))
	}
}

impl<T: frame_system::Config + Send + Sync> core::fmt::Debug for CheckMortalEra<T> {
	fn fmt(&self, f: &mut core::fmt::Formatter) -> core::fmt::Result {
		write!(f, "CheckMortalEra({:?})", self.0 .0)
	}
}

impl<T: frame_system::Config + Send + Sync> TransactionExtension<T::RuntimeCall>
	for CheckMortalEra<T>
{
	const IDENTIFIER: &'static str = "CheckMortality";
	type Implicit = T::Hash;
	type Val = ();
	type Pre = ();

	fn implicit(&self) -> Result<Self::Implicit, TransactionValidityError> {
		self.0.implicit()
	}

	fn weight(&self, call: &T::RuntimeCall) -> Weight {
		self.0.weight(call)
	}

	fn validate(
		&self,
		origin: T::RuntimeOrigin,
		call: &T::RuntimeCall,
		info: &DispatchInfoOf<T::RuntimeCall>,
		len: usize,
		self_implicit: Self::Implicit,
		inherited_implication: &impl sp_runtime::traits::Implication,
		source: TransactionSource,
	) -> ValidateResult<Self::Val, T::RuntimeCall> {
		if self.0 .0.is_immortal() {
			return Err(InvalidTransaction::Custom(IMMORTAL).into());
		}
		self.0.validate(origin, call, info, len, self_implicit, inherited_implication, source)
	}

	sp_runtime::impl_tx_ext_default!(T::RuntimeCall; prepare);
}

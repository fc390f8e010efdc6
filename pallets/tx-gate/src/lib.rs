//! # Transaction gate
//!
//! MedChain has no token: transactions are free. This pallet keeps the chain from becoming a free
//! public bulletin board.
//!
//! ## Overview
//!
//! The pallet provides the [`CheckAccess`] transaction extension. Put it in the runtime's
//! transaction extension pipeline *before* `frame_system::CheckNonce`, so that an unknown account
//! is told why it was refused instead of a generic nonce or payment error.
//!
//! For every signed transaction the extension
//! 1. admits only accounts in [`Config::Registry`] (in the MedChain runtime: accounts that hold a
//!    role in the roles pallet, or sit on the hospital council). Everyone else is rejected at
//!    validation, so the transaction never enters the pool, with
//!    `InvalidTransaction::Custom(`[`UNKNOWN_ACCOUNT`]`)`;
//! 2. counts the account's transactions per fixed window of [`Config::WindowLength`] blocks and
//!    rejects the transaction once [`Config::MaxPerWindow`] have been included in the current
//!    window, with `InvalidTransaction::Custom(`[`RATE_LIMITED`]`)`.
//!
//! Unsigned transactions and inherents pass untouched; they are checked by their own pallets.
//!
//! ## Terminology
//!
//! - **Window**: blocks `[k * WindowLength, (k + 1) * WindowLength)` for some `k`. The count
//!   starts from zero in each window.
//! - **Usage**: the number of transactions of one account included in the current window.
//!
//! The pool validates against the best block's state, so transactions of one account that sit in
//! the pool together are each admitted; the limit is enforced again when a block is built, and the
//! surplus is dropped there.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	dispatch::DispatchInfo, pallet_prelude::TransactionSource, traits::Contains, weights::Weight,
};
use frame_system::pallet_prelude::BlockNumberFor;
use scale_info::TypeInfo;
use sp_runtime::{
	traits::{
		AsSystemOriginSigner, DispatchInfoOf, Dispatchable, Get, TransactionExtension,
		ValidateResult, Zero,
	},
	transaction_validity::{InvalidTransaction, TransactionValidityError, ValidTransaction},
	Saturating,
};

pub use pallet::*;

#[cfg(test)]
mod tests;

/// `InvalidTransaction::Custom` code: the signer holds no role and is not on the council.
pub const UNKNOWN_ACCOUNT: u8 = 1;
/// `InvalidTransaction::Custom` code: the signer used up its transactions for this window.
pub const RATE_LIMITED: u8 = 2;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::pallet_prelude::*;

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// Accounts that may submit signed transactions.
		type Registry: Contains<Self::AccountId>;
		/// Length of a rate-limit window, in blocks. Must not be zero.
		#[pallet::constant]
		type WindowLength: Get<BlockNumberFor<Self>>;
		/// How many transactions one account may have included per window.
		#[pallet::constant]
		type MaxPerWindow: Get<u32>;
	}

	/// Transactions included per account in its latest window.
	#[pallet::storage]
	pub type Usage<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, WindowUsage<BlockNumberFor<T>>, OptionQuery>;

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(!T::WindowLength::get().is_zero(), "WindowLength must not be zero");
			assert!(T::MaxPerWindow::get() > 0, "MaxPerWindow must not be zero");
		}
	}
}

/// How many transactions an account had included in the window that starts at `window_start`.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct WindowUsage<BlockNumber> {
	/// First block of the window.
	pub window_start: BlockNumber,
	/// Transactions included in the window so far.
	pub count: u32,
}

impl<T: Config> Pallet<T> {
	/// First block of the window that contains the current block.
	fn current_window_start() -> BlockNumberFor<T> {
		let now = frame_system::Pallet::<T>::block_number();
		let length = T::WindowLength::get();
		now.saturating_sub(now % length)
	}

	/// Transactions `who` had included in the current window.
	pub fn used_in_current_window(who: &T::AccountId) -> u32 {
		match Usage::<T>::get(who) {
			Some(usage) if usage.window_start == Self::current_window_start() => usage.count,
			_ => 0,
		}
	}

	/// Check that `who` may submit one more transaction now.
	pub fn check(who: &T::AccountId) -> Result<(), TransactionValidityError> {
		if !T::Registry::contains(who) {
			return Err(InvalidTransaction::Custom(UNKNOWN_ACCOUNT).into());
		}
		if Self::used_in_current_window(who) >= T::MaxPerWindow::get() {
			return Err(InvalidTransaction::Custom(RATE_LIMITED).into());
		}
		Ok(())
	}

	/// Count one included transaction of `who`.
	fn note_transaction(who: &T::AccountId) {
		let window_start = Self::current_window_start();
		Usage::<T>::mutate(who, |usage| {
			let count = match usage {
				Some(u) if u.window_start == window_start => u.count.saturating_add(1),
				_ => 1,
			};
			*usage = Some(WindowUsage { window_start, count });
		});
	}
}

/// Transaction extension that admits only registered accounts, within the rate limit.
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
	T::RuntimeCall: Dispatchable<Info = DispatchInfo>,
	<T::RuntimeCall as Dispatchable>::RuntimeOrigin: AsSystemOriginSigner<T::AccountId> + Clone,
{
	const IDENTIFIER: &'static str = "CheckAccess";
	type Implicit = ();
	type Val = Option<T::AccountId>;
	type Pre = ();

	fn weight(&self, _call: &T::RuntimeCall) -> Weight {
		// Registry lookups (roles and council) plus the usage entry, which `prepare` writes.
		T::DbWeight::get().reads_writes(3, 1)
	}

	fn validate(
		&self,
		origin: <T::RuntimeCall as Dispatchable>::RuntimeOrigin,
		_call: &T::RuntimeCall,
		_info: &DispatchInfoOf<T::RuntimeCall>,
		_len: usize,
		_self_implicit: Self::Implicit,
		_inherited_implication: &impl Encode,
		_source: TransactionSource,
	) -> ValidateResult<Self::Val, T::RuntimeCall> {
		let Some(who) = origin.as_system_origin_signer() else {
			return Ok((ValidTransaction::default(), None, origin));
		};
		Pallet::<T>::check(who)?;
		let who = who.clone();
		Ok((ValidTransaction::default(), Some(who), origin))
	}

	fn prepare(
		self,
		val: Self::Val,
		_origin: &<T::RuntimeCall as Dispatchable>::RuntimeOrigin,
		_call: &T::RuntimeCall,
		_info: &DispatchInfoOf<T::RuntimeCall>,
		_len: usize,
	) -> Result<Self::Pre, TransactionValidityError> {
		if let Some(who) = val {
			Pallet::<T>::note_transaction(&who);
		}
		Ok(())
	}
}

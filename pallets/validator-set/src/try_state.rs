//! The pallet's invariants, checked by `try_state` and by the tests.

use crate::{Config, Pallet, SessionPeriod, Validators};
use frame_support::{ensure, traits::Get};
use sp_runtime::traits::Zero;

impl<T: Config> Pallet<T> {
	/// Check the pallet's invariants: no duplicates, within the configured bounds, sessions at
	/// least one block long.
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		ensure!(!SessionPeriod::<T>::get().is_zero(), "zero session period");
		let list = Validators::<T>::get();
		ensure!(
			list.is_empty() || list.len() as u32 >= T::MinValidators::get(),
			"fewer validators than MinValidators"
		);
		for (i, v) in list.iter().enumerate() {
			ensure!(!list[i + 1..].contains(v), "duplicate validator");
		}
		Ok(())
	}
}

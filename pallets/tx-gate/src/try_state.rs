//! The pallet's invariants, checked by `try_state` and by the tests.

use crate::{Config, Pallet, StaleWindows, Usage};

impl<T: Config> Pallet<T> {
	/// Check the pallet's invariants:
	/// - usage entries belong to the current window or to a window waiting for removal, and
	///   stay within the largest budget;
	/// - stale windows lie before the current one, oldest first.
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		let current = Self::current_window_start();
		let stale = StaleWindows::<T>::get();
		let (max_weight, max_length) = Self::budgets(true);
		for (window, _, usage) in Usage::<T>::iter() {
			frame_support::ensure!(
				window == current || stale.contains(&window),
				"usage of a window that is neither current nor waiting for removal"
			);
			frame_support::ensure!(
				usage.weight <= max_weight && usage.length <= max_length,
				"usage beyond every budget"
			);
		}
		frame_support::ensure!(
			stale.windows(2).all(|pair| pair[0] < pair[1]) && stale.iter().all(|w| *w < current),
			"stale windows out of order"
		);
		Ok(())
	}
}

//! The pallet's invariants, checked by `try_state` and by the tests.

use crate::{Anchors, Config, Pallet};
use frame_support::ensure;

impl<T: Config> Pallet<T> {
	/// Check the pallet's invariants: every anchor holds at least one entry and was made in a
	/// block that has been reached.
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		let now = frame_system::Pallet::<T>::block_number();
		for (_, anchor) in Anchors::<T>::iter() {
			ensure!(anchor.length > 0, "empty anchor");
			ensure!(anchor.block <= now, "anchor from a future block");
		}
		Ok(())
	}
}

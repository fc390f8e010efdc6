//! The pallet's invariants, checked by `try_state` and by the tests.

use crate::{Agenda, Config, NextId, Pallet, Scheduled};
use frame_support::{ensure, traits::Get};

impl<T: Config> Pallet<T> {
	/// Check the pallet's invariants: every scheduled call is on the agenda of its block and
	/// lies in the future, every agenda entry names a scheduled call, ids are below `NextId`.
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		let now = frame_system::Pallet::<T>::block_number();
		let next = NextId::<T>::get();
		ensure!(Scheduled::<T>::count() <= T::MaxScheduled::get(), "too many scheduled calls");
		for (id, scheduled) in Scheduled::<T>::iter() {
			ensure!(id < next, "schedule id not below NextId");
			ensure!(scheduled.due > now, "scheduled call is overdue");
			ensure!(Agenda::<T>::get(scheduled.due).contains(&id), "scheduled call off the agenda");
		}
		for (_, ids) in Agenda::<T>::iter() {
			for id in ids {
				ensure!(Scheduled::<T>::contains_key(id), "agenda names an unknown call");
			}
		}
		Ok(())
	}
}

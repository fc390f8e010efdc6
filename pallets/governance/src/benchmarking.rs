//! Benchmarks for the governance pallet.

use super::*;
use alloc::vec;
use frame_benchmarking::v2::*;

#[benchmarks(where <T as Config>::RuntimeCall: From<frame_system::Call<T>>)]
mod benchmarks {
	use super::*;

	/// `l`: bytes of the scheduled call (a remark of about that length); `MaxScheduled - 1`
	/// calls wait already.
	#[benchmark]
	fn schedule(l: Linear<16, { T::MaxCallLength::get() - 16 }>) -> Result<(), BenchmarkError> {
		let origin =
			T::ScheduleOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		for _ in 1..T::MaxScheduled::get() {
			let filler: <T as Config>::RuntimeCall =
				frame_system::Call::<T>::remark { remark: vec![] }.into();
			Pallet::<T>::schedule(origin.clone(), Box::new(filler))?;
		}
		let call: <T as Config>::RuntimeCall =
			frame_system::Call::<T>::remark { remark: vec![1; l as usize] }.into();

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, Box::new(call));

		assert_eq!(Scheduled::<T>::count(), T::MaxScheduled::get());
		Ok(())
	}

	#[benchmark]
	fn cancel() -> Result<(), BenchmarkError> {
		let scheduler =
			T::ScheduleOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let call: <T as Config>::RuntimeCall =
			frame_system::Call::<T>::remark { remark: vec![] }.into();
		Pallet::<T>::schedule(scheduler, Box::new(call))?;
		let origin =
			T::CancelOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, 0);

		assert_eq!(Scheduled::<T>::count(), 0);
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::tests::new_test_ext(), crate::tests::Test);
}

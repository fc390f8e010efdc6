//! Benchmarks for the validator set pallet.

use super::*;
use frame_benchmarking::v2::*;

/// `n` validators, each with session keys (so the floor counts every one of them).
fn fill<T: Config>(n: u32) {
	let list: Vec<T::AccountId> = (0..n).map(|i| account("validator", i, 0)).collect();
	list.iter().for_each(T::BenchmarkHelper::publish_keys);
	Validators::<T>::put(BoundedVec::try_from(list).expect("n <= MaxValidators"));
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// `n`: validators already in the list.
	#[benchmark]
	fn add_validator(n: Linear<1, { T::MaxValidators::get() - 1 }>) -> Result<(), BenchmarkError> {
		fill::<T>(n);
		let origin =
			T::UpdateOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let new: T::AccountId = account("new", 0, 0);

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, new.clone());

		assert!(Validators::<T>::get().contains(&new));
		Ok(())
	}

	/// `n`: validators in the list; the last one is removed.
	#[benchmark]
	fn remove_validator(
		n: Linear<{ T::MinValidators::get() + 1 }, { T::MaxValidators::get() }>,
	) -> Result<(), BenchmarkError> {
		fill::<T>(n);
		let origin =
			T::UpdateOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let gone: T::AccountId = account("validator", n - 1, 0);

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, gone.clone());

		assert!(!Validators::<T>::get().contains(&gone));
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}

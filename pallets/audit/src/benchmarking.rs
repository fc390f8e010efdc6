//! Benchmarks for the audit pallet.

use super::*;
use frame_benchmarking::v2::*;
use frame_system::RawOrigin;

#[benchmarks]
mod benchmarks {
	use super::*;

	/// `n`: leaves anchored; the hospital has an anchor already (the read-modify-write case).
	#[benchmark]
	fn anchor(n: Linear<1, { T::MaxLeavesPerAnchor::get() }>) {
		let service: T::AccountId = whitelisted_caller();
		let hospital = T::Roles::benchmark_service_account(&service);
		Anchors::<T>::insert(
			hospital,
			Anchor { length: 1, head: [1; 32], block: BlockNumberFor::<T>::zero() },
		);
		frame_system::Pallet::<T>::set_block_number(T::MinAnchorInterval::get());
		let leaves: BoundedVec<Hash32, T::MaxLeavesPerAnchor> =
			alloc::vec![[2u8; 32]; n as usize].try_into().expect("at most the maximum");

		#[extrinsic_call]
		_(RawOrigin::Signed(service), leaves);

		assert_eq!(Anchors::<T>::get(hospital).map(|a| a.length), Some(1 + n as u64));
	}

	impl_benchmark_test_suite!(Pallet, crate::tests::new_test_ext(), crate::tests::Test);
}

//! Benchmarks for the records pallet, each at its worst case.

use super::*;
use alloc::vec::Vec;
use frame_benchmarking::v2::*;
use frame_system::RawOrigin;

/// A CIDv1 (raw codec) with a SHA2-256 multihash of `fill` bytes.
fn cid<T: Config>(fill: u8) -> CidOf<T> {
	let mut bytes: Vec<u8> = alloc::vec![0x01, 0x55, 0x12, 0x20];
	bytes.extend_from_slice(&[fill; 32]);
	bytes.try_into().expect("fits MaxCidLength")
}

/// A scope listing `MaxCategories` categories.
fn full_scope<T: Config>() -> ScopeOf<T> {
	let list: Vec<Category> = (0..T::MaxCategories::get() as Category).collect();
	Scope::Categories(list.try_into().expect("MaxCategories entries"))
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn grant_consent() {
		let patient: T::AccountId = whitelisted_caller();
		T::Roles::benchmark_grant(&patient, Role::Patient);
		let doctor: T::AccountId = account("doctor", 0, 0);

		#[extrinsic_call]
		_(
			RawOrigin::Signed(patient.clone()),
			doctor.clone(),
			full_scope::<T>(),
			Some(1_000u32.into()),
		);

		assert!(Consents::<T>::contains_key(&patient, &doctor));
	}

	#[benchmark]
	fn revoke_consent() {
		let patient: T::AccountId = whitelisted_caller();
		let doctor: T::AccountId = account("doctor", 0, 0);
		Consents::<T>::insert(&patient, &doctor, Grant { scope: full_scope::<T>(), expires: None });

		#[extrinsic_call]
		_(RawOrigin::Signed(patient.clone()), doctor.clone());

		assert!(!Consents::<T>::contains_key(&patient, &doctor));
	}

	/// Worst case: the category is the last one of a full category list.
	#[benchmark]
	fn add_record() {
		let patient: T::AccountId = account("patient", 0, 0);
		T::Roles::benchmark_grant(&patient, Role::Patient);
		let doctor: T::AccountId = whitelisted_caller();
		T::Roles::benchmark_grant(&doctor, Role::Doctor);
		Consents::<T>::insert(&patient, &doctor, Grant { scope: full_scope::<T>(), expires: None });
		let category = (T::MaxCategories::get() - 1) as Category;
		let id = NextRecordId::<T>::get();

		#[extrinsic_call]
		_(RawOrigin::Signed(doctor), patient, cid::<T>(7), category);

		assert!(Records::<T>::contains_key(id));
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}

//! Benchmarks for the roles pallet. Each call is measured at its worst case: the accounts
//! involved hold `MaxAffiliations - 1` hospital roles, so every affiliation scan is as long as it
//! can be.

use super::*;
use frame_benchmarking::v2::*;
use frame_system::RawOrigin;

/// A hospital for benchmark set-up (registered on first use).
pub(crate) fn ensure_hospital<T: Config>() -> HospitalId {
	if let Some((id, _)) = Hospitals::<T>::iter().find(|(_, info)| info.active) {
		return id;
	}
	new_hospital::<T>(&account("admin", 0, 0))
}

fn new_hospital<T: Config>(admin: &T::AccountId) -> HospitalId {
	let id = NextHospitalId::<T>::get();
	let name: NameOf<T> =
		alloc::vec![b'h'; T::MaxNameLength::get() as usize].try_into().expect("max length");
	Hospitals::<T>::insert(id, HospitalInfo { name, active: true, admins: 0 });
	NextHospitalId::<T>::put(id + 1);
	Pallet::<T>::add_affiliation(admin, id, Role::HospitalAdmin).expect("fresh hospital");
	id
}

/// Give `who` `n` Doctor affiliations in `n` other hospitals, so that its record is full-sized.
fn fill_affiliations<T: Config>(who: &T::AccountId, n: u32) {
	for i in 0..n {
		let hospital = new_hospital::<T>(&account("filler-admin", i, 0));
		Pallet::<T>::add_affiliation(who, hospital, Role::Doctor).expect("below max");
	}
}

fn max_minus_one<T: Config>() -> u32 {
	T::MaxAffiliations::get() - 1
}

/// An admin of a fresh hospital and a target account, both with full affiliation lists.
fn admin_and_target<T: Config>() -> (T::AccountId, HospitalId, T::AccountId) {
	let admin: T::AccountId = account("admin", 1, 0);
	fill_affiliations::<T>(&admin, max_minus_one::<T>());
	let hospital = new_hospital::<T>(&admin);
	let who: T::AccountId = account("who", 0, 0);
	fill_affiliations::<T>(&who, max_minus_one::<T>());
	(admin, hospital, who)
}

fn council<T: Config>() -> Result<T::RuntimeOrigin, BenchmarkError> {
	T::CouncilOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)
}

fn long_name<T: Config>() -> NameOf<T> {
	alloc::vec![b'n'; T::MaxNameLength::get() as usize].try_into().expect("max length")
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn register_hospital() -> Result<(), BenchmarkError> {
		let admin: T::AccountId = account("new-admin", 0, 0);
		fill_affiliations::<T>(&admin, max_minus_one::<T>());
		let origin = council::<T>()?;
		let id = NextHospitalId::<T>::get();

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, long_name::<T>(), admin);

		assert!(Hospitals::<T>::contains_key(id));
		Ok(())
	}

	#[benchmark]
	fn rename_hospital() -> Result<(), BenchmarkError> {
		let hospital = ensure_hospital::<T>();
		let origin = council::<T>()?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, hospital, long_name::<T>());

		assert_eq!(Hospitals::<T>::get(hospital).unwrap().name, long_name::<T>());
		Ok(())
	}

	#[benchmark]
	fn deactivate_hospital() -> Result<(), BenchmarkError> {
		let hospital = ensure_hospital::<T>();
		let origin = council::<T>()?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, hospital);

		assert!(!Hospitals::<T>::get(hospital).unwrap().active);
		Ok(())
	}

	#[benchmark]
	fn reactivate_hospital() -> Result<(), BenchmarkError> {
		let hospital = ensure_hospital::<T>();
		Hospitals::<T>::mutate(hospital, |h| h.as_mut().unwrap().active = false);
		let origin = council::<T>()?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, hospital);

		assert!(Hospitals::<T>::get(hospital).unwrap().active);
		Ok(())
	}

	#[benchmark]
	fn appoint_admin() -> Result<(), BenchmarkError> {
		let hospital = ensure_hospital::<T>();
		let who: T::AccountId = account("who", 0, 0);
		fill_affiliations::<T>(&who, max_minus_one::<T>());
		let origin = council::<T>()?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, hospital, who.clone());

		assert!(Members::<T>::get(&who).unwrap().holds(hospital, Role::HospitalAdmin));
		Ok(())
	}

	#[benchmark]
	fn dismiss_admin() -> Result<(), BenchmarkError> {
		let hospital = ensure_hospital::<T>();
		let who: T::AccountId = account("who", 0, 0);
		fill_affiliations::<T>(&who, max_minus_one::<T>());
		Pallet::<T>::add_affiliation(&who, hospital, Role::HospitalAdmin)?;
		let origin = council::<T>()?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, hospital, who.clone());

		assert!(!Members::<T>::get(&who).unwrap().holds(hospital, Role::HospitalAdmin));
		Ok(())
	}

	/// Worst case: a new account (its `frame_system` entry is created).
	#[benchmark]
	fn assign_role() -> Result<(), BenchmarkError> {
		let (admin, hospital, _) = admin_and_target::<T>();
		let who: T::AccountId = account("fresh", 0, 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(admin), hospital, who.clone(), Role::Doctor);

		assert!(Members::<T>::get(&who).unwrap().holds(hospital, Role::Doctor));
		Ok(())
	}

	/// Worst case: the account's last role goes (its `frame_system` provider is released).
	#[benchmark]
	fn revoke_role() -> Result<(), BenchmarkError> {
		let (admin, hospital, _) = admin_and_target::<T>();
		let who: T::AccountId = account("fresh", 0, 0);
		Pallet::<T>::add_affiliation(&who, hospital, Role::Doctor)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(admin), hospital, who.clone(), Role::Doctor);

		assert!(!Members::<T>::contains_key(&who));
		Ok(())
	}

	/// Worst case: a new account.
	#[benchmark]
	fn register_patient() -> Result<(), BenchmarkError> {
		let (admin, hospital, _) = admin_and_target::<T>();
		let who: T::AccountId = account("fresh", 0, 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(admin), hospital, who.clone());

		assert!(Members::<T>::get(&who).unwrap().patient);
		Ok(())
	}

	#[benchmark]
	fn accept_role() -> Result<(), BenchmarkError> {
		let (admin, hospital, who) = admin_and_target::<T>();
		Pallet::<T>::assign_role(
			RawOrigin::Signed(admin).into(),
			hospital,
			who.clone(),
			Role::Doctor,
		)
		.map_err(|e| e.error)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), hospital);

		assert!(Members::<T>::get(&who).unwrap().holds(hospital, Role::Doctor));
		Ok(())
	}

	/// Worst case: signed by an admin with a full affiliation list, target likewise.
	#[benchmark]
	fn suspend_affiliation() -> Result<(), BenchmarkError> {
		let (admin, hospital, who) = admin_and_target::<T>();
		Pallet::<T>::add_affiliation(&who, hospital, Role::Doctor)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(admin), hospital, who.clone());

		assert!(!Members::<T>::get(&who).unwrap().acts_as(hospital, Role::Doctor));
		Ok(())
	}

	#[benchmark]
	fn reinstate_affiliation() -> Result<(), BenchmarkError> {
		let (admin, hospital, who) = admin_and_target::<T>();
		Pallet::<T>::add_affiliation(&who, hospital, Role::Doctor)?;
		Pallet::<T>::set_affiliation_suspended(&who, hospital, true)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(admin), hospital, who.clone());

		assert!(Members::<T>::get(&who).unwrap().acts_as(hospital, Role::Doctor));
		Ok(())
	}

	#[benchmark]
	fn suspend() -> Result<(), BenchmarkError> {
		let (_, _, who) = admin_and_target::<T>();
		let origin = council::<T>()?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, who.clone());

		assert!(Members::<T>::get(&who).unwrap().suspended);
		Ok(())
	}

	#[benchmark]
	fn reinstate() -> Result<(), BenchmarkError> {
		let (_, _, who) = admin_and_target::<T>();
		Members::<T>::mutate(&who, |m| m.as_mut().unwrap().suspended = true);
		let origin = council::<T>()?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, who.clone());

		assert!(!Members::<T>::get(&who).unwrap().suspended);
		Ok(())
	}

	#[benchmark]
	fn set_encryption_key() {
		let who: T::AccountId = whitelisted_caller();
		// The X25519 base point (u = 9): a valid public key.
		let mut key = [0u8; 32];
		key[0] = 9;

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), key);

		assert_eq!(EncryptionKeys::<T>::get(&who), Some(key));
	}

	/// Worst case: the hospital had services with another service account (which is released),
	/// the admin's affiliation list is full, and the URL is as long as it may be.
	#[benchmark]
	fn set_hospital_services() {
		let (admin, hospital, _) = admin_and_target::<T>();
		let previous: T::AccountId = account("previous-service", 0, 0);
		let gateway: UrlOf<T> = {
			let mut url = b"https://".to_vec();
			url.resize(T::MaxUrlLength::get() as usize, b'g');
			url.try_into().expect("max length")
		};
		ServiceAccounts::<T>::insert(&previous, hospital);
		HospitalServices::<T>::insert(
			hospital,
			HospitalServicesInfo {
				gateway: gateway.clone(),
				service_account: previous.clone(),
				emergency_key: None,
			},
		);
		let service: T::AccountId = account("service", 0, 0);
		let mut key = [0u8; 32];
		key[0] = 9;

		#[extrinsic_call]
		_(RawOrigin::Signed(admin), hospital, gateway, service.clone(), Some(key));

		assert_eq!(ServiceAccounts::<T>::get(&service), Some(hospital));
		assert!(!ServiceAccounts::<T>::contains_key(&previous));
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}

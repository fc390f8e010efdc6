use super::*;

#[test]
fn works() {
	run(|| {
		assert_ok!(Roles::register_hospital(root(), name("St. Mary"), 50));
		let info = Hospitals::<Test>::get(2).unwrap();
		assert_eq!((info.name, info.active, info.admins), (name("St. Mary"), true, 1));
		assert!(has(50, Role::HospitalAdmin));
		assert_eq!(providers(50), 1);
		System::assert_last_event(
			Event::HospitalRegistered { hospital: 2, name: name("St. Mary"), admin: 50 }.into(),
		);
	});
}

#[test]
fn existing_member_can_be_first_admin() {
	run(|| {
		assert_ok!(Roles::register_hospital(root(), name("St. Mary"), DOCTOR));
		assert!(has(DOCTOR, Role::HospitalAdmin) && has(DOCTOR, Role::Doctor));
		assert_eq!(providers(DOCTOR), 1, "one provider per member, not per role");
	});
}

#[test]
fn fails_for_non_council() {
	run(|| {
		assert_noop!(
			Roles::register_hospital(signed(ADMIN), name("X"), 50),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn fails_for_empty_name() {
	run(|| {
		assert_noop!(Roles::register_hospital(root(), name(""), 50), Error::<Test>::EmptyName);
	});
}

#[test]
fn fails_when_admin_has_too_many_affiliations() {
	run(|| {
		make_doctor_in_new_hospitals(50, 4);
		assert_noop!(
			Roles::register_hospital(root(), name("Full"), 50),
			Error::<Test>::TooManyAffiliations
		);
	});
}

#[test]
fn fails_on_id_overflow() {
	run(|| {
		NextHospitalId::<Test>::put(u32::MAX);
		assert_noop!(
			Roles::register_hospital(root(), name("Last"), 50),
			Error::<Test>::HospitalIdOverflow
		);
		NextHospitalId::<Test>::put(2);
	});
}

use super::*;

#[test]
fn affiliated_roles_stop_counting() {
	run(|| {
		assert_ok!(Roles::register_patient(signed(STAFF), GENERAL, DOCTOR));
		assert_ok!(Roles::deactivate_hospital(root(), GENERAL));
		System::assert_last_event(Event::HospitalDeactivated { hospital: GENERAL }.into());
		assert!(!has(DOCTOR, Role::Doctor));
		assert!(!has(STAFF, Role::Staff));
		assert!(!has(ADMIN, Role::HospitalAdmin));
		assert!(has(DOCTOR, Role::Patient), "patients keep their role");
		assert!(has(PATIENT, Role::Patient));
		assert!(!<Roles as RoleInspect<u64>>::is_registered(&STAFF));
		assert_noop!(
			Roles::assign_role(signed(ADMIN), GENERAL, 50, Role::Doctor),
			Error::<Test>::HospitalInactive
		);
	});
}

#[test]
fn fails_for_non_council() {
	run(|| {
		assert_noop!(Roles::deactivate_hospital(signed(ADMIN), GENERAL), DispatchError::BadOrigin);
	});
}

#[test]
fn fails_for_unknown_hospital() {
	run(|| {
		assert_noop!(Roles::deactivate_hospital(root(), 9), Error::<Test>::UnknownHospital);
	});
}

#[test]
fn fails_when_inactive() {
	run(|| {
		assert_ok!(Roles::deactivate_hospital(root(), GENERAL));
		assert_noop!(Roles::deactivate_hospital(root(), GENERAL), Error::<Test>::HospitalInactive);
	});
}

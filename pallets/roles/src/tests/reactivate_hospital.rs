use super::*;

#[test]
fn roles_count_again() {
	run(|| {
		assert_ok!(Roles::deactivate_hospital(root(), GENERAL));
		assert_ok!(Roles::reactivate_hospital(root(), GENERAL));
		System::assert_last_event(Event::HospitalReactivated { hospital: GENERAL }.into());
		assert!(has(DOCTOR, Role::Doctor));
	});
}

#[test]
fn fails_for_non_council() {
	run(|| {
		assert_ok!(Roles::deactivate_hospital(root(), GENERAL));
		assert_noop!(Roles::reactivate_hospital(signed(ADMIN), GENERAL), DispatchError::BadOrigin);
	});
}

#[test]
fn fails_for_unknown_hospital() {
	run(|| {
		assert_noop!(Roles::reactivate_hospital(root(), 9), Error::<Test>::UnknownHospital);
	});
}

#[test]
fn fails_when_active() {
	run(|| {
		assert_noop!(
			Roles::reactivate_hospital(root(), GENERAL),
			Error::<Test>::HospitalAlreadyActive
		);
	});
}

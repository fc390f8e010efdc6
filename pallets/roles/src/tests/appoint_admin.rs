use super::*;

#[test]
fn works() {
	run(|| {
		assert_ok!(Roles::appoint_admin(root(), GENERAL, 50));
		assert_eq!(Hospitals::<Test>::get(GENERAL).unwrap().admins, 2);
		assert!(has(50, Role::HospitalAdmin));
		System::assert_last_event(
			Event::RoleAssigned { account: 50, role: Role::HospitalAdmin, hospital: GENERAL }
				.into(),
		);
	});
}

#[test]
fn fails_for_admin() {
	run(|| {
		assert_noop!(Roles::appoint_admin(signed(ADMIN), GENERAL, 50), DispatchError::BadOrigin);
	});
}

#[test]
fn fails_for_unknown_hospital() {
	run(|| {
		assert_noop!(Roles::appoint_admin(root(), 9, 50), Error::<Test>::UnknownHospital);
	});
}

#[test]
fn fails_beyond_max_affiliations() {
	run(|| {
		// DOCTOR holds one affiliation; three more hospitals fill the bound of four.
		make_doctor_in_new_hospitals(DOCTOR, 3);
		assert_noop!(
			Roles::appoint_admin(root(), GENERAL, DOCTOR),
			Error::<Test>::TooManyAffiliations
		);
	});
}

#[test]
fn fails_when_already_admin() {
	run(|| {
		assert_noop!(Roles::appoint_admin(root(), GENERAL, ADMIN), Error::<Test>::AlreadyHasRole);
	});
}

use super::*;

#[test]
fn admin_suspends_only_its_own_hospital() {
	run(|| {
		make_doctor_in_new_hospitals(DOCTOR, 1);
		assert_ok!(Roles::suspend_affiliation(signed(ADMIN), GENERAL, DOCTOR));
		System::assert_last_event(
			Event::AffiliationSuspended { account: DOCTOR, hospital: GENERAL }.into(),
		);
		// Still a doctor at the other hospital, and not suspended everywhere.
		assert!(has(DOCTOR, Role::Doctor));
		assert!(!Members::<Test>::get(DOCTOR).unwrap().suspended);
		assert_ok!(Roles::deactivate_hospital(root(), 2));
		assert!(!has(DOCTOR, Role::Doctor), "no active, unsuspended affiliation left");
	});
}

#[test]
fn suspended_admin_cannot_act() {
	run(|| {
		assert_ok!(Roles::appoint_admin(root(), GENERAL, 50));
		assert_ok!(Roles::assign_role(signed(ADMIN), GENERAL, 51, Role::Doctor));
		// Admins are suspended by the council only.
		assert_noop!(
			Roles::suspend_affiliation(signed(ADMIN), GENERAL, 50),
			Error::<Test>::RoleNotHeld
		);
	});
}

#[test]
fn fails_for_admin_of_other_hospital() {
	run(|| {
		assert_noop!(
			Roles::suspend_affiliation(signed(OTHER_ADMIN), GENERAL, DOCTOR),
			Error::<Test>::NotAuthorized
		);
		assert_noop!(
			Roles::suspend_affiliation(signed(OTHER_ADMIN), CLINIC, DOCTOR),
			Error::<Test>::RoleNotHeld
		);
	});
}

#[test]
fn cannot_reach_patients_or_other_hospitals_admins() {
	run(|| {
		// The attack of the security review: assign a role, then suspend. The role is only
		// offered, and an affiliation suspension touches nothing outside the hospital.
		assert_ok!(Roles::assign_role(signed(ADMIN), GENERAL, OTHER_ADMIN, Role::Staff));
		assert_noop!(
			Roles::suspend_affiliation(signed(ADMIN), GENERAL, OTHER_ADMIN),
			Error::<Test>::RoleNotHeld
		);
		assert_noop!(
			Roles::suspend_affiliation(signed(ADMIN), GENERAL, PATIENT),
			Error::<Test>::RoleNotHeld
		);
		assert!(has(OTHER_ADMIN, Role::HospitalAdmin) && has(PATIENT, Role::Patient));
	});
}

#[test]
fn fails_when_suspended() {
	run(|| {
		assert_ok!(Roles::suspend_affiliation(root(), GENERAL, DOCTOR));
		assert_noop!(
			Roles::suspend_affiliation(signed(ADMIN), GENERAL, DOCTOR),
			Error::<Test>::AlreadySuspended
		);
	});
}

#[test]
fn fails_for_unknown_hospital() {
	run(|| {
		assert_noop!(Roles::suspend_affiliation(root(), 9, DOCTOR), Error::<Test>::UnknownHospital);
	});
}

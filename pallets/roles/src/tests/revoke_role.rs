use super::*;

#[test]
fn losing_a_role_moves_the_generation_on() {
	run(|| {
		let generation = |who| <Roles as RoleInspect<u64>>::generation(&who);
		assert_eq!(generation(DOCTOR), 0);
		assert_ok!(Roles::suspend_affiliation(signed(ADMIN), GENERAL, DOCTOR));
		assert_eq!(generation(DOCTOR), 0, "a suspension is not a loss");
		assert_ok!(Roles::revoke_role(signed(ADMIN), GENERAL, DOCTOR, Role::Doctor));
		assert_eq!(generation(DOCTOR), 1);
		// Hired again: the generation does not go back.
		assert_ok!(Roles::assign_role(signed(OTHER_ADMIN), CLINIC, DOCTOR, Role::Doctor));
		assert_eq!(generation(DOCTOR), 1);
	});
}

#[test]
fn works_and_keeps_the_provider() {
	run(|| {
		assert_ok!(Roles::revoke_role(signed(ADMIN), GENERAL, DOCTOR, Role::Doctor));
		System::assert_last_event(
			Event::RoleRevoked { account: DOCTOR, role: Role::Doctor, hospital: GENERAL }.into(),
		);
		assert!(!has(DOCTOR, Role::Doctor));
		assert!(Members::<Test>::get(DOCTOR).is_none());
		assert_eq!(providers(DOCTOR), 1);
		// Registered again, it takes no second reference.
		assert_ok!(Roles::register_patient(signed(STAFF), GENERAL, DOCTOR));
		assert_eq!(providers(DOCTOR), 1);
	});
}

#[test]
fn keeps_other_roles() {
	run(|| {
		assert_ok!(Roles::register_patient(signed(STAFF), GENERAL, DOCTOR));
		assert_ok!(Roles::revoke_role(signed(ADMIN), GENERAL, DOCTOR, Role::Doctor));
		assert!(has(DOCTOR, Role::Patient));
		assert_eq!(providers(DOCTOR), 1);
	});
}

#[test]
fn fails_for_admin_of_other_hospital() {
	run(|| {
		assert_noop!(
			Roles::revoke_role(signed(OTHER_ADMIN), GENERAL, DOCTOR, Role::Doctor),
			Error::<Test>::NotAuthorized
		);
	});
}

#[test]
fn fails_for_non_assignable_role() {
	run(|| {
		assert_noop!(
			Roles::revoke_role(signed(ADMIN), GENERAL, ADMIN, Role::HospitalAdmin),
			Error::<Test>::RoleNotAssignable
		);
	});
}

#[test]
fn fails_for_unknown_hospital() {
	run(|| {
		assert_noop!(
			Roles::revoke_role(signed(ADMIN), 9, DOCTOR, Role::Doctor),
			Error::<Test>::UnknownHospital
		);
	});
}

#[test]
fn fails_for_inactive_hospital() {
	run(|| {
		assert_ok!(Roles::deactivate_hospital(root(), GENERAL));
		assert_noop!(
			Roles::revoke_role(signed(ADMIN), GENERAL, DOCTOR, Role::Doctor),
			Error::<Test>::HospitalInactive
		);
	});
}

#[test]
fn fails_when_role_not_held() {
	run(|| {
		assert_noop!(
			Roles::revoke_role(signed(ADMIN), GENERAL, STAFF, Role::Doctor),
			Error::<Test>::RoleNotHeld
		);
		assert_noop!(
			Roles::revoke_role(signed(ADMIN), GENERAL, STRANGER, Role::Doctor),
			Error::<Test>::RoleNotHeld
		);
	});
}

#[test]
fn works_while_other_state_depends_on_the_account() {
	run(|| {
		// Session keys, say, cannot pin a role.
		assert_ok!(frame_system::Pallet::<Test>::inc_consumers(&DOCTOR));
		assert_ok!(Roles::revoke_role(signed(ADMIN), GENERAL, DOCTOR, Role::Doctor));
	});
}

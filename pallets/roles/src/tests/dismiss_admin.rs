use super::*;

#[test]
fn works_and_keeps_the_provider() {
	run(|| {
		assert_ok!(Roles::appoint_admin(root(), GENERAL, 50));
		assert_ok!(Roles::dismiss_admin(root(), GENERAL, 50));
		assert_eq!(Hospitals::<Test>::get(GENERAL).unwrap().admins, 1);
		assert!(Members::<Test>::get(50).is_none());
		// The account is not reaped: its nonce never restarts.
		assert_eq!(providers(50), 1);
		System::assert_last_event(
			Event::RoleRevoked { account: 50, role: Role::HospitalAdmin, hospital: GENERAL }.into(),
		);
	});
}

#[test]
fn fails_for_admin() {
	run(|| {
		assert_ok!(Roles::appoint_admin(root(), GENERAL, 50));
		assert_noop!(Roles::dismiss_admin(signed(ADMIN), GENERAL, 50), DispatchError::BadOrigin);
	});
}

#[test]
fn fails_for_unknown_hospital() {
	run(|| {
		assert_noop!(Roles::dismiss_admin(root(), 9, ADMIN), Error::<Test>::UnknownHospital);
	});
}

#[test]
fn fails_for_non_admin() {
	run(|| {
		assert_noop!(Roles::dismiss_admin(root(), GENERAL, DOCTOR), Error::<Test>::RoleNotHeld);
		assert_noop!(Roles::dismiss_admin(root(), GENERAL, STRANGER), Error::<Test>::RoleNotHeld);
	});
}

#[test]
fn fails_for_last_admin() {
	run(|| {
		assert_noop!(Roles::dismiss_admin(root(), GENERAL, ADMIN), Error::<Test>::LastAdmin);
	});
}

#[test]
fn works_while_other_state_depends_on_the_account() {
	run(|| {
		assert_ok!(Roles::appoint_admin(root(), GENERAL, 50));
		// Something else (for example session keys) depends on the account.
		assert_ok!(frame_system::Pallet::<Test>::inc_consumers(&50));
		assert_ok!(Roles::dismiss_admin(root(), GENERAL, 50));
	});
}

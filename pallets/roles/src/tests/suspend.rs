use super::*;

#[test]
fn council_suspends_anyone() {
	run(|| {
		assert_ok!(Roles::suspend(root(), PATIENT));
		System::assert_last_event(Event::AccountSuspended { account: PATIENT }.into());
		assert!(!has(PATIENT, Role::Patient));
		assert!(!<Roles as RoleInspect<u64>>::is_registered(&PATIENT));
	});
}

#[test]
fn admins_cannot_suspend_globally() {
	run(|| {
		// Not even their own doctor: that is `suspend_affiliation`.
		assert_noop!(Roles::suspend(signed(ADMIN), DOCTOR), DispatchError::BadOrigin);
		assert_noop!(Roles::suspend(signed(ADMIN), PATIENT), DispatchError::BadOrigin);
		assert_noop!(Roles::suspend(signed(OTHER_ADMIN), ADMIN), DispatchError::BadOrigin);
	});
}

#[test]
fn fails_for_unknown_account() {
	run(|| {
		assert_noop!(Roles::suspend(root(), STRANGER), Error::<Test>::UnknownAccount);
	});
}

#[test]
fn fails_when_suspended() {
	run(|| {
		assert_ok!(Roles::suspend(root(), DOCTOR));
		assert_noop!(Roles::suspend(root(), DOCTOR), Error::<Test>::AlreadySuspended);
	});
}

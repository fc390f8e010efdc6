use super::*;

#[test]
fn works() {
	run(|| {
		assert_ok!(Roles::suspend(root(), DOCTOR));
		assert_ok!(Roles::reinstate(root(), DOCTOR));
		System::assert_last_event(Event::AccountReinstated { account: DOCTOR }.into());
		assert!(has(DOCTOR, Role::Doctor));
	});
}

#[test]
fn fails_for_unrelated_caller() {
	run(|| {
		assert_ok!(Roles::suspend(root(), DOCTOR));
		for caller in [ADMIN, OTHER_ADMIN, STAFF, PATIENT, STRANGER] {
			assert_noop!(Roles::reinstate(signed(caller), DOCTOR), DispatchError::BadOrigin);
		}
	});
}

#[test]
fn fails_for_unknown_account() {
	run(|| {
		assert_noop!(Roles::reinstate(root(), STRANGER), Error::<Test>::UnknownAccount);
	});
}

#[test]
fn fails_when_not_suspended() {
	run(|| {
		assert_noop!(Roles::reinstate(root(), DOCTOR), Error::<Test>::NotSuspended);
	});
}

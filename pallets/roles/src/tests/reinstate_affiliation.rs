use super::*;

#[test]
fn works() {
	run(|| {
		assert_ok!(Roles::suspend_affiliation(signed(ADMIN), GENERAL, DOCTOR));
		assert!(!has(DOCTOR, Role::Doctor));
		assert_ok!(Roles::reinstate_affiliation(signed(ADMIN), GENERAL, DOCTOR));
		System::assert_last_event(
			Event::AffiliationReinstated { account: DOCTOR, hospital: GENERAL }.into(),
		);
		assert!(has(DOCTOR, Role::Doctor));
	});
}

#[test]
fn fails_when_not_suspended() {
	run(|| {
		assert_noop!(
			Roles::reinstate_affiliation(signed(ADMIN), GENERAL, DOCTOR),
			Error::<Test>::NotSuspended
		);
	});
}

#[test]
fn fails_for_unrelated_caller() {
	run(|| {
		assert_ok!(Roles::suspend_affiliation(root(), GENERAL, DOCTOR));
		for caller in [OTHER_ADMIN, STAFF, PATIENT, STRANGER, DOCTOR] {
			assert_noop!(
				Roles::reinstate_affiliation(signed(caller), GENERAL, DOCTOR),
				Error::<Test>::NotAuthorized
			);
		}
	});
}

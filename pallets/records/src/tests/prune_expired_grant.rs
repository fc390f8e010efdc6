use super::*;

#[test]
fn anyone_prunes_a_lapsed_grant() {
	run(|| {
		world();
		System::set_block_number(6);
		assert_ok!(Records::prune_expired_grant(signed(STRANGER), PATIENT, LAPSED_DOCTOR));
		System::assert_last_event(
			Event::ConsentPruned {
				patient: PATIENT,
				grantee: LAPSED_DOCTOR,
				by: STRANGER,
				rotation_pending: vec![LAB].try_into().unwrap(),
			}
			.into(),
		);
		assert!(!Consents::<Test>::contains_key(PATIENT, LAPSED_DOCTOR));
		assert!(ScopeKeys::<Test>::get(PATIENT, LAB).unwrap().rotation_pending);
		assert_eq!(GrantCount::<Test>::get(PATIENT), 1);
	});
}

#[test]
fn fails_for_a_live_grant() {
	run(|| {
		world();
		assert_noop!(
			Records::prune_expired_grant(signed(STRANGER), PATIENT, DOCTOR),
			Error::<Test>::ConsentLive
		);
		assert_noop!(
			Records::prune_expired_grant(signed(STRANGER), PATIENT, LAPSED_DOCTOR),
			Error::<Test>::ConsentLive
		);
	});
}

#[test]
fn fails_without_a_grant() {
	run(|| {
		world();
		assert_noop!(
			Records::prune_expired_grant(signed(STRANGER), PATIENT, OTHER_DOCTOR),
			Error::<Test>::NoConsent
		);
	});
}

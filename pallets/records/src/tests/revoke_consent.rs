use super::*;

#[test]
fn removes_keys_and_marks_rotation() {
	run(|| {
		world();
		assert_ok!(Records::revoke_consent(signed(PATIENT), DOCTOR));
		System::assert_last_event(
			Event::ConsentRevoked {
				patient: PATIENT,
				grantee: DOCTOR,
				rotation_pending: vec![LAB, IMAGING].try_into().unwrap(),
			}
			.into(),
		);
		assert!(!Consents::<Test>::contains_key(PATIENT, DOCTOR));
		assert!(!WrappedKeys::<Test>::contains_key((PATIENT, LAB), DOCTOR));
		let lab = ScopeKeys::<Test>::get(PATIENT, LAB).unwrap();
		assert_eq!((lab.holders, lab.rotation_pending), (2, true));
		assert_eq!(Records::key_material(DOCTOR, PATIENT, LAB), None);
		// Nothing new can be written under the old key until the patient rotates it.
		assert_noop!(
			Records::add_record(signed(DOCTOR), PATIENT, cid(2), LAB),
			Error::<Test>::NoConsent
		);
	});
}

#[test]
fn works_for_expired_grant() {
	run(|| {
		world();
		System::set_block_number(6);
		assert_ok!(Records::revoke_consent(signed(PATIENT), LAPSED_DOCTOR));
	});
}

#[test]
fn fails_without_consent() {
	run(|| {
		world();
		assert_noop!(
			Records::revoke_consent(signed(PATIENT), OTHER_DOCTOR),
			Error::<Test>::NoConsent
		);
		// Only the patient's own grants: DOCTOR cannot revoke anything of PATIENT's.
		assert_noop!(Records::revoke_consent(signed(DOCTOR), PATIENT), Error::<Test>::NoConsent);
		assert_noop!(
			Records::revoke_consent(RuntimeOrigin::none(), DOCTOR),
			DispatchError::BadOrigin
		);
	});
}

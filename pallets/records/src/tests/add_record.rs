use super::*;

#[test]
fn works() {
	run(|| {
		let id = world();
		assert_eq!(
			record(id),
			Record {
				author: DOCTOR,
				cid: bounded_cid(1),
				category: LAB,
				created: 1,
				updated: 1,
				version: 1,
				status: RecordStatus::Active,
				shares: 0,
			}
		);
		System::assert_last_event(
			Event::RecordAdded {
				patient: PATIENT,
				record: id,
				author: DOCTOR,
				category: LAB,
				cid: bounded_cid(1),
			}
			.into(),
		);
		assert_eq!(NextRecordId::<Test>::get(), 1);
	});
}

#[test]
fn fails_for_bad_caller_or_patient() {
	run(|| {
		world();
		assert_noop!(
			Records::add_record(signed(STAFF), PATIENT, cid(2), LAB),
			Error::<Test>::NotAuthorized
		);
		assert_noop!(
			Records::add_record(signed(DOCTOR), STRANGER, cid(2), LAB),
			Error::<Test>::NotAPatient
		);
		// A suspended doctor (no role) keeps the consent but cannot write.
		MockRoles::take(DOCTOR, Role::Doctor);
		assert_noop!(
			Records::add_record(signed(DOCTOR), PATIENT, cid(2), LAB),
			Error::<Test>::NotAuthorized
		);
	});
}

#[test]
fn fails_for_bad_cid() {
	run(|| {
		world();
		assert_noop!(
			Records::add_record(signed(DOCTOR), PATIENT, b"QmNotBinary".to_vec(), LAB),
			Error::<Test>::MalformedCid
		);
		assert_noop!(
			Records::add_record(signed(DOCTOR), PATIENT, vec![1; 81], LAB),
			Error::<Test>::CidTooLong
		);
	});
}

#[test]
fn fails_without_live_covering_consent() {
	run(|| {
		world();
		assert_noop!(
			Records::add_record(signed(OTHER_DOCTOR), PATIENT, cid(2), LAB),
			Error::<Test>::NoConsent
		);
		assert_noop!(
			Records::add_record(signed(DOCTOR), PATIENT, cid(2), NOTES),
			Error::<Test>::CategoryNotCovered
		);
		System::set_block_number(6);
		assert_noop!(
			Records::add_record(signed(LAPSED_DOCTOR), PATIENT, cid(2), LAB),
			Error::<Test>::ConsentExpired
		);
	});
}

#[test]
fn fails_without_current_scope_key() {
	run(|| {
		world();
		assert_ok!(Records::grant_consent(
			signed(PATIENT),
			OTHER_DOCTOR,
			Scope::All,
			None,
			keys_for(&[])
		));
		assert_noop!(
			Records::add_record(signed(OTHER_DOCTOR), PATIENT, cid(2), NOTES),
			Error::<Test>::NoScopeKey
		);
		assert_noop!(
			Records::add_record(signed(OTHER_DOCTOR), PATIENT, cid(2), LAB),
			Error::<Test>::NotKeyHolder
		);
		assert_ok!(Records::revoke_consent(signed(PATIENT), LAPSED_DOCTOR));
		assert_noop!(
			Records::add_record(signed(DOCTOR), PATIENT, cid(2), LAB),
			Error::<Test>::RotationPending
		);
	});
}

#[test]
fn fails_when_ids_run_out() {
	run(|| {
		world();
		NextRecordId::<Test>::put(RecordId::MAX);
		assert_noop!(
			Records::add_record(signed(DOCTOR), PATIENT, cid(2), LAB),
			Error::<Test>::RecordIdOverflow
		);
		NextRecordId::<Test>::put(1);
	});
}

use super::*;

#[test]
fn grants_per_patient_are_bounded() {
	run(|| {
		// MaxGrants is 4.
		for grantee in [DOCTOR, OTHER_DOCTOR, STAFF, OTHER_PATIENT] {
			assert_ok!(Records::grant_consent(
				signed(PATIENT),
				grantee,
				Scope::All,
				None,
				keys_for(&[])
			));
		}
		MockRoles::grant(LAPSED_DOCTOR, Role::Doctor);
		assert_noop!(
			Records::grant_consent(signed(PATIENT), LAPSED_DOCTOR, Scope::All, None, keys_for(&[])),
			Error::<Test>::TooManyGrants
		);
		// Replacing a grant is not a new one; a revocation frees a slot.
		assert_ok!(Records::grant_consent(
			signed(PATIENT),
			DOCTOR,
			Scope::All,
			Some(9),
			keys_for(&[])
		));
		assert_ok!(Records::revoke_consent(signed(PATIENT), DOCTOR));
		assert_ok!(Records::grant_consent(
			signed(PATIENT),
			LAPSED_DOCTOR,
			Scope::All,
			None,
			keys_for(&[])
		));
	});
}

#[test]
fn scope_keys_per_patient_are_bounded() {
	run(|| {
		// MaxScopes is 8.
		for category in 0..8 {
			create_scope(PATIENT, category);
		}
		assert_noop!(
			Records::rotate_scope_key(signed(PATIENT), 8, None, holders(&[PATIENT])),
			Error::<Test>::TooManyScopes
		);
	});
}

#[test]
fn rotations_per_window_are_bounded() {
	run(|| {
		// MaxRotationsPerWindow is 20 per 100 blocks.
		create_scope(PATIENT, LAB);
		for _ in 1..20 {
			assert_ok!(Records::rotate_scope_key(
				signed(PATIENT),
				LAB,
				Some(key(8)),
				holders(&[PATIENT])
			));
		}
		assert_noop!(
			Records::rotate_scope_key(signed(PATIENT), LAB, Some(key(8)), holders(&[PATIENT])),
			Error::<Test>::RotationQuotaExhausted
		);
		System::set_block_number(100);
		assert_ok!(Records::rotate_scope_key(
			signed(PATIENT),
			LAB,
			Some(key(8)),
			holders(&[PATIENT])
		));
	});
}

#[test]
fn records_per_patient_and_window_are_bounded() {
	run(|| {
		world();
		// One added by `world`; MaxRecordsPerWindow is 20.
		for n in 0..19 {
			assert_ok!(Records::add_record(signed(DOCTOR), PATIENT, cid(10 + n), IMAGING));
		}
		assert_noop!(
			Records::add_record(signed(DOCTOR), PATIENT, cid(50), IMAGING),
			Error::<Test>::RecordQuotaExhausted
		);
		System::set_block_number(100);
		assert_ok!(Records::add_record(signed(DOCTOR), PATIENT, cid(50), IMAGING));
	});
}

#[test]
fn proposal_and_cosignature_lifetimes_are_capped() {
	run(|| {
		let id = world();
		// MaxProposalLifetime and MaxCosignValidity are 1,000 blocks; now is block 1.
		assert_noop!(
			Records::propose_change(signed(PATIENT), PATIENT, id, RecordChange::Delete, 1_002),
			Error::<Test>::ExpiryTooFar
		);
		assert_ok!(Records::propose_change(
			signed(PATIENT),
			PATIENT,
			id,
			RecordChange::Delete,
			1_001
		));
		let mut p = payload(DOCTOR, id, update(5));
		p.expires = 1_002;
		assert_noop!(submit(DOCTOR, &p), Error::<Test>::ExpiryTooFar);
	});
}

#[test]
fn an_oversized_cid_is_refused_before_the_signature_is_checked() {
	run(|| {
		let id = world();
		let p = payload(DOCTOR, id, RecordChange::Update { cid: vec![1; 100_000] });
		// The patient's signature is not even computed: the length fails first.
		assert_noop!(
			Records::cosigned_change(signed(DOCTOR), p, sign(STRANGER, b"anything")),
			Error::<Test>::CidTooLong
		);
	});
}

#[test]
fn failures_report_less_than_the_declared_weight() {
	run(|| {
		world();
		let declared = <() as WeightInfo>::revoke_consent();
		let error = Records::revoke_consent(signed(PATIENT), STRANGER).unwrap_err();
		let actual = error.post_info.actual_weight.expect("a failure reports its weight");
		assert!(actual.ref_time() < declared.ref_time(), "{actual:?} < {declared:?}");
	});
}

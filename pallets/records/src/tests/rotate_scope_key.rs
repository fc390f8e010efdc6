use super::*;

#[test]
fn creates_first_key() {
	run(|| {
		create_scope(PATIENT, NOTES);
		System::assert_last_event(
			Event::ScopeKeyRotated { patient: PATIENT, category: NOTES, epoch: 0, holders: 1 }
				.into(),
		);
		let material = Records::key_material(PATIENT, PATIENT, NOTES).unwrap();
		assert_eq!(material.epoch, 0);
		assert_eq!(material.wrapped_key, key(PATIENT as u8));
		assert!(material.links.is_empty());
	});
}

#[test]
fn rotation_after_revoke_opens_next_epoch() {
	run(|| {
		world();
		assert_ok!(Records::revoke_consent(signed(PATIENT), LAPSED_DOCTOR));
		assert_ok!(Records::rotate_scope_key(
			signed(PATIENT),
			LAB,
			Some(key(77)),
			holders(&[DOCTOR, PATIENT]),
		));
		System::assert_last_event(
			Event::ScopeKeyRotated { patient: PATIENT, category: LAB, epoch: 1, holders: 2 }.into(),
		);
		let material = Records::key_material(DOCTOR, PATIENT, LAB).unwrap();
		assert_eq!(material.epoch, 1);
		assert_eq!(material.wrapped_key, key(DOCTOR as u8));
		assert_eq!(material.links, vec![(1, key(77))]);
		assert!(!material.rotation_pending);
		assert_ok!(Records::add_record(signed(DOCTOR), PATIENT, cid(2), LAB));
	});
}

#[test]
fn fails_for_non_patient() {
	run(|| {
		assert_noop!(
			Records::rotate_scope_key(signed(DOCTOR), LAB, None, holders(&[DOCTOR])),
			Error::<Test>::NotAPatient
		);
	});
}

#[test]
fn first_key_rules() {
	run(|| {
		assert_noop!(
			Records::rotate_scope_key(signed(PATIENT), LAB, Some(key(1)), holders(&[PATIENT])),
			Error::<Test>::UnexpectedLink
		);
		assert_noop!(
			Records::rotate_scope_key(signed(PATIENT), LAB, None, holders(&[PATIENT, DOCTOR])),
			Error::<Test>::HolderMismatch
		);
		assert_noop!(
			Records::rotate_scope_key(signed(PATIENT), LAB, None, holders(&[DOCTOR])),
			Error::<Test>::HolderMismatch
		);
		assert_noop!(
			Records::rotate_scope_key(
				signed(PATIENT),
				LAB,
				None,
				vec![(PATIENT, vec![])].try_into().unwrap()
			),
			Error::<Test>::MalformedKey
		);
	});
}

#[test]
fn rotation_rules() {
	run(|| {
		world();
		let all = [PATIENT, DOCTOR, LAPSED_DOCTOR];
		assert_noop!(
			Records::rotate_scope_key(signed(PATIENT), LAB, None, holders(&all)),
			Error::<Test>::LinkMissing
		);
		assert_noop!(
			Records::rotate_scope_key(signed(PATIENT), LAB, Some(vec![]), holders(&all)),
			Error::<Test>::MalformedKey
		);
		assert_noop!(
			Records::rotate_scope_key(signed(PATIENT), LAB, Some(vec![0; 129]), holders(&all)),
			Error::<Test>::KeyTooLong
		);
		// A holder left out, a stranger put in, a holder twice.
		for wrong in
			[&[PATIENT, DOCTOR][..], &[PATIENT, DOCTOR, OTHER_DOCTOR], &[PATIENT, DOCTOR, DOCTOR]]
		{
			assert_noop!(
				Records::rotate_scope_key(signed(PATIENT), LAB, Some(key(1)), holders(wrong)),
				Error::<Test>::HolderMismatch
			);
		}
		// A plain rotation (no revocation) with every holder works.
		assert_ok!(Records::rotate_scope_key(signed(PATIENT), LAB, Some(key(1)), holders(&all)));
	});
}

#[test]
fn fails_when_epochs_are_exhausted() {
	run(|| {
		create_scope(PATIENT, LAB);
		ScopeKeys::<Test>::mutate(PATIENT, LAB, |info| info.as_mut().unwrap().epoch = Epoch::MAX);
		assert_noop!(
			Records::rotate_scope_key(signed(PATIENT), LAB, Some(key(1)), holders(&[PATIENT])),
			Error::<Test>::EpochOverflow
		);
		ScopeKeys::<Test>::mutate(PATIENT, LAB, |info| info.as_mut().unwrap().epoch = 0);
	});
}

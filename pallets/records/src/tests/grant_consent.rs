use super::*;

#[test]
fn works_with_keys_and_replaces() {
	run(|| {
		create_scope(PATIENT, LAB);
		assert_ok!(Records::grant_consent(
			signed(PATIENT),
			DOCTOR,
			Scope::All,
			None,
			keys_for(&[LAB]),
		));
		System::assert_last_event(
			Event::ConsentGranted {
				patient: PATIENT,
				grantee: DOCTOR,
				scope: Scope::All,
				expires: None,
				key_categories: vec![LAB].try_into().unwrap(),
			}
			.into(),
		);
		assert_eq!(WrappedKeys::<Test>::get((PATIENT, LAB), DOCTOR).unwrap().to_vec(), key(1));
		assert_eq!(ScopeKeys::<Test>::get(PATIENT, LAB).unwrap().holders, 2);
		// Replacing with a narrower scope that still covers LAB, and a new key copy.
		assert_ok!(Records::grant_consent(
			signed(PATIENT),
			DOCTOR,
			categories(&[LAB]),
			Some(10),
			vec![(LAB, key(9))].try_into().unwrap(),
		));
		let grant = Consents::<Test>::get(PATIENT, DOCTOR).unwrap();
		assert_eq!(grant.scope, categories(&[LAB]));
		assert_eq!(grant.expires, Some(10));
		assert_eq!(grant.key_categories.to_vec(), vec![LAB]);
		assert_eq!(WrappedKeys::<Test>::get((PATIENT, LAB), DOCTOR).unwrap().to_vec(), key(9));
		// Holding the same key twice does not count twice.
		assert_eq!(ScopeKeys::<Test>::get(PATIENT, LAB).unwrap().holders, 2);
	});
}

#[test]
fn without_keys_is_a_plain_consent() {
	run(|| {
		assert_ok!(Records::grant_consent(
			signed(PATIENT),
			DOCTOR,
			categories(&[LAB]),
			None,
			Default::default(),
		));
		assert!(Consents::<Test>::get(PATIENT, DOCTOR).unwrap().key_categories.is_empty());
	});
}

#[test]
fn fails_for_non_patient() {
	run(|| {
		for caller in [DOCTOR, STAFF, STRANGER] {
			assert_noop!(
				Records::grant_consent(signed(caller), DOCTOR + 1, Scope::All, None, keys_for(&[])),
				Error::<Test>::NotAPatient
			);
		}
		assert_noop!(
			Records::grant_consent(RuntimeOrigin::none(), DOCTOR, Scope::All, None, keys_for(&[])),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn fails_for_self_or_unknown_grantee() {
	run(|| {
		assert_noop!(
			Records::grant_consent(signed(PATIENT), PATIENT, Scope::All, None, keys_for(&[])),
			Error::<Test>::SelfGrant
		);
		assert_noop!(
			Records::grant_consent(signed(PATIENT), STRANGER, Scope::All, None, keys_for(&[])),
			Error::<Test>::UnknownAccount
		);
	});
}

#[test]
fn fails_for_bad_scope_or_expiry() {
	run(|| {
		assert_noop!(
			Records::grant_consent(signed(PATIENT), DOCTOR, categories(&[]), None, keys_for(&[])),
			Error::<Test>::EmptyScope
		);
		assert_noop!(
			Records::grant_consent(
				signed(PATIENT),
				DOCTOR,
				categories(&[LAB, LAB]),
				None,
				keys_for(&[])
			),
			Error::<Test>::DuplicateCategory
		);
		System::set_block_number(10);
		assert_noop!(
			Records::grant_consent(signed(PATIENT), DOCTOR, Scope::All, Some(9), keys_for(&[])),
			Error::<Test>::ExpiryInPast
		);
	});
}

#[test]
fn fails_for_bad_keys() {
	run(|| {
		create_scope(PATIENT, LAB);
		let grant =
			|scope, keys| Records::grant_consent(signed(PATIENT), DOCTOR, scope, None, keys);
		assert_noop!(
			grant(categories(&[IMAGING]), keys_for(&[LAB])),
			Error::<Test>::CategoryNotCovered
		);
		assert_noop!(grant(Scope::All, keys_for(&[IMAGING])), Error::<Test>::NoScopeKey);
		assert_noop!(
			grant(Scope::All, vec![(LAB, key(1)), (LAB, key(2))].try_into().unwrap()),
			Error::<Test>::DuplicateCategory
		);
		assert_noop!(
			grant(Scope::All, vec![(LAB, vec![])].try_into().unwrap()),
			Error::<Test>::MalformedKey
		);
		assert_noop!(
			grant(Scope::All, vec![(LAB, vec![1; 129])].try_into().unwrap()),
			Error::<Test>::KeyTooLong
		);
	});
}

#[test]
fn fails_when_key_waits_for_rotation() {
	run(|| {
		world();
		assert_ok!(Records::revoke_consent(signed(PATIENT), LAPSED_DOCTOR));
		assert_noop!(
			Records::grant_consent(
				signed(PATIENT),
				OTHER_DOCTOR,
				Scope::All,
				None,
				keys_for(&[LAB])
			),
			Error::<Test>::RotationPending
		);
	});
}

#[test]
fn fails_when_narrowing_a_held_key() {
	run(|| {
		world();
		assert_noop!(
			Records::grant_consent(
				signed(PATIENT),
				DOCTOR,
				categories(&[LAB]),
				None,
				keys_for(&[])
			),
			Error::<Test>::ScopeNarrowed
		);
	});
}

#[test]
fn fails_with_too_many_holders_or_categories() {
	run(|| {
		world();
		// LAB is held by the patient, DOCTOR and LAPSED_DOCTOR: MaxKeyHolders is 3.
		assert_noop!(
			Records::grant_consent(
				signed(PATIENT),
				OTHER_DOCTOR,
				Scope::All,
				None,
				keys_for(&[LAB])
			),
			Error::<Test>::TooManyKeyHolders
		);
		// A grantee with `All` may collect at most MaxCategories (4) keys.
		for category in 10..15 {
			create_scope(PATIENT, category);
		}
		assert_ok!(Records::grant_consent(
			signed(PATIENT),
			STAFF,
			Scope::All,
			None,
			keys_for(&[10, 11, 12, 13]),
		));
		assert_noop!(
			Records::grant_consent(signed(PATIENT), STAFF, Scope::All, None, keys_for(&[14])),
			Error::<Test>::TooManyCategories
		);
	});
}

use super::*;

/// World at block 6: LAPSED_DOCTOR's grant for LAB has expired; it still holds the key.
fn lapsed_world() -> RecordId {
	let id = world();
	System::set_block_number(6);
	id
}

#[test]
fn no_record_under_a_key_an_ex_holder_still_has() {
	run(|| {
		lapsed_world();
		assert_noop!(
			Records::add_record(signed(DOCTOR), PATIENT, cid(2), LAB),
			Error::<Test>::RotationPending
		);
		// Other categories are not affected.
		assert_ok!(Records::add_record(signed(DOCTOR), PATIENT, cid(2), IMAGING));
	});
}

#[test]
fn rotation_must_drop_a_lapsed_holder() {
	run(|| {
		lapsed_world();
		assert_noop!(
			Records::rotate_scope_key(
				signed(PATIENT),
				LAB,
				Some(key(8)),
				holders(&[PATIENT, DOCTOR, LAPSED_DOCTOR])
			),
			Error::<Test>::HolderMismatch
		);
		assert_ok!(Records::rotate_scope_key(
			signed(PATIENT),
			LAB,
			Some(key(8)),
			holders(&[PATIENT, DOCTOR])
		));
		System::assert_has_event(
			Event::KeyHolderDropped { patient: PATIENT, category: LAB, holder: LAPSED_DOCTOR }
				.into(),
		);
		assert!(!WrappedKeys::<Test>::contains_key((PATIENT, LAB), LAPSED_DOCTOR));
		let grant = Consents::<Test>::get(PATIENT, LAPSED_DOCTOR).unwrap();
		assert!(grant.key_categories.is_empty(), "the grant no longer lists the key");
		assert_eq!(ScopeKeys::<Test>::get(PATIENT, LAB).unwrap().holders, 2);
		assert_ok!(Records::add_record(signed(DOCTOR), PATIENT, cid(2), LAB));
	});
}

#[test]
fn a_lost_role_ends_the_consent_and_being_rehired_does_not_bring_it_back() {
	run(|| {
		world();
		MockRoles::take(DOCTOR, Role::Doctor);
		assert!(Records::key_material(DOCTOR, PATIENT, LAB).is_none());
		assert!(!Records::can_access(DOCTOR, PATIENT, 0));
		MockRoles::grant(DOCTOR, Role::Doctor);
		assert_noop!(
			Records::add_record(signed(DOCTOR), PATIENT, cid(2), LAB),
			Error::<Test>::ConsentLapsed
		);
		assert!(!Records::can_access(DOCTOR, PATIENT, 0));
		assert!(Records::grants(PATIENT).iter().any(|g| g.grantee == DOCTOR && !g.live));
	});
}

#[test]
fn a_suspension_pauses_the_consent() {
	run(|| {
		world();
		MockRoles::set_suspended(DOCTOR, Role::Doctor, true);
		assert_noop!(
			Records::add_record(signed(DOCTOR), PATIENT, cid(2), IMAGING),
			Error::<Test>::NotAuthorized
		);
		assert!(Records::key_material(DOCTOR, PATIENT, IMAGING).is_none());
		MockRoles::set_suspended(DOCTOR, Role::Doctor, false);
		assert_ok!(Records::add_record(signed(DOCTOR), PATIENT, cid(2), IMAGING));
	});
}

#[test]
fn a_suspended_patient_changes_nothing() {
	run(|| {
		let id = world();
		MockRoles::take(PATIENT, Role::Patient);
		assert_noop!(
			Records::propose_change(signed(DOCTOR), PATIENT, id, RecordChange::Delete, 50),
			Error::<Test>::NotAPatient
		);
		let p = payload(DOCTOR, id, RecordChange::Delete);
		assert_noop!(submit(DOCTOR, &p), Error::<Test>::NotAPatient);
	});
}

#[test]
fn key_material_only_for_live_grants() {
	run(|| {
		lapsed_world();
		assert!(Records::key_material(LAPSED_DOCTOR, PATIENT, LAB).is_none());
		assert!(Records::key_material(DOCTOR, PATIENT, LAB).is_some());
		assert!(Records::key_material(PATIENT, PATIENT, LAB).is_some());
		assert!(Records::key_material(STRANGER, PATIENT, LAB).is_none());
	});
}

#[test]
fn key_material_says_a_key_an_ex_holder_has_waits_for_rotation() {
	run(|| {
		world();
		let pending = |who| Records::key_material(who, PATIENT, LAB).unwrap().rotation_pending;
		assert!(!pending(DOCTOR) && !pending(PATIENT));
		// The lapsed grantee still holds the key: clients refuse to write under it, as the
		// chain does, until the patient rotates it.
		System::set_block_number(6);
		assert!(pending(DOCTOR) && pending(PATIENT));
		assert_ok!(Records::rotate_scope_key(
			signed(PATIENT),
			LAB,
			Some(key(8)),
			holders(&[PATIENT, DOCTOR])
		));
		assert!(!pending(DOCTOR) && !pending(PATIENT));
	});
}

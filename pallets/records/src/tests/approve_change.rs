use super::*;

#[test]
fn patient_approves_doctors_update() {
	run(|| {
		let id = world();
		assert_ok!(Records::propose_change(signed(DOCTOR), PATIENT, id, update(2), 10));
		assert_ok!(Records::approve_change(signed(PATIENT), PATIENT, id, update(2)));
		System::assert_last_event(
			Event::ChangeApproved { patient: PATIENT, record: id, approver: PATIENT }.into(),
		);
		assert_eq!(record(id).cid, bounded_cid(2));
		assert!(!Proposals::<Test>::contains_key(id));
	});
}

#[test]
fn doctor_approves_patients_delete() {
	run(|| {
		let id = world();
		assert_ok!(Records::propose_change(signed(PATIENT), PATIENT, id, RecordChange::Delete, 10));
		assert_ok!(Records::approve_change(signed(DOCTOR), PATIENT, id, RecordChange::Delete));
		assert_eq!(record(id).status, RecordStatus::Deleted);
		System::assert_has_event(
			Event::RecordDeleted {
				patient: PATIENT,
				record: id,
				doctor: DOCTOR,
				cid: bounded_cid(1),
				history: Default::default(),
			}
			.into(),
		);
	});
}

#[test]
fn fails_without_live_matching_proposal() {
	run(|| {
		let id = world();
		assert_noop!(
			Records::approve_change(signed(PATIENT), PATIENT, id, update(2)),
			Error::<Test>::NoProposal
		);
		assert_ok!(Records::propose_change(signed(DOCTOR), PATIENT, id, update(2), 10));
		assert_noop!(
			Records::approve_change(signed(PATIENT), PATIENT, id, update(3)),
			Error::<Test>::ProposalMismatch
		);
		assert_noop!(
			Records::approve_change(signed(PATIENT), PATIENT, id, RecordChange::Delete),
			Error::<Test>::ProposalMismatch
		);
		System::set_block_number(11);
		assert_noop!(
			Records::approve_change(signed(PATIENT), PATIENT, id, update(2)),
			Error::<Test>::ProposalExpired
		);
	});
}

#[test]
fn fails_for_same_side_or_outsiders() {
	run(|| {
		let id = world();
		assert_ok!(Records::propose_change(signed(DOCTOR), PATIENT, id, update(2), 10));
		// The proposer cannot approve itself; another doctor is not the patient.
		for who in [DOCTOR, OTHER_DOCTOR, STAFF, STRANGER] {
			assert_noop!(
				Records::approve_change(signed(who), PATIENT, id, update(2)),
				Error::<Test>::NotAuthorized
			);
		}
		// The record id must be the patient's.
		assert_noop!(
			Records::approve_change(signed(OTHER_PATIENT), OTHER_PATIENT, id, update(2)),
			Error::<Test>::UnknownRecord
		);
	});
}

#[test]
fn doctor_side_is_checked_again_at_approval() {
	run(|| {
		let id = world();
		assert_ok!(Records::propose_change(signed(PATIENT), PATIENT, id, update(2), 10));
		assert_noop!(
			Records::approve_change(signed(OTHER_DOCTOR), PATIENT, id, update(2)),
			Error::<Test>::NoConsent
		);
		assert_noop!(
			Records::approve_change(signed(STAFF), PATIENT, id, update(2)),
			Error::<Test>::NotAuthorized
		);
		// DOCTOR proposed, then lost the consent before the patient approved.
		assert_ok!(Records::cancel_change(signed(PATIENT), PATIENT, id));
		assert_ok!(Records::propose_change(signed(DOCTOR), PATIENT, id, RecordChange::Delete, 10));
		assert_ok!(Records::revoke_consent(signed(PATIENT), DOCTOR));
		assert_noop!(
			Records::approve_change(signed(PATIENT), PATIENT, id, RecordChange::Delete),
			Error::<Test>::NoConsent
		);
	});
}

#[test]
fn an_applied_change_drops_the_proposal() {
	run(|| {
		let id = world();
		assert_ok!(Records::propose_change(signed(DOCTOR), PATIENT, id, update(2), 10));
		let p = payload(DOCTOR, id, update(3));
		assert_ok!(submit(DOCTOR, &p));
		assert_noop!(
			Records::approve_change(signed(PATIENT), PATIENT, id, update(2)),
			Error::<Test>::NoProposal
		);
	});
}

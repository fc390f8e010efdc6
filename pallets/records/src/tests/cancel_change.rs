use super::*;

#[test]
fn proposer_or_patient_cancels() {
	run(|| {
		let id = world();
		for by in [DOCTOR, PATIENT] {
			assert_ok!(Records::propose_change(signed(DOCTOR), PATIENT, id, update(2), 10));
			assert_ok!(Records::cancel_change(signed(by), PATIENT, id));
			System::assert_last_event(
				Event::ChangeCancelled { patient: PATIENT, record: id, by }.into(),
			);
			assert!(!Proposals::<Test>::contains_key(id));
		}
	});
}

#[test]
fn fails_for_others_or_without_proposal() {
	run(|| {
		let id = world();
		assert_noop!(
			Records::cancel_change(signed(PATIENT), PATIENT, 3),
			Error::<Test>::UnknownRecord
		);
		assert_noop!(
			Records::cancel_change(signed(PATIENT), PATIENT, id),
			Error::<Test>::NoProposal
		);
		assert_ok!(Records::propose_change(signed(PATIENT), PATIENT, id, update(2), 10));
		for who in [DOCTOR, OTHER_DOCTOR, STAFF, STRANGER] {
			assert_noop!(
				Records::cancel_change(signed(who), PATIENT, id),
				Error::<Test>::NotAuthorized
			);
		}
	});
}

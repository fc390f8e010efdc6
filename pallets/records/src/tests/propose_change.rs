use super::*;

#[test]
fn works_for_either_side() {
	run(|| {
		let id = world();
		assert_ok!(Records::propose_change(signed(DOCTOR), PATIENT, id, update(2), 10));
		System::assert_last_event(
			Event::ChangeProposed {
				patient: PATIENT,
				record: id,
				proposer: DOCTOR,
				change: RecordChange::Update { cid: bounded_cid(2) },
				expires: 10,
			}
			.into(),
		);
		assert_noop!(
			Records::propose_change(signed(PATIENT), PATIENT, id, RecordChange::Delete, 10),
			Error::<Test>::ProposalPending
		);
		// An expired proposal is replaced.
		System::set_block_number(11);
		assert_ok!(Records::propose_change(signed(PATIENT), PATIENT, id, RecordChange::Delete, 12));
		assert_eq!(Proposals::<Test>::get(id).unwrap().proposer, PATIENT);
	});
}

#[test]
fn fails_for_bad_record_expiry_or_cid() {
	run(|| {
		let id = world();
		assert_noop!(
			Records::propose_change(signed(PATIENT), PATIENT, 5, RecordChange::Delete, 10),
			Error::<Test>::UnknownRecord
		);
		System::set_block_number(3);
		assert_noop!(
			Records::propose_change(signed(PATIENT), PATIENT, id, RecordChange::Delete, 2),
			Error::<Test>::ExpiryInPast
		);
		for (change, error) in [
			(RecordChange::Update { cid: vec![7; 3] }, Error::<Test>::MalformedCid),
			(RecordChange::Update { cid: vec![7; 90] }, Error::<Test>::CidTooLong),
			(update(1), Error::<Test>::SameCid),
		] {
			assert_noop!(Records::propose_change(signed(PATIENT), PATIENT, id, change, 10), error);
		}
	});
}

#[test]
fn fails_for_unconsented_side() {
	run(|| {
		let id = world();
		for (who, error) in [
			(OTHER_DOCTOR, Error::<Test>::NoConsent),
			(STAFF, Error::<Test>::NotAuthorized),
			(STRANGER, Error::<Test>::NotAuthorized),
		] {
			assert_noop!(
				Records::propose_change(signed(who), PATIENT, id, RecordChange::Delete, 10),
				error
			);
		}
		System::set_block_number(6);
		assert_noop!(
			Records::propose_change(signed(LAPSED_DOCTOR), PATIENT, id, update(2), 10),
			Error::<Test>::ConsentExpired
		);
	});
}

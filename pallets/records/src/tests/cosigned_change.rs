use super::*;

#[test]
fn update_works_and_keeps_history() {
	run(|| {
		let id = world();
		let p = payload(DOCTOR, id, update(2));
		assert_ok!(submit(DOCTOR, &p));
		let r = record(id);
		assert_eq!((r.cid.clone(), r.version, r.author), (bounded_cid(2), 2, DOCTOR));
		assert_eq!(
			History::<Test>::get(id).unwrap().to_vec(),
			vec![HistoryEntry { cid: bounded_cid(1), version: 1, replaced: 1 }]
		);
		System::assert_has_event(
			Event::RecordUpdated {
				patient: PATIENT,
				record: id,
				doctor: DOCTOR,
				cid: bounded_cid(2),
				previous_cid: bounded_cid(1),
				version: 2,
			}
			.into(),
		);
		System::assert_last_event(Event::CosignatureUsed { patient: PATIENT, nonce: 0 }.into());
		assert_eq!(Records::cosign_nonce(PATIENT), 1);
	});
}

#[test]
fn an_update_ends_the_shares_of_the_replaced_content() {
	run(|| {
		let id = world();
		assert_ok!(Records::share_record(signed(PATIENT), id, STAFF, key(5), None));
		assert!(Records::can_access(STAFF, PATIENT, id));
		let p = payload(DOCTOR, id, update(2));
		assert_ok!(submit(DOCTOR, &p));
		assert!(!Shares::<Test>::contains_key(id, STAFF));
		assert_eq!(record(id).shares, 0);
		assert!(!Records::can_access(STAFF, PATIENT, id));
		// The patient shares the new version again.
		assert_ok!(Records::share_record(signed(PATIENT), id, STAFF, key(6), None));
		assert!(Records::can_access(STAFF, PATIENT, id));
	});
}

#[test]
fn full_history_drops_the_oldest() {
	run(|| {
		let id = world();
		for fill in 2..=5 {
			let p = payload(DOCTOR, id, update(fill));
			assert_ok!(submit(DOCTOR, &p));
		}
		// MaxHistory is 3: versions 2, 3, 4 remain; version 1's CID left state with an event.
		System::assert_has_event(
			Event::HistoryPruned { patient: PATIENT, record: id, cid: bounded_cid(1) }.into(),
		);
		let versions: Vec<u32> =
			History::<Test>::get(id).unwrap().iter().map(|e| e.version).collect();
		assert_eq!(versions, vec![2, 3, 4]);
		assert_eq!(record(id).version, 5);
	});
}

#[test]
fn delete_leaves_a_tombstone() {
	run(|| {
		let id = world();
		let p = payload(DOCTOR, id, update(2));
		assert_ok!(submit(DOCTOR, &p));
		assert_ok!(Records::share_record(signed(PATIENT), id, STAFF, key(5), None));
		assert_ok!(Records::propose_change(signed(PATIENT), PATIENT, id, update(3), 50));
		let p = payload(DOCTOR, id, RecordChange::Delete);
		assert_ok!(submit(DOCTOR, &p));
		System::assert_has_event(
			Event::RecordDeleted {
				patient: PATIENT,
				record: id,
				doctor: DOCTOR,
				cid: bounded_cid(2),
				history: vec![bounded_cid(1)].try_into().unwrap(),
			}
			.into(),
		);
		let r = record(id);
		assert_eq!(r.status, RecordStatus::Deleted);
		assert!(r.cid.is_empty());
		assert_eq!(r.shares, 0);
		assert!(!History::<Test>::contains_key(id));
		assert!(!Shares::<Test>::contains_key(id, STAFF));
		assert!(!Proposals::<Test>::contains_key(id));
		assert!(!Records::can_access(PATIENT, PATIENT, id));
		let p = payload(DOCTOR, id, update(4));
		assert_noop!(submit(DOCTOR, &p), Error::<Test>::AlreadyDeleted);
	});
}

#[test]
fn wrong_signer() {
	run(|| {
		let id = world();
		let p = payload(DOCTOR, id, update(2));
		// The doctor signs in the patient's place.
		let forged = sign(DOCTOR, &p.signing_bytes());
		assert_noop!(
			Records::cosigned_change(signed(DOCTOR), p.clone(), forged),
			Error::<Test>::WrongSigner
		);
		// The patient's signature over a different payload.
		let other = payload(DOCTOR, id, update(3));
		assert_noop!(
			Records::cosigned_change(signed(DOCTOR), p, patient_signature(&other)),
			Error::<Test>::WrongSigner
		);
	});
}

#[test]
fn wrong_genesis() {
	run(|| {
		let id = world();
		let mut p = payload(DOCTOR, id, update(2));
		p.genesis_hash = H256::repeat_byte(1);
		assert_noop!(submit(DOCTOR, &p), Error::<Test>::WrongGenesis);
	});
}

#[test]
fn expired() {
	run(|| {
		let id = world();
		let mut p = payload(DOCTOR, id, update(2));
		p.expires = 4;
		System::set_block_number(5);
		assert_noop!(submit(DOCTOR, &p), Error::<Test>::CosignatureExpired);
	});
}

#[test]
fn replay_stale_and_future_nonces() {
	run(|| {
		let id = world();
		let first = payload(DOCTOR, id, update(2));
		// Another authorization signed with the same nonce.
		let sibling = payload(DOCTOR, id, update(3));
		assert_ok!(submit(DOCTOR, &first));
		assert_noop!(submit(DOCTOR, &first), Error::<Test>::Replayed);
		assert_noop!(submit(DOCTOR, &sibling), Error::<Test>::StaleNonce);
		let mut ahead = payload(DOCTOR, id, update(4));
		ahead.nonce += 1;
		assert_noop!(submit(DOCTOR, &ahead), Error::<Test>::FutureNonce);
	});
}

#[test]
fn old_nonces_are_forgotten_but_still_refused() {
	run(|| {
		let id = world();
		let first = payload(DOCTOR, id, update(100));
		assert_ok!(submit(DOCTOR, &first));
		for n in 0..REMEMBERED_NONCES as u8 {
			let p = payload(DOCTOR, id, update(n));
			assert_ok!(submit(DOCTOR, &p));
		}
		assert_eq!(
			UsedCosignatures::<Test>::iter_prefix(PATIENT).count() as u64,
			REMEMBERED_NONCES
		);
		// Too old to tell a replay apart: refused as stale.
		assert_noop!(submit(DOCTOR, &first), Error::<Test>::StaleNonce);
	});
}

#[test]
fn only_the_named_consented_doctor() {
	run(|| {
		let id = world();
		let p = payload(DOCTOR, id, update(2));
		assert_noop!(submit(OTHER_DOCTOR, &p), Error::<Test>::NotAuthorized);
		for (doctor, error) in
			[(OTHER_DOCTOR, Error::<Test>::NoConsent), (STAFF, Error::<Test>::NotAuthorized)]
		{
			let p = payload(doctor, id, update(2));
			assert_noop!(submit(doctor, &p), error);
		}
		System::set_block_number(6);
		let p = payload(LAPSED_DOCTOR, id, RecordChange::Delete);
		assert_noop!(submit(LAPSED_DOCTOR, &p), Error::<Test>::ConsentExpired);
	});
}

#[test]
fn bad_record_or_cid() {
	run(|| {
		let id = world();
		for (change, error) in [
			(RecordChange::Update { cid: b"junk".to_vec() }, Error::<Test>::MalformedCid),
			(RecordChange::Update { cid: vec![1; 81] }, Error::<Test>::CidTooLong),
			(update(1), Error::<Test>::SameCid),
		] {
			let p = payload(DOCTOR, id, change);
			assert_noop!(submit(DOCTOR, &p), error);
		}
		let p = payload(DOCTOR, 42, RecordChange::Delete);
		assert_noop!(submit(DOCTOR, &p), Error::<Test>::UnknownRecord);
	});
}

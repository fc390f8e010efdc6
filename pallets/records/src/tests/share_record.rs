use super::*;

#[test]
fn works_and_replaces() {
	run(|| {
		let id = world();
		assert_ok!(Records::share_record(signed(PATIENT), id, STAFF, key(5), Some(20)));
		System::assert_last_event(
			Event::RecordShared { patient: PATIENT, record: id, grantee: STAFF, expires: Some(20) }
				.into(),
		);
		assert_ok!(Records::share_record(signed(PATIENT), id, STAFF, key(6), None));
		assert_eq!(record(id).shares, 1);
		assert_eq!(Shares::<Test>::get(id, STAFF).unwrap().key.to_vec(), key(6));
		assert!(Records::can_access(STAFF, PATIENT, id));
	});
}

#[test]
fn fails_for_bad_record() {
	run(|| {
		let id = world();
		assert_noop!(
			Records::share_record(signed(PATIENT), 7, STAFF, key(5), None),
			Error::<Test>::UnknownRecord
		);
		// Someone else's record is unknown to the caller.
		assert_noop!(
			Records::share_record(signed(OTHER_PATIENT), id, STAFF, key(5), None),
			Error::<Test>::UnknownRecord
		);
		crate::Records::<Test>::mutate(PATIENT, id, |r| {
			let r = r.as_mut().unwrap();
			r.status = RecordStatus::Deleted;
			r.cid = Default::default();
		});
		assert_noop!(
			Records::share_record(signed(PATIENT), id, STAFF, key(5), None),
			Error::<Test>::AlreadyDeleted
		);
	});
}

#[test]
fn fails_for_bad_grantee_key_or_expiry() {
	run(|| {
		let id = world();
		assert_noop!(
			Records::share_record(signed(PATIENT), id, PATIENT, key(5), None),
			Error::<Test>::SelfGrant
		);
		assert_noop!(
			Records::share_record(signed(PATIENT), id, STRANGER, key(5), None),
			Error::<Test>::UnknownAccount
		);
		assert_noop!(
			Records::share_record(signed(PATIENT), id, STAFF, vec![], None),
			Error::<Test>::MalformedKey
		);
		assert_noop!(
			Records::share_record(signed(PATIENT), id, STAFF, vec![0; 129], None),
			Error::<Test>::KeyTooLong
		);
		System::set_block_number(3);
		assert_noop!(
			Records::share_record(signed(PATIENT), id, STAFF, key(5), Some(2)),
			Error::<Test>::ExpiryInPast
		);
	});
}

#[test]
fn fails_beyond_max_shares() {
	run(|| {
		let id = world();
		assert_ok!(Records::share_record(signed(PATIENT), id, STAFF, key(5), None));
		assert_ok!(Records::share_record(signed(PATIENT), id, OTHER_DOCTOR, key(5), None));
		assert_noop!(
			Records::share_record(signed(PATIENT), id, OTHER_PATIENT, key(5), None),
			Error::<Test>::TooManyShares
		);
	});
}

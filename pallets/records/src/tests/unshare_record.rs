use super::*;

#[test]
fn works() {
	run(|| {
		let id = world();
		assert_ok!(Records::share_record(signed(PATIENT), id, STAFF, key(5), None));
		assert_ok!(Records::unshare_record(signed(PATIENT), id, STAFF));
		System::assert_last_event(
			Event::RecordUnshared { patient: PATIENT, record: id, grantee: STAFF }.into(),
		);
		assert_eq!(record(id).shares, 0);
		assert!(!Records::can_access(STAFF, PATIENT, id));
	});
}

#[test]
fn fails_for_unknown_record_or_share() {
	run(|| {
		let id = world();
		assert_noop!(
			Records::unshare_record(signed(PATIENT), 9, STAFF),
			Error::<Test>::UnknownRecord
		);
		assert_noop!(Records::unshare_record(signed(PATIENT), id, STAFF), Error::<Test>::NoShare);
		assert_ok!(Records::share_record(signed(PATIENT), id, STAFF, key(5), None));
		// Only the patient's own records.
		assert_noop!(
			Records::unshare_record(signed(STAFF), id, STAFF),
			Error::<Test>::UnknownRecord
		);
	});
}

use super::*;

#[test]
fn voids_an_outstanding_cosignature() {
	run(|| {
		let id = world();
		let p = payload(DOCTOR, id, update(5));
		assert_ok!(Records::invalidate_cosignatures(signed(PATIENT)));
		System::assert_last_event(
			Event::CosignaturesInvalidated { patient: PATIENT, next_nonce: 1 }.into(),
		);
		assert_noop!(submit(DOCTOR, &p), Error::<Test>::StaleNonce);
	});
}

#[test]
fn fails_at_the_last_nonce() {
	run(|| {
		CosignNonces::<Test>::insert(PATIENT, u64::MAX);
		assert_noop!(
			Records::invalidate_cosignatures(signed(PATIENT)),
			Error::<Test>::NonceOverflow
		);
	});
}

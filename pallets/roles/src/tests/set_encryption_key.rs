use super::*;

#[test]
fn sets_and_rotates() {
	run(|| {
		assert_ok!(Roles::set_encryption_key(signed(DOCTOR), x25519_public(1)));
		System::assert_last_event(
			Event::EncryptionKeySet { account: DOCTOR, key: x25519_public(1) }.into(),
		);
		assert_ok!(Roles::set_encryption_key(signed(DOCTOR), x25519_public(2)));
		assert_eq!(EncryptionKeys::<Test>::get(DOCTOR), Some(x25519_public(2)));
	});
}

#[test]
fn fails_for_zero_and_low_order_keys() {
	run(|| {
		assert_noop!(
			Roles::set_encryption_key(signed(DOCTOR), [0u8; 32]),
			Error::<Test>::InvalidEncryptionKey
		);
		let mut one = [0u8; 32];
		one[0] = 1;
		assert_noop!(
			Roles::set_encryption_key(signed(DOCTOR), one),
			Error::<Test>::InvalidEncryptionKey
		);
	});
}

#[test]
fn fails_for_unsigned() {
	run(|| {
		assert_noop!(
			Roles::set_encryption_key(RuntimeOrigin::none(), x25519_public(1)),
			DispatchError::BadOrigin
		);
	});
}

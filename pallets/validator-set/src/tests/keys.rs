use super::*;

#[test]
fn validators_without_keys_are_not_planned() {
	new_test_ext().execute_with(|| {
		drop_keys(3);
		assert_eq!(ValidatorSet::new_session(1), Some(vec![1, 2]), "picked up unchanged");
		assert_eq!(ValidatorSet::new_session(2), None);
	});
}

#[test]
fn too_few_with_keys_keeps_the_current_set() {
	new_test_ext().execute_with(|| {
		drop_keys(2);
		drop_keys(3);
		assert_ok!(ValidatorSet::add_validator(RuntimeOrigin::root(), 4));
		drop_keys(4);
		assert_eq!(ValidatorSet::new_session(1), None, "only one keyed validator");
	});
}

#[test]
fn removal_keeps_the_minimum_with_keys() {
	new_test_ext().execute_with(|| {
		drop_keys(3);
		// 1 and 3 would remain, but only 1 has keys.
		assert_noop!(
			ValidatorSet::remove_validator(RuntimeOrigin::root(), 2),
			Error::<Test>::TooFewValidators
		);
		assert_ok!(ValidatorSet::remove_validator(RuntimeOrigin::root(), 3));
		assert_eq!(ValidatorSet::new_session(1), Some(vec![1, 2]));
	});
}

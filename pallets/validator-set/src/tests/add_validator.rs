use super::*;

#[test]
fn adds_and_plans_next_session() {
	new_test_ext().execute_with(|| {
		assert_eq!(ValidatorSet::new_session(1), None, "no change, no new set");
		assert_ok!(ValidatorSet::add_validator(RuntimeOrigin::root(), 4));
		assert_eq!(list(), vec![1, 2, 3, 4]);
		System::assert_last_event(Event::ValidatorAdded { validator: 4 }.into());
		assert_eq!(ValidatorSet::new_session(2), Some(vec![1, 2, 3, 4]));
		assert!(!Changed::<Test>::get());
		assert_eq!(ValidatorSet::new_session(3), None);
		ValidatorSet::do_try_state().unwrap();
	});
}

#[test]
fn requires_update_origin() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			ValidatorSet::add_validator(RuntimeOrigin::signed(1), 4),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn rejects_duplicate() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			ValidatorSet::add_validator(RuntimeOrigin::root(), 2),
			Error::<Test>::AlreadyValidator
		);
	});
}

#[test]
fn rejects_beyond_max() {
	new_test_ext().execute_with(|| {
		for v in 4..=8 {
			assert_ok!(ValidatorSet::add_validator(RuntimeOrigin::root(), v));
		}
		assert_noop!(
			ValidatorSet::add_validator(RuntimeOrigin::root(), 9),
			Error::<Test>::TooManyValidators
		);
	});
}

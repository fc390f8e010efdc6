//! Unit tests of the validator set pallet, split by call.

use crate::{mock::*, Changed, Error, Event, Validators};
use frame_support::{assert_noop, assert_ok};
use pallet_session::SessionManager;
use sp_runtime::DispatchError;

fn list() -> Vec<u64> {
	Validators::<Test>::get().into_inner()
}

mod add_validator {
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
}

mod remove_validator {
	use super::*;

	#[test]
	fn removes_and_plans_next_session() {
		new_test_ext().execute_with(|| {
			assert_ok!(ValidatorSet::remove_validator(RuntimeOrigin::root(), 2));
			assert_eq!(list(), vec![1, 3]);
			System::assert_last_event(Event::ValidatorRemoved { validator: 2 }.into());
			assert_eq!(ValidatorSet::new_session(2), Some(vec![1, 3]));
			ValidatorSet::do_try_state().unwrap();
		});
	}

	#[test]
	fn requires_update_origin() {
		new_test_ext().execute_with(|| {
			assert_noop!(
				ValidatorSet::remove_validator(RuntimeOrigin::signed(1), 2),
				DispatchError::BadOrigin
			);
		});
	}

	#[test]
	fn rejects_unknown() {
		new_test_ext().execute_with(|| {
			assert_noop!(
				ValidatorSet::remove_validator(RuntimeOrigin::root(), 7),
				Error::<Test>::NotValidator
			);
		});
	}

	#[test]
	fn keeps_minimum() {
		new_test_ext().execute_with(|| {
			assert_ok!(ValidatorSet::remove_validator(RuntimeOrigin::root(), 3));
			assert_noop!(
				ValidatorSet::remove_validator(RuntimeOrigin::root(), 2),
				Error::<Test>::TooFewValidators
			);
		});
	}
}

mod keys {
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
}

#[test]
fn genesis_session_uses_stored_list() {
	new_test_ext().execute_with(|| {
		assert_eq!(ValidatorSet::new_session_genesis(0), Some(vec![1, 2, 3]));
	});
}

mod session_period {
	use super::*;
	use crate::{mock::ext_with, SessionLength, SessionPeriod};
	use frame_support::traits::{ConstU64, Get};
	use pallet_session::ShouldEndSession;

	type Sessions = pallet_session::PeriodicSessions<SessionLength<Test>, ConstU64<0>>;

	#[test]
	fn defaults_to_config() {
		new_test_ext().execute_with(|| {
			assert_eq!(SessionLength::<Test>::get(), 50);
			assert!(!Sessions::should_end_session(49));
			assert!(Sessions::should_end_session(50));
		});
	}

	#[test]
	fn chain_spec_chooses_it() {
		ext_with(crate::GenesisConfig::<Test> { validators: vec![1, 2], session_period: Some(7) })
			.execute_with(|| {
				assert_eq!(SessionPeriod::<Test>::get(), 7);
				assert!(!Sessions::should_end_session(13));
				assert!(Sessions::should_end_session(14));
				assert_ok!(ValidatorSet::do_try_state());
			});
	}

	#[test]
	#[should_panic(expected = "the session period must be at least one block")]
	fn zero_is_refused_at_genesis() {
		ext_with(crate::GenesisConfig::<Test> { validators: vec![1, 2], session_period: Some(0) });
	}
}

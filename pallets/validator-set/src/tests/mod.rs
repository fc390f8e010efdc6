//! Unit tests of the validator set pallet, split by call.

use crate::{mock::*, Changed, Error, Event, Validators};
use frame_support::{assert_noop, assert_ok};
use pallet_session::SessionManager;
use sp_runtime::DispatchError;

fn list() -> Vec<u64> {
	Validators::<Test>::get().into_inner()
}

mod add_validator;
mod keys;
mod remove_validator;
mod session_period;

#[test]
fn genesis_session_uses_stored_list() {
	new_test_ext().execute_with(|| {
		assert_eq!(ValidatorSet::new_session_genesis(0), Some(vec![1, 2, 3]));
	});
}

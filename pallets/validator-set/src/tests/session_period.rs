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

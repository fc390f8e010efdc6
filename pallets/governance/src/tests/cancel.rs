use super::*;

#[test]
fn cancelled_call_never_runs() {
	new_test_ext().execute_with(|| {
		assert_ok!(Governance::schedule(signed(1), set_probe(b"v1")));
		assert_ok!(Governance::cancel(signed(2), 0));
		System::assert_last_event(Event::Cancelled { id: 0 }.into());
		assert!(Agenda::<Test>::get(6).is_empty());
		run_to(7);
		assert_eq!(probe(), None);
		assert_ok!(Governance::do_try_state());
	});
}

#[test]
fn requires_the_cancel_origin() {
	new_test_ext().execute_with(|| {
		assert_ok!(Governance::schedule(signed(1), set_probe(b"v1")));
		assert_noop!(Governance::cancel(signed(1), 0), DispatchError::BadOrigin);
	});
}

#[test]
fn refuses_an_unknown_id() {
	new_test_ext().execute_with(|| {
		assert_noop!(Governance::cancel(signed(2), 7), Error::<Test>::UnknownSchedule);
	});
}

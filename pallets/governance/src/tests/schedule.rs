use super::*;

#[test]
fn runs_the_call_as_root_after_the_delay() {
	new_test_ext().execute_with(|| {
		assert_ok!(Governance::schedule(signed(1), set_probe(b"v1")));
		let scheduled = Scheduled::<Test>::get(0).unwrap();
		assert_eq!(scheduled.due, 6);
		System::assert_last_event(
			Event::Scheduled { id: 0, call_hash: scheduled.call_hash, due: 6 }.into(),
		);
		run_to(5);
		assert_eq!(probe(), None, "not before the delay");
		run_to(6);
		assert_eq!(probe(), Some(b"v1".to_vec()));
		System::assert_last_event(Event::Dispatched { id: 0, result: Ok(()) }.into());
		assert_eq!(Scheduled::<Test>::count(), 0);
		assert!(Agenda::<Test>::get(6).is_empty());
		assert_ok!(Governance::do_try_state());
	});
}

#[test]
fn reports_a_failing_call() {
	new_test_ext().execute_with(|| {
		// Root is not the cancel origin.
		let cancel = RuntimeCall::Governance(crate::Call::cancel { id: 99 });
		assert_ok!(Governance::schedule(signed(1), Box::new(cancel)));
		run_to(6);
		let result = Err(DispatchError::BadOrigin);
		System::assert_last_event(Event::Dispatched { id: 0, result }.into());
	});
}

#[test]
fn requires_the_schedule_origin() {
	new_test_ext().execute_with(|| {
		assert_noop!(Governance::schedule(signed(2), set_probe(b"x")), DispatchError::BadOrigin);
		assert_noop!(
			Governance::schedule(RuntimeOrigin::root(), set_probe(b"x")),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn refuses_long_heavy_and_too_many_calls() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			Governance::schedule(signed(1), set_probe(&[0; 64])),
			Error::<Test>::CallTooLong
		);
		// An upgrade declares a whole block.
		let heavy =
			Box::new(RuntimeCall::System(frame_system::Call::set_code { code: vec![0; 8] }));
		assert_noop!(Governance::schedule(signed(1), heavy), Error::<Test>::CallTooHeavy);
		assert_ok!(Governance::schedule(signed(1), set_probe(b"a")));
		assert_ok!(Governance::schedule(signed(1), set_probe(b"b")));
		assert_noop!(
			Governance::schedule(signed(1), set_probe(b"c")),
			Error::<Test>::TooManyScheduled
		);
	});
}

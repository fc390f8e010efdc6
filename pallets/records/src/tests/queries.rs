use super::*;

#[test]
fn pages_through_a_patients_records() {
	run(|| {
		world();
		for fill in 2..=7 {
			assert_ok!(Records::add_record(signed(DOCTOR), PATIENT, cid(fill), IMAGING));
		}
		let mut seen = Vec::new();
		let mut cursor = None;
		loop {
			let page = Records::patient_records(PATIENT, cursor, 3);
			assert!(page.len() <= 3);
			let Some(last) = page.last() else { break };
			cursor = Some(last.id);
			seen.extend(page.iter().map(|r| r.id));
		}
		seen.sort();
		assert_eq!(seen, (0..7).collect::<Vec<_>>());
		assert!(Records::patient_records(OTHER_PATIENT, None, 10).is_empty());
	});
}

#[test]
fn details_grants_and_access() {
	run(|| {
		let id = world();
		let p = payload(DOCTOR, id, update(2));
		assert_ok!(submit(DOCTOR, &p));
		assert_ok!(Records::share_record(signed(PATIENT), id, STAFF, key(5), Some(8)));
		assert_ok!(Records::propose_change(signed(PATIENT), PATIENT, id, RecordChange::Delete, 9));
		let details = Records::record_details(PATIENT, id).unwrap();
		assert_eq!(details.record.cid, cid(2));
		assert_eq!(details.record.version, 2);
		assert_eq!(details.history, vec![HistoryView { cid: cid(1), version: 1, replaced: 1 }]);
		assert_eq!(details.shares, vec![ShareView { grantee: STAFF, expires: Some(8) }]);
		assert_eq!(
			details.proposal,
			Some(ProposalView { proposer: PATIENT, change: RecordChange::Delete, expires: 9 })
		);
		assert_eq!(Records::record_details(OTHER_PATIENT, id), None);

		System::set_block_number(6);
		let mut grants = Records::grants(PATIENT);
		grants.sort_by_key(|g| g.grantee);
		assert_eq!(
			grants,
			vec![
				GrantView {
					grantee: DOCTOR,
					categories: Some(vec![LAB, IMAGING]),
					expires: None,
					live: true,
					key_categories: vec![LAB, IMAGING],
				},
				GrantView {
					grantee: LAPSED_DOCTOR,
					categories: Some(vec![LAB]),
					expires: Some(5),
					live: false,
					key_categories: vec![LAB],
				},
			]
		);

		assert!(Records::can_access(PATIENT, PATIENT, id));
		assert!(Records::can_access(DOCTOR, PATIENT, id));
		assert!(Records::can_access(STAFF, PATIENT, id));
		assert!(!Records::can_access(LAPSED_DOCTOR, PATIENT, id));
		assert!(!Records::can_access(OTHER_DOCTOR, PATIENT, id));
		assert!(!Records::can_access(STRANGER, PATIENT, id));
		assert!(!Records::can_access(DOCTOR, OTHER_PATIENT, id));
		System::set_block_number(9);
		assert!(!Records::can_access(STAFF, PATIENT, id), "share expired");
		MockRoles::take(DOCTOR, Role::Doctor);
		assert!(!Records::can_access(DOCTOR, PATIENT, id), "no longer registered");
	});
}

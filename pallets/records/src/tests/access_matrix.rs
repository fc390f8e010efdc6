//! Every call by every kind of caller: only the expected callers succeed, and a refused call
//! changes nothing.

use super::*;

#[derive(Clone, Copy, Debug)]
enum Call {
	Grant,
	Revoke,
	Add,
	Rotate,
	Share,
	Unshare,
	Cosigned,
	Propose,
	Approve,
	Cancel,
}

const CALLS: [Call; 10] = [
	Call::Grant,
	Call::Revoke,
	Call::Add,
	Call::Rotate,
	Call::Share,
	Call::Unshare,
	Call::Cosigned,
	Call::Propose,
	Call::Approve,
	Call::Cancel,
];

/// Patient, consented doctor, doctor without consent, doctor with expired consent, staff,
/// stranger.
const ACTORS: [u64; 6] = [PATIENT, DOCTOR, OTHER_DOCTOR, LAPSED_DOCTOR, STAFF, STRANGER];

/// Who may make each call on PATIENT's record, in the world below.
fn allowed(call: Call, actor: u64) -> bool {
	match call {
		Call::Grant | Call::Revoke | Call::Rotate | Call::Share | Call::Unshare => actor == PATIENT,
		// A doctor with live consent holding the scope key.
		Call::Add | Call::Cosigned => actor == DOCTOR,
		Call::Propose => actor == PATIENT || actor == DOCTOR,
		// The pending proposal is DOCTOR's delete: only the patient approves it.
		Call::Approve => actor == PATIENT,
		// The proposer or the patient.
		Call::Cancel => actor == PATIENT || actor == DOCTOR,
	}
}

fn attempt(call: Call, actor: u64, id: RecordId) -> DispatchResultWithPostInfo {
	let o = signed(actor);
	match call {
		Call::Grant => {
			Records::grant_consent(o, OTHER_DOCTOR, categories(&[LAB]), None, keys_for(&[]))
		},
		Call::Revoke => Records::revoke_consent(o, DOCTOR),
		Call::Add => Records::add_record(o, PATIENT, cid(9), LAB),
		Call::Rotate => {
			Records::rotate_scope_key(o, IMAGING, Some(key(1)), holders(&[PATIENT, DOCTOR]))
		},
		Call::Share => Records::share_record(o, id, OTHER_PATIENT, key(3), None),
		Call::Unshare => Records::unshare_record(o, id, STAFF),
		Call::Cosigned => {
			let p = payload(actor, id, update(9));
			Records::cosigned_change(o, p.clone(), patient_signature(&p))
		},
		Call::Propose => Records::propose_change(o, PATIENT, id, update(9), 50),
		Call::Approve => Records::approve_change(o, PATIENT, id, RecordChange::Delete),
		Call::Cancel => Records::cancel_change(o, PATIENT, id),
	}
}

#[test]
fn every_call_by_every_actor() {
	for call in CALLS {
		for actor in ACTORS {
			new_test_ext().execute_with(|| {
				let id = world();
				assert_ok!(Records::share_record(signed(PATIENT), id, STAFF, key(4), None));
				// Proposing needs a record without a pending proposal.
				if !matches!(call, Call::Propose) {
					assert_ok!(Records::propose_change(
						signed(DOCTOR),
						PATIENT,
						id,
						RecordChange::Delete,
						50
					));
				}
				// LAPSED_DOCTOR's consent has expired; the patient rotates LAB so that the
				// ex-holder no longer holds the key records are written under.
				System::set_block_number(6);
				assert_ok!(Records::rotate_scope_key(
					signed(PATIENT),
					LAB,
					Some(key(8)),
					holders(&[PATIENT, DOCTOR])
				));
				let before = sp_io::storage::root(sp_runtime::StateVersion::V1);
				let result = attempt(call, actor, id);
				let after = sp_io::storage::root(sp_runtime::StateVersion::V1);
				if allowed(call, actor) {
					assert!(result.is_ok(), "{call:?} by {actor} refused: {result:?}");
				} else {
					assert!(result.is_err(), "{call:?} by {actor} allowed");
					assert_eq!(before, after, "{call:?} by {actor} changed state");
				}
				Records::do_try_state().expect("invariants hold");
			});
		}
	}
	// An unsigned origin is refused by every call.
	new_test_ext().execute_with(|| {
		let id = world();
		assert_noop!(
			Records::add_record(RuntimeOrigin::none(), PATIENT, cid(9), LAB),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Records::cancel_change(RuntimeOrigin::none(), PATIENT, id),
			DispatchError::BadOrigin
		);
	});
}

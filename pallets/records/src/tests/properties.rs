//! Random sequences of calls, dispatched as the runtime dispatches them, never break the
//! invariants, and a refused call never changes state.

use super::*;
use frame_support::traits::UnfilteredDispatchable;
use proptest::prelude::*;

const PEOPLE: [u64; 5] = [PATIENT, OTHER_PATIENT, DOCTOR, OTHER_DOCTOR, STAFF];

fn person() -> impl Strategy<Value = u64> {
	prop::sample::select(PEOPLE.to_vec())
}

/// Mostly the patient of the prepared world.
fn patient() -> impl Strategy<Value = u64> {
	prop_oneof![3 => Just(PATIENT), 1 => person()]
}

/// Mostly a doctor.
fn doctor() -> impl Strategy<Value = u64> {
	prop_oneof![3 => Just(DOCTOR), 1 => Just(OTHER_DOCTOR), 1 => person()]
}

fn category() -> impl Strategy<Value = Category> {
	LAB..=NOTES
}

fn change() -> impl Strategy<Value = RecordChange<Vec<u8>>> {
	prop_oneof![
		(0..4u8).prop_map(update),
		Just(RecordChange::Delete),
		Just(RecordChange::Update { cid: vec![1, 2, 3] }),
	]
}

#[derive(Debug, Clone)]
enum Op {
	Grant(u64, u64, Option<Vec<Category>>, Option<u64>, Vec<Category>),
	Revoke(u64, u64),
	/// With `None` holders: exactly the current holders.
	Rotate(u64, Category, bool, Option<Vec<u64>>),
	Add(u64, u64, u8, Category),
	Share(u64, RecordId, u64, Option<u64>),
	Unshare(u64, RecordId, u64),
	Cosigned(u64, u64, RecordId, RecordChange<Vec<u8>>, i8),
	Propose(u64, u64, RecordId, RecordChange<Vec<u8>>, u64),
	Approve(u64, u64, RecordId, RecordChange<Vec<u8>>),
	Cancel(u64, u64, RecordId),
	Advance(u64),
}

fn op() -> impl Strategy<Value = Op> {
	let record = 0..4u64;
	prop_oneof![
		2 => (
			patient(),
			doctor(),
			prop::option::of(prop::collection::vec(category(), 0..3)),
			prop::option::of(0..30u64),
			prop::collection::vec(category(), 0..3)
		)
			.prop_map(|(p, g, s, e, k)| Op::Grant(p, g, s, e, k)),
		1 => (patient(), doctor()).prop_map(|(p, g)| Op::Revoke(p, g)),
		2 => (
			patient(),
			category(),
			any::<bool>(),
			prop::option::weighted(0.3, prop::collection::vec(person(), 0..4))
		)
			.prop_map(|(p, c, l, h)| Op::Rotate(p, c, l, h)),
		4 => (doctor(), patient(), 0..4u8, category()).prop_map(|(d, p, f, c)| Op::Add(d, p, f, c)),
		2 => (patient(), record.clone(), person(), prop::option::of(0..30u64))
			.prop_map(|(p, r, g, e)| Op::Share(p, r, g, e)),
		1 => (patient(), record.clone(), person()).prop_map(|(p, r, g)| Op::Unshare(p, r, g)),
		3 => (
			doctor(),
			patient(),
			record.clone(),
			change(),
			prop_oneof![4 => Just(0i8), 1 => -1..2i8]
		)
			.prop_map(|(d, p, r, c, n)| Op::Cosigned(d, p, r, c, n)),
		2 => (prop_oneof![Just(PATIENT), doctor()], patient(), record.clone(), change(), 0..30u64)
			.prop_map(|(w, p, r, c, e)| Op::Propose(w, p, r, c, e)),
		2 => (prop_oneof![Just(PATIENT), doctor()], patient(), record.clone(), change())
			.prop_map(|(w, p, r, c)| Op::Approve(w, p, r, c)),
		1 => (prop_oneof![Just(PATIENT), doctor()], patient(), record)
			.prop_map(|(w, p, r)| Op::Cancel(w, p, r)),
		1 => (1..4u64).prop_map(Op::Advance),
	]
}

fn call_of(op: Op) -> Option<(u64, crate::Call<Test>)> {
	Some(match op {
		Op::Grant(patient, grantee, scope, expires, keys) => {
			let scope = match scope {
				None => Scope::All,
				Some(list) => Scope::Categories(list.try_into().ok()?),
			};
			let keys = keys.into_iter().map(|c| (c, key(c as u8))).collect::<Vec<_>>();
			(
				patient,
				crate::Call::grant_consent { grantee, scope, expires, keys: keys.try_into().ok()? },
			)
		},
		Op::Revoke(patient, grantee) => (patient, crate::Call::revoke_consent { grantee }),
		Op::Rotate(patient, category, link, who) => {
			let who = who.unwrap_or_else(|| {
				WrappedKeys::<Test>::iter_prefix((patient, category)).map(|(w, _)| w).collect()
			});
			let keys = who.into_iter().map(|w| (w, key(w as u8))).collect::<Vec<_>>();
			(
				patient,
				crate::Call::rotate_scope_key {
					category,
					link: link.then(|| key(0xee)),
					keys: keys.try_into().ok()?,
				},
			)
		},
		Op::Add(doctor, patient, fill, category) => {
			(doctor, crate::Call::add_record { patient, cid: cid(fill), category })
		},
		Op::Share(patient, record, grantee, expires) => {
			(patient, crate::Call::share_record { record, grantee, key: key(3), expires })
		},
		Op::Unshare(patient, record, grantee) => {
			(patient, crate::Call::unshare_record { record, grantee })
		},
		Op::Cosigned(doctor, patient, record, change, nonce_offset) => {
			let nonce = (Records::cosign_nonce(patient) as i64 + nonce_offset as i64).max(0);
			let payload = CosignPayload {
				genesis_hash: System::block_hash(0),
				patient,
				doctor,
				record,
				change,
				nonce: nonce as u64,
				expires: System::block_number() + 5,
			};
			let signature = sign(patient, &payload.signing_bytes());
			(doctor, crate::Call::cosigned_change { payload, signature })
		},
		Op::Propose(who, patient, record, change, expires) => {
			(who, crate::Call::propose_change { patient, record, change, expires })
		},
		Op::Approve(who, patient, record, change) => {
			(who, crate::Call::approve_change { patient, record, change })
		},
		Op::Cancel(who, patient, record) => (who, crate::Call::cancel_change { patient, record }),
		Op::Advance(_) => return None,
	})
}

proptest! {
	#![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

	#[test]
	fn random_calls_keep_invariants(ops in prop::collection::vec(op(), 1..60)) {
		new_test_ext().execute_with(|| {
			MockRoles::grant(DOCTOR, Role::Patient);
			world();
			for op in ops {
				if let Op::Advance(blocks) = op {
					System::set_block_number(System::block_number() + blocks);
					continue;
				}
				let Some((who, call)) = call_of(op.clone()) else { continue };
				let before = sp_io::storage::root(sp_runtime::StateVersion::V1);
				let result = call.dispatch_bypass_filter(signed(who));
				if result.is_err() {
					let after = sp_io::storage::root(sp_runtime::StateVersion::V1);
					prop_assert_eq!(before, after, "refused {:?} changed state", op);
				}
				Records::do_try_state()
					.map_err(|e| TestCaseError::fail(format!("{op:?} broke {e:?}")))?;
			}
			Ok(())
		})?;
	}
}

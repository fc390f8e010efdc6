//! Unit tests of the records pallet, split by call, plus an access matrix and a property test.

use crate::{mock::*, *};
// The pallet (not the storage item of the same name).
use crate::mock::Records;
use frame_support::assert_ok;
use frame_support::dispatch::DispatchResultWithPostInfo;
use medchain_primitives::assert_refused as assert_noop;
use sp_core::H256;
use sp_runtime::DispatchError;

/// A CIDv1 (raw codec, SHA2-256) whose digest is `fill` repeated.
fn cid(fill: u8) -> Vec<u8> {
	let mut bytes = vec![0x01, 0x55, 0x12, 0x20];
	bytes.extend_from_slice(&[fill; 32]);
	bytes
}

fn bounded_cid(fill: u8) -> CidOf<Test> {
	cid(fill).try_into().unwrap()
}

/// A wrapped key (opaque to the chain).
fn key(fill: u8) -> Vec<u8> {
	vec![fill; 80]
}

fn categories(list: &[Category]) -> ScopeOf<Test> {
	Scope::Categories(list.to_vec().try_into().unwrap())
}

fn keys_for(list: &[Category]) -> BoundedVec<(Category, Vec<u8>), MaxCategories> {
	list.iter().map(|c| (*c, key(*c as u8))).collect::<Vec<_>>().try_into().unwrap()
}

fn holders(list: &[u64]) -> BoundedVec<(u64, Vec<u8>), MaxKeyHolders> {
	list.iter().map(|who| (*who, key(*who as u8))).collect::<Vec<_>>().try_into().unwrap()
}

fn signed(who: u64) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

fn run(f: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		f();
		Records::do_try_state().expect("invariants hold");
	});
}

const LAB: Category = 1;
const IMAGING: Category = 2;
const NOTES: Category = 3;
/// A doctor whose consent expired.
const LAPSED_DOCTOR: u64 = 12;

/// Create `patient`'s first scope key for `category`.
fn create_scope(patient: u64, category: Category) {
	assert_ok!(Records::rotate_scope_key(signed(patient), category, None, holders(&[patient])));
}

/// Scope keys for LAB and IMAGING; DOCTOR consented for both with keys; LAPSED_DOCTOR's consent
/// for LAB expires at block 5; record 0 (LAB) added by DOCTOR.
fn world() -> RecordId {
	MockRoles::grant(LAPSED_DOCTOR, Role::Doctor);
	create_scope(PATIENT, LAB);
	create_scope(PATIENT, IMAGING);
	assert_ok!(Records::grant_consent(
		signed(PATIENT),
		DOCTOR,
		categories(&[LAB, IMAGING]),
		None,
		keys_for(&[LAB, IMAGING]),
	));
	assert_ok!(Records::grant_consent(
		signed(PATIENT),
		LAPSED_DOCTOR,
		categories(&[LAB]),
		Some(5),
		keys_for(&[LAB]),
	));
	assert_ok!(Records::add_record(signed(DOCTOR), PATIENT, cid(1), LAB));
	0
}

fn record(id: RecordId) -> Record<Test> {
	crate::Records::<Test>::get(PATIENT, id).expect("record exists")
}

fn payload(doctor: u64, record: RecordId, change: RecordChange<Vec<u8>>) -> CosignPayloadOf<Test> {
	CosignPayload {
		genesis_hash: System::block_hash(0),
		patient: PATIENT,
		doctor,
		record,
		change,
		nonce: Records::cosign_nonce(PATIENT),
		expires: 100,
	}
}

fn patient_signature(payload: &CosignPayloadOf<Test>) -> MockSignature {
	sign(PATIENT, &payload.signing_bytes())
}

/// The doctor submits `payload` with the patient's signature.
fn submit(doctor: u64, payload: &CosignPayloadOf<Test>) -> DispatchResultWithPostInfo {
	Records::cosigned_change(signed(doctor), payload.clone(), patient_signature(payload))
}

fn update(fill: u8) -> RecordChange<Vec<u8>> {
	RecordChange::Update { cid: cid(fill) }
}

#[test]
fn cid_validation() {
	assert!(is_valid_cid_v1(&cid(1)));
	// CIDv0 (a bare SHA2-256 multihash) is refused.
	let mut v0 = vec![0x12, 0x20];
	v0.extend_from_slice(&[1; 32]);
	assert!(!is_valid_cid_v1(&v0));
	// Trailing bytes, truncation and garbage are refused.
	let mut trailing = cid(1);
	trailing.push(0);
	assert!(!is_valid_cid_v1(&trailing));
	assert!(!is_valid_cid_v1(&cid(1)[..20]));
	assert!(!is_valid_cid_v1(b"not a cid"));
	assert!(!is_valid_cid_v1(&[]));
}

#[test]
fn signing_bytes_are_domain_separated() {
	run(|| {
		let p = payload(DOCTOR, 0, RecordChange::Delete);
		let bytes = p.signing_bytes();
		assert!(bytes.starts_with(COSIGN_CONTEXT));
		assert_eq!(&bytes[COSIGN_CONTEXT.len()..], &codec::Encode::encode(&p)[..]);
		// A signature over the bare payload (no context) is not a co-signature.
		let bare = sign(PATIENT, &codec::Encode::encode(&p));
		assert!(!sp_runtime::traits::Verify::verify(&bare, &bytes[..], &PATIENT));
	});
}

mod grant_consent {
	use super::*;

	#[test]
	fn works_with_keys_and_replaces() {
		run(|| {
			create_scope(PATIENT, LAB);
			assert_ok!(Records::grant_consent(
				signed(PATIENT),
				DOCTOR,
				Scope::All,
				None,
				keys_for(&[LAB]),
			));
			System::assert_last_event(
				Event::ConsentGranted {
					patient: PATIENT,
					grantee: DOCTOR,
					scope: Scope::All,
					expires: None,
					key_categories: vec![LAB].try_into().unwrap(),
				}
				.into(),
			);
			assert_eq!(WrappedKeys::<Test>::get((PATIENT, LAB), DOCTOR).unwrap().to_vec(), key(1));
			assert_eq!(ScopeKeys::<Test>::get(PATIENT, LAB).unwrap().holders, 2);
			// Replacing with a narrower scope that still covers LAB, and a new key copy.
			assert_ok!(Records::grant_consent(
				signed(PATIENT),
				DOCTOR,
				categories(&[LAB]),
				Some(10),
				vec![(LAB, key(9))].try_into().unwrap(),
			));
			let grant = Consents::<Test>::get(PATIENT, DOCTOR).unwrap();
			assert_eq!(grant.scope, categories(&[LAB]));
			assert_eq!(grant.expires, Some(10));
			assert_eq!(grant.key_categories.to_vec(), vec![LAB]);
			assert_eq!(WrappedKeys::<Test>::get((PATIENT, LAB), DOCTOR).unwrap().to_vec(), key(9));
			// Holding the same key twice does not count twice.
			assert_eq!(ScopeKeys::<Test>::get(PATIENT, LAB).unwrap().holders, 2);
		});
	}

	#[test]
	fn without_keys_is_a_plain_consent() {
		run(|| {
			assert_ok!(Records::grant_consent(
				signed(PATIENT),
				DOCTOR,
				categories(&[LAB]),
				None,
				Default::default(),
			));
			assert!(Consents::<Test>::get(PATIENT, DOCTOR).unwrap().key_categories.is_empty());
		});
	}

	#[test]
	fn fails_for_non_patient() {
		run(|| {
			for caller in [DOCTOR, STAFF, STRANGER] {
				assert_noop!(
					Records::grant_consent(
						signed(caller),
						DOCTOR + 1,
						Scope::All,
						None,
						keys_for(&[])
					),
					Error::<Test>::NotAPatient
				);
			}
			assert_noop!(
				Records::grant_consent(
					RuntimeOrigin::none(),
					DOCTOR,
					Scope::All,
					None,
					keys_for(&[])
				),
				DispatchError::BadOrigin
			);
		});
	}

	#[test]
	fn fails_for_self_or_unknown_grantee() {
		run(|| {
			assert_noop!(
				Records::grant_consent(signed(PATIENT), PATIENT, Scope::All, None, keys_for(&[])),
				Error::<Test>::SelfGrant
			);
			assert_noop!(
				Records::grant_consent(signed(PATIENT), STRANGER, Scope::All, None, keys_for(&[])),
				Error::<Test>::UnknownAccount
			);
		});
	}

	#[test]
	fn fails_for_bad_scope_or_expiry() {
		run(|| {
			assert_noop!(
				Records::grant_consent(
					signed(PATIENT),
					DOCTOR,
					categories(&[]),
					None,
					keys_for(&[])
				),
				Error::<Test>::EmptyScope
			);
			assert_noop!(
				Records::grant_consent(
					signed(PATIENT),
					DOCTOR,
					categories(&[LAB, LAB]),
					None,
					keys_for(&[])
				),
				Error::<Test>::DuplicateCategory
			);
			System::set_block_number(10);
			assert_noop!(
				Records::grant_consent(signed(PATIENT), DOCTOR, Scope::All, Some(9), keys_for(&[])),
				Error::<Test>::ExpiryInPast
			);
		});
	}

	#[test]
	fn fails_for_bad_keys() {
		run(|| {
			create_scope(PATIENT, LAB);
			let grant =
				|scope, keys| Records::grant_consent(signed(PATIENT), DOCTOR, scope, None, keys);
			assert_noop!(
				grant(categories(&[IMAGING]), keys_for(&[LAB])),
				Error::<Test>::CategoryNotCovered
			);
			assert_noop!(grant(Scope::All, keys_for(&[IMAGING])), Error::<Test>::NoScopeKey);
			assert_noop!(
				grant(Scope::All, vec![(LAB, key(1)), (LAB, key(2))].try_into().unwrap()),
				Error::<Test>::DuplicateCategory
			);
			assert_noop!(
				grant(Scope::All, vec![(LAB, vec![])].try_into().unwrap()),
				Error::<Test>::MalformedKey
			);
			assert_noop!(
				grant(Scope::All, vec![(LAB, vec![1; 129])].try_into().unwrap()),
				Error::<Test>::KeyTooLong
			);
		});
	}

	#[test]
	fn fails_when_key_waits_for_rotation() {
		run(|| {
			world();
			assert_ok!(Records::revoke_consent(signed(PATIENT), LAPSED_DOCTOR));
			assert_noop!(
				Records::grant_consent(
					signed(PATIENT),
					OTHER_DOCTOR,
					Scope::All,
					None,
					keys_for(&[LAB])
				),
				Error::<Test>::RotationPending
			);
		});
	}

	#[test]
	fn fails_when_narrowing_a_held_key() {
		run(|| {
			world();
			assert_noop!(
				Records::grant_consent(
					signed(PATIENT),
					DOCTOR,
					categories(&[LAB]),
					None,
					keys_for(&[])
				),
				Error::<Test>::ScopeNarrowed
			);
		});
	}

	#[test]
	fn fails_with_too_many_holders_or_categories() {
		run(|| {
			world();
			// LAB is held by the patient, DOCTOR and LAPSED_DOCTOR: MaxKeyHolders is 3.
			assert_noop!(
				Records::grant_consent(
					signed(PATIENT),
					OTHER_DOCTOR,
					Scope::All,
					None,
					keys_for(&[LAB])
				),
				Error::<Test>::TooManyKeyHolders
			);
			// A grantee with `All` may collect at most MaxCategories (4) keys.
			for category in 10..15 {
				create_scope(PATIENT, category);
			}
			assert_ok!(Records::grant_consent(
				signed(PATIENT),
				STAFF,
				Scope::All,
				None,
				keys_for(&[10, 11, 12, 13]),
			));
			assert_noop!(
				Records::grant_consent(signed(PATIENT), STAFF, Scope::All, None, keys_for(&[14])),
				Error::<Test>::TooManyCategories
			);
		});
	}
}

mod revoke_consent {
	use super::*;

	#[test]
	fn removes_keys_and_marks_rotation() {
		run(|| {
			world();
			assert_ok!(Records::revoke_consent(signed(PATIENT), DOCTOR));
			System::assert_last_event(
				Event::ConsentRevoked {
					patient: PATIENT,
					grantee: DOCTOR,
					rotation_pending: vec![LAB, IMAGING].try_into().unwrap(),
				}
				.into(),
			);
			assert!(!Consents::<Test>::contains_key(PATIENT, DOCTOR));
			assert!(!WrappedKeys::<Test>::contains_key((PATIENT, LAB), DOCTOR));
			let lab = ScopeKeys::<Test>::get(PATIENT, LAB).unwrap();
			assert_eq!((lab.holders, lab.rotation_pending), (2, true));
			assert_eq!(Records::key_material(DOCTOR, PATIENT, LAB), None);
			// Nothing new can be written under the old key until the patient rotates it.
			assert_noop!(
				Records::add_record(signed(DOCTOR), PATIENT, cid(2), LAB),
				Error::<Test>::NoConsent
			);
		});
	}

	#[test]
	fn works_for_expired_grant() {
		run(|| {
			world();
			System::set_block_number(6);
			assert_ok!(Records::revoke_consent(signed(PATIENT), LAPSED_DOCTOR));
		});
	}

	#[test]
	fn fails_without_consent() {
		run(|| {
			world();
			assert_noop!(
				Records::revoke_consent(signed(PATIENT), OTHER_DOCTOR),
				Error::<Test>::NoConsent
			);
			// Only the patient's own grants: DOCTOR cannot revoke anything of PATIENT's.
			assert_noop!(
				Records::revoke_consent(signed(DOCTOR), PATIENT),
				Error::<Test>::NoConsent
			);
			assert_noop!(
				Records::revoke_consent(RuntimeOrigin::none(), DOCTOR),
				DispatchError::BadOrigin
			);
		});
	}
}

mod rotate_scope_key {
	use super::*;

	#[test]
	fn creates_first_key() {
		run(|| {
			create_scope(PATIENT, NOTES);
			System::assert_last_event(
				Event::ScopeKeyRotated { patient: PATIENT, category: NOTES, epoch: 0, holders: 1 }
					.into(),
			);
			let material = Records::key_material(PATIENT, PATIENT, NOTES).unwrap();
			assert_eq!(material.epoch, 0);
			assert_eq!(material.wrapped_key, key(PATIENT as u8));
			assert!(material.links.is_empty());
		});
	}

	#[test]
	fn rotation_after_revoke_opens_next_epoch() {
		run(|| {
			world();
			assert_ok!(Records::revoke_consent(signed(PATIENT), LAPSED_DOCTOR));
			assert_ok!(Records::rotate_scope_key(
				signed(PATIENT),
				LAB,
				Some(key(77)),
				holders(&[DOCTOR, PATIENT]),
			));
			System::assert_last_event(
				Event::ScopeKeyRotated { patient: PATIENT, category: LAB, epoch: 1, holders: 2 }
					.into(),
			);
			let material = Records::key_material(DOCTOR, PATIENT, LAB).unwrap();
			assert_eq!(material.epoch, 1);
			assert_eq!(material.wrapped_key, key(DOCTOR as u8));
			assert_eq!(material.links, vec![(1, key(77))]);
			assert!(!material.rotation_pending);
			assert_ok!(Records::add_record(signed(DOCTOR), PATIENT, cid(2), LAB));
		});
	}

	#[test]
	fn fails_for_non_patient() {
		run(|| {
			assert_noop!(
				Records::rotate_scope_key(signed(DOCTOR), LAB, None, holders(&[DOCTOR])),
				Error::<Test>::NotAPatient
			);
		});
	}

	#[test]
	fn first_key_rules() {
		run(|| {
			assert_noop!(
				Records::rotate_scope_key(signed(PATIENT), LAB, Some(key(1)), holders(&[PATIENT])),
				Error::<Test>::UnexpectedLink
			);
			assert_noop!(
				Records::rotate_scope_key(signed(PATIENT), LAB, None, holders(&[PATIENT, DOCTOR])),
				Error::<Test>::HolderMismatch
			);
			assert_noop!(
				Records::rotate_scope_key(signed(PATIENT), LAB, None, holders(&[DOCTOR])),
				Error::<Test>::HolderMismatch
			);
			assert_noop!(
				Records::rotate_scope_key(
					signed(PATIENT),
					LAB,
					None,
					vec![(PATIENT, vec![])].try_into().unwrap()
				),
				Error::<Test>::MalformedKey
			);
		});
	}

	#[test]
	fn rotation_rules() {
		run(|| {
			world();
			let all = [PATIENT, DOCTOR, LAPSED_DOCTOR];
			assert_noop!(
				Records::rotate_scope_key(signed(PATIENT), LAB, None, holders(&all)),
				Error::<Test>::LinkMissing
			);
			assert_noop!(
				Records::rotate_scope_key(signed(PATIENT), LAB, Some(vec![]), holders(&all)),
				Error::<Test>::MalformedKey
			);
			assert_noop!(
				Records::rotate_scope_key(signed(PATIENT), LAB, Some(vec![0; 129]), holders(&all)),
				Error::<Test>::KeyTooLong
			);
			// A holder left out, a stranger put in, a holder twice.
			for wrong in [
				&[PATIENT, DOCTOR][..],
				&[PATIENT, DOCTOR, OTHER_DOCTOR],
				&[PATIENT, DOCTOR, DOCTOR],
			] {
				assert_noop!(
					Records::rotate_scope_key(signed(PATIENT), LAB, Some(key(1)), holders(wrong)),
					Error::<Test>::HolderMismatch
				);
			}
			// A plain rotation (no revocation) with every holder works.
			assert_ok!(Records::rotate_scope_key(
				signed(PATIENT),
				LAB,
				Some(key(1)),
				holders(&all)
			));
		});
	}

	#[test]
	fn fails_when_epochs_are_exhausted() {
		run(|| {
			create_scope(PATIENT, LAB);
			ScopeKeys::<Test>::mutate(PATIENT, LAB, |info| {
				info.as_mut().unwrap().epoch = Epoch::MAX
			});
			assert_noop!(
				Records::rotate_scope_key(signed(PATIENT), LAB, Some(key(1)), holders(&[PATIENT])),
				Error::<Test>::EpochOverflow
			);
			ScopeKeys::<Test>::mutate(PATIENT, LAB, |info| info.as_mut().unwrap().epoch = 0);
		});
	}
}

mod add_record {
	use super::*;

	#[test]
	fn works() {
		run(|| {
			let id = world();
			assert_eq!(
				record(id),
				Record {
					author: DOCTOR,
					cid: bounded_cid(1),
					category: LAB,
					created: 1,
					updated: 1,
					version: 1,
					status: RecordStatus::Active,
					shares: 0,
				}
			);
			System::assert_last_event(
				Event::RecordAdded {
					patient: PATIENT,
					record: id,
					author: DOCTOR,
					category: LAB,
					cid: bounded_cid(1),
				}
				.into(),
			);
			assert_eq!(NextRecordId::<Test>::get(), 1);
		});
	}

	#[test]
	fn fails_for_bad_caller_or_patient() {
		run(|| {
			world();
			assert_noop!(
				Records::add_record(signed(STAFF), PATIENT, cid(2), LAB),
				Error::<Test>::NotAuthorized
			);
			assert_noop!(
				Records::add_record(signed(DOCTOR), STRANGER, cid(2), LAB),
				Error::<Test>::NotAPatient
			);
			// A suspended doctor (no role) keeps the consent but cannot write.
			MockRoles::take(DOCTOR, Role::Doctor);
			assert_noop!(
				Records::add_record(signed(DOCTOR), PATIENT, cid(2), LAB),
				Error::<Test>::NotAuthorized
			);
		});
	}

	#[test]
	fn fails_for_bad_cid() {
		run(|| {
			world();
			assert_noop!(
				Records::add_record(signed(DOCTOR), PATIENT, b"QmNotBinary".to_vec(), LAB),
				Error::<Test>::MalformedCid
			);
			assert_noop!(
				Records::add_record(signed(DOCTOR), PATIENT, vec![1; 81], LAB),
				Error::<Test>::CidTooLong
			);
		});
	}

	#[test]
	fn fails_without_live_covering_consent() {
		run(|| {
			world();
			assert_noop!(
				Records::add_record(signed(OTHER_DOCTOR), PATIENT, cid(2), LAB),
				Error::<Test>::NoConsent
			);
			assert_noop!(
				Records::add_record(signed(DOCTOR), PATIENT, cid(2), NOTES),
				Error::<Test>::CategoryNotCovered
			);
			System::set_block_number(6);
			assert_noop!(
				Records::add_record(signed(LAPSED_DOCTOR), PATIENT, cid(2), LAB),
				Error::<Test>::ConsentExpired
			);
		});
	}

	#[test]
	fn fails_without_current_scope_key() {
		run(|| {
			world();
			assert_ok!(Records::grant_consent(
				signed(PATIENT),
				OTHER_DOCTOR,
				Scope::All,
				None,
				keys_for(&[])
			));
			assert_noop!(
				Records::add_record(signed(OTHER_DOCTOR), PATIENT, cid(2), NOTES),
				Error::<Test>::NoScopeKey
			);
			assert_noop!(
				Records::add_record(signed(OTHER_DOCTOR), PATIENT, cid(2), LAB),
				Error::<Test>::NotKeyHolder
			);
			assert_ok!(Records::revoke_consent(signed(PATIENT), LAPSED_DOCTOR));
			assert_noop!(
				Records::add_record(signed(DOCTOR), PATIENT, cid(2), LAB),
				Error::<Test>::RotationPending
			);
		});
	}

	#[test]
	fn fails_when_ids_run_out() {
		run(|| {
			world();
			NextRecordId::<Test>::put(RecordId::MAX);
			assert_noop!(
				Records::add_record(signed(DOCTOR), PATIENT, cid(2), LAB),
				Error::<Test>::RecordIdOverflow
			);
			NextRecordId::<Test>::put(1);
		});
	}
}

mod share_record {
	use super::*;

	#[test]
	fn works_and_replaces() {
		run(|| {
			let id = world();
			assert_ok!(Records::share_record(signed(PATIENT), id, STAFF, key(5), Some(20)));
			System::assert_last_event(
				Event::RecordShared {
					patient: PATIENT,
					record: id,
					grantee: STAFF,
					expires: Some(20),
				}
				.into(),
			);
			assert_ok!(Records::share_record(signed(PATIENT), id, STAFF, key(6), None));
			assert_eq!(record(id).shares, 1);
			assert_eq!(Shares::<Test>::get(id, STAFF).unwrap().key.to_vec(), key(6));
			assert!(Records::can_access(STAFF, PATIENT, id));
		});
	}

	#[test]
	fn fails_for_bad_record() {
		run(|| {
			let id = world();
			assert_noop!(
				Records::share_record(signed(PATIENT), 7, STAFF, key(5), None),
				Error::<Test>::UnknownRecord
			);
			// Someone else's record is unknown to the caller.
			assert_noop!(
				Records::share_record(signed(OTHER_PATIENT), id, STAFF, key(5), None),
				Error::<Test>::UnknownRecord
			);
			crate::Records::<Test>::mutate(PATIENT, id, |r| {
				let r = r.as_mut().unwrap();
				r.status = RecordStatus::Deleted;
				r.cid = Default::default();
			});
			assert_noop!(
				Records::share_record(signed(PATIENT), id, STAFF, key(5), None),
				Error::<Test>::AlreadyDeleted
			);
		});
	}

	#[test]
	fn fails_for_bad_grantee_key_or_expiry() {
		run(|| {
			let id = world();
			assert_noop!(
				Records::share_record(signed(PATIENT), id, PATIENT, key(5), None),
				Error::<Test>::SelfGrant
			);
			assert_noop!(
				Records::share_record(signed(PATIENT), id, STRANGER, key(5), None),
				Error::<Test>::UnknownAccount
			);
			assert_noop!(
				Records::share_record(signed(PATIENT), id, STAFF, vec![], None),
				Error::<Test>::MalformedKey
			);
			assert_noop!(
				Records::share_record(signed(PATIENT), id, STAFF, vec![0; 129], None),
				Error::<Test>::KeyTooLong
			);
			System::set_block_number(3);
			assert_noop!(
				Records::share_record(signed(PATIENT), id, STAFF, key(5), Some(2)),
				Error::<Test>::ExpiryInPast
			);
		});
	}

	#[test]
	fn fails_beyond_max_shares() {
		run(|| {
			let id = world();
			assert_ok!(Records::share_record(signed(PATIENT), id, STAFF, key(5), None));
			assert_ok!(Records::share_record(signed(PATIENT), id, OTHER_DOCTOR, key(5), None));
			assert_noop!(
				Records::share_record(signed(PATIENT), id, OTHER_PATIENT, key(5), None),
				Error::<Test>::TooManyShares
			);
		});
	}
}

mod unshare_record {
	use super::*;

	#[test]
	fn works() {
		run(|| {
			let id = world();
			assert_ok!(Records::share_record(signed(PATIENT), id, STAFF, key(5), None));
			assert_ok!(Records::unshare_record(signed(PATIENT), id, STAFF));
			System::assert_last_event(
				Event::RecordUnshared { patient: PATIENT, record: id, grantee: STAFF }.into(),
			);
			assert_eq!(record(id).shares, 0);
			assert!(!Records::can_access(STAFF, PATIENT, id));
		});
	}

	#[test]
	fn fails_for_unknown_record_or_share() {
		run(|| {
			let id = world();
			assert_noop!(
				Records::unshare_record(signed(PATIENT), 9, STAFF),
				Error::<Test>::UnknownRecord
			);
			assert_noop!(
				Records::unshare_record(signed(PATIENT), id, STAFF),
				Error::<Test>::NoShare
			);
			assert_ok!(Records::share_record(signed(PATIENT), id, STAFF, key(5), None));
			// Only the patient's own records.
			assert_noop!(
				Records::unshare_record(signed(STAFF), id, STAFF),
				Error::<Test>::UnknownRecord
			);
		});
	}
}

mod cosigned_change {
	use super::*;

	#[test]
	fn update_works_and_keeps_history() {
		run(|| {
			let id = world();
			let p = payload(DOCTOR, id, update(2));
			assert_ok!(submit(DOCTOR, &p));
			let r = record(id);
			assert_eq!((r.cid.clone(), r.version, r.author), (bounded_cid(2), 2, DOCTOR));
			assert_eq!(
				History::<Test>::get(id).unwrap().to_vec(),
				vec![HistoryEntry { cid: bounded_cid(1), version: 1, replaced: 1 }]
			);
			System::assert_has_event(
				Event::RecordUpdated {
					patient: PATIENT,
					record: id,
					doctor: DOCTOR,
					cid: bounded_cid(2),
					previous_cid: bounded_cid(1),
					version: 2,
				}
				.into(),
			);
			System::assert_last_event(Event::CosignatureUsed { patient: PATIENT, nonce: 0 }.into());
			assert_eq!(Records::cosign_nonce(PATIENT), 1);
		});
	}

	#[test]
	fn full_history_drops_the_oldest() {
		run(|| {
			let id = world();
			for fill in 2..=5 {
				let p = payload(DOCTOR, id, update(fill));
				assert_ok!(submit(DOCTOR, &p));
			}
			// MaxHistory is 3: versions 2, 3, 4 remain; version 1's CID left state with an event.
			System::assert_has_event(
				Event::HistoryPruned { patient: PATIENT, record: id, cid: bounded_cid(1) }.into(),
			);
			let versions: Vec<u32> =
				History::<Test>::get(id).unwrap().iter().map(|e| e.version).collect();
			assert_eq!(versions, vec![2, 3, 4]);
			assert_eq!(record(id).version, 5);
		});
	}

	#[test]
	fn delete_leaves_a_tombstone() {
		run(|| {
			let id = world();
			let p = payload(DOCTOR, id, update(2));
			assert_ok!(submit(DOCTOR, &p));
			assert_ok!(Records::share_record(signed(PATIENT), id, STAFF, key(5), None));
			assert_ok!(Records::propose_change(signed(PATIENT), PATIENT, id, update(3), 50));
			let p = payload(DOCTOR, id, RecordChange::Delete);
			assert_ok!(submit(DOCTOR, &p));
			System::assert_has_event(
				Event::RecordDeleted {
					patient: PATIENT,
					record: id,
					doctor: DOCTOR,
					cid: bounded_cid(2),
					history: vec![bounded_cid(1)].try_into().unwrap(),
				}
				.into(),
			);
			let r = record(id);
			assert_eq!(r.status, RecordStatus::Deleted);
			assert!(r.cid.is_empty());
			assert_eq!(r.shares, 0);
			assert!(!History::<Test>::contains_key(id));
			assert!(!Shares::<Test>::contains_key(id, STAFF));
			assert!(!Proposals::<Test>::contains_key(id));
			assert!(!Records::can_access(PATIENT, PATIENT, id));
			let p = payload(DOCTOR, id, update(4));
			assert_noop!(submit(DOCTOR, &p), Error::<Test>::AlreadyDeleted);
		});
	}

	#[test]
	fn wrong_signer() {
		run(|| {
			let id = world();
			let p = payload(DOCTOR, id, update(2));
			// The doctor signs in the patient's place.
			let forged = sign(DOCTOR, &p.signing_bytes());
			assert_noop!(
				Records::cosigned_change(signed(DOCTOR), p.clone(), forged),
				Error::<Test>::WrongSigner
			);
			// The patient's signature over a different payload.
			let other = payload(DOCTOR, id, update(3));
			assert_noop!(
				Records::cosigned_change(signed(DOCTOR), p, patient_signature(&other)),
				Error::<Test>::WrongSigner
			);
		});
	}

	#[test]
	fn wrong_genesis() {
		run(|| {
			let id = world();
			let mut p = payload(DOCTOR, id, update(2));
			p.genesis_hash = H256::repeat_byte(1);
			assert_noop!(submit(DOCTOR, &p), Error::<Test>::WrongGenesis);
		});
	}

	#[test]
	fn expired() {
		run(|| {
			let id = world();
			let mut p = payload(DOCTOR, id, update(2));
			p.expires = 4;
			System::set_block_number(5);
			assert_noop!(submit(DOCTOR, &p), Error::<Test>::CosignatureExpired);
		});
	}

	#[test]
	fn replay_stale_and_future_nonces() {
		run(|| {
			let id = world();
			let first = payload(DOCTOR, id, update(2));
			// Another authorization signed with the same nonce.
			let sibling = payload(DOCTOR, id, update(3));
			assert_ok!(submit(DOCTOR, &first));
			assert_noop!(submit(DOCTOR, &first), Error::<Test>::Replayed);
			assert_noop!(submit(DOCTOR, &sibling), Error::<Test>::StaleNonce);
			let mut ahead = payload(DOCTOR, id, update(4));
			ahead.nonce += 1;
			assert_noop!(submit(DOCTOR, &ahead), Error::<Test>::FutureNonce);
		});
	}

	#[test]
	fn old_nonces_are_forgotten_but_still_refused() {
		run(|| {
			let id = world();
			let first = payload(DOCTOR, id, update(100));
			assert_ok!(submit(DOCTOR, &first));
			for n in 0..REMEMBERED_NONCES as u8 {
				let p = payload(DOCTOR, id, update(n));
				assert_ok!(submit(DOCTOR, &p));
			}
			assert_eq!(
				UsedCosignatures::<Test>::iter_prefix(PATIENT).count() as u64,
				REMEMBERED_NONCES
			);
			// Too old to tell a replay apart: refused as stale.
			assert_noop!(submit(DOCTOR, &first), Error::<Test>::StaleNonce);
		});
	}

	#[test]
	fn only_the_named_consented_doctor() {
		run(|| {
			let id = world();
			let p = payload(DOCTOR, id, update(2));
			assert_noop!(submit(OTHER_DOCTOR, &p), Error::<Test>::NotAuthorized);
			for (doctor, error) in
				[(OTHER_DOCTOR, Error::<Test>::NoConsent), (STAFF, Error::<Test>::NotAuthorized)]
			{
				let p = payload(doctor, id, update(2));
				assert_noop!(submit(doctor, &p), error);
			}
			System::set_block_number(6);
			let p = payload(LAPSED_DOCTOR, id, RecordChange::Delete);
			assert_noop!(submit(LAPSED_DOCTOR, &p), Error::<Test>::ConsentExpired);
		});
	}

	#[test]
	fn bad_record_or_cid() {
		run(|| {
			let id = world();
			for (change, error) in [
				(RecordChange::Update { cid: b"junk".to_vec() }, Error::<Test>::MalformedCid),
				(RecordChange::Update { cid: vec![1; 81] }, Error::<Test>::CidTooLong),
				(update(1), Error::<Test>::SameCid),
			] {
				let p = payload(DOCTOR, id, change);
				assert_noop!(submit(DOCTOR, &p), error);
			}
			let p = payload(DOCTOR, 42, RecordChange::Delete);
			assert_noop!(submit(DOCTOR, &p), Error::<Test>::UnknownRecord);
		});
	}
}

mod propose_change {
	use super::*;

	#[test]
	fn works_for_either_side() {
		run(|| {
			let id = world();
			assert_ok!(Records::propose_change(signed(DOCTOR), PATIENT, id, update(2), 10));
			System::assert_last_event(
				Event::ChangeProposed {
					patient: PATIENT,
					record: id,
					proposer: DOCTOR,
					change: RecordChange::Update { cid: bounded_cid(2) },
					expires: 10,
				}
				.into(),
			);
			assert_noop!(
				Records::propose_change(signed(PATIENT), PATIENT, id, RecordChange::Delete, 10),
				Error::<Test>::ProposalPending
			);
			// An expired proposal is replaced.
			System::set_block_number(11);
			assert_ok!(Records::propose_change(
				signed(PATIENT),
				PATIENT,
				id,
				RecordChange::Delete,
				12
			));
			assert_eq!(Proposals::<Test>::get(id).unwrap().proposer, PATIENT);
		});
	}

	#[test]
	fn fails_for_bad_record_expiry_or_cid() {
		run(|| {
			let id = world();
			assert_noop!(
				Records::propose_change(signed(PATIENT), PATIENT, 5, RecordChange::Delete, 10),
				Error::<Test>::UnknownRecord
			);
			System::set_block_number(3);
			assert_noop!(
				Records::propose_change(signed(PATIENT), PATIENT, id, RecordChange::Delete, 2),
				Error::<Test>::ExpiryInPast
			);
			for (change, error) in [
				(RecordChange::Update { cid: vec![7; 3] }, Error::<Test>::MalformedCid),
				(RecordChange::Update { cid: vec![7; 90] }, Error::<Test>::CidTooLong),
				(update(1), Error::<Test>::SameCid),
			] {
				assert_noop!(
					Records::propose_change(signed(PATIENT), PATIENT, id, change, 10),
					error
				);
			}
		});
	}

	#[test]
	fn fails_for_unconsented_side() {
		run(|| {
			let id = world();
			for (who, error) in [
				(OTHER_DOCTOR, Error::<Test>::NoConsent),
				(STAFF, Error::<Test>::NotAuthorized),
				(STRANGER, Error::<Test>::NotAuthorized),
			] {
				assert_noop!(
					Records::propose_change(signed(who), PATIENT, id, RecordChange::Delete, 10),
					error
				);
			}
			System::set_block_number(6);
			assert_noop!(
				Records::propose_change(signed(LAPSED_DOCTOR), PATIENT, id, update(2), 10),
				Error::<Test>::ConsentExpired
			);
		});
	}
}

mod approve_change {
	use super::*;

	#[test]
	fn patient_approves_doctors_update() {
		run(|| {
			let id = world();
			assert_ok!(Records::propose_change(signed(DOCTOR), PATIENT, id, update(2), 10));
			assert_ok!(Records::approve_change(signed(PATIENT), PATIENT, id, update(2)));
			System::assert_last_event(
				Event::ChangeApproved { patient: PATIENT, record: id, approver: PATIENT }.into(),
			);
			assert_eq!(record(id).cid, bounded_cid(2));
			assert!(!Proposals::<Test>::contains_key(id));
		});
	}

	#[test]
	fn doctor_approves_patients_delete() {
		run(|| {
			let id = world();
			assert_ok!(Records::propose_change(
				signed(PATIENT),
				PATIENT,
				id,
				RecordChange::Delete,
				10
			));
			assert_ok!(Records::approve_change(signed(DOCTOR), PATIENT, id, RecordChange::Delete));
			assert_eq!(record(id).status, RecordStatus::Deleted);
			System::assert_has_event(
				Event::RecordDeleted {
					patient: PATIENT,
					record: id,
					doctor: DOCTOR,
					cid: bounded_cid(1),
					history: Default::default(),
				}
				.into(),
			);
		});
	}

	#[test]
	fn fails_without_live_matching_proposal() {
		run(|| {
			let id = world();
			assert_noop!(
				Records::approve_change(signed(PATIENT), PATIENT, id, update(2)),
				Error::<Test>::NoProposal
			);
			assert_ok!(Records::propose_change(signed(DOCTOR), PATIENT, id, update(2), 10));
			assert_noop!(
				Records::approve_change(signed(PATIENT), PATIENT, id, update(3)),
				Error::<Test>::ProposalMismatch
			);
			assert_noop!(
				Records::approve_change(signed(PATIENT), PATIENT, id, RecordChange::Delete),
				Error::<Test>::ProposalMismatch
			);
			System::set_block_number(11);
			assert_noop!(
				Records::approve_change(signed(PATIENT), PATIENT, id, update(2)),
				Error::<Test>::ProposalExpired
			);
		});
	}

	#[test]
	fn fails_for_same_side_or_outsiders() {
		run(|| {
			let id = world();
			assert_ok!(Records::propose_change(signed(DOCTOR), PATIENT, id, update(2), 10));
			// The proposer cannot approve itself; another doctor is not the patient.
			for who in [DOCTOR, OTHER_DOCTOR, STAFF, STRANGER] {
				assert_noop!(
					Records::approve_change(signed(who), PATIENT, id, update(2)),
					Error::<Test>::NotAuthorized
				);
			}
			// The record id must be the patient's.
			assert_noop!(
				Records::approve_change(signed(OTHER_PATIENT), OTHER_PATIENT, id, update(2)),
				Error::<Test>::UnknownRecord
			);
		});
	}

	#[test]
	fn doctor_side_is_checked_again_at_approval() {
		run(|| {
			let id = world();
			assert_ok!(Records::propose_change(signed(PATIENT), PATIENT, id, update(2), 10));
			assert_noop!(
				Records::approve_change(signed(OTHER_DOCTOR), PATIENT, id, update(2)),
				Error::<Test>::NoConsent
			);
			assert_noop!(
				Records::approve_change(signed(STAFF), PATIENT, id, update(2)),
				Error::<Test>::NotAuthorized
			);
			// DOCTOR proposed, then lost the consent before the patient approved.
			assert_ok!(Records::cancel_change(signed(PATIENT), PATIENT, id));
			assert_ok!(Records::propose_change(
				signed(DOCTOR),
				PATIENT,
				id,
				RecordChange::Delete,
				10
			));
			assert_ok!(Records::revoke_consent(signed(PATIENT), DOCTOR));
			assert_noop!(
				Records::approve_change(signed(PATIENT), PATIENT, id, RecordChange::Delete),
				Error::<Test>::NoConsent
			);
		});
	}

	#[test]
	fn an_applied_change_drops_the_proposal() {
		run(|| {
			let id = world();
			assert_ok!(Records::propose_change(signed(DOCTOR), PATIENT, id, update(2), 10));
			let p = payload(DOCTOR, id, update(3));
			assert_ok!(submit(DOCTOR, &p));
			assert_noop!(
				Records::approve_change(signed(PATIENT), PATIENT, id, update(2)),
				Error::<Test>::NoProposal
			);
		});
	}
}

mod cancel_change {
	use super::*;

	#[test]
	fn proposer_or_patient_cancels() {
		run(|| {
			let id = world();
			for by in [DOCTOR, PATIENT] {
				assert_ok!(Records::propose_change(signed(DOCTOR), PATIENT, id, update(2), 10));
				assert_ok!(Records::cancel_change(signed(by), PATIENT, id));
				System::assert_last_event(
					Event::ChangeCancelled { patient: PATIENT, record: id, by }.into(),
				);
				assert!(!Proposals::<Test>::contains_key(id));
			}
		});
	}

	#[test]
	fn fails_for_others_or_without_proposal() {
		run(|| {
			let id = world();
			assert_noop!(
				Records::cancel_change(signed(PATIENT), PATIENT, 3),
				Error::<Test>::UnknownRecord
			);
			assert_noop!(
				Records::cancel_change(signed(PATIENT), PATIENT, id),
				Error::<Test>::NoProposal
			);
			assert_ok!(Records::propose_change(signed(PATIENT), PATIENT, id, update(2), 10));
			for who in [DOCTOR, OTHER_DOCTOR, STAFF, STRANGER] {
				assert_noop!(
					Records::cancel_change(signed(who), PATIENT, id),
					Error::<Test>::NotAuthorized
				);
			}
		});
	}
}

mod keys_follow_consent {
	use super::*;

	/// World at block 6: LAPSED_DOCTOR's grant for LAB has expired; it still holds the key.
	fn lapsed_world() -> RecordId {
		let id = world();
		System::set_block_number(6);
		id
	}

	#[test]
	fn no_record_under_a_key_an_ex_holder_still_has() {
		run(|| {
			lapsed_world();
			assert_noop!(
				Records::add_record(signed(DOCTOR), PATIENT, cid(2), LAB),
				Error::<Test>::RotationPending
			);
			// Other categories are not affected.
			assert_ok!(Records::add_record(signed(DOCTOR), PATIENT, cid(2), IMAGING));
		});
	}

	#[test]
	fn rotation_must_drop_a_lapsed_holder() {
		run(|| {
			lapsed_world();
			assert_noop!(
				Records::rotate_scope_key(
					signed(PATIENT),
					LAB,
					Some(key(8)),
					holders(&[PATIENT, DOCTOR, LAPSED_DOCTOR])
				),
				Error::<Test>::HolderMismatch
			);
			assert_ok!(Records::rotate_scope_key(
				signed(PATIENT),
				LAB,
				Some(key(8)),
				holders(&[PATIENT, DOCTOR])
			));
			System::assert_has_event(
				Event::KeyHolderDropped { patient: PATIENT, category: LAB, holder: LAPSED_DOCTOR }
					.into(),
			);
			assert!(!WrappedKeys::<Test>::contains_key((PATIENT, LAB), LAPSED_DOCTOR));
			let grant = Consents::<Test>::get(PATIENT, LAPSED_DOCTOR).unwrap();
			assert!(grant.key_categories.is_empty(), "the grant no longer lists the key");
			assert_eq!(ScopeKeys::<Test>::get(PATIENT, LAB).unwrap().holders, 2);
			assert_ok!(Records::add_record(signed(DOCTOR), PATIENT, cid(2), LAB));
		});
	}

	#[test]
	fn a_lost_role_ends_the_consent_and_being_rehired_does_not_bring_it_back() {
		run(|| {
			world();
			MockRoles::take(DOCTOR, Role::Doctor);
			assert!(Records::key_material(DOCTOR, PATIENT, LAB).is_none());
			assert!(!Records::can_access(DOCTOR, PATIENT, 0));
			MockRoles::grant(DOCTOR, Role::Doctor);
			assert_noop!(
				Records::add_record(signed(DOCTOR), PATIENT, cid(2), LAB),
				Error::<Test>::ConsentLapsed
			);
			assert!(!Records::can_access(DOCTOR, PATIENT, 0));
			assert!(Records::grants(PATIENT).iter().any(|g| g.grantee == DOCTOR && !g.live));
		});
	}

	#[test]
	fn a_suspension_pauses_the_consent() {
		run(|| {
			world();
			MockRoles::set_suspended(DOCTOR, Role::Doctor, true);
			assert_noop!(
				Records::add_record(signed(DOCTOR), PATIENT, cid(2), IMAGING),
				Error::<Test>::NotAuthorized
			);
			assert!(Records::key_material(DOCTOR, PATIENT, IMAGING).is_none());
			MockRoles::set_suspended(DOCTOR, Role::Doctor, false);
			assert_ok!(Records::add_record(signed(DOCTOR), PATIENT, cid(2), IMAGING));
		});
	}

	#[test]
	fn a_suspended_patient_changes_nothing() {
		run(|| {
			let id = world();
			MockRoles::take(PATIENT, Role::Patient);
			assert_noop!(
				Records::propose_change(signed(DOCTOR), PATIENT, id, RecordChange::Delete, 50),
				Error::<Test>::NotAPatient
			);
			let p = payload(DOCTOR, id, RecordChange::Delete);
			assert_noop!(submit(DOCTOR, &p), Error::<Test>::NotAPatient);
		});
	}

	#[test]
	fn key_material_only_for_live_grants() {
		run(|| {
			lapsed_world();
			assert!(Records::key_material(LAPSED_DOCTOR, PATIENT, LAB).is_none());
			assert!(Records::key_material(DOCTOR, PATIENT, LAB).is_some());
			assert!(Records::key_material(PATIENT, PATIENT, LAB).is_some());
			assert!(Records::key_material(STRANGER, PATIENT, LAB).is_none());
		});
	}
}

mod prune_expired_grant {
	use super::*;

	#[test]
	fn anyone_prunes_a_lapsed_grant() {
		run(|| {
			world();
			System::set_block_number(6);
			assert_ok!(Records::prune_expired_grant(signed(STRANGER), PATIENT, LAPSED_DOCTOR));
			System::assert_last_event(
				Event::ConsentPruned {
					patient: PATIENT,
					grantee: LAPSED_DOCTOR,
					by: STRANGER,
					rotation_pending: vec![LAB].try_into().unwrap(),
				}
				.into(),
			);
			assert!(!Consents::<Test>::contains_key(PATIENT, LAPSED_DOCTOR));
			assert!(ScopeKeys::<Test>::get(PATIENT, LAB).unwrap().rotation_pending);
			assert_eq!(GrantCount::<Test>::get(PATIENT), 1);
		});
	}

	#[test]
	fn fails_for_a_live_grant() {
		run(|| {
			world();
			assert_noop!(
				Records::prune_expired_grant(signed(STRANGER), PATIENT, DOCTOR),
				Error::<Test>::ConsentLive
			);
			assert_noop!(
				Records::prune_expired_grant(signed(STRANGER), PATIENT, LAPSED_DOCTOR),
				Error::<Test>::ConsentLive
			);
		});
	}

	#[test]
	fn fails_without_a_grant() {
		run(|| {
			world();
			assert_noop!(
				Records::prune_expired_grant(signed(STRANGER), PATIENT, OTHER_DOCTOR),
				Error::<Test>::NoConsent
			);
		});
	}
}

mod invalidate_cosignatures {
	use super::*;

	#[test]
	fn voids_an_outstanding_cosignature() {
		run(|| {
			let id = world();
			let p = payload(DOCTOR, id, update(5));
			assert_ok!(Records::invalidate_cosignatures(signed(PATIENT)));
			System::assert_last_event(
				Event::CosignaturesInvalidated { patient: PATIENT, next_nonce: 1 }.into(),
			);
			assert_noop!(submit(DOCTOR, &p), Error::<Test>::StaleNonce);
		});
	}

	#[test]
	fn fails_at_the_last_nonce() {
		run(|| {
			CosignNonces::<Test>::insert(PATIENT, u64::MAX);
			assert_noop!(
				Records::invalidate_cosignatures(signed(PATIENT)),
				Error::<Test>::NonceOverflow
			);
		});
	}
}

mod bounds {
	use super::*;

	#[test]
	fn grants_per_patient_are_bounded() {
		run(|| {
			// MaxGrants is 4.
			for grantee in [DOCTOR, OTHER_DOCTOR, STAFF, OTHER_PATIENT] {
				assert_ok!(Records::grant_consent(
					signed(PATIENT),
					grantee,
					Scope::All,
					None,
					keys_for(&[])
				));
			}
			MockRoles::grant(LAPSED_DOCTOR, Role::Doctor);
			assert_noop!(
				Records::grant_consent(
					signed(PATIENT),
					LAPSED_DOCTOR,
					Scope::All,
					None,
					keys_for(&[])
				),
				Error::<Test>::TooManyGrants
			);
			// Replacing a grant is not a new one; a revocation frees a slot.
			assert_ok!(Records::grant_consent(
				signed(PATIENT),
				DOCTOR,
				Scope::All,
				Some(9),
				keys_for(&[])
			));
			assert_ok!(Records::revoke_consent(signed(PATIENT), DOCTOR));
			assert_ok!(Records::grant_consent(
				signed(PATIENT),
				LAPSED_DOCTOR,
				Scope::All,
				None,
				keys_for(&[])
			));
		});
	}

	#[test]
	fn scope_keys_per_patient_are_bounded() {
		run(|| {
			// MaxScopes is 8.
			for category in 0..8 {
				create_scope(PATIENT, category);
			}
			assert_noop!(
				Records::rotate_scope_key(signed(PATIENT), 8, None, holders(&[PATIENT])),
				Error::<Test>::TooManyScopes
			);
		});
	}

	#[test]
	fn rotations_per_window_are_bounded() {
		run(|| {
			// MaxRotationsPerWindow is 20 per 100 blocks.
			create_scope(PATIENT, LAB);
			for _ in 1..20 {
				assert_ok!(Records::rotate_scope_key(
					signed(PATIENT),
					LAB,
					Some(key(8)),
					holders(&[PATIENT])
				));
			}
			assert_noop!(
				Records::rotate_scope_key(signed(PATIENT), LAB, Some(key(8)), holders(&[PATIENT])),
				Error::<Test>::RotationQuotaExhausted
			);
			System::set_block_number(100);
			assert_ok!(Records::rotate_scope_key(
				signed(PATIENT),
				LAB,
				Some(key(8)),
				holders(&[PATIENT])
			));
		});
	}

	#[test]
	fn records_per_patient_and_window_are_bounded() {
		run(|| {
			world();
			// One added by `world`; MaxRecordsPerWindow is 20.
			for n in 0..19 {
				assert_ok!(Records::add_record(signed(DOCTOR), PATIENT, cid(10 + n), IMAGING));
			}
			assert_noop!(
				Records::add_record(signed(DOCTOR), PATIENT, cid(50), IMAGING),
				Error::<Test>::RecordQuotaExhausted
			);
			System::set_block_number(100);
			assert_ok!(Records::add_record(signed(DOCTOR), PATIENT, cid(50), IMAGING));
		});
	}

	#[test]
	fn proposal_and_cosignature_lifetimes_are_capped() {
		run(|| {
			let id = world();
			// MaxProposalLifetime and MaxCosignValidity are 1,000 blocks; now is block 1.
			assert_noop!(
				Records::propose_change(signed(PATIENT), PATIENT, id, RecordChange::Delete, 1_002),
				Error::<Test>::ExpiryTooFar
			);
			assert_ok!(Records::propose_change(
				signed(PATIENT),
				PATIENT,
				id,
				RecordChange::Delete,
				1_001
			));
			let mut p = payload(DOCTOR, id, update(5));
			p.expires = 1_002;
			assert_noop!(submit(DOCTOR, &p), Error::<Test>::ExpiryTooFar);
		});
	}

	#[test]
	fn an_oversized_cid_is_refused_before_the_signature_is_checked() {
		run(|| {
			let id = world();
			let p = payload(DOCTOR, id, RecordChange::Update { cid: vec![1; 100_000] });
			// The patient's signature is not even computed: the length fails first.
			assert_noop!(
				Records::cosigned_change(signed(DOCTOR), p, sign(STRANGER, b"anything")),
				Error::<Test>::CidTooLong
			);
		});
	}

	#[test]
	fn failures_report_less_than_the_declared_weight() {
		run(|| {
			world();
			let declared = <() as WeightInfo>::revoke_consent();
			let error = Records::revoke_consent(signed(PATIENT), STRANGER).unwrap_err();
			let actual = error.post_info.actual_weight.expect("a failure reports its weight");
			assert!(actual.ref_time() < declared.ref_time(), "{actual:?} < {declared:?}");
		});
	}
}

mod queries {
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
			assert_ok!(Records::propose_change(
				signed(PATIENT),
				PATIENT,
				id,
				RecordChange::Delete,
				9
			));
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
}

/// Every call by every kind of caller: only the expected callers succeed, and a refused call
/// changes nothing.
mod access_matrix {
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
			Call::Grant | Call::Revoke | Call::Rotate | Call::Share | Call::Unshare => {
				actor == PATIENT
			},
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
}

/// Random sequences of calls, dispatched as the runtime dispatches them, never break the
/// invariants, and a refused call never changes state.
mod properties {
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
					crate::Call::grant_consent {
						grantee,
						scope,
						expires,
						keys: keys.try_into().ok()?,
					},
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
			Op::Cancel(who, patient, record) => {
				(who, crate::Call::cancel_change { patient, record })
			},
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
}

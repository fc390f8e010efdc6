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

mod access_matrix;
mod add_record;
mod approve_change;
mod bounds;
mod cancel_change;
mod cosigned_change;
mod grant_consent;
mod invalidate_cosignatures;
mod keys_follow_consent;
mod properties;
mod propose_change;
mod prune_expired_grant;
mod queries;
mod revoke_consent;
mod rotate_scope_key;
mod share_record;
mod unshare_record;

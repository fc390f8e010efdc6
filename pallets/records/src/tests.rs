//! Unit tests of the records pallet, split by call, plus an access matrix.

use crate::{mock::*, *};
// The pallet (not the storage item of the same name).
use crate::mock::Records;
use frame_support::{assert_noop, assert_ok};
use sp_runtime::DispatchError;

fn cid(fill: u8) -> CidOf<Test> {
	let mut bytes = vec![0x01, 0x55, 0x12, 0x20];
	bytes.extend_from_slice(&[fill; 32]);
	bytes.try_into().unwrap()
}

fn categories(list: &[Category]) -> ScopeOf<Test> {
	Scope::Categories(list.to_vec().try_into().unwrap())
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

#[test]
fn cid_validation() {
	assert!(is_valid_cid_v1(&cid(1)));
	// CIDv0 (a bare SHA2-256 multihash) is refused.
	let mut v0 = vec![0x12, 0x20];
	v0.extend_from_slice(&[1; 32]);
	assert!(!is_valid_cid_v1(&v0));
	// Trailing bytes, truncation and garbage are refused.
	let mut trailing = cid(1).into_inner();
	trailing.push(0);
	assert!(!is_valid_cid_v1(&trailing));
	assert!(!is_valid_cid_v1(&cid(1)[..20]));
	assert!(!is_valid_cid_v1(b"not a cid"));
	assert!(!is_valid_cid_v1(&[]));
}

mod grant_consent {
	use super::*;

	#[test]
	fn works_and_replaces() {
		run(|| {
			assert_ok!(Records::grant_consent(signed(PATIENT), DOCTOR, Scope::All, None));
			System::assert_last_event(
				Event::ConsentGranted {
					patient: PATIENT,
					grantee: DOCTOR,
					scope: Scope::All,
					expires: None,
				}
				.into(),
			);
			assert_ok!(Records::grant_consent(signed(PATIENT), DOCTOR, categories(&[3]), Some(9)));
			let grant = Consents::<Test>::get(PATIENT, DOCTOR).unwrap();
			assert_eq!((grant.scope, grant.expires), (categories(&[3]), Some(9)));
		});
	}

	#[test]
	fn fails_for_non_patient() {
		run(|| {
			for caller in [DOCTOR, STAFF, STRANGER] {
				assert_noop!(
					Records::grant_consent(signed(caller), OTHER_DOCTOR, Scope::All, None),
					Error::<Test>::NotAPatient
				);
			}
		});
	}

	#[test]
	fn fails_for_self_grant() {
		run(|| {
			assert_noop!(
				Records::grant_consent(signed(PATIENT), PATIENT, Scope::All, None),
				Error::<Test>::SelfGrant
			);
		});
	}

	#[test]
	fn fails_for_empty_scope() {
		run(|| {
			assert_noop!(
				Records::grant_consent(signed(PATIENT), DOCTOR, categories(&[]), None),
				Error::<Test>::EmptyScope
			);
		});
	}

	#[test]
	fn fails_for_past_expiry() {
		run(|| {
			System::set_block_number(10);
			assert_noop!(
				Records::grant_consent(signed(PATIENT), DOCTOR, Scope::All, Some(9)),
				Error::<Test>::ExpiryInPast
			);
		});
	}

	#[test]
	fn fails_unsigned() {
		run(|| {
			assert_noop!(
				Records::grant_consent(RuntimeOrigin::none(), DOCTOR, Scope::All, None),
				DispatchError::BadOrigin
			);
		});
	}
}

mod revoke_consent {
	use super::*;

	#[test]
	fn works() {
		run(|| {
			assert_ok!(Records::grant_consent(signed(PATIENT), DOCTOR, Scope::All, None));
			assert_ok!(Records::revoke_consent(signed(PATIENT), DOCTOR));
			System::assert_last_event(
				Event::ConsentRevoked { patient: PATIENT, grantee: DOCTOR }.into(),
			);
			assert!(Consents::<Test>::get(PATIENT, DOCTOR).is_none());
			assert_noop!(
				Records::add_record(signed(DOCTOR), PATIENT, cid(1), 1),
				Error::<Test>::NoConsent
			);
		});
	}

	#[test]
	fn fails_without_consent() {
		run(|| {
			assert_ok!(Records::grant_consent(signed(PATIENT), DOCTOR, Scope::All, None));
			// Only the granting patient can revoke; others have nothing to revoke.
			assert_noop!(
				Records::revoke_consent(signed(OTHER_PATIENT), DOCTOR),
				Error::<Test>::NoConsent
			);
			assert_noop!(
				Records::revoke_consent(signed(PATIENT), OTHER_DOCTOR),
				Error::<Test>::NoConsent
			);
		});
	}
}

mod add_record {
	use super::*;

	fn consent(scope: ScopeOf<Test>, expires: Option<u64>) {
		assert_ok!(Records::grant_consent(signed(PATIENT), DOCTOR, scope, expires));
	}

	#[test]
	fn works() {
		run(|| {
			consent(Scope::All, None);
			System::set_block_number(5);
			assert_ok!(Records::add_record(signed(DOCTOR), PATIENT, cid(1), 7));
			System::assert_last_event(
				Event::RecordAdded {
					record: 0,
					patient: PATIENT,
					author: DOCTOR,
					category: 7,
					cid: cid(1),
				}
				.into(),
			);
			let r = crate::Records::<Test>::get(0).unwrap();
			assert_eq!((r.created, r.updated, r.version), (5, 5, 1));
			assert_eq!(r.status, RecordStatus::Active);
			assert_ok!(Records::add_record(signed(DOCTOR), PATIENT, cid(2), 7));
			assert_eq!(NextRecordId::<Test>::get(), 2);
		});
	}

	#[test]
	fn consent_until_expiry_block_inclusive() {
		run(|| {
			consent(Scope::All, Some(3));
			System::set_block_number(3);
			assert_ok!(Records::add_record(signed(DOCTOR), PATIENT, cid(1), 1));
			System::set_block_number(4);
			assert_noop!(
				Records::add_record(signed(DOCTOR), PATIENT, cid(2), 1),
				Error::<Test>::ConsentExpired
			);
		});
	}

	#[test]
	fn fails_for_non_doctor() {
		run(|| {
			consent(Scope::All, None);
			for caller in [PATIENT, STAFF, STRANGER] {
				assert_noop!(
					Records::add_record(signed(caller), PATIENT, cid(1), 1),
					Error::<Test>::NotAuthorized
				);
			}
		});
	}

	#[test]
	fn fails_for_non_patient() {
		run(|| {
			assert_noop!(
				Records::add_record(signed(DOCTOR), STRANGER, cid(1), 1),
				Error::<Test>::NotAPatient
			);
		});
	}

	#[test]
	fn fails_for_malformed_cid() {
		run(|| {
			consent(Scope::All, None);
			let bad: CidOf<Test> = b"QmNotBinary".to_vec().try_into().unwrap();
			assert_noop!(
				Records::add_record(signed(DOCTOR), PATIENT, bad, 1),
				Error::<Test>::MalformedCid
			);
		});
	}

	#[test]
	fn fails_without_consent() {
		run(|| {
			assert_noop!(
				Records::add_record(signed(DOCTOR), PATIENT, cid(1), 1),
				Error::<Test>::NoConsent
			);
		});
	}

	#[test]
	fn fails_outside_scope() {
		run(|| {
			consent(categories(&[1, 2]), None);
			assert_noop!(
				Records::add_record(signed(DOCTOR), PATIENT, cid(1), 3),
				Error::<Test>::CategoryNotCovered
			);
		});
	}

	#[test]
	fn fails_for_suspended_doctor() {
		run(|| {
			consent(Scope::All, None);
			MockRoles::take(DOCTOR, Role::Doctor);
			assert_noop!(
				Records::add_record(signed(DOCTOR), PATIENT, cid(1), 1),
				Error::<Test>::NotAuthorized
			);
		});
	}

	#[test]
	fn fails_on_id_overflow() {
		run(|| {
			consent(Scope::All, None);
			NextRecordId::<Test>::put(u64::MAX);
			assert_noop!(
				Records::add_record(signed(DOCTOR), PATIENT, cid(1), 1),
				Error::<Test>::RecordIdOverflow
			);
			NextRecordId::<Test>::put(0);
		});
	}
}

/// Access matrix: patient, consented doctor, doctor without consent, doctor with expired
/// consent, staff and stranger against every call. Only the listed combinations succeed.
#[test]
fn access_matrix() {
	const EXPIRED_DOCTOR: u64 = 12;
	let callers = [
		("patient", PATIENT),
		("consented doctor", DOCTOR),
		("doctor without consent", OTHER_DOCTOR),
		("doctor with expired consent", EXPIRED_DOCTOR),
		("staff", STAFF),
		("stranger", STRANGER),
	];
	type Attempt = fn(u64) -> frame_support::dispatch::DispatchResult;
	let calls: [(&str, Attempt, &[&str]); 3] = [
		(
			"grant_consent",
			|c| Records::grant_consent(signed(c), 50, Scope::All, None),
			&["patient"],
		),
		("revoke_consent", |c| Records::revoke_consent(signed(c), DOCTOR), &["patient"]),
		(
			"add_record",
			|c| Records::add_record(signed(c), PATIENT, cid(1), 1),
			&["consented doctor"],
		),
	];
	for (call, attempt, allowed) in calls {
		for (name, who) in callers {
			run(|| {
				MockRoles::grant(EXPIRED_DOCTOR, Role::Doctor);
				assert_ok!(Records::grant_consent(signed(PATIENT), DOCTOR, Scope::All, None));
				assert_ok!(Records::grant_consent(
					signed(PATIENT),
					EXPIRED_DOCTOR,
					Scope::All,
					Some(1)
				));
				System::set_block_number(2);
				let before = sp_io::storage::root(sp_runtime::StateVersion::V1);
				let result = attempt(who);
				if allowed.contains(&name) {
					assert_ok!(result);
				} else {
					assert!(result.is_err(), "{call} by {name} must fail");
					assert_eq!(
						before,
						sp_io::storage::root(sp_runtime::StateVersion::V1),
						"{call} by {name} changed state"
					);
				}
			});
		}
	}
}

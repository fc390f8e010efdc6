//! Unit tests of the roles pallet, split by call, plus an access matrix.

use crate::{mock::*, *};
use frame_support::{assert_ok, traits::EnsureOrigin};
use frame_system::RawOrigin;
use medchain_primitives::assert_refused as assert_noop;
use sp_runtime::DispatchError;

fn name(s: &str) -> NameOf<Test> {
	s.as_bytes().to_vec().try_into().unwrap()
}

fn signed(who: u64) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

fn root() -> RuntimeOrigin {
	RuntimeOrigin::root()
}

fn has(who: u64, role: Role) -> bool {
	<Roles as RoleInspect<u64>>::has_role(&who, role)
}

fn providers(who: u64) -> u32 {
	frame_system::Pallet::<Test>::providers(&who)
}

/// Register `n` new hospitals (admins 60, 61, …) and make `who` a doctor in each (an account
/// that holds a role already accepts the offer).
fn make_doctor_in_new_hospitals(who: u64, n: u32) {
	for i in 0..n {
		let hospital = NextHospitalId::<Test>::get();
		assert_ok!(Roles::register_hospital(root(), name("H"), 60 + i as u64));
		assert_ok!(Roles::assign_role(signed(60 + i as u64), hospital, who, Role::Doctor));
		if RoleOffers::<Test>::contains_key(who, hospital) {
			assert_ok!(Roles::accept_role(signed(who), hospital));
		}
	}
}

/// Run `f` in a fresh test externality and check the invariants afterwards.
fn run(f: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		f();
		Roles::do_try_state().expect("invariants hold");
	});
}

#[test]
fn genesis_sets_up_hospitals_roles_and_providers() {
	run(|| {
		assert_eq!(NextHospitalId::<Test>::get(), 2);
		assert_eq!(Hospitals::<Test>::get(GENERAL).unwrap().admins, 1);
		assert!(has(ADMIN, Role::HospitalAdmin));
		assert!(has(DOCTOR, Role::Doctor));
		assert!(has(STAFF, Role::Staff));
		assert!(has(PATIENT, Role::Patient));
		assert!(!has(DOCTOR, Role::Patient));
		assert!(!<Roles as RoleInspect<u64>>::is_registered(&STRANGER));
		for who in [ADMIN, OTHER_ADMIN, DOCTOR, STAFF, PATIENT] {
			assert_eq!(providers(who), 1, "account {who}");
		}
		assert_eq!(providers(STRANGER), 0);
		assert_eq!(<Roles as RoleInspect<u64>>::encryption_key(&PATIENT), Some(x25519_public(7)));
	});
}

mod accept_role;
mod appoint_admin;
mod assign_role;
mod deactivate_hospital;
mod dismiss_admin;
mod origins;
mod reactivate_hospital;
mod register_hospital;
mod register_patient;
mod reinstate;
mod reinstate_affiliation;
mod rename_hospital;
mod revoke_role;
mod set_encryption_key;
mod set_hospital_services;
mod suspend;
mod suspend_affiliation;

#[test]
fn home_hospital_is_the_registrar_or_the_first_active_employer() {
	run(|| {
		let home = |who| <Roles as RoleInspect<u64>>::home_hospital(&who);
		assert_ok!(Roles::register_patient(signed(STAFF), GENERAL, 50));
		assert_eq!(home(50), Some(GENERAL));
		assert_eq!(home(DOCTOR), Some(GENERAL));
		assert_eq!(home(PATIENT), None, "registered at genesis by no hospital");
		assert_eq!(home(STRANGER), None);
		assert_ok!(Roles::deactivate_hospital(root(), GENERAL));
		assert_eq!(home(DOCTOR), None);
		assert_ok!(Roles::suspend(root(), 50));
		assert_eq!(home(50), None);
	});
}

/// For every call, every caller that must fail does fail, and nothing changes.
#[test]
fn access_matrix() {
	let callers: [(&str, RuntimeOrigin); 6] = [
		("admin of another hospital", signed(OTHER_ADMIN)),
		("doctor", signed(DOCTOR)),
		("staff", signed(STAFF)),
		("patient", signed(PATIENT)),
		("stranger", signed(STRANGER)),
		("unsigned", RawOrigin::None.into()),
	];
	type Attempt = fn(RuntimeOrigin) -> frame_support::dispatch::DispatchResultWithPostInfo;
	let council_only: [(&str, Attempt); 8] = [
		("register_hospital", |o| Roles::register_hospital(o, name("X"), 50)),
		("rename_hospital", |o| Roles::rename_hospital(o, GENERAL, name("X"))),
		("deactivate_hospital", |o| Roles::deactivate_hospital(o, GENERAL)),
		("reactivate_hospital", |o| Roles::reactivate_hospital(o, GENERAL)),
		("appoint_admin", |o| Roles::appoint_admin(o, GENERAL, 50)),
		("dismiss_admin", |o| Roles::dismiss_admin(o, GENERAL, ADMIN)),
		("suspend", |o| Roles::suspend(o, DOCTOR)),
		("reinstate", |o| Roles::reinstate(o, DOCTOR)),
	];
	let admin_only: [(&str, Attempt); 4] = [
		("assign_role", |o| Roles::assign_role(o, GENERAL, 50, Role::Doctor)),
		("revoke_role", |o| Roles::revoke_role(o, GENERAL, DOCTOR, Role::Doctor)),
		("suspend_affiliation", |o| Roles::suspend_affiliation(o, GENERAL, DOCTOR)),
		("reinstate_affiliation", |o| Roles::reinstate_affiliation(o, GENERAL, DOCTOR)),
	];
	let staff_or_admin: [(&str, Attempt); 1] =
		[("register_patient", |o| Roles::register_patient(o, GENERAL, 50))];

	for (call, attempt) in council_only.iter().chain(&admin_only).chain(&staff_or_admin) {
		for (who, origin) in callers.iter() {
			if *call == "register_patient" && *who == "staff" {
				continue;
			}
			run(|| {
				// Put the target in the state the call changes, so that only the origin is wrong.
				match *call {
					"reinstate" => {
						assert_ok!(Roles::suspend(root(), DOCTOR));
					},
					"reinstate_affiliation" => {
						assert_ok!(Roles::suspend_affiliation(root(), GENERAL, DOCTOR));
					},
					"reactivate_hospital" => {
						assert_ok!(Roles::deactivate_hospital(root(), GENERAL));
					},
					_ => {},
				}
				let before = sp_io::storage::root(sp_runtime::StateVersion::V1);
				let result = attempt(origin.clone());
				assert!(result.is_err(), "{call} by {who} must fail");
				assert_eq!(
					before,
					sp_io::storage::root(sp_runtime::StateVersion::V1),
					"{call} by {who} changed state"
				);
			});
		}
	}
}

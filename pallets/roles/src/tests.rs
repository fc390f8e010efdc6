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

mod register_hospital {
	use super::*;

	#[test]
	fn works() {
		run(|| {
			assert_ok!(Roles::register_hospital(root(), name("St. Mary"), 50));
			let info = Hospitals::<Test>::get(2).unwrap();
			assert_eq!((info.name, info.active, info.admins), (name("St. Mary"), true, 1));
			assert!(has(50, Role::HospitalAdmin));
			assert_eq!(providers(50), 1);
			System::assert_last_event(
				Event::HospitalRegistered { hospital: 2, name: name("St. Mary"), admin: 50 }.into(),
			);
		});
	}

	#[test]
	fn existing_member_can_be_first_admin() {
		run(|| {
			assert_ok!(Roles::register_hospital(root(), name("St. Mary"), DOCTOR));
			assert!(has(DOCTOR, Role::HospitalAdmin) && has(DOCTOR, Role::Doctor));
			assert_eq!(providers(DOCTOR), 1, "one provider per member, not per role");
		});
	}

	#[test]
	fn fails_for_non_council() {
		run(|| {
			assert_noop!(
				Roles::register_hospital(signed(ADMIN), name("X"), 50),
				DispatchError::BadOrigin
			);
		});
	}

	#[test]
	fn fails_for_empty_name() {
		run(|| {
			assert_noop!(Roles::register_hospital(root(), name(""), 50), Error::<Test>::EmptyName);
		});
	}

	#[test]
	fn fails_when_admin_has_too_many_affiliations() {
		run(|| {
			make_doctor_in_new_hospitals(50, 4);
			assert_noop!(
				Roles::register_hospital(root(), name("Full"), 50),
				Error::<Test>::TooManyAffiliations
			);
		});
	}

	#[test]
	fn fails_on_id_overflow() {
		run(|| {
			NextHospitalId::<Test>::put(u32::MAX);
			assert_noop!(
				Roles::register_hospital(root(), name("Last"), 50),
				Error::<Test>::HospitalIdOverflow
			);
			NextHospitalId::<Test>::put(2);
		});
	}
}

mod rename_hospital {
	use super::*;

	#[test]
	fn works() {
		run(|| {
			assert_ok!(Roles::rename_hospital(root(), GENERAL, name("General Hospital")));
			assert_eq!(Hospitals::<Test>::get(GENERAL).unwrap().name, name("General Hospital"));
			System::assert_last_event(
				Event::HospitalRenamed { hospital: GENERAL, name: name("General Hospital") }.into(),
			);
		});
	}

	#[test]
	fn fails_for_admin() {
		run(|| {
			assert_noop!(
				Roles::rename_hospital(signed(ADMIN), GENERAL, name("Mine")),
				DispatchError::BadOrigin
			);
		});
	}

	#[test]
	fn fails_for_unknown_hospital() {
		run(|| {
			assert_noop!(
				Roles::rename_hospital(root(), 7, name("Ghost")),
				Error::<Test>::UnknownHospital
			);
		});
	}

	#[test]
	fn fails_for_empty_name() {
		run(|| {
			assert_noop!(
				Roles::rename_hospital(root(), GENERAL, name("")),
				Error::<Test>::EmptyName
			);
		});
	}
}

mod deactivate_hospital {
	use super::*;

	#[test]
	fn affiliated_roles_stop_counting() {
		run(|| {
			assert_ok!(Roles::register_patient(signed(STAFF), GENERAL, DOCTOR));
			assert_ok!(Roles::deactivate_hospital(root(), GENERAL));
			System::assert_last_event(Event::HospitalDeactivated { hospital: GENERAL }.into());
			assert!(!has(DOCTOR, Role::Doctor));
			assert!(!has(STAFF, Role::Staff));
			assert!(!has(ADMIN, Role::HospitalAdmin));
			assert!(has(DOCTOR, Role::Patient), "patients keep their role");
			assert!(has(PATIENT, Role::Patient));
			assert!(!<Roles as RoleInspect<u64>>::is_registered(&STAFF));
			assert_noop!(
				Roles::assign_role(signed(ADMIN), GENERAL, 50, Role::Doctor),
				Error::<Test>::HospitalInactive
			);
		});
	}

	#[test]
	fn fails_for_non_council() {
		run(|| {
			assert_noop!(
				Roles::deactivate_hospital(signed(ADMIN), GENERAL),
				DispatchError::BadOrigin
			);
		});
	}

	#[test]
	fn fails_for_unknown_hospital() {
		run(|| {
			assert_noop!(Roles::deactivate_hospital(root(), 9), Error::<Test>::UnknownHospital);
		});
	}

	#[test]
	fn fails_when_inactive() {
		run(|| {
			assert_ok!(Roles::deactivate_hospital(root(), GENERAL));
			assert_noop!(
				Roles::deactivate_hospital(root(), GENERAL),
				Error::<Test>::HospitalInactive
			);
		});
	}
}

mod reactivate_hospital {
	use super::*;

	#[test]
	fn roles_count_again() {
		run(|| {
			assert_ok!(Roles::deactivate_hospital(root(), GENERAL));
			assert_ok!(Roles::reactivate_hospital(root(), GENERAL));
			System::assert_last_event(Event::HospitalReactivated { hospital: GENERAL }.into());
			assert!(has(DOCTOR, Role::Doctor));
		});
	}

	#[test]
	fn fails_for_non_council() {
		run(|| {
			assert_ok!(Roles::deactivate_hospital(root(), GENERAL));
			assert_noop!(
				Roles::reactivate_hospital(signed(ADMIN), GENERAL),
				DispatchError::BadOrigin
			);
		});
	}

	#[test]
	fn fails_for_unknown_hospital() {
		run(|| {
			assert_noop!(Roles::reactivate_hospital(root(), 9), Error::<Test>::UnknownHospital);
		});
	}

	#[test]
	fn fails_when_active() {
		run(|| {
			assert_noop!(
				Roles::reactivate_hospital(root(), GENERAL),
				Error::<Test>::HospitalAlreadyActive
			);
		});
	}
}

mod appoint_admin {
	use super::*;

	#[test]
	fn works() {
		run(|| {
			assert_ok!(Roles::appoint_admin(root(), GENERAL, 50));
			assert_eq!(Hospitals::<Test>::get(GENERAL).unwrap().admins, 2);
			assert!(has(50, Role::HospitalAdmin));
			System::assert_last_event(
				Event::RoleAssigned { account: 50, role: Role::HospitalAdmin, hospital: GENERAL }
					.into(),
			);
		});
	}

	#[test]
	fn fails_for_admin() {
		run(|| {
			assert_noop!(
				Roles::appoint_admin(signed(ADMIN), GENERAL, 50),
				DispatchError::BadOrigin
			);
		});
	}

	#[test]
	fn fails_for_unknown_hospital() {
		run(|| {
			assert_noop!(Roles::appoint_admin(root(), 9, 50), Error::<Test>::UnknownHospital);
		});
	}

	#[test]
	fn fails_beyond_max_affiliations() {
		run(|| {
			// DOCTOR holds one affiliation; three more hospitals fill the bound of four.
			make_doctor_in_new_hospitals(DOCTOR, 3);
			assert_noop!(
				Roles::appoint_admin(root(), GENERAL, DOCTOR),
				Error::<Test>::TooManyAffiliations
			);
		});
	}

	#[test]
	fn fails_when_already_admin() {
		run(|| {
			assert_noop!(
				Roles::appoint_admin(root(), GENERAL, ADMIN),
				Error::<Test>::AlreadyHasRole
			);
		});
	}
}

mod dismiss_admin {
	use super::*;

	#[test]
	fn works_and_keeps_the_provider() {
		run(|| {
			assert_ok!(Roles::appoint_admin(root(), GENERAL, 50));
			assert_ok!(Roles::dismiss_admin(root(), GENERAL, 50));
			assert_eq!(Hospitals::<Test>::get(GENERAL).unwrap().admins, 1);
			assert!(Members::<Test>::get(50).is_none());
			// The account is not reaped: its nonce never restarts.
			assert_eq!(providers(50), 1);
			System::assert_last_event(
				Event::RoleRevoked { account: 50, role: Role::HospitalAdmin, hospital: GENERAL }
					.into(),
			);
		});
	}

	#[test]
	fn fails_for_admin() {
		run(|| {
			assert_ok!(Roles::appoint_admin(root(), GENERAL, 50));
			assert_noop!(
				Roles::dismiss_admin(signed(ADMIN), GENERAL, 50),
				DispatchError::BadOrigin
			);
		});
	}

	#[test]
	fn fails_for_unknown_hospital() {
		run(|| {
			assert_noop!(Roles::dismiss_admin(root(), 9, ADMIN), Error::<Test>::UnknownHospital);
		});
	}

	#[test]
	fn fails_for_non_admin() {
		run(|| {
			assert_noop!(Roles::dismiss_admin(root(), GENERAL, DOCTOR), Error::<Test>::RoleNotHeld);
			assert_noop!(
				Roles::dismiss_admin(root(), GENERAL, STRANGER),
				Error::<Test>::RoleNotHeld
			);
		});
	}

	#[test]
	fn fails_for_last_admin() {
		run(|| {
			assert_noop!(Roles::dismiss_admin(root(), GENERAL, ADMIN), Error::<Test>::LastAdmin);
		});
	}

	#[test]
	fn works_while_other_state_depends_on_the_account() {
		run(|| {
			assert_ok!(Roles::appoint_admin(root(), GENERAL, 50));
			// Something else (for example session keys) depends on the account.
			assert_ok!(frame_system::Pallet::<Test>::inc_consumers(&50));
			assert_ok!(Roles::dismiss_admin(root(), GENERAL, 50));
		});
	}
}

mod assign_role {
	use super::*;

	#[test]
	fn admin_assigns_doctor_and_staff() {
		run(|| {
			assert_ok!(Roles::assign_role(signed(ADMIN), GENERAL, 50, Role::Doctor));
			System::assert_last_event(
				Event::RoleAssigned { account: 50, role: Role::Doctor, hospital: GENERAL }.into(),
			);
			assert_ok!(Roles::assign_role(signed(ADMIN), GENERAL, 51, Role::Staff));
			assert!(has(50, Role::Doctor) && has(51, Role::Staff));
		});
	}

	#[test]
	fn doctor_can_work_for_two_hospitals() {
		run(|| {
			// DOCTOR works for GENERAL already: CLINIC can only offer the role.
			assert_ok!(Roles::assign_role(signed(OTHER_ADMIN), CLINIC, DOCTOR, Role::Doctor));
			System::assert_last_event(
				Event::RoleOffered { account: DOCTOR, role: Role::Doctor, hospital: CLINIC }.into(),
			);
			assert!(!Members::<Test>::get(DOCTOR).unwrap().holds(CLINIC, Role::Doctor));
			assert_ok!(Roles::accept_role(signed(DOCTOR), CLINIC));
			System::assert_last_event(
				Event::RoleAssigned { account: DOCTOR, role: Role::Doctor, hospital: CLINIC }
					.into(),
			);
			let member = Members::<Test>::get(DOCTOR).unwrap();
			assert!(member.holds(GENERAL, Role::Doctor) && member.holds(CLINIC, Role::Doctor));
			assert_ok!(Roles::deactivate_hospital(root(), GENERAL));
			assert!(has(DOCTOR, Role::Doctor), "still a doctor at the clinic");
		});
	}

	#[test]
	fn fails_for_admin_of_other_hospital() {
		run(|| {
			assert_noop!(
				Roles::assign_role(signed(OTHER_ADMIN), GENERAL, 50, Role::Doctor),
				Error::<Test>::NotAuthorized
			);
		});
	}

	#[test]
	fn fails_for_suspended_admin() {
		run(|| {
			assert_ok!(Roles::suspend(root(), ADMIN));
			assert_noop!(
				Roles::assign_role(signed(ADMIN), GENERAL, 50, Role::Doctor),
				Error::<Test>::NotAuthorized
			);
		});
	}

	#[test]
	fn fails_for_patient_or_admin_role() {
		run(|| {
			assert_noop!(
				Roles::assign_role(signed(ADMIN), GENERAL, 50, Role::Patient),
				Error::<Test>::RoleNotAssignable
			);
			assert_noop!(
				Roles::assign_role(signed(ADMIN), GENERAL, 50, Role::HospitalAdmin),
				Error::<Test>::RoleNotAssignable
			);
		});
	}

	#[test]
	fn fails_for_unknown_hospital() {
		run(|| {
			assert_noop!(
				Roles::assign_role(signed(ADMIN), 9, 50, Role::Doctor),
				Error::<Test>::UnknownHospital
			);
		});
	}

	#[test]
	fn fails_for_inactive_hospital() {
		run(|| {
			assert_ok!(Roles::deactivate_hospital(root(), GENERAL));
			assert_noop!(
				Roles::assign_role(signed(ADMIN), GENERAL, 50, Role::Doctor),
				Error::<Test>::HospitalInactive
			);
		});
	}

	#[test]
	fn fails_when_role_held() {
		run(|| {
			assert_noop!(
				Roles::assign_role(signed(ADMIN), GENERAL, DOCTOR, Role::Doctor),
				Error::<Test>::AlreadyHasRole
			);
		});
	}

	#[test]
	fn fails_beyond_max_affiliations() {
		run(|| {
			// DOCTOR holds one affiliation; three more hospitals fill the bound of four.
			make_doctor_in_new_hospitals(DOCTOR, 3);
			assert_noop!(
				Roles::assign_role(signed(ADMIN), GENERAL, DOCTOR, Role::Staff),
				Error::<Test>::TooManyAffiliations
			);
		});
	}

	#[test]
	fn offers_to_patients_and_other_hospitals_people() {
		run(|| {
			// A patient is not made a doctor behind its back.
			assert_ok!(Roles::assign_role(signed(ADMIN), GENERAL, PATIENT, Role::Doctor));
			assert!(!has(PATIENT, Role::Doctor));
			assert_eq!(RoleOffers::<Test>::get(PATIENT, GENERAL), Some(Role::Doctor));
			// Another hospital's admin is not reached either.
			assert_ok!(Roles::assign_role(signed(ADMIN), GENERAL, OTHER_ADMIN, Role::Staff));
			assert!(!Members::<Test>::get(OTHER_ADMIN).unwrap().holds(GENERAL, Role::Staff));
		});
	}

	#[test]
	fn fails_while_an_offer_is_pending() {
		run(|| {
			assert_ok!(Roles::assign_role(signed(ADMIN), GENERAL, PATIENT, Role::Doctor));
			assert_noop!(
				Roles::assign_role(signed(ADMIN), GENERAL, PATIENT, Role::Staff),
				Error::<Test>::OfferPending
			);
		});
	}

	#[test]
	fn fails_beyond_the_registration_quota() {
		run(|| {
			// The mock allows five registrations per hospital per 100 blocks.
			for who in 50..55 {
				assert_ok!(Roles::assign_role(signed(ADMIN), GENERAL, who, Role::Doctor));
			}
			assert_noop!(
				Roles::assign_role(signed(ADMIN), GENERAL, 55, Role::Doctor),
				Error::<Test>::RegistrationQuotaExhausted
			);
			assert_noop!(
				Roles::register_patient(signed(STAFF), GENERAL, 55),
				Error::<Test>::RegistrationQuotaExhausted
			);
			// Another hospital has its own quota; a new window starts afresh.
			assert_ok!(Roles::assign_role(signed(OTHER_ADMIN), CLINIC, 55, Role::Doctor));
			System::set_block_number(100);
			assert_ok!(Roles::register_patient(signed(STAFF), GENERAL, 56));
		});
	}

	#[test]
	fn failure_reports_less_than_the_declared_weight() {
		run(|| {
			let declared = <() as WeightInfo>::assign_role();
			let error = Roles::assign_role(signed(STRANGER), GENERAL, 50, Role::Doctor)
				.expect_err("a stranger is refused");
			let actual = error.post_info.actual_weight.expect("a failure reports its weight");
			assert!(actual.ref_time() < declared.ref_time(), "{actual:?} < {declared:?}");
		});
	}
}

mod accept_role {
	use super::*;

	#[test]
	fn takes_the_offered_role() {
		run(|| {
			assert_ok!(Roles::assign_role(signed(ADMIN), GENERAL, PATIENT, Role::Staff));
			assert_ok!(Roles::accept_role(signed(PATIENT), GENERAL));
			assert!(has(PATIENT, Role::Staff) && has(PATIENT, Role::Patient));
			assert!(!RoleOffers::<Test>::contains_key(PATIENT, GENERAL));
		});
	}

	#[test]
	fn fails_without_an_offer() {
		run(|| {
			assert_noop!(Roles::accept_role(signed(PATIENT), GENERAL), Error::<Test>::NoOffer);
			assert_noop!(Roles::accept_role(signed(STRANGER), CLINIC), Error::<Test>::NoOffer);
		});
	}

	#[test]
	fn fails_once_the_hospital_is_inactive() {
		run(|| {
			assert_ok!(Roles::assign_role(signed(ADMIN), GENERAL, PATIENT, Role::Staff));
			assert_ok!(Roles::deactivate_hospital(root(), GENERAL));
			assert_noop!(
				Roles::accept_role(signed(PATIENT), GENERAL),
				Error::<Test>::HospitalInactive
			);
		});
	}
}

mod suspend_affiliation {
	use super::*;

	#[test]
	fn admin_suspends_only_its_own_hospital() {
		run(|| {
			make_doctor_in_new_hospitals(DOCTOR, 1);
			assert_ok!(Roles::suspend_affiliation(signed(ADMIN), GENERAL, DOCTOR));
			System::assert_last_event(
				Event::AffiliationSuspended { account: DOCTOR, hospital: GENERAL }.into(),
			);
			// Still a doctor at the other hospital, and not suspended everywhere.
			assert!(has(DOCTOR, Role::Doctor));
			assert!(!Members::<Test>::get(DOCTOR).unwrap().suspended);
			assert_ok!(Roles::deactivate_hospital(root(), 2));
			assert!(!has(DOCTOR, Role::Doctor), "no active, unsuspended affiliation left");
		});
	}

	#[test]
	fn suspended_admin_cannot_act() {
		run(|| {
			assert_ok!(Roles::appoint_admin(root(), GENERAL, 50));
			assert_ok!(Roles::assign_role(signed(ADMIN), GENERAL, 51, Role::Doctor));
			// Admins are suspended by the council only.
			assert_noop!(
				Roles::suspend_affiliation(signed(ADMIN), GENERAL, 50),
				Error::<Test>::RoleNotHeld
			);
		});
	}

	#[test]
	fn fails_for_admin_of_other_hospital() {
		run(|| {
			assert_noop!(
				Roles::suspend_affiliation(signed(OTHER_ADMIN), GENERAL, DOCTOR),
				Error::<Test>::NotAuthorized
			);
			assert_noop!(
				Roles::suspend_affiliation(signed(OTHER_ADMIN), CLINIC, DOCTOR),
				Error::<Test>::RoleNotHeld
			);
		});
	}

	#[test]
	fn cannot_reach_patients_or_other_hospitals_admins() {
		run(|| {
			// The attack of the security review: assign a role, then suspend. The role is only
			// offered, and an affiliation suspension touches nothing outside the hospital.
			assert_ok!(Roles::assign_role(signed(ADMIN), GENERAL, OTHER_ADMIN, Role::Staff));
			assert_noop!(
				Roles::suspend_affiliation(signed(ADMIN), GENERAL, OTHER_ADMIN),
				Error::<Test>::RoleNotHeld
			);
			assert_noop!(
				Roles::suspend_affiliation(signed(ADMIN), GENERAL, PATIENT),
				Error::<Test>::RoleNotHeld
			);
			assert!(has(OTHER_ADMIN, Role::HospitalAdmin) && has(PATIENT, Role::Patient));
		});
	}

	#[test]
	fn fails_when_suspended() {
		run(|| {
			assert_ok!(Roles::suspend_affiliation(root(), GENERAL, DOCTOR));
			assert_noop!(
				Roles::suspend_affiliation(signed(ADMIN), GENERAL, DOCTOR),
				Error::<Test>::AlreadySuspended
			);
		});
	}

	#[test]
	fn fails_for_unknown_hospital() {
		run(|| {
			assert_noop!(
				Roles::suspend_affiliation(root(), 9, DOCTOR),
				Error::<Test>::UnknownHospital
			);
		});
	}
}

mod reinstate_affiliation {
	use super::*;

	#[test]
	fn works() {
		run(|| {
			assert_ok!(Roles::suspend_affiliation(signed(ADMIN), GENERAL, DOCTOR));
			assert!(!has(DOCTOR, Role::Doctor));
			assert_ok!(Roles::reinstate_affiliation(signed(ADMIN), GENERAL, DOCTOR));
			System::assert_last_event(
				Event::AffiliationReinstated { account: DOCTOR, hospital: GENERAL }.into(),
			);
			assert!(has(DOCTOR, Role::Doctor));
		});
	}

	#[test]
	fn fails_when_not_suspended() {
		run(|| {
			assert_noop!(
				Roles::reinstate_affiliation(signed(ADMIN), GENERAL, DOCTOR),
				Error::<Test>::NotSuspended
			);
		});
	}

	#[test]
	fn fails_for_unrelated_caller() {
		run(|| {
			assert_ok!(Roles::suspend_affiliation(root(), GENERAL, DOCTOR));
			for caller in [OTHER_ADMIN, STAFF, PATIENT, STRANGER, DOCTOR] {
				assert_noop!(
					Roles::reinstate_affiliation(signed(caller), GENERAL, DOCTOR),
					Error::<Test>::NotAuthorized
				);
			}
		});
	}
}

mod revoke_role {
	use super::*;

	#[test]
	fn losing_a_role_moves_the_generation_on() {
		run(|| {
			let generation = |who| <Roles as RoleInspect<u64>>::generation(&who);
			assert_eq!(generation(DOCTOR), 0);
			assert_ok!(Roles::suspend_affiliation(signed(ADMIN), GENERAL, DOCTOR));
			assert_eq!(generation(DOCTOR), 0, "a suspension is not a loss");
			assert_ok!(Roles::revoke_role(signed(ADMIN), GENERAL, DOCTOR, Role::Doctor));
			assert_eq!(generation(DOCTOR), 1);
			// Hired again: the generation does not go back.
			assert_ok!(Roles::assign_role(signed(OTHER_ADMIN), CLINIC, DOCTOR, Role::Doctor));
			assert_eq!(generation(DOCTOR), 1);
		});
	}

	#[test]
	fn works_and_keeps_the_provider() {
		run(|| {
			assert_ok!(Roles::revoke_role(signed(ADMIN), GENERAL, DOCTOR, Role::Doctor));
			System::assert_last_event(
				Event::RoleRevoked { account: DOCTOR, role: Role::Doctor, hospital: GENERAL }
					.into(),
			);
			assert!(!has(DOCTOR, Role::Doctor));
			assert!(Members::<Test>::get(DOCTOR).is_none());
			assert_eq!(providers(DOCTOR), 1);
			// Registered again, it takes no second reference.
			assert_ok!(Roles::register_patient(signed(STAFF), GENERAL, DOCTOR));
			assert_eq!(providers(DOCTOR), 1);
		});
	}

	#[test]
	fn keeps_other_roles() {
		run(|| {
			assert_ok!(Roles::register_patient(signed(STAFF), GENERAL, DOCTOR));
			assert_ok!(Roles::revoke_role(signed(ADMIN), GENERAL, DOCTOR, Role::Doctor));
			assert!(has(DOCTOR, Role::Patient));
			assert_eq!(providers(DOCTOR), 1);
		});
	}

	#[test]
	fn fails_for_admin_of_other_hospital() {
		run(|| {
			assert_noop!(
				Roles::revoke_role(signed(OTHER_ADMIN), GENERAL, DOCTOR, Role::Doctor),
				Error::<Test>::NotAuthorized
			);
		});
	}

	#[test]
	fn fails_for_non_assignable_role() {
		run(|| {
			assert_noop!(
				Roles::revoke_role(signed(ADMIN), GENERAL, ADMIN, Role::HospitalAdmin),
				Error::<Test>::RoleNotAssignable
			);
		});
	}

	#[test]
	fn fails_for_unknown_hospital() {
		run(|| {
			assert_noop!(
				Roles::revoke_role(signed(ADMIN), 9, DOCTOR, Role::Doctor),
				Error::<Test>::UnknownHospital
			);
		});
	}

	#[test]
	fn fails_for_inactive_hospital() {
		run(|| {
			assert_ok!(Roles::deactivate_hospital(root(), GENERAL));
			assert_noop!(
				Roles::revoke_role(signed(ADMIN), GENERAL, DOCTOR, Role::Doctor),
				Error::<Test>::HospitalInactive
			);
		});
	}

	#[test]
	fn fails_when_role_not_held() {
		run(|| {
			assert_noop!(
				Roles::revoke_role(signed(ADMIN), GENERAL, STAFF, Role::Doctor),
				Error::<Test>::RoleNotHeld
			);
			assert_noop!(
				Roles::revoke_role(signed(ADMIN), GENERAL, STRANGER, Role::Doctor),
				Error::<Test>::RoleNotHeld
			);
		});
	}

	#[test]
	fn works_while_other_state_depends_on_the_account() {
		run(|| {
			// Session keys, say, cannot pin a role.
			assert_ok!(frame_system::Pallet::<Test>::inc_consumers(&DOCTOR));
			assert_ok!(Roles::revoke_role(signed(ADMIN), GENERAL, DOCTOR, Role::Doctor));
		});
	}
}

mod register_patient {
	use super::*;

	#[test]
	fn staff_and_admin_register_patients() {
		run(|| {
			assert_ok!(Roles::register_patient(signed(STAFF), GENERAL, 50));
			System::assert_last_event(
				Event::RoleAssigned { account: 50, role: Role::Patient, hospital: GENERAL }.into(),
			);
			assert_ok!(Roles::register_patient(signed(ADMIN), GENERAL, 51));
			assert!(has(50, Role::Patient) && has(51, Role::Patient));
			assert_eq!(providers(50), 1);
		});
	}

	#[test]
	fn fails_for_doctor_patient_and_stranger() {
		run(|| {
			for caller in [DOCTOR, PATIENT, STRANGER] {
				assert_noop!(
					Roles::register_patient(signed(caller), GENERAL, 50),
					Error::<Test>::NotAuthorized
				);
			}
		});
	}

	#[test]
	fn fails_for_staff_of_other_hospital() {
		run(|| {
			assert_noop!(
				Roles::register_patient(signed(STAFF), CLINIC, 50),
				Error::<Test>::NotAuthorized
			);
		});
	}

	#[test]
	fn fails_for_unknown_or_inactive_hospital() {
		run(|| {
			assert_noop!(
				Roles::register_patient(signed(STAFF), 9, 50),
				Error::<Test>::UnknownHospital
			);
			assert_ok!(Roles::deactivate_hospital(root(), GENERAL));
			assert_noop!(
				Roles::register_patient(signed(STAFF), GENERAL, 50),
				Error::<Test>::HospitalInactive
			);
		});
	}

	#[test]
	fn fails_when_already_patient() {
		run(|| {
			assert_noop!(
				Roles::register_patient(signed(STAFF), GENERAL, PATIENT),
				Error::<Test>::AlreadyHasRole
			);
		});
	}
}

mod suspend {
	use super::*;

	#[test]
	fn council_suspends_anyone() {
		run(|| {
			assert_ok!(Roles::suspend(root(), PATIENT));
			System::assert_last_event(Event::AccountSuspended { account: PATIENT }.into());
			assert!(!has(PATIENT, Role::Patient));
			assert!(!<Roles as RoleInspect<u64>>::is_registered(&PATIENT));
		});
	}

	#[test]
	fn admins_cannot_suspend_globally() {
		run(|| {
			// Not even their own doctor: that is `suspend_affiliation`.
			assert_noop!(Roles::suspend(signed(ADMIN), DOCTOR), DispatchError::BadOrigin);
			assert_noop!(Roles::suspend(signed(ADMIN), PATIENT), DispatchError::BadOrigin);
			assert_noop!(Roles::suspend(signed(OTHER_ADMIN), ADMIN), DispatchError::BadOrigin);
		});
	}

	#[test]
	fn fails_for_unknown_account() {
		run(|| {
			assert_noop!(Roles::suspend(root(), STRANGER), Error::<Test>::UnknownAccount);
		});
	}

	#[test]
	fn fails_when_suspended() {
		run(|| {
			assert_ok!(Roles::suspend(root(), DOCTOR));
			assert_noop!(Roles::suspend(root(), DOCTOR), Error::<Test>::AlreadySuspended);
		});
	}
}

mod reinstate {
	use super::*;

	#[test]
	fn works() {
		run(|| {
			assert_ok!(Roles::suspend(root(), DOCTOR));
			assert_ok!(Roles::reinstate(root(), DOCTOR));
			System::assert_last_event(Event::AccountReinstated { account: DOCTOR }.into());
			assert!(has(DOCTOR, Role::Doctor));
		});
	}

	#[test]
	fn fails_for_unrelated_caller() {
		run(|| {
			assert_ok!(Roles::suspend(root(), DOCTOR));
			for caller in [ADMIN, OTHER_ADMIN, STAFF, PATIENT, STRANGER] {
				assert_noop!(Roles::reinstate(signed(caller), DOCTOR), DispatchError::BadOrigin);
			}
		});
	}

	#[test]
	fn fails_for_unknown_account() {
		run(|| {
			assert_noop!(Roles::reinstate(root(), STRANGER), Error::<Test>::UnknownAccount);
		});
	}

	#[test]
	fn fails_when_not_suspended() {
		run(|| {
			assert_noop!(Roles::reinstate(root(), DOCTOR), Error::<Test>::NotSuspended);
		});
	}
}

mod set_encryption_key {
	use super::*;

	#[test]
	fn sets_and_rotates() {
		run(|| {
			assert_ok!(Roles::set_encryption_key(signed(DOCTOR), x25519_public(1)));
			System::assert_last_event(
				Event::EncryptionKeySet { account: DOCTOR, key: x25519_public(1) }.into(),
			);
			assert_ok!(Roles::set_encryption_key(signed(DOCTOR), x25519_public(2)));
			assert_eq!(EncryptionKeys::<Test>::get(DOCTOR), Some(x25519_public(2)));
		});
	}

	#[test]
	fn fails_for_zero_and_low_order_keys() {
		run(|| {
			assert_noop!(
				Roles::set_encryption_key(signed(DOCTOR), [0u8; 32]),
				Error::<Test>::InvalidEncryptionKey
			);
			let mut one = [0u8; 32];
			one[0] = 1;
			assert_noop!(
				Roles::set_encryption_key(signed(DOCTOR), one),
				Error::<Test>::InvalidEncryptionKey
			);
		});
	}

	#[test]
	fn fails_for_unsigned() {
		run(|| {
			assert_noop!(
				Roles::set_encryption_key(RuntimeOrigin::none(), x25519_public(1)),
				DispatchError::BadOrigin
			);
		});
	}
}

mod origins {
	use super::*;

	#[test]
	fn ensure_role_returns_the_account() {
		run(|| {
			assert_eq!(EnsureDoctor::<Test>::try_origin(signed(DOCTOR)).ok(), Some(DOCTOR));
			assert_eq!(EnsurePatient::<Test>::try_origin(signed(PATIENT)).ok(), Some(PATIENT));
			assert_eq!(EnsureStaff::<Test>::try_origin(signed(STAFF)).ok(), Some(STAFF));
			assert_eq!(EnsureHospitalAdmin::<Test>::try_origin(signed(ADMIN)).ok(), Some(ADMIN));
			assert!(EnsureDoctor::<Test>::try_origin(signed(PATIENT)).is_err());
			assert!(EnsureDoctor::<Test>::try_origin(root()).is_err());
			assert_ok!(Roles::suspend(root(), DOCTOR));
			assert!(EnsureDoctor::<Test>::try_origin(signed(DOCTOR)).is_err());
		});
	}
}

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

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
			Event::RoleAssigned { account: DOCTOR, role: Role::Doctor, hospital: CLINIC }.into(),
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

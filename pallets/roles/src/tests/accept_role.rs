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
		assert_noop!(Roles::accept_role(signed(PATIENT), GENERAL), Error::<Test>::HospitalInactive);
	});
}

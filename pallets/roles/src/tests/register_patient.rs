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
		assert_noop!(Roles::register_patient(signed(STAFF), 9, 50), Error::<Test>::UnknownHospital);
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

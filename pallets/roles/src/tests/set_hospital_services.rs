use super::*;

const SERVICE: u64 = 70;
const OTHER_SERVICE: u64 = 71;

fn url(s: &str) -> UrlOf<Test> {
	s.as_bytes().to_vec().try_into().unwrap()
}

fn publish(admin: u64, hospital: HospitalId, service: u64) -> DispatchResultWithPostInfo {
	Roles::set_hospital_services(
		signed(admin),
		hospital,
		url("https://gateway.general.example"),
		service,
		Some(x25519_public(3)),
	)
}

#[test]
fn publishes_services_and_gives_the_service_account_a_provider() {
	run(|| {
		assert_eq!(providers(SERVICE), 0);
		assert_ok!(publish(ADMIN, GENERAL, SERVICE));
		System::assert_last_event(
			Event::HospitalServicesSet {
				hospital: GENERAL,
				gateway: url("https://gateway.general.example"),
				service_account: SERVICE,
				emergency_key: Some(x25519_public(3)),
			}
			.into(),
		);
		let info = HospitalServices::<Test>::get(GENERAL).unwrap();
		assert_eq!(info.service_account, SERVICE);
		assert_eq!(<Roles as RoleInspect<u64>>::service_hospital(&SERVICE), Some(GENERAL));
		assert_eq!(providers(SERVICE), 1);
		assert!(!<Roles as RoleInspect<u64>>::is_registered(&SERVICE), "holds no role");
	});
}

#[test]
fn replacing_the_service_account_releases_the_previous_one() {
	run(|| {
		assert_ok!(publish(ADMIN, GENERAL, SERVICE));
		// The same account again.
		assert_ok!(publish(ADMIN, GENERAL, SERVICE));
		assert_ok!(publish(ADMIN, GENERAL, OTHER_SERVICE));
		assert_eq!(<Roles as RoleInspect<u64>>::service_hospital(&SERVICE), None);
		assert_eq!(<Roles as RoleInspect<u64>>::service_hospital(&OTHER_SERVICE), Some(GENERAL));
		// Free again.
		assert_ok!(publish(OTHER_ADMIN, CLINIC, SERVICE));
	});
}

#[test]
fn a_deactivated_hospital_has_no_service_account() {
	run(|| {
		assert_ok!(publish(ADMIN, GENERAL, SERVICE));
		assert_ok!(Roles::deactivate_hospital(root(), GENERAL));
		assert_eq!(<Roles as RoleInspect<u64>>::service_hospital(&SERVICE), None);
		assert_noop!(publish(ADMIN, GENERAL, SERVICE), Error::<Test>::HospitalInactive);
	});
}

#[test]
fn fails_for_anyone_but_an_admin_of_the_hospital() {
	run(|| {
		assert_noop!(publish(OTHER_ADMIN, GENERAL, SERVICE), Error::<Test>::NotAuthorized);
		assert_noop!(publish(DOCTOR, GENERAL, SERVICE), Error::<Test>::NotAuthorized);
		assert_noop!(publish(STRANGER, GENERAL, SERVICE), Error::<Test>::NotAuthorized);
		assert_noop!(publish(ADMIN, 7, SERVICE), Error::<Test>::UnknownHospital);
		assert_noop!(
			Roles::set_hospital_services(
				RuntimeOrigin::none(),
				GENERAL,
				url("https://g.example"),
				SERVICE,
				None
			),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn fails_for_bad_urls() {
	run(|| {
		for bad in
			["", "https://", "ftp://g.example", "g.example", "https://g example", "http://\t"]
		{
			assert_noop!(
				Roles::set_hospital_services(signed(ADMIN), GENERAL, url(bad), SERVICE, None),
				Error::<Test>::InvalidGatewayUrl
			);
		}
		assert_ok!(Roles::set_hospital_services(
			signed(ADMIN),
			GENERAL,
			url("http://127.0.0.1:8090"),
			SERVICE,
			None
		));
	});
}

#[test]
fn fails_for_an_invalid_emergency_key() {
	run(|| {
		assert_noop!(
			Roles::set_hospital_services(
				signed(ADMIN),
				GENERAL,
				url("https://g.example"),
				SERVICE,
				Some([0u8; 32])
			),
			Error::<Test>::InvalidEncryptionKey
		);
	});
}

#[test]
fn fails_for_an_account_with_a_role_or_serving_another_hospital() {
	run(|| {
		assert_noop!(publish(ADMIN, GENERAL, DOCTOR), Error::<Test>::ServiceAccountHasRole);
		assert_noop!(publish(ADMIN, GENERAL, PATIENT), Error::<Test>::ServiceAccountHasRole);
		assert_noop!(publish(ADMIN, GENERAL, ADMIN), Error::<Test>::ServiceAccountHasRole);
		assert_ok!(publish(OTHER_ADMIN, CLINIC, SERVICE));
		assert_noop!(publish(ADMIN, GENERAL, SERVICE), Error::<Test>::ServiceAccountInUse);
	});
}

#[test]
fn a_service_account_cannot_be_given_a_role() {
	run(|| {
		assert_ok!(publish(ADMIN, GENERAL, SERVICE));
		assert_noop!(
			Roles::assign_role(signed(ADMIN), GENERAL, SERVICE, Role::Doctor),
			Error::<Test>::IsServiceAccount
		);
		assert_noop!(
			Roles::register_patient(signed(STAFF), GENERAL, SERVICE),
			Error::<Test>::IsServiceAccount
		);
		assert_noop!(
			Roles::appoint_admin(root(), GENERAL, SERVICE),
			Error::<Test>::IsServiceAccount
		);
	});
}

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

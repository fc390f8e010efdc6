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
		assert_noop!(Roles::rename_hospital(root(), GENERAL, name("")), Error::<Test>::EmptyName);
	});
}

//! Test runtime for the roles pallet.

use crate as pallet_roles;
use frame_support::{derive_impl, parameter_types};
use frame_system::EnsureRoot;
use sp_runtime::BuildStorage;

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Roles: pallet_roles,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type DbWeight = frame_support::weights::constants::ParityDbWeight;
}

parameter_types! {
	pub const MaxNameLength: u32 = 32;
	pub const MaxAffiliations: u32 = 4;
	pub const RegistrationWindow: u64 = 100;
	pub const MaxRegistrationsPerWindow: u32 = 5;
	pub const MaxUrlLength: u32 = 64;
}

impl pallet_roles::Config for Test {
	type CouncilOrigin = EnsureRoot<u64>;
	type MaxNameLength = MaxNameLength;
	type MaxAffiliations = MaxAffiliations;
	type RegistrationWindow = RegistrationWindow;
	type MaxRegistrationsPerWindow = MaxRegistrationsPerWindow;
	type MaxUrlLength = MaxUrlLength;
	type WeightInfo = ();
}

/// Admin of hospital 0 ("General").
pub const ADMIN: u64 = 1;
/// Admin of hospital 1 ("Clinic").
pub const OTHER_ADMIN: u64 = 2;
/// Doctor in hospital 0.
pub const DOCTOR: u64 = 10;
/// Staff in hospital 0.
pub const STAFF: u64 = 20;
/// A registered patient.
pub const PATIENT: u64 = 30;
/// An account that holds no role.
pub const STRANGER: u64 = 99;
/// Hospital 0.
pub const GENERAL: u32 = 0;
/// Hospital 1.
pub const CLINIC: u32 = 1;

/// The X25519 public key for the secret scalar `seed`.
pub fn x25519_public(seed: u8) -> [u8; 32] {
	use curve25519_dalek::{constants::X25519_BASEPOINT, scalar::Scalar};
	(X25519_BASEPOINT * Scalar::from_bytes_mod_order([seed; 32])).to_bytes()
}

pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_roles::GenesisConfig::<Test> {
		hospitals: vec![("General".into(), vec![ADMIN]), ("Clinic".into(), vec![OTHER_ADMIN])],
		affiliations: vec![
			(DOCTOR, medchain_primitives::Role::Doctor, GENERAL),
			(STAFF, medchain_primitives::Role::Staff, GENERAL),
		],
		patients: vec![PATIENT],
		encryption_keys: vec![(PATIENT, x25519_public(7))],
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

//! Test runtime for the records pallet, with a role registry kept in memory.

use crate as pallet_records;
use core::cell::RefCell;
use frame_support::{derive_impl, parameter_types};
use medchain_primitives::{EncryptionKey, Role, RoleInspect};
use sp_runtime::BuildStorage;
use std::collections::BTreeSet;

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Records: pallet_records,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

thread_local! {
	static ROLES: RefCell<BTreeSet<(u64, Role)>> = const { RefCell::new(BTreeSet::new()) };
}

/// Role registry for tests.
pub struct MockRoles;

impl MockRoles {
	pub fn grant(who: u64, role: Role) {
		ROLES.with(|r| r.borrow_mut().insert((who, role)));
	}

	pub fn take(who: u64, role: Role) {
		ROLES.with(|r| r.borrow_mut().remove(&(who, role)));
	}
}

impl RoleInspect<u64> for MockRoles {
	fn has_role(who: &u64, role: Role) -> bool {
		ROLES.with(|r| r.borrow().contains(&(*who, role)))
	}

	fn is_registered(who: &u64) -> bool {
		ROLES.with(|r| r.borrow().iter().any(|(w, _)| w == who))
	}

	fn encryption_key(_who: &u64) -> Option<EncryptionKey> {
		None
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_grant(who: &u64, role: Role) {
		Self::grant(*who, role);
	}
}

parameter_types! {
	pub const MaxCidLength: u32 = crate::MAX_CID_LENGTH;
	pub const MaxCategories: u32 = 4;
}

impl pallet_records::Config for Test {
	type Roles = MockRoles;
	type MaxCidLength = MaxCidLength;
	type MaxCategories = MaxCategories;
	type WeightInfo = ();
}

pub const PATIENT: u64 = 1;
pub const OTHER_PATIENT: u64 = 2;
pub const DOCTOR: u64 = 10;
pub const OTHER_DOCTOR: u64 = 11;
pub const STAFF: u64 = 20;
pub const STRANGER: u64 = 99;

pub fn new_test_ext() -> sp_io::TestExternalities {
	ROLES.with(|r| r.borrow_mut().clear());
	MockRoles::grant(PATIENT, Role::Patient);
	MockRoles::grant(OTHER_PATIENT, Role::Patient);
	MockRoles::grant(DOCTOR, Role::Doctor);
	MockRoles::grant(OTHER_DOCTOR, Role::Doctor);
	MockRoles::grant(STAFF, Role::Staff);
	let storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

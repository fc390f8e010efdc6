//! Test runtime for the validator set pallet.

use crate as pallet_validator_set;
use frame_support::{derive_impl, parameter_types};
use frame_system::EnsureRoot;
use sp_runtime::BuildStorage;

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		ValidatorSet: pallet_validator_set,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

parameter_types! {
	pub const MaxValidators: u32 = 8;
	pub const MinValidators: u32 = 2;
	pub const DefaultSessionPeriod: u64 = 50;
}

thread_local! {
	static WITHOUT_KEYS: core::cell::RefCell<Vec<u64>> = const { core::cell::RefCell::new(Vec::new()) };
}

/// Every account has session keys but those passed to [`drop_keys`].
pub struct KeyOwners;
impl frame_support::traits::Contains<u64> for KeyOwners {
	fn contains(who: &u64) -> bool {
		WITHOUT_KEYS.with(|w| !w.borrow().contains(who))
	}
}

/// `who` has no session keys from now on.
pub fn drop_keys(who: u64) {
	WITHOUT_KEYS.with(|w| w.borrow_mut().push(who));
}

impl pallet_validator_set::Config for Test {
	type UpdateOrigin = EnsureRoot<u64>;
	type MaxValidators = MaxValidators;
	type MinValidators = MinValidators;
	type KeyOwners = KeyOwners;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = ();
	type DefaultSessionPeriod = DefaultSessionPeriod;
	type WeightInfo = ();
}

/// Validators 1, 2 and 3 at genesis, default session period.
pub fn new_test_ext() -> sp_io::TestExternalities {
	ext_with(pallet_validator_set::GenesisConfig::<Test> {
		validators: vec![1, 2, 3],
		session_period: None,
	})
}

/// A test externality built from `genesis`.
pub fn ext_with(genesis: pallet_validator_set::GenesisConfig<Test>) -> sp_io::TestExternalities {
	WITHOUT_KEYS.with(|w| w.borrow_mut().clear());
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	genesis.assimilate_storage(&mut storage).unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

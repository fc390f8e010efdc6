//! Test runtime for the records pallet, with a role registry kept in memory.

use crate as pallet_records;
use codec::{Decode, DecodeWithMemTracking, Encode};
use core::cell::RefCell;
use frame_support::{derive_impl, parameter_types};
use medchain_primitives::{EncryptionKey, Role, RoleInspect};
use scale_info::TypeInfo;
use sp_core::{sr25519, Pair};
use sp_runtime::{
	traits::{IdentifyAccount, Lazy, Verify},
	BuildStorage,
};
use std::collections::{BTreeMap, BTreeSet};

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
	type DbWeight = frame_support::weights::constants::ParityDbWeight;
}

thread_local! {
	static ROLES: RefCell<BTreeSet<(u64, Role)>> = const { RefCell::new(BTreeSet::new()) };
	static GENERATIONS: RefCell<BTreeMap<u64, u32>> = const { RefCell::new(BTreeMap::new()) };
}

/// Role registry for tests.
pub struct MockRoles;

impl MockRoles {
	pub fn grant(who: u64, role: Role) {
		ROLES.with(|r| r.borrow_mut().insert((who, role)));
	}

	/// `who` loses `role`: its generation moves on, as in the roles pallet.
	pub fn take(who: u64, role: Role) {
		ROLES.with(|r| r.borrow_mut().remove(&(who, role)));
		GENERATIONS.with(|g| *g.borrow_mut().entry(who).or_default() += 1);
	}

	/// `who` is suspended or reinstated without losing a role (its generation stays).
	pub fn set_suspended(who: u64, role: Role, suspended: bool) {
		ROLES.with(|r| {
			if suspended {
				r.borrow_mut().remove(&(who, role))
			} else {
				r.borrow_mut().insert((who, role))
			}
		});
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

	fn generation(who: &u64) -> u32 {
		GENERATIONS.with(|g| g.borrow().get(who).copied().unwrap_or(0))
	}

	fn home_hospital(_who: &u64) -> Option<medchain_primitives::HospitalId> {
		None
	}

	fn service_hospital(_who: &u64) -> Option<medchain_primitives::HospitalId> {
		None
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_grant(who: &u64, role: Role) {
		Self::grant(*who, role);
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_service_account(_who: &u64) -> medchain_primitives::HospitalId {
		0
	}
}

/// The sr25519 key pair of a test account.
pub fn pair(who: u64) -> sr25519::Pair {
	sr25519::Pair::from_seed(&sp_io::hashing::blake2_256(&who.encode()))
}

/// A real sr25519 signature, verified against the key pair of a `u64` test account.
#[derive(Encode, Decode, DecodeWithMemTracking, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct MockSignature(pub sr25519::Signature);

/// The signer of a [`MockSignature`]: a test account.
pub struct MockSigner(pub u64);

impl IdentifyAccount for MockSigner {
	type AccountId = u64;
	fn into_account(self) -> u64 {
		self.0
	}
}

impl Verify for MockSignature {
	type Signer = MockSigner;
	fn verify<L: Lazy<[u8]>>(&self, mut msg: L, signer: &u64) -> bool {
		self.0.verify(msg.get(), &pair(*signer).public())
	}
}

/// `who`'s signature over `message`.
pub fn sign(who: u64, message: &[u8]) -> MockSignature {
	MockSignature(pair(who).sign(message))
}

#[cfg(feature = "runtime-benchmarks")]
pub struct MockBenchmarkHelper;

#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<u64, MockSignature> for MockBenchmarkHelper {
	fn signer() -> u64 {
		777
	}

	fn sign(signer: &u64, message: &[u8]) -> MockSignature {
		sign(*signer, message)
	}
}

parameter_types! {
	pub const MaxCidLength: u32 = crate::MAX_CID_LENGTH;
	pub const MaxCategories: u32 = 4;
	pub const MaxHistory: u32 = 3;
	pub const MaxKeyHolders: u32 = 3;
	pub const MaxShares: u32 = 2;
	pub const MaxWrappedKeyLength: u32 = crate::MAX_WRAPPED_KEY_LENGTH;
	pub const MaxGrants: u32 = 4;
	pub const MaxScopes: u32 = 8;
	pub const QuotaWindow: u64 = 100;
	pub const MaxRecordsPerWindow: u32 = 20;
	pub const MaxRotationsPerWindow: u32 = 20;
	pub const MaxProposalLifetime: u64 = 1_000;
	pub const MaxCosignValidity: u64 = 1_000;
}

impl pallet_records::Config for Test {
	type Roles = MockRoles;
	type Signature = MockSignature;
	type Signer = MockSigner;
	type MaxCidLength = MaxCidLength;
	type MaxCategories = MaxCategories;
	type MaxHistory = MaxHistory;
	type MaxKeyHolders = MaxKeyHolders;
	type MaxShares = MaxShares;
	type MaxWrappedKeyLength = MaxWrappedKeyLength;
	type MaxGrants = MaxGrants;
	type MaxScopes = MaxScopes;
	type QuotaWindow = QuotaWindow;
	type MaxRecordsPerWindow = MaxRecordsPerWindow;
	type MaxRotationsPerWindow = MaxRotationsPerWindow;
	type MaxProposalLifetime = MaxProposalLifetime;
	type MaxCosignValidity = MaxCosignValidity;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockBenchmarkHelper;
}

pub const PATIENT: u64 = 1;
pub const OTHER_PATIENT: u64 = 2;
pub const DOCTOR: u64 = 10;
pub const OTHER_DOCTOR: u64 = 11;
pub const STAFF: u64 = 20;
pub const STRANGER: u64 = 99;

pub fn new_test_ext() -> sp_io::TestExternalities {
	ROLES.with(|r| r.borrow_mut().clear());
	GENERATIONS.with(|g| g.borrow_mut().clear());
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

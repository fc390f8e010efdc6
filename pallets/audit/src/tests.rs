//! Tests of the audit pallet, with a mock roles registry where account 1 is the service account
//! of hospital 0 and account 2 that of hospital 1; hospital 1 is deactivated while
//! `HOSPITAL_ONE_ACTIVE` is false.

use crate::{self as pallet_audit, extend_head, Anchor, Anchors, Error, Event, Hash32, EMPTY_HEAD};
use core::cell::Cell;
use frame_support::{assert_ok, derive_impl, parameter_types, traits::IntegrityTest};
use medchain_primitives::{
	assert_refused as assert_noop, EncryptionKey, HospitalId, Role, RoleInspect,
};
use sp_runtime::{BoundedVec, BuildStorage, DispatchError};

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Audit: pallet_audit,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type DbWeight = frame_support::weights::constants::ParityDbWeight;
}

const SERVICE: u64 = 1;
const OTHER_SERVICE: u64 = 2;
const STRANGER: u64 = 9;

thread_local! {
	static HOSPITAL_ONE_ACTIVE: Cell<bool> = const { Cell::new(true) };
}

pub struct MockRoles;

impl RoleInspect<u64> for MockRoles {
	fn has_role(_who: &u64, _role: Role) -> bool {
		false
	}
	fn is_registered(_who: &u64) -> bool {
		false
	}
	fn encryption_key(_who: &u64) -> Option<EncryptionKey> {
		None
	}
	fn generation(_who: &u64) -> u32 {
		0
	}
	fn home_hospital(_who: &u64) -> Option<HospitalId> {
		None
	}
	fn service_hospital(who: &u64) -> Option<HospitalId> {
		match *who {
			SERVICE => Some(0),
			OTHER_SERVICE if HOSPITAL_ONE_ACTIVE.with(Cell::get) => Some(1),
			_ => None,
		}
	}
	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_grant(_who: &u64, _role: Role) {}
	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_service_account(_who: &u64) -> HospitalId {
		0
	}
}

parameter_types! {
	pub const MinAnchorInterval: u64 = 3;
	pub const MaxLeavesPerAnchor: u32 = 4;
}

impl pallet_audit::Config for Test {
	type Roles = MockRoles;
	type MinAnchorInterval = MinAnchorInterval;
	type MaxLeavesPerAnchor = MaxLeavesPerAnchor;
	type WeightInfo = ();
}

pub fn new_test_ext() -> sp_io::TestExternalities {
	let storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

fn run(f: impl FnOnce()) {
	HOSPITAL_ONE_ACTIVE.with(|a| a.set(true));
	new_test_ext().execute_with(|| {
		f();
		Audit::do_try_state().expect("invariants hold");
	});
}

fn leaves(seeds: &[u8]) -> BoundedVec<Hash32, MaxLeavesPerAnchor> {
	seeds.iter().map(|s| [*s; 32]).collect::<Vec<_>>().try_into().unwrap()
}

fn anchor(who: u64, seeds: &[u8]) -> frame_support::dispatch::DispatchResultWithPostInfo {
	Audit::anchor(RuntimeOrigin::signed(who), leaves(seeds))
}

/// The head of the hash chain, computed here the slow way.
fn chain(seeds: &[u8]) -> Hash32 {
	seeds.iter().fold(EMPTY_HEAD, |head, seed| {
		sp_io::hashing::sha2_256(&[head.as_slice(), &[*seed; 32]].concat())
	})
}

#[test]
fn integrity() {
	new_test_ext().execute_with(<Audit as IntegrityTest>::integrity_test);
}

#[test]
fn first_anchor_chains_from_the_empty_head() {
	run(|| {
		assert_ok!(anchor(SERVICE, &[1, 2, 3]));
		let head = chain(&[1, 2, 3]);
		assert_eq!(Anchors::<Test>::get(0), Some(Anchor { length: 3, head, block: 1 }));
		System::assert_last_event(Event::LogAnchored { hospital: 0, length: 3, head }.into());
	});
}

#[test]
fn later_anchors_extend_the_anchored_head() {
	run(|| {
		assert_ok!(anchor(SERVICE, &[1, 2]));
		System::set_block_number(4);
		assert_ok!(anchor(SERVICE, &[3]));
		let anchored = Anchors::<Test>::get(0).unwrap();
		assert_eq!(anchored.length, 3);
		assert_eq!(anchored.head, chain(&[1, 2, 3]));
		assert_eq!(anchored.head, extend_head(chain(&[1, 2]), &[[3; 32]]));
		assert_eq!(anchored.block, 4);
	});
}

#[test]
fn hospitals_have_logs_of_their_own() {
	run(|| {
		assert_ok!(anchor(SERVICE, &[1]));
		assert_ok!(anchor(OTHER_SERVICE, &[2, 2]));
		assert_eq!(Anchors::<Test>::get(0).unwrap().head, chain(&[1]));
		assert_eq!(Anchors::<Test>::get(1).unwrap().length, 2);
	});
}

#[test]
fn fails_within_the_interval() {
	run(|| {
		assert_ok!(anchor(SERVICE, &[1]));
		System::set_block_number(3);
		assert_noop!(anchor(SERVICE, &[2]), Error::<Test>::TooSoon);
		System::set_block_number(4);
		assert_ok!(anchor(SERVICE, &[2]));
	});
}

#[test]
fn fails_for_anyone_but_an_active_hospitals_service_account() {
	run(|| {
		assert_noop!(anchor(STRANGER, &[1]), Error::<Test>::NotServiceAccount);
		HOSPITAL_ONE_ACTIVE.with(|a| a.set(false));
		assert_noop!(anchor(OTHER_SERVICE, &[1]), Error::<Test>::NotServiceAccount);
		assert_noop!(Audit::anchor(RuntimeOrigin::root(), leaves(&[1])), DispatchError::BadOrigin);
		assert_noop!(Audit::anchor(RuntimeOrigin::none(), leaves(&[1])), DispatchError::BadOrigin);
	});
}

#[test]
fn fails_without_leaves() {
	run(|| {
		assert_noop!(anchor(SERVICE, &[]), Error::<Test>::NoLeaves);
	});
}

#[test]
fn fails_past_the_longest_log() {
	run(|| {
		Anchors::<Test>::insert(0, Anchor { length: u64::MAX, head: [7; 32], block: 0 });
		System::set_block_number(10);
		assert_noop!(anchor(SERVICE, &[1]), Error::<Test>::LogTooLong);
	});
}

#[test]
fn a_failed_anchor_reports_less_weight_than_declared() {
	run(|| {
		let error = anchor(STRANGER, &[1, 2]).unwrap_err();
		let declared = <() as crate::WeightInfo>::anchor(2);
		assert!(error.post_info.actual_weight.unwrap().ref_time() < declared.ref_time());
	});
}

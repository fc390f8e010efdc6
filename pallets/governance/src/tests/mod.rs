//! Tests of the governance pallet, with a mock runtime where account 1 may schedule and
//! account 2 may cancel.

use crate::{self as pallet_governance, Agenda, Error, Event, Scheduled};
use frame_support::{
	assert_noop, assert_ok, derive_impl, ord_parameter_types, parameter_types,
	traits::{Hooks, IntegrityTest},
	weights::Weight,
};
use frame_system::EnsureSignedBy;
use sp_runtime::{BuildStorage, DispatchError};

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Governance: pallet_governance,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

ord_parameter_types! {
	pub const Scheduler: u64 = 1;
	pub const Canceller: u64 = 2;
}

parameter_types! {
	pub const MaxCallLength: u32 = 64;
	pub const MaxCallWeight: Weight = Weight::from_parts(1_000_000_000, u64::MAX);
	pub const MaxScheduled: u32 = 2;
	pub const DefaultDelay: u64 = 5;
}

impl pallet_governance::Config for Test {
	type RuntimeCall = RuntimeCall;
	type ScheduleOrigin = EnsureSignedBy<Scheduler, u64>;
	type CancelOrigin = EnsureSignedBy<Canceller, u64>;
	type MaxCallLength = MaxCallLength;
	type MaxCallWeight = MaxCallWeight;
	type MaxScheduled = MaxScheduled;
	type DefaultDelay = DefaultDelay;
	type WeightInfo = ();
}

pub fn new_test_ext() -> sp_io::TestExternalities {
	let storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// A Root-only call that writes `value` under the storage key `b"probe"`.
fn set_probe(value: &[u8]) -> Box<RuntimeCall> {
	Box::new(RuntimeCall::System(frame_system::Call::set_storage {
		items: vec![(b"probe".to_vec(), value.to_vec())],
	}))
}

fn probe() -> Option<Vec<u8>> {
	sp_io::storage::get(b"probe").map(|v| v.to_vec())
}

fn run_to(n: u64) {
	while System::block_number() < n {
		let next = System::block_number() + 1;
		System::set_block_number(next);
		<Governance as Hooks<u64>>::on_initialize(next);
	}
}

fn signed(who: u64) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

mod cancel;
mod schedule;

#[test]
fn a_call_scheduled_under_another_runtime_does_not_run() {
	new_test_ext().execute_with(|| {
		assert_ok!(Governance::schedule(signed(1), set_probe(b"v1")));
		Scheduled::<Test>::mutate(0, |s| s.as_mut().unwrap().spec_version += 1);
		run_to(6);
		assert_eq!(probe(), None);
		let result = Err(Error::<Test>::RuntimeChanged.into());
		System::assert_last_event(Event::Dispatched { id: 0, result }.into());
	});
}

#[test]
fn genesis_sets_the_delay() {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_governance::GenesisConfig::<Test> { delay: Some(2) }
		.assimilate_storage(&mut storage)
		.unwrap();
	sp_io::TestExternalities::new(storage).execute_with(|| {
		System::set_block_number(1);
		assert_ok!(Governance::schedule(signed(1), set_probe(b"v")));
		assert_eq!(Scheduled::<Test>::get(0).unwrap().due, 3);
	});
}

#[test]
fn integrity() {
	new_test_ext().execute_with(<Governance as IntegrityTest>::integrity_test);
}

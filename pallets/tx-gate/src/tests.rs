//! Tests of the transaction gate: admission and the per-account rate limit.

use crate::{self as pallet_tx_gate, CheckAccess, Usage, RATE_LIMITED, UNKNOWN_ACCOUNT};
use frame_support::{
	derive_impl, dispatch::DispatchInfo, pallet_prelude::TransactionSource, parameter_types,
	traits::Contains,
};
use sp_runtime::{
	traits::{DispatchTransaction, TransactionExtension, TxBaseImplication},
	transaction_validity::{InvalidTransaction, TransactionValidityError},
	BuildStorage,
};

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		TxGate: pallet_tx_gate,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

/// Accounts below 100 are registered.
pub struct Registered;
impl Contains<u64> for Registered {
	fn contains(who: &u64) -> bool {
		*who < 100
	}
}

parameter_types! {
	pub const WindowLength: u64 = 10;
	pub const MaxPerWindow: u32 = 3;
}

impl pallet_tx_gate::Config for Test {
	type Registry = Registered;
	type WindowLength = WindowLength;
	type MaxPerWindow = MaxPerWindow;
}

fn new_test_ext() -> sp_io::TestExternalities {
	let storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

fn call() -> RuntimeCall {
	RuntimeCall::System(frame_system::Call::remark { remark: vec![] })
}

fn validate(who: u64) -> Result<(), TransactionValidityError> {
	CheckAccess::<Test>::new()
		.validate_only(
			RuntimeOrigin::signed(who),
			&call(),
			&DispatchInfo::default(),
			0,
			TransactionSource::External,
			0,
		)
		.map(|_| ())
}

/// Validate and apply one transaction of `who` as block building does.
fn apply(who: u64) -> Result<(), TransactionValidityError> {
	CheckAccess::<Test>::new()
		.test_run(RuntimeOrigin::signed(who), &call(), &DispatchInfo::default(), 0, 0, |_| {
			Ok(Default::default())
		})
		.map(|_| ())
}

#[test]
fn unknown_account_is_rejected_at_validation() {
	new_test_ext().execute_with(|| {
		assert_eq!(validate(100), Err(InvalidTransaction::Custom(UNKNOWN_ACCOUNT).into()));
		assert_eq!(apply(100), Err(InvalidTransaction::Custom(UNKNOWN_ACCOUNT).into()));
		assert!(Usage::<Test>::get(100).is_none());
	});
}

#[test]
fn registered_account_and_unsigned_pass() {
	new_test_ext().execute_with(|| {
		assert_eq!(validate(7), Ok(()));
		// Unsigned transactions are left to their pallets.
		let unsigned = CheckAccess::<Test>::new().validate(
			RuntimeOrigin::none(),
			&call(),
			&DispatchInfo::default(),
			0,
			(),
			&TxBaseImplication(()),
			TransactionSource::External,
		);
		assert!(matches!(unsigned, Ok((_, None, _))));
	});
}

#[test]
fn rate_limit_applies_per_account_and_window() {
	new_test_ext().execute_with(|| {
		for _ in 0..3 {
			assert_eq!(apply(7), Ok(()));
		}
		assert_eq!(validate(7), Err(InvalidTransaction::Custom(RATE_LIMITED).into()));
		assert_eq!(apply(7), Err(InvalidTransaction::Custom(RATE_LIMITED).into()));
		// Another account is not affected.
		assert_eq!(apply(8), Ok(()));
		// Still the same window (blocks 0..10).
		System::set_block_number(9);
		assert_eq!(validate(7), Err(InvalidTransaction::Custom(RATE_LIMITED).into()));
		// A new window starts at block 10.
		System::set_block_number(10);
		assert_eq!(TxGate::used_in_current_window(&7), 0);
		assert_eq!(apply(7), Ok(()));
		assert_eq!(TxGate::used_in_current_window(&7), 1);
	});
}

#[test]
fn extension_adds_nothing_to_the_payload() {
	use codec::Encode;
	assert!(CheckAccess::<Test>::new().encode().is_empty());
	assert_eq!(<CheckAccess<Test> as TransactionExtension<RuntimeCall>>::IDENTIFIER, "CheckAccess");
}

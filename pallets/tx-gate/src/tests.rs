//! Tests of the transaction gate: admission, call policy, budgets with refunds, group caps,
//! priority, clean-up of past windows, and the refusal of immortal transactions.

use crate::{
	self as pallet_tx_gate, AccessPolicy, CheckAccess, CheckMortalEra, GroupUsage, StaleWindows,
	Standing, Usage, WindowUsage, BUDGET_PRIORITY_RANGE, CALL_NOT_ALLOWED, IMMORTAL, OVER_BUDGET,
	PRIVILEGED_PRIORITY, TOO_LARGE, UNKNOWN_ACCOUNT, UNSIGNED_NOT_ALLOWED,
};
use frame_support::{
	derive_impl,
	dispatch::{DispatchInfo, PostDispatchInfo},
	pallet_prelude::TransactionSource,
	parameter_types,
	traits::Hooks,
	weights::Weight,
};
use sp_runtime::{
	generic::Era,
	traits::{DispatchTransaction, TransactionExtension, TxBaseImplication},
	transaction_validity::{InvalidTransaction, TransactionValidityError},
	BuildStorage, Perbill,
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
	type DbWeight = frame_support::weights::constants::ParityDbWeight;
}

/// Accounts below 100 are known; 50 to 59 are privileged; 10 to 49 are grouped by tens. A
/// remark with content is not allowed.
pub struct Policy;
impl AccessPolicy<u64, RuntimeCall> for Policy {
	type Group = u64;

	fn standing(who: &u64, _call: &RuntimeCall) -> Option<Standing<u64>> {
		(*who < 100).then(|| Standing {
			privileged: (50..60).contains(who),
			group: (10..50).contains(who).then_some(who / 10),
		})
	}

	fn check_call(_who: &u64, _standing: &Standing<u64>, call: &RuntimeCall) -> Result<(), u8> {
		match call {
			RuntimeCall::System(frame_system::Call::remark { remark }) if !remark.is_empty() => {
				Err(CALL_NOT_ALLOWED)
			},
			_ => Ok(()),
		}
	}
}

/// Weight budget of an unprivileged account per window.
const BUDGET: u64 = 1_000_000;
/// Length budget of an unprivileged account per window.
const LENGTH: u32 = 1_000;

parameter_types! {
	pub const WindowLength: u64 = 10;
	pub const WeightBudget: Weight = Weight::from_parts(BUDGET, 0);
	pub const LengthBudget: u32 = LENGTH;
	pub const PrivilegedWeightBudget: Weight = Weight::from_parts(10 * BUDGET, 0);
	pub const PrivilegedLengthBudget: u32 = 10 * LENGTH;
	pub const GroupBlockShare: Perbill = Perbill::from_parts(2_000);
	pub const MaxCleanupPerBlock: u32 = 2;
}

impl pallet_tx_gate::Config for Test {
	type Policy = Policy;
	type WindowLength = WindowLength;
	type WeightBudget = WeightBudget;
	type LengthBudget = LengthBudget;
	type PrivilegedWeightBudget = PrivilegedWeightBudget;
	type PrivilegedLengthBudget = PrivilegedLengthBudget;
	type GroupBlockShare = GroupBlockShare;
	type MaxCleanupPerBlock = MaxCleanupPerBlock;
	type WeightInfo = ();
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

/// A transaction declaring `weight` in total (the gate's own weight included).
fn info(weight: u64) -> DispatchInfo {
	DispatchInfo { call_weight: Weight::from_parts(weight, 0), ..Default::default() }
}

fn custom(code: u8) -> Result<(), TransactionValidityError> {
	Err(InvalidTransaction::Custom(code).into())
}

/// Validate one transaction of `who` as the pool does; returns its priority.
fn priority(who: u64, weight: u64, len: usize) -> Result<u64, TransactionValidityError> {
	CheckAccess::<Test>::new()
		.validate_only(
			RuntimeOrigin::signed(who),
			&call(),
			&info(weight),
			len,
			TransactionSource::External,
			0,
		)
		.map(|(valid, _, _)| valid.priority)
}

fn validate(who: u64, weight: u64, len: usize) -> Result<(), TransactionValidityError> {
	priority(who, weight, len).map(|_| ())
}

/// Validate, apply and post-dispatch one transaction of `who` as block building does; the call
/// reports `used` as its actual weight.
fn apply_using(
	who: u64,
	weight: u64,
	used: u64,
	len: usize,
) -> Result<(), TransactionValidityError> {
	CheckAccess::<Test>::new()
		.test_run(RuntimeOrigin::signed(who), &call(), &info(weight), len, 0, |_| {
			Ok(PostDispatchInfo {
				actual_weight: Some(Weight::from_parts(used, 0)),
				..Default::default()
			})
		})
		.map(|_| ())
}

fn apply(who: u64, weight: u64, len: usize) -> Result<(), TransactionValidityError> {
	apply_using(who, weight, weight, len)
}

fn usage(who: u64) -> WindowUsage {
	TxGate::usage(&who)
}

#[test]
fn unknown_account_is_rejected_at_validation() {
	new_test_ext().execute_with(|| {
		assert_eq!(validate(100, 1, 1), custom(UNKNOWN_ACCOUNT));
		assert_eq!(apply(100, 1, 1), custom(UNKNOWN_ACCOUNT));
		assert_eq!(Usage::<Test>::iter().count(), 0);
	});
}

#[test]
fn general_transaction_without_signer_is_refused() {
	new_test_ext().execute_with(|| {
		let unsigned = CheckAccess::<Test>::new().validate(
			RuntimeOrigin::none(),
			&call(),
			&info(1),
			1,
			(),
			&TxBaseImplication(()),
			TransactionSource::External,
		);
		assert_eq!(unsigned.map(|_| ()), custom(UNSIGNED_NOT_ALLOWED));
	});
}

#[test]
fn call_policy_refusal_carries_its_code_and_charges_nothing() {
	new_test_ext().execute_with(|| {
		let remark = RuntimeCall::System(frame_system::Call::remark { remark: vec![1] });
		let refused = CheckAccess::<Test>::new().test_run(
			RuntimeOrigin::signed(7),
			&remark,
			&info(1),
			1,
			0,
			|_| Ok(Default::default()),
		);
		assert_eq!(refused.map(|_| ()), custom(CALL_NOT_ALLOWED));
		assert_eq!(usage(7), WindowUsage::default());
	});
}

#[test]
fn weight_budget_is_charged_per_account_and_window() {
	new_test_ext().execute_with(|| {
		assert_eq!(apply(7, 600_000, 10), Ok(()));
		assert_eq!(usage(7), WindowUsage { weight: 600_000, length: 10 });
		assert_eq!(validate(7, 400_000, 10), Ok(()));
		assert_eq!(validate(7, 400_001, 10), custom(OVER_BUDGET));
		assert_eq!(apply(7, 400_001, 10), custom(OVER_BUDGET));
		assert_eq!(usage(7), WindowUsage { weight: 600_000, length: 10 });
		// Another account is not affected.
		assert_eq!(apply(8, 900_000, 10), Ok(()));
		// Still the same window (blocks 0..10).
		System::set_block_number(9);
		assert_eq!(validate(7, 400_001, 10), custom(OVER_BUDGET));
		// A new window starts at block 10.
		System::set_block_number(10);
		assert_eq!(usage(7), WindowUsage::default());
		assert_eq!(apply(7, 1_000_000, 10), Ok(()));
	});
}

#[test]
fn length_budget_is_charged_too() {
	new_test_ext().execute_with(|| {
		assert_eq!(apply(7, 1, 900), Ok(()));
		assert_eq!(validate(7, 1, 100), Ok(()));
		assert_eq!(validate(7, 1, 101), custom(OVER_BUDGET));
		assert_eq!(apply(7, 1, 101), custom(OVER_BUDGET));
	});
}

#[test]
fn transaction_larger_than_the_whole_budget_is_too_large() {
	new_test_ext().execute_with(|| {
		assert_eq!(validate(7, BUDGET + 1, 1), custom(TOO_LARGE));
		assert_eq!(validate(7, 1, LENGTH as usize + 1), custom(TOO_LARGE));
		// A privileged account's budget is larger.
		assert_eq!(validate(55, BUDGET + 1, LENGTH as usize + 1), Ok(()));
	});
}

#[test]
fn unused_weight_is_refunded_after_dispatch() {
	new_test_ext().execute_with(|| {
		assert_eq!(apply_using(7, 800_000, 100_000, 10), Ok(()));
		assert_eq!(usage(7), WindowUsage { weight: 100_000, length: 10 });
		// The refund makes room for a transaction that would not have fitted.
		assert_eq!(validate(7, 800_000, 10), Ok(()));
	});
}

#[test]
fn privileged_accounts_come_first_and_users_by_budget_left() {
	new_test_ext().execute_with(|| {
		let fresh = priority(7, 1, 1).unwrap();
		let council = priority(55, 1, 1).unwrap();
		assert!(council >= PRIVILEGED_PRIORITY);
		assert!(council > fresh);
		assert!(fresh < BUDGET_PRIORITY_RANGE);
		assert_eq!(apply(7, 500_000, 1), Ok(()));
		let used_half = priority(7, 1, 1).unwrap();
		assert!(used_half < fresh, "{used_half} < {fresh}");
		assert!(priority(8, 1, 1).unwrap() > used_half);
	});
}

#[test]
fn group_cap_defers_past_its_share_of_a_block() {
	new_test_ext().execute_with(|| {
		let (cap, _) = TxGate::group_cap();
		assert!(cap > BUDGET && cap < 2 * BUDGET, "cap {cap}");
		// Accounts 10..20 form one group; each fits its own budget, the group does not.
		assert_eq!(apply(10, BUDGET, 1), Ok(()));
		let over = cap - BUDGET + 1;
		assert_eq!(validate(11, over, 1), Ok(()), "the pool does not see the per-block cap");
		assert_eq!(apply(11, over, 1), Err(InvalidTransaction::ExhaustsResources.into()));
		assert_eq!(usage(11), WindowUsage::default());
		assert_eq!(apply(11, over - 1, 1), Ok(()), "exactly the cap");
		// Another group is not affected; privileged and ungrouped accounts have no group cap.
		assert_eq!(apply(20, BUDGET, 1), Ok(()));
		assert_eq!(apply(55, 2 * BUDGET, 1), Ok(()));
		assert_eq!(apply(7, BUDGET, 1), Ok(()));
		// The next block starts afresh.
		System::set_block_number(2);
		TxGate::on_initialize(2);
		assert_eq!(GroupUsage::<Test>::iter().count(), 0);
		assert_eq!(apply(12, BUDGET, 1), Ok(()));
	});
}

#[test]
fn unused_weight_is_given_back_to_the_group_too() {
	new_test_ext().execute_with(|| {
		let (cap, _) = TxGate::group_cap();
		// A call declaring a whole budget but failing at once uses almost nothing.
		assert_eq!(apply_using(10, BUDGET, 1, 1), Ok(()));
		assert_eq!(GroupUsage::<Test>::get(1).unwrap().weight, 1);
		// So the rest of the group still has the block (without the refund the second would
		// not fit).
		assert_eq!(apply(11, BUDGET, 1), Ok(()));
		assert_eq!(apply(12, cap - BUDGET - 1, 1), Ok(()));
		assert_eq!(GroupUsage::<Test>::get(1).unwrap().weight, cap);
	});
}

#[test]
fn usage_of_past_windows_is_removed() {
	let mut ext = new_test_ext();
	ext.execute_with(|| {
		for who in 1..=5 {
			assert_eq!(apply(who, 1, 1), Ok(()));
		}
		assert_eq!(Usage::<Test>::iter_prefix(0).count(), 5);
	});
	// As in a chain, the entries of earlier blocks are in the database, not in the overlay.
	ext.commit_all().unwrap();
	ext.execute_with(|| {
		System::set_block_number(10);
		TxGate::on_initialize(10);
		// `on_initialize` removes at least `MaxCleanupPerBlock` (2) entries.
		assert_eq!(StaleWindows::<Test>::get().into_inner(), vec![0]);
		assert_eq!(Usage::<Test>::iter_prefix(0).count(), 3);
		assert_eq!(TxGate::do_try_state(), Ok(()));
		// Without room, `on_idle` does nothing.
		assert_eq!(TxGate::on_idle(10, Weight::zero()), Weight::zero());
		assert_eq!(Usage::<Test>::iter_prefix(0).count(), 3);
	});
	ext.commit_all().unwrap();
	ext.execute_with(|| {
		// `on_idle` removes the rest when the block has room, and forgets the window.
		TxGate::on_idle(10, Weight::MAX);
		assert_eq!(Usage::<Test>::iter_prefix(0).count(), 0);
		assert!(StaleWindows::<Test>::get().is_empty());
		assert_eq!(TxGate::do_try_state(), Ok(()));
	});
}

#[test]
fn immortal_transactions_are_refused() {
	new_test_ext().execute_with(|| {
		let check = |era| {
			CheckMortalEra::<Test>::from(era)
				.validate_only(
					RuntimeOrigin::signed(7),
					&call(),
					&info(1),
					1,
					TransactionSource::External,
					0,
				)
				.map(|(valid, _, _)| valid.longevity)
		};
		assert_eq!(check(Era::Immortal).map(|_| ()), custom(IMMORTAL));
		assert_eq!(check(Era::mortal(32, 0)), Ok(31));
	});
}

#[test]
fn extensions_keep_their_identifiers() {
	use codec::Encode;
	assert!(CheckAccess::<Test>::new().encode().is_empty());
	assert_eq!(<CheckAccess<Test> as TransactionExtension<RuntimeCall>>::IDENTIFIER, "CheckAccess");
	assert_eq!(
		<CheckMortalEra<Test> as TransactionExtension<RuntimeCall>>::IDENTIFIER,
		"CheckMortality"
	);
	assert_eq!(
		CheckMortalEra::<Test>::from(Era::mortal(32, 1)).encode(),
		frame_system::CheckMortality::<Test>::from(Era::mortal(32, 1)).encode()
	);
}

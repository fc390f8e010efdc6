//! Configuration of the MedChain pallets: `pallet_roles`, `pallet_records`, `pallet_audit` and
//! `pallet_tx_gate`, with the registration quota and the transaction gate's budgets.

// Substrate dependencies
use frame_support::{dispatch::DispatchClass, parameter_types, traits::ConstU32, weights::Weight};
use sp_runtime::{traits::Verify, Perbill};

// Local module imports
use super::{council::CouncilSupermajority, RuntimeBlockWeights};
use crate::{access, BlockNumber, Roles, Runtime, Signature, DAYS, MINUTES};

/// Patients one hospital may register, plus roles it may assign or offer, per day.
pub const REGISTRATIONS_PER_DAY: u32 = 500;

/// Longest hospital name, in bytes of UTF-8.
pub const MAX_NAME_LENGTH: u32 = 64;

impl pallet_roles::Config for Runtime {
	type CouncilOrigin = CouncilSupermajority;
	type MaxNameLength = ConstU32<MAX_NAME_LENGTH>;
	type MaxAffiliations = ConstU32<8>;
	type RegistrationWindow = ConstU32<DAYS>;
	type MaxRegistrationsPerWindow = ConstU32<REGISTRATIONS_PER_DAY>;
	type MaxUrlLength = ConstU32<256>;
	type WeightInfo = pallet_roles::weights::SubstrateWeight<Runtime>;
}

/// Most leaves of a read log one anchor adds: 32 KiB of leaves, so that three anchors a minute
/// (the shortest interval) fit a user's length budget with room to spare.
pub const MAX_LEAVES_PER_ANCHOR: u32 = 1024;

impl pallet_audit::Config for Runtime {
	type Roles = Roles;
	/// Three blocks (18 seconds): a gateway anchors every 30 seconds by default.
	type MinAnchorInterval = ConstU32<3>;
	type MaxLeavesPerAnchor = ConstU32<MAX_LEAVES_PER_ANCHOR>;
	type WeightInfo = pallet_audit::weights::SubstrateWeight<Runtime>;
}

impl pallet_records::Config for Runtime {
	type Roles = Roles;
	type Signature = Signature;
	type Signer = <Signature as Verify>::Signer;
	type MaxCidLength = ConstU32<{ pallet_records::MAX_CID_LENGTH }>;
	type MaxCategories = ConstU32<16>;
	type MaxHistory = ConstU32<16>;
	type MaxKeyHolders = ConstU32<32>;
	type MaxShares = ConstU32<16>;
	type MaxWrappedKeyLength = ConstU32<{ pallet_records::MAX_WRAPPED_KEY_LENGTH }>;
	type MaxGrants = ConstU32<64>;
	type MaxScopes = ConstU32<32>;
	type QuotaWindow = ConstU32<DAYS>;
	type MaxRecordsPerWindow = ConstU32<500>;
	type MaxRotationsPerWindow = ConstU32<32>;
	type MaxProposalLifetime = ConstU32<{ 7 * DAYS }>;
	type MaxCosignValidity = ConstU32<{ 7 * DAYS }>;
	type WeightInfo = pallet_records::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = crate::benchmarks::RecordsBenchmarkHelper;
}

/// Length of a budget window of the transaction gate: one minute.
pub const BUDGET_WINDOW: BlockNumber = MINUTES;

parameter_types! {
	/// Weight one user may use per window: a tenth of one block's normal weight (so one user
	/// takes at most 10 % of a block, and 1 % of a window).
	pub UserWeightBudget: Weight = Perbill::from_percent(10) *
		RuntimeBlockWeights::get().get(DispatchClass::Normal).max_total.unwrap_or_default();
	/// Bytes one user may send per window.
	pub const UserLengthBudget: u32 = 256 * 1024;
	/// Weight one council member or validator may use per window: two blocks' worth, enough for
	/// closing motions with the largest proposal weight.
	pub PrivilegedWeightBudget: Weight = RuntimeBlockWeights::get().max_block.saturating_mul(2);
	/// Bytes one council member or validator may send per window.
	pub const PrivilegedLengthBudget: u32 = 1024 * 1024;
	/// The accounts of one hospital together take at most half of a block.
	pub const HospitalBlockShare: Perbill = Perbill::from_percent(50);
}

impl pallet_tx_gate::Config for Runtime {
	type Policy = access::AccessRules;
	type WindowLength = ConstU32<BUDGET_WINDOW>;
	type WeightBudget = UserWeightBudget;
	type LengthBudget = UserLengthBudget;
	type PrivilegedWeightBudget = PrivilegedWeightBudget;
	type PrivilegedLengthBudget = PrivilegedLengthBudget;
	type GroupBlockShare = HospitalBlockShare;
	type MaxCleanupPerBlock = ConstU32<64>;
	type WeightInfo = pallet_tx_gate::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = crate::benchmarks::TxGateBenchmarkHelper;
}

//! # MedChain runtime
//!
//! The state transition function of MedChain, a permissioned chain that a consortium of
//! hospitals runs to keep pointers to patients' encrypted medical records, their consents and
//! an audit trail.
//!
//! - Consensus: Aura block production and GRANDPA finality; the validators are the hospitals'
//!   nodes, managed by `pallet-session` with [`pallet_validator_set`] as session manager.
//! - Governance: the hospital council (`pallet-membership` + `pallet-collective`). Adding or
//!   removing validators, well-known nodes and hospitals needs [`CouncilSupermajority`]: at
//!   least two thirds of the council. Root (runtime upgrades, state repair) is reached only
//!   through [`pallet_governance`]: three quarters of the council schedule a call, which runs
//!   after a public delay unless a council majority cancels it. The `dev` preset also has a
//!   sudo key; no other preset has one.
//! - No token: transactions are free. [`pallet_tx_gate::CheckAccess`] admits only accounts
//!   that hold a role, sit on the council or validate, lets each send only the calls its
//!   standing allows ([`access`]), and charges each a budget of weight and bytes per window;
//!   [`access::BaseFilter`] refuses at dispatch what no one but Root may do.
//! - Application: [`pallet_roles`] and [`pallet_records`].

#![cfg_attr(not(feature = "std"), no_std)]
#![recursion_limit = "256"]

#[cfg(feature = "std")]
include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));

extern crate alloc;

pub mod access;
pub mod apis;
#[cfg(feature = "runtime-benchmarks")]
mod benchmarks;
mod council;
pub mod genesis_config_presets;
#[cfg(test)]
mod tests;

use alloc::vec::Vec;
use frame_support::{
	derive_impl,
	dispatch::DispatchClass,
	parameter_types,
	traits::{ConstBool, ConstU32, ConstU64, EitherOfDiverse},
	weights::{
		constants::{ParityDbWeight, WEIGHT_REF_TIME_PER_SECOND},
		Weight,
	},
};
use frame_system::EnsureRoot;
use sp_runtime::{
	generic, impl_opaque_keys,
	traits::{BlakeTwo256, IdentifyAccount, Verify},
	MultiAddress, MultiSignature, Perbill,
};
use sp_version::RuntimeVersion;

pub use council::{AbstainIsNay, CouncilMembers};
pub use medchain_primitives::HospitalId;
pub use pallet_grandpa::AuthorityId as GrandpaId;
pub use sp_consensus_aura::sr25519::AuthorityId as AuraId;

/// Block number.
pub type BlockNumber = u32;
/// Transaction signature: sr25519, ed25519 or ecdsa.
pub type Signature = MultiSignature;
/// Account id: the public key of the signing scheme.
pub type AccountId = <<Signature as Verify>::Signer as IdentifyAccount>::AccountId;
/// Transaction counter of an account.
pub type Nonce = u32;
/// Block and trie hash.
pub type Hash = sp_core::H256;

/// Types the node uses without knowing the runtime's details.
pub mod opaque {
	use super::*;

	pub use sp_runtime::OpaqueExtrinsic as UncheckedExtrinsic;
	/// Opaque block header.
	pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
	/// Opaque block.
	pub type Block = generic::Block<Header, UncheckedExtrinsic>;
	/// Opaque block hash.
	pub type Hash = <BlakeTwo256 as sp_runtime::traits::Hash>::Output;

	impl_opaque_keys! {
		/// The keys a validator publishes with `session.set_keys`.
		pub struct SessionKeys {
			pub aura: Aura,
			pub grandpa: Grandpa,
		}
	}
}

/// Runtime version.
#[cfg(not(feature = "upgrade-test"))]
#[sp_version::runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: alloc::borrow::Cow::Borrowed("medchain"),
	impl_name: alloc::borrow::Cow::Borrowed("medchain"),
	authoring_version: 1,
	spec_version: 100,
	impl_version: 1,
	apis: apis::RUNTIME_API_VERSIONS,
	transaction_version: 1,
	system_version: 1,
};

/// The same runtime with the next `spec_version`, built only as the second WASM blob
/// (`medchain_runtime_upgrade_test`) that the runtime-upgrade test submits to a running network.
/// The version macro needs literals, hence the copy.
#[cfg(feature = "upgrade-test")]
#[sp_version::runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: alloc::borrow::Cow::Borrowed("medchain"),
	impl_name: alloc::borrow::Cow::Borrowed("medchain"),
	authoring_version: 1,
	spec_version: 101,
	impl_version: 1,
	apis: apis::RUNTIME_API_VERSIONS,
	transaction_version: 1,
	system_version: 1,
};

/// Target time between blocks. The `dev` chain produces a block at least this often.
pub const MILLISECS_PER_BLOCK: u64 = 6000;
/// Aura slot length (one block per slot).
pub const SLOT_DURATION: u64 = MILLISECS_PER_BLOCK;
/// Blocks per minute.
pub const MINUTES: BlockNumber = 60_000 / (MILLISECS_PER_BLOCK as BlockNumber);
/// Blocks per hour.
pub const HOURS: BlockNumber = MINUTES * 60;
/// Blocks per day.
pub const DAYS: BlockNumber = HOURS * 24;
/// Default length of a session, in blocks: validator set changes take effect at session
/// boundaries. A chain spec may choose another (`validatorSet.sessionPeriod`).
pub const SESSION_PERIOD: BlockNumber = 10 * MINUTES;

const NORMAL_DISPATCH_RATIO: Perbill = Perbill::from_percent(75);
const MAX_BLOCK_LENGTH: u32 = 5 * 1024 * 1024;

parameter_types! {
	pub const Version: RuntimeVersion = VERSION;
	/// Two seconds of compute per six-second block.
	pub RuntimeBlockWeights: frame_system::limits::BlockWeights =
		frame_system::limits::BlockWeights::with_sensible_defaults(
			Weight::from_parts(2u64 * WEIGHT_REF_TIME_PER_SECOND, u64::MAX),
			NORMAL_DISPATCH_RATIO,
		);
	/// 5 MiB blocks, of which normal transactions may fill 75 %.
	pub RuntimeBlockLength: frame_system::limits::BlockLength =
		frame_system::limits::BlockLength::builder()
			.max_length(MAX_BLOCK_LENGTH)
			.modify_max_length_for_class(DispatchClass::Normal, |max| {
				*max = NORMAL_DISPATCH_RATIO * MAX_BLOCK_LENGTH
			})
			.build();
	pub const SS58Prefix: u16 = 42;
}

#[derive_impl(frame_system::config_preludes::SolochainDefaultConfig)]
impl frame_system::Config for Runtime {
	type Block = Block;
	type BlockWeights = RuntimeBlockWeights;
	type BlockLength = RuntimeBlockLength;
	type AccountId = AccountId;
	type Nonce = Nonce;
	type Hash = Hash;
	type Lookup = sp_runtime::traits::AccountIdLookup<AccountId, ()>;
	type DbWeight = ParityDbWeight;
	type Version = Version;
	type AccountData = ();
	type SS58Prefix = SS58Prefix;
	type MaxConsumers = ConstU32<16>;
	type BaseCallFilter = access::BaseFilter;
}

impl pallet_timestamp::Config for Runtime {
	type Moment = u64;
	type OnTimestampSet = Aura;
	type MinimumPeriod = ConstU64<{ SLOT_DURATION / 2 }>;
	type WeightInfo = ();
}

/// Most validators (and so Aura and GRANDPA authorities) the chain supports.
pub const MAX_VALIDATORS: u32 = 64;

impl pallet_aura::Config for Runtime {
	type AuthorityId = AuraId;
	type DisabledValidators = ();
	type MaxAuthorities = ConstU32<MAX_VALIDATORS>;
	type AllowMultipleBlocksPerSlot = ConstBool<false>;
	type SlotDuration = pallet_aura::MinimumPeriodTimesTwo<Runtime>;
}

impl pallet_grandpa::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = ();
	type MaxAuthorities = ConstU32<MAX_VALIDATORS>;
	type MaxNominators = ConstU32<0>;
	type MaxSetIdSessionEntries = ConstU64<0>;
	type KeyOwnerProof = sp_core::Void;
	type EquivocationReportSystem = ();
}

/// Sessions of the chain spec's length (`pallet_validator_set::SessionPeriod`).
pub type Sessions =
	pallet_session::PeriodicSessions<pallet_validator_set::SessionLength<Runtime>, ConstU32<0>>;

impl pallet_session::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type ValidatorId = AccountId;
	type ValidatorIdOf = sp_runtime::traits::ConvertInto;
	type ShouldEndSession = Sessions;
	type NextSessionRotation = Sessions;
	type SessionManager = ValidatorSet;
	type SessionHandler =
		<opaque::SessionKeys as sp_runtime::traits::OpaqueKeys>::KeyTypeIdProviders;
	type Keys = opaque::SessionKeys;
	type DisablingStrategy = ();
	type WeightInfo = ();
	type Currency = pallet_validator_set::NoDeposit<RuntimeHoldReason>;
	type KeyDeposit = ConstU32<0>;
}

/// A council supermajority: at least two thirds of the hospital council, or root.
pub type CouncilSupermajority = EitherOfDiverse<
	EnsureRoot<AccountId>,
	pallet_collective::EnsureProportionAtLeast<AccountId, CouncilCollective, 2, 3>,
>;

/// Accounts that published session keys.
pub struct HasSessionKeys;

impl frame_support::traits::Contains<AccountId> for HasSessionKeys {
	fn contains(who: &AccountId) -> bool {
		pallet_session::NextKeys::<Runtime>::contains_key(who)
	}
}

impl pallet_validator_set::Config for Runtime {
	type UpdateOrigin = CouncilSupermajority;
	type MaxValidators = ConstU32<MAX_VALIDATORS>;
	type MinValidators = ConstU32<1>;
	type KeyOwners = HasSessionKeys;
	type DefaultSessionPeriod = ConstU32<SESSION_PERIOD>;
	type WeightInfo = pallet_validator_set::weights::SubstrateWeight<Runtime>;
}

/// Instance of `pallet-collective` that is the hospital council.
pub type CouncilCollective = pallet_collective::Instance1;
/// Instance of `pallet-membership` that manages the council's members.
pub type CouncilMembershipInstance = pallet_membership::Instance1;

/// Most council members.
pub const MAX_COUNCIL_MEMBERS: u32 = 100;

parameter_types! {
	pub MaxProposalWeight: Weight = Perbill::from_percent(50) * RuntimeBlockWeights::get().max_block;
}

impl pallet_collective::Config<CouncilCollective> for Runtime {
	type RuntimeOrigin = RuntimeOrigin;
	type Proposal = RuntimeCall;
	type RuntimeEvent = RuntimeEvent;
	type MotionDuration = ConstU32<{ 3 * DAYS }>;
	type MaxProposals = ConstU32<100>;
	type MaxMembers = ConstU32<MAX_COUNCIL_MEMBERS>;
	type DefaultVote = AbstainIsNay;
	type WeightInfo = pallet_collective::weights::SubstrateWeight<Runtime>;
	type SetMembersOrigin = EnsureRoot<AccountId>;
	type MaxProposalWeight = MaxProposalWeight;
	type DisapproveOrigin = CouncilSupermajority;
	type KillOrigin = CouncilSupermajority;
	type Consideration = ();
}

/// Three quarters of the council, or Root: who changes the council itself. Two thirds could
/// otherwise remove the rest and, as the whole council, reach Root.
pub type CouncilMembershipOrigin = EitherOfDiverse<EnsureRoot<AccountId>, CouncilThreeQuarters>;

impl pallet_membership::Config<CouncilMembershipInstance> for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type AddOrigin = CouncilMembershipOrigin;
	type RemoveOrigin = CouncilMembershipOrigin;
	type SwapOrigin = CouncilMembershipOrigin;
	type ResetOrigin = CouncilMembershipOrigin;
	type PrimeOrigin = CouncilMembershipOrigin;
	type MembershipInitialized = CouncilMembers;
	type MembershipChanged = CouncilMembers;
	type MaxMembers = ConstU32<MAX_COUNCIL_MEMBERS>;
	type WeightInfo = pallet_membership::weights::SubstrateWeight<Runtime>;
}

impl pallet_node_authorization::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type MaxWellKnownNodes = ConstU32<MAX_VALIDATORS>;
	type MaxPeerIdLength = ConstU32<128>;
	type AddOrigin = CouncilSupermajority;
	type RemoveOrigin = CouncilSupermajority;
	type SwapOrigin = CouncilSupermajority;
	type ResetOrigin = CouncilSupermajority;
	type WeightInfo = ();
}

impl pallet_utility::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type PalletsOrigin = OriginCaller;
	type WeightInfo = pallet_utility::weights::SubstrateWeight<Runtime>;
}

impl pallet_sudo::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type WeightInfo = pallet_sudo::weights::SubstrateWeight<Runtime>;
}

/// Three quarters of the hospital council: the threshold for anything that runs as Root.
pub type CouncilThreeQuarters =
	pallet_collective::EnsureProportionAtLeast<AccountId, CouncilCollective, 3, 4>;

/// Default delay between a Root motion and its dispatch: two days.
pub const GOVERNANCE_DELAY: BlockNumber = 2 * DAYS;

parameter_types! {
	/// A scheduled Root call may declare at most a fifth of a block.
	pub MaxScheduledCallWeight: Weight = Perbill::from_percent(20) * RuntimeBlockWeights::get().max_block;
}

impl pallet_governance::Config for Runtime {
	type RuntimeCall = RuntimeCall;
	type ScheduleOrigin = CouncilThreeQuarters;
	type CancelOrigin =
		pallet_collective::EnsureProportionMoreThan<AccountId, CouncilCollective, 1, 2>;
	type MaxCallLength = ConstU32<{ 64 * 1024 }>;
	type MaxCallWeight = MaxScheduledCallWeight;
	type MaxScheduled = ConstU32<4>;
	type DefaultDelay = ConstU32<GOVERNANCE_DELAY>;
	type WeightInfo = pallet_governance::weights::SubstrateWeight<Runtime>;
}

/// Patients one hospital may register, plus roles it may assign or offer, per day.
pub const REGISTRATIONS_PER_DAY: u32 = 500;

impl pallet_roles::Config for Runtime {
	type CouncilOrigin = CouncilSupermajority;
	type MaxNameLength = ConstU32<64>;
	type MaxAffiliations = ConstU32<8>;
	type RegistrationWindow = ConstU32<DAYS>;
	type MaxRegistrationsPerWindow = ConstU32<REGISTRATIONS_PER_DAY>;
	type WeightInfo = pallet_roles::weights::SubstrateWeight<Runtime>;
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
	type BenchmarkHelper = benchmarks::RecordsBenchmarkHelper;
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
	type BenchmarkHelper = benchmarks::TxGateBenchmarkHelper;
}

#[frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeFreezeReason,
		RuntimeHoldReason,
		RuntimeSlashReason,
		RuntimeLockId,
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Runtime;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;
	#[runtime::pallet_index(1)]
	pub type Timestamp = pallet_timestamp;
	#[runtime::pallet_index(2)]
	pub type ValidatorSet = pallet_validator_set;
	#[runtime::pallet_index(3)]
	pub type Session = pallet_session;
	#[runtime::pallet_index(4)]
	pub type Aura = pallet_aura;
	#[runtime::pallet_index(5)]
	pub type Grandpa = pallet_grandpa;
	#[runtime::pallet_index(6)]
	pub type Council = pallet_collective<Instance1>;
	#[runtime::pallet_index(7)]
	pub type CouncilMembership = pallet_membership<Instance1>;
	#[runtime::pallet_index(8)]
	pub type NodeAuthorization = pallet_node_authorization;
	#[runtime::pallet_index(9)]
	pub type Utility = pallet_utility;
	#[runtime::pallet_index(10)]
	pub type Sudo = pallet_sudo;
	#[runtime::pallet_index(11)]
	pub type TxGate = pallet_tx_gate;
	#[runtime::pallet_index(12)]
	pub type Governance = pallet_governance;
	#[runtime::pallet_index(20)]
	pub type Roles = pallet_roles;
	#[runtime::pallet_index(21)]
	pub type Records = pallet_records;
}

/// Address format: an account id (`MultiAddress::Id`).
pub type Address = MultiAddress<AccountId, ()>;
/// Block header.
pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
/// Block.
pub type Block = generic::Block<Header, UncheckedExtrinsic>;
/// The checks every transaction passes. `CheckAccess` comes before `CheckNonce` so that an
/// unknown account hears why it was refused; `CheckMortalEra` is `CheckMortality` refusing
/// immortal transactions.
pub type TxExtension = (
	frame_system::CheckNonZeroSender<Runtime>,
	frame_system::CheckSpecVersion<Runtime>,
	frame_system::CheckTxVersion<Runtime>,
	frame_system::CheckGenesis<Runtime>,
	pallet_tx_gate::CheckMortalEra<Runtime>,
	pallet_tx_gate::CheckAccess<Runtime>,
	frame_system::CheckNonce<Runtime>,
	frame_system::CheckWeight<Runtime>,
);
/// Extrinsic as the runtime sees it.
pub type UncheckedExtrinsic =
	generic::UncheckedExtrinsic<Address, RuntimeCall, Signature, TxExtension>;
/// The payload that a transaction's signature covers.
pub type SignedPayload = generic::SignedPayload<RuntimeCall, TxExtension>;
/// Migrations to run on a runtime upgrade.
type Migrations = ();
/// Dispatches calls to the pallets.
pub type Executive = frame_executive::Executive<
	Runtime,
	Block,
	frame_system::ChainContext<Runtime>,
	Runtime,
	AllPalletsWithSystem,
	Migrations,
>;

/// Build the transaction extensions for a transaction with `nonce`, valid in `era`.
pub fn tx_extension(nonce: Nonce, era: generic::Era) -> TxExtension {
	(
		frame_system::CheckNonZeroSender::new(),
		frame_system::CheckSpecVersion::new(),
		frame_system::CheckTxVersion::new(),
		frame_system::CheckGenesis::new(),
		pallet_tx_gate::CheckMortalEra::from(era),
		pallet_tx_gate::CheckAccess::new(),
		frame_system::CheckNonce::from(nonce),
		frame_system::CheckWeight::new(),
	)
}

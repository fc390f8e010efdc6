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
mod configs;
pub mod genesis_config_presets;
#[cfg(test)]
mod tests;

use alloc::vec::Vec;
use sp_runtime::{
	generic, impl_opaque_keys,
	traits::{BlakeTwo256, IdentifyAccount, Verify},
	MultiAddress, MultiSignature,
};
use sp_version::RuntimeVersion;

pub use configs::{
	consensus::{HasSessionKeys, Sessions, MAX_VALIDATORS},
	council::{
		AbstainIsNay, CouncilCollective, CouncilMembers, CouncilMembershipInstance,
		CouncilMembershipOrigin, CouncilSupermajority, CouncilThreeQuarters, MaxProposalWeight,
		MaxScheduledCallWeight, GOVERNANCE_DELAY, MAX_COUNCIL_MEMBERS,
	},
	medchain::{
		HospitalBlockShare, PrivilegedLengthBudget, PrivilegedWeightBudget, UserLengthBudget,
		UserWeightBudget, BUDGET_WINDOW, MAX_NAME_LENGTH, REGISTRATIONS_PER_DAY,
	},
	RuntimeBlockLength, RuntimeBlockWeights, SS58Prefix, Version,
};
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
	spec_version: 102,
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
	spec_version: 103,
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
	#[runtime::pallet_index(22)]
	pub type Audit = pallet_audit;
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

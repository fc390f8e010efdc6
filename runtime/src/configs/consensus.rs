//! Configuration of block production, finality and the validator set: `pallet_aura`,
//! `pallet_grandpa`, `pallet_session` and `pallet_validator_set`.

// Substrate dependencies
use frame_support::traits::{ConstBool, ConstU32, ConstU64};

// Local module imports
use super::council::CouncilSupermajority;
use crate::{
	opaque, AccountId, AuraId, Runtime, RuntimeEvent, RuntimeHoldReason, ValidatorSet,
	SESSION_PERIOD,
};

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
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = crate::benchmarks::ValidatorSetBenchmarkHelper;
}

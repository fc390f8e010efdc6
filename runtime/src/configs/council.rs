//! Configuration of the hospital council and what it governs: `pallet_collective`,
//! `pallet_membership`, `pallet_node_authorization` and `pallet_governance`, the council's
//! thresholds, and the glue between the council and the rest of the runtime.

// Substrate dependencies
use frame_support::{
	parameter_types,
	traits::{ChangeMembers, ConstU32, EitherOfDiverse, InitializeMembers},
	weights::Weight,
};
use frame_system::EnsureRoot;
use sp_runtime::Perbill;

// Local module imports
use super::{consensus::MAX_VALIDATORS, RuntimeBlockWeights};
use crate::{
	AccountId, BlockNumber, Council, Runtime, RuntimeCall, RuntimeEvent, RuntimeOrigin, DAYS,
};

/// A council supermajority: at least two thirds of the hospital council, or root.
pub type CouncilSupermajority = EitherOfDiverse<
	EnsureRoot<AccountId>,
	pallet_collective::EnsureProportionAtLeast<AccountId, CouncilCollective, 2, 3>,
>;

/// Instance of `pallet-collective` that is the hospital council.
pub type CouncilCollective = pallet_collective::Instance1;
/// Instance of `pallet-membership` that manages the council's members.
pub type CouncilMembershipInstance = pallet_membership::Instance1;

/// Most council members.
pub const MAX_COUNCIL_MEMBERS: u32 = 100;

parameter_types! {
	pub MaxProposalWeight: Weight =
		Perbill::from_percent(50) * RuntimeBlockWeights::get().max_block;
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

/// Three quarters of the hospital council: the threshold for anything that runs as Root.
pub type CouncilThreeQuarters =
	pallet_collective::EnsureProportionAtLeast<AccountId, CouncilCollective, 3, 4>;

/// Default delay between a Root motion and its dispatch: two days.
pub const GOVERNANCE_DELAY: BlockNumber = 2 * DAYS;

parameter_types! {
	/// A scheduled Root call may declare at most a fifth of a block.
	pub MaxScheduledCallWeight: Weight =
		Perbill::from_percent(20) * RuntimeBlockWeights::get().max_block;
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

// Glue between the hospital council and the rest of the runtime.

/// Forwards council membership to `pallet-collective` and gives every council member a provider
/// reference, so that a member without any role can still sign transactions (nonces need an
/// existing account on a chain without a token).
pub struct CouncilMembers;

impl InitializeMembers<AccountId> for CouncilMembers {
	fn initialize_members(members: &[AccountId]) {
		for who in members {
			frame_system::Pallet::<Runtime>::inc_providers(who);
		}
		<Council as InitializeMembers<AccountId>>::initialize_members(members);
	}
}

impl ChangeMembers<AccountId> for CouncilMembers {
	fn change_members_sorted(incoming: &[AccountId], outgoing: &[AccountId], new: &[AccountId]) {
		for who in incoming {
			frame_system::Pallet::<Runtime>::inc_providers(who);
		}
		for who in outgoing {
			// Fails only while consumers (such as session keys) still depend on the account's
			// last provider; the reference then stays, and the account keeps existing.
			let _ = frame_system::Pallet::<Runtime>::dec_providers(who);
		}
		<Council as ChangeMembers<AccountId>>::change_members_sorted(incoming, outgoing, new);
	}

	fn set_prime(prime: Option<AccountId>) {
		<Council as ChangeMembers<AccountId>>::set_prime(prime);
	}

	fn get_prime() -> Option<AccountId> {
		<Council as ChangeMembers<AccountId>>::get_prime()
	}
}

/// Abstentions count as nays when a motion's voting period ends: no member (and no prime) can
/// make absent members vote for it.
pub struct AbstainIsNay;

impl pallet_collective::DefaultVote for AbstainIsNay {
	fn default_vote(_prime_vote: Option<bool>, _yes_votes: u32, _no_votes: u32, _len: u32) -> bool {
		false
	}
}

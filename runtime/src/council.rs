//! Glue between the hospital council and the rest of the runtime.

use crate::{AccountId, Council, Runtime};
use frame_support::traits::{ChangeMembers, InitializeMembers};

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

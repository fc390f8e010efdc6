//! Glue between the hospital council and the rest of the runtime.

use crate::{AccountId, Council, CouncilMembership, Roles, Runtime};
use frame_support::traits::{ChangeMembers, Contains, InitializeMembers};
use medchain_primitives::RoleInspect;

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

/// Accounts the transaction gate admits: holders of a role, and council members.
pub struct RegisteredOrCouncil;

impl Contains<AccountId> for RegisteredOrCouncil {
	fn contains(who: &AccountId) -> bool {
		<Roles as RoleInspect<AccountId>>::is_registered(who) || CouncilMembership::contains(who)
	}
}

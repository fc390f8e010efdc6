//! Who may send which call: the transaction gate's policy and the dispatch-time call filter.
//!
//! Two layers, so that a refusal is both early and certain:
//! - [`AccessRules`] is the [`pallet_tx_gate::AccessPolicy`]: it knows the signer, so it refuses a
//!   call the signer's standing does not allow when the transaction is validated, before it
//!   enters the pool, with a specific `InvalidTransaction::Custom` code;
//! - [`BaseFilter`] is `frame_system`'s `BaseCallFilter`: it does not know the caller, but it
//!   applies to every dispatch (inside batches and council motions too), and refuses what no
//!   one but Root may ever do.
//!
//! | calls | who may send them |
//! |---|---|
//! | `roles.*`, `records.*` | every admitted account (the pallets check roles) |
//! | `utility.batch`, `utility.batch_all` of at most [`MAX_BATCH`] allowed calls, not nested | every admitted account |
//! | `audit.anchor` | the service accounts of active hospitals, which may send nothing else (unless they are council members, validators or the sudo key) |
//! | `session.set_keys` | listed validators |
//! | `council.*`, `councilMembership.*`, `validatorSet.*`, `governance.*`, `nodeAuthorization` council calls, `system.*` but remarks | council members (the calls need a council motion to succeed) |
//! | `sudo.*` | the sudo key (dev chain only) |
//! | `system.remark*`, `session.purge_keys`, `utility.force_batch`, `utility.as_derivative`, node-authorization's claims and connections, inherents | nobody |

use crate::{AccountId, CouncilMembership, HospitalId, Roles, Runtime, RuntimeCall};
use frame_support::traits::Contains;
use medchain_primitives::RoleInspect;
use pallet_tx_gate::{AccessPolicy, Standing, BATCH_TOO_LARGE, CALL_NOT_ALLOWED};

/// Most calls in one `utility.batch` or `utility.batch_all`.
pub const MAX_BATCH: usize = 16;

/// What no origin but Root may dispatch, whoever sends it.
pub struct BaseFilter;

impl Contains<RuntimeCall> for BaseFilter {
	fn contains(call: &RuntimeCall) -> bool {
		use pallet_node_authorization::Call as Nodes;
		match call {
			RuntimeCall::System(
				frame_system::Call::remark { .. } | frame_system::Call::remark_with_event { .. },
			) => false,
			RuntimeCall::Utility(
				pallet_utility::Call::batch { calls } | pallet_utility::Call::batch_all { calls },
			) => calls.len() <= MAX_BATCH,
			RuntimeCall::Utility(_) => false,
			RuntimeCall::Session(pallet_session::Call::purge_keys {}) => false,
			RuntimeCall::NodeAuthorization(
				Nodes::claim_node { .. }
				| Nodes::remove_claim { .. }
				| Nodes::transfer_node { .. }
				| Nodes::add_connections { .. }
				| Nodes::remove_connections { .. },
			) => false,
			_ => true,
		}
	}
}

/// The transaction gate's policy for the MedChain runtime.
pub struct AccessRules;

impl AccessRules {
	fn is_validator(who: &AccountId) -> bool {
		pallet_validator_set::Validators::<Runtime>::get().contains(who)
	}
}

impl AccessPolicy<AccountId, RuntimeCall> for AccessRules {
	type Group = HospitalId;

	/// Holders of a role, council members, listed validators and the service accounts of active
	/// hospitals may transact. A council member is privileged for governance calls, a validator
	/// for its session keys; for every other call they are users of their home hospital like
	/// everyone else. A service account counts as a user of its hospital.
	fn standing(who: &AccountId, call: &RuntimeCall) -> Option<Standing<HospitalId>> {
		let council = CouncilMembership::contains(who);
		let validator = Self::is_validator(who);
		let service = <Roles as RoleInspect<AccountId>>::service_hospital(who);
		if !(council
			|| validator
			|| service.is_some()
			|| <Roles as RoleInspect<AccountId>>::is_registered(who))
		{
			return None;
		}
		let privileged = match call {
			RuntimeCall::Council(_)
			| RuntimeCall::CouncilMembership(_)
			| RuntimeCall::ValidatorSet(_)
			| RuntimeCall::Governance(_)
			| RuntimeCall::NodeAuthorization(_) => council,
			RuntimeCall::Session(_) => validator,
			_ => false,
		};
		let group = <Roles as RoleInspect<AccountId>>::home_hospital(who).or(service);
		Some(Standing { privileged, group })
	}

	fn check_call(
		who: &AccountId,
		_standing: &Standing<HospitalId>,
		call: &RuntimeCall,
	) -> Result<(), u8> {
		check(who, call, false)
	}
}

/// Whether `who` may send `call` (`nested`: inside a batch).
fn check(who: &AccountId, call: &RuntimeCall, nested: bool) -> Result<(), u8> {
	if !BaseFilter::contains(call) {
		return Err(match call {
			RuntimeCall::Utility(
				pallet_utility::Call::batch { .. } | pallet_utility::Call::batch_all { .. },
			) => BATCH_TOO_LARGE,
			_ => CALL_NOT_ALLOWED,
		});
	}
	let service = <Roles as RoleInspect<AccountId>>::service_hospital(who).is_some();
	if matches!(call, RuntimeCall::Audit(_)) {
		return if service { Ok(()) } else { Err(CALL_NOT_ALLOWED) };
	}
	// A service account signs its daemon's calls and nothing else (not even in a batch),
	// unless it is privileged anyway: an admin who names a council member, a validator or the
	// sudo key as a service account does not lock it out of its own calls.
	let privileged = CouncilMembership::contains(who)
		|| AccessRules::is_validator(who)
		|| pallet_sudo::Key::<Runtime>::get().as_ref() == Some(who);
	if service && !privileged {
		return Err(CALL_NOT_ALLOWED);
	}
	let council_only =
		|| if CouncilMembership::contains(who) { Ok(()) } else { Err(CALL_NOT_ALLOWED) };
	match call {
		RuntimeCall::Roles(_) | RuntimeCall::Records(_) => Ok(()),
		RuntimeCall::Sudo(_) => {
			if pallet_sudo::Key::<Runtime>::get().as_ref() == Some(who) {
				Ok(())
			} else {
				Err(CALL_NOT_ALLOWED)
			}
		},
		RuntimeCall::Utility(
			pallet_utility::Call::batch { calls } | pallet_utility::Call::batch_all { calls },
		) => {
			if nested {
				return Err(BATCH_TOO_LARGE);
			}
			calls.iter().try_for_each(|inner| check(who, inner, true))
		},
		RuntimeCall::Session(pallet_session::Call::set_keys { .. }) => {
			if AccessRules::is_validator(who) {
				Ok(())
			} else {
				Err(CALL_NOT_ALLOWED)
			}
		},
		RuntimeCall::System(_)
		| RuntimeCall::Council(_)
		| RuntimeCall::CouncilMembership(_)
		| RuntimeCall::ValidatorSet(_)
		| RuntimeCall::Governance(_)
		| RuntimeCall::NodeAuthorization(_) => council_only(),
		_ => Err(CALL_NOT_ALLOWED),
	}
}

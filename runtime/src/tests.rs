//! Runtime tests: genesis presets, council governance of the validator set, and the
//! transaction gate.

use crate::*;
use codec::Encode;
use frame_support::{assert_noop, assert_ok, traits::Contains};
use medchain_primitives::{Role, RoleInspect};
use pallet_session::ShouldEndSession;
use sp_keyring::Sr25519Keyring;
use sp_runtime::{
	traits::Hash as _,
	transaction_validity::{InvalidTransaction, TransactionSource, TransactionValidityError},
	BuildStorage, DispatchError,
};

/// Build the genesis state of a preset exactly as the node does: the default configuration
/// patched with the preset.
fn preset_storage(name: &str) -> sp_runtime::Storage {
	let patch = genesis_config_presets::get_preset(&name.into()).expect("preset exists");
	let mut config = serde_json::to_value(RuntimeGenesisConfig::default()).unwrap();
	merge(&mut config, serde_json::from_slice(&patch).unwrap());
	let config: RuntimeGenesisConfig =
		serde_json::from_value(config).expect("preset patch matches the genesis config");
	config.build_storage().expect("preset builds")
}

/// Merge a JSON patch into a JSON value (objects recursively, everything else replaced).
fn merge(base: &mut serde_json::Value, patch: serde_json::Value) {
	match (base, patch) {
		(serde_json::Value::Object(base), serde_json::Value::Object(patch)) => {
			for (key, value) in patch {
				merge(base.entry(key).or_insert(serde_json::Value::Null), value);
			}
		},
		(base, patch) => *base = patch,
	}
}

fn ext(name: &str) -> sp_io::TestExternalities {
	let mut ext = sp_io::TestExternalities::new(preset_storage(name));
	ext.execute_with(|| System::set_block_number(1));
	ext
}

fn account(k: Sr25519Keyring) -> AccountId {
	k.to_account_id()
}

fn check_invariants() {
	Roles::do_try_state().expect("roles invariants");
	ValidatorSet::do_try_state().expect("validator set invariants");
	Records::do_try_state().expect("records invariants");
}

#[test]
fn preset_names_are_dev_and_local() {
	let names: Vec<String> =
		genesis_config_presets::preset_names().into_iter().map(|p| p.to_string()).collect();
	assert_eq!(names, vec!["development".to_string(), "local_testnet".to_string()]);
	assert!(genesis_config_presets::get_preset(&"unknown".into()).is_none());
}

#[test]
fn dev_preset_builds_a_valid_genesis() {
	ext(sp_genesis_builder::DEV_RUNTIME_PRESET).execute_with(|| {
		let alice = account(Sr25519Keyring::Alice);
		assert_eq!(pallet_session::Validators::<Runtime>::get(), vec![alice.clone()]);
		assert_eq!(pallet_aura::Authorities::<Runtime>::get().len(), 1);
		assert_eq!(Grandpa::grandpa_authorities().len(), 1);
		assert_eq!(
			pallet_membership::Members::<Runtime, CouncilMembershipInstance>::get(),
			vec![alice.clone()]
		);
		assert_eq!(
			pallet_collective::Members::<Runtime, CouncilCollective>::get(),
			vec![alice.clone()]
		);
		assert_eq!(pallet_sudo::Key::<Runtime>::get(), Some(alice.clone()));
		assert!(Roles::has_role(&alice, Role::HospitalAdmin));
		assert_eq!(pallet_node_authorization::WellKnownNodes::<Runtime>::get().len(), 1);
		assert_eq!(pallet_validator_set::SessionPeriod::<Runtime>::get(), crate::SESSION_PERIOD);
		check_invariants();
	});
}

#[test]
fn local_preset_builds_a_valid_genesis() {
	ext(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
		let hospitals = [
			Sr25519Keyring::Alice,
			Sr25519Keyring::Bob,
			Sr25519Keyring::Charlie,
			Sr25519Keyring::Dave,
		];
		assert_eq!(pallet_session::Validators::<Runtime>::get().len(), 4);
		assert_eq!(pallet_aura::Authorities::<Runtime>::get().len(), 4);
		assert_eq!(Grandpa::grandpa_authorities().len(), 4);
		assert_eq!(pallet_collective::Members::<Runtime, CouncilCollective>::get().len(), 4);
		assert_eq!(pallet_sudo::Key::<Runtime>::get(), None, "no sudo in the consortium");
		assert_eq!(pallet_validator_set::SessionPeriod::<Runtime>::get(), crate::MINUTES);
		assert!(crate::Sessions::should_end_session(crate::MINUTES));
		assert!(!crate::Sessions::should_end_session(crate::MINUTES + 1));
		let nodes = pallet_node_authorization::WellKnownNodes::<Runtime>::get();
		assert_eq!(nodes.len(), 4);
		for k in hospitals {
			assert!(Roles::has_role(&account(k), Role::HospitalAdmin));
			assert!(RegisteredOrCouncil::contains(&account(k)));
		}
		// The well-known node of Alice is the node key 0x00..01 (peer id 12D3KooWEyop…).
		let alice_node = genesis_config_presets::peer_id_from_ed25519(&[
			0x4c, 0xb5, 0xab, 0xf6, 0xad, 0x79, 0xfb, 0xf5, 0xab, 0xbc, 0xca, 0xfc, 0xc2, 0x69,
			0xd8, 0x5c, 0xd2, 0x65, 0x1e, 0xd4, 0xb8, 0x85, 0xb5, 0x86, 0x9f, 0x24, 0x1a, 0xed,
			0xf0, 0xa5, 0xba, 0x29,
		]);
		assert_eq!(
			pallet_node_authorization::Owners::<Runtime>::get(&alice_node),
			Some(account(Sr25519Keyring::Alice))
		);
		check_invariants();
	});
}

mod council {
	use super::*;

	fn add_eve() -> RuntimeCall {
		RuntimeCall::ValidatorSet(pallet_validator_set::Call::add_validator {
			validator: account(Sr25519Keyring::Eve),
		})
	}

	fn propose(who: Sr25519Keyring, threshold: u32, call: RuntimeCall) -> (Hash, u32) {
		let index = pallet_collective::ProposalCount::<Runtime, CouncilCollective>::get();
		let length = call.encoded_size() as u32;
		let hash = BlakeTwo256::hash_of(&call);
		assert_ok!(Council::propose(
			RuntimeOrigin::signed(account(who)),
			threshold,
			Box::new(call),
			length
		));
		(hash, index)
	}

	fn validators() -> Vec<AccountId> {
		pallet_validator_set::Validators::<Runtime>::get().into_inner()
	}

	#[test]
	fn supermajority_adds_a_validator() {
		ext(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
			let call = add_eve();
			let length = call.encoded_size() as u32;
			let (hash, index) = propose(Sr25519Keyring::Alice, 3, call);
			for k in [Sr25519Keyring::Alice, Sr25519Keyring::Bob, Sr25519Keyring::Charlie] {
				assert_ok!(Council::vote(RuntimeOrigin::signed(account(k)), hash, index, true));
			}
			assert_ok!(Council::close(
				RuntimeOrigin::signed(account(Sr25519Keyring::Alice)),
				hash,
				index,
				Weight::from_parts(10_000_000_000, 100_000),
				length,
			));
			assert!(validators().contains(&account(Sr25519Keyring::Eve)));
			check_invariants();
		});
	}

	#[test]
	fn single_member_cannot_change_validators() {
		ext(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
			let before = validators();
			// Directly: a council member's own signature is not a council origin.
			assert_noop!(
				ValidatorSet::add_validator(
					RuntimeOrigin::signed(account(Sr25519Keyring::Alice)),
					account(Sr25519Keyring::Eve)
				),
				DispatchError::BadOrigin
			);
			// A motion with threshold 1 executes at once, with only 1 of 4 votes: refused.
			propose(Sr25519Keyring::Alice, 1, add_eve());
			let executed_with_bad_origin = System::events().iter().any(|r| {
				matches!(
					&r.event,
					RuntimeEvent::Council(pallet_collective::Event::Executed {
						result: Err(DispatchError::BadOrigin),
						..
					})
				)
			});
			assert!(executed_with_bad_origin, "the motion ran and was refused");
			// Two of four is below two thirds as well.
			let call = add_eve();
			let length = call.encoded_size() as u32;
			let (hash, index) = propose(Sr25519Keyring::Bob, 2, call);
			assert_ok!(Council::vote(
				RuntimeOrigin::signed(account(Sr25519Keyring::Bob)),
				hash,
				index,
				true
			));
			assert_ok!(Council::vote(
				RuntimeOrigin::signed(account(Sr25519Keyring::Charlie)),
				hash,
				index,
				true
			));
			assert_ok!(Council::close(
				RuntimeOrigin::signed(account(Sr25519Keyring::Bob)),
				hash,
				index,
				Weight::from_parts(10_000_000_000, 100_000),
				length,
			));
			assert_eq!(validators(), before);
		});
	}

	#[test]
	fn removed_validator_leaves_after_session_boundary() {
		ext(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
			let dave = account(Sr25519Keyring::Dave);
			assert_ok!(ValidatorSet::remove_validator(RuntimeOrigin::root(), dave.clone()));
			assert!(pallet_session::Validators::<Runtime>::get().contains(&dave));
			// Two rotations: the first queues the new set, the second activates it.
			Session::rotate_session();
			Session::rotate_session();
			assert!(!pallet_session::Validators::<Runtime>::get().contains(&dave));
			assert_eq!(pallet_session::Validators::<Runtime>::get().len(), 3);
		});
	}
}

mod transaction_gate {
	use super::*;

	fn signed_remark(signer: Sr25519Keyring, nonce: Nonce) -> UncheckedExtrinsic {
		let call = RuntimeCall::System(frame_system::Call::remark { remark: vec![1, 2, 3] });
		let extension = tx_extension(nonce);
		let payload = SignedPayload::new(call.clone(), extension.clone()).unwrap();
		let signature = payload.using_encoded(|bytes| signer.sign(bytes));
		UncheckedExtrinsic::new_signed(
			call,
			MultiAddress::Id(signer.to_account_id()),
			signature.into(),
			extension,
		)
	}

	fn validate(xt: UncheckedExtrinsic) -> Result<(), TransactionValidityError> {
		let parent = System::block_hash(0);
		Executive::validate_transaction(TransactionSource::External, xt, parent).map(|_| ())
	}

	#[test]
	fn unknown_account_is_rejected() {
		ext(sp_genesis_builder::DEV_RUNTIME_PRESET).execute_with(|| {
			assert_eq!(
				validate(signed_remark(Sr25519Keyring::Ferdie, 0)),
				Err(InvalidTransaction::Custom(pallet_tx_gate::UNKNOWN_ACCOUNT).into())
			);
		});
	}

	#[test]
	fn registered_account_is_admitted() {
		ext(sp_genesis_builder::DEV_RUNTIME_PRESET).execute_with(|| {
			assert_eq!(validate(signed_remark(Sr25519Keyring::Alice, 0)), Ok(()));
		});
	}

	#[test]
	fn newly_registered_patient_is_admitted_and_suspended_one_is_not() {
		ext(sp_genesis_builder::DEV_RUNTIME_PRESET).execute_with(|| {
			let ferdie = account(Sr25519Keyring::Ferdie);
			assert_ok!(Roles::register_patient(
				RuntimeOrigin::signed(account(Sr25519Keyring::Alice)),
				0,
				ferdie.clone()
			));
			assert_eq!(validate(signed_remark(Sr25519Keyring::Ferdie, 0)), Ok(()));
			assert_ok!(Roles::suspend(RuntimeOrigin::root(), ferdie));
			assert_eq!(
				validate(signed_remark(Sr25519Keyring::Ferdie, 0)),
				Err(InvalidTransaction::Custom(pallet_tx_gate::UNKNOWN_ACCOUNT).into())
			);
		});
	}

	#[test]
	fn council_member_without_role_is_admitted() {
		ext(sp_genesis_builder::DEV_RUNTIME_PRESET).execute_with(|| {
			let eve = account(Sr25519Keyring::Eve);
			assert_ok!(CouncilMembership::add_member(RuntimeOrigin::root(), eve.clone().into()));
			assert!(!Roles::is_registered(&eve));
			assert_eq!(validate(signed_remark(Sr25519Keyring::Eve, 0)), Ok(()));
		});
	}

	#[test]
	fn rate_limit_stops_a_flooding_account() {
		ext(sp_genesis_builder::DEV_RUNTIME_PRESET).execute_with(|| {
			let alice = account(Sr25519Keyring::Alice);
			pallet_tx_gate::Usage::<Runtime>::insert(
				&alice,
				pallet_tx_gate::WindowUsage { window_start: 0, count: RATE_LIMIT_PER_WINDOW },
			);
			assert_eq!(
				validate(signed_remark(Sr25519Keyring::Alice, 0)),
				Err(InvalidTransaction::Custom(pallet_tx_gate::RATE_LIMITED).into())
			);
		});
	}

	#[test]
	fn applied_transactions_are_counted() {
		ext(sp_genesis_builder::DEV_RUNTIME_PRESET).execute_with(|| {
			let alice = account(Sr25519Keyring::Alice);
			assert_ok!(Executive::apply_extrinsic(signed_remark(Sr25519Keyring::Alice, 0)).unwrap());
			assert_ok!(Executive::apply_extrinsic(signed_remark(Sr25519Keyring::Alice, 1)).unwrap());
			assert_eq!(TxGate::used_in_current_window(&alice), 2);
		});
	}
}

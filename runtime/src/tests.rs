//! Runtime tests: genesis presets, council governance of the validator set, and the
//! transaction gate.

use crate::*;
use codec::Encode;
use frame_support::{assert_noop, assert_ok, weights::Weight};
use medchain_primitives::{Role, RoleInspect};
use pallet_session::ShouldEndSession;
use pallet_tx_gate::AccessPolicy as _;
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
	TxGate::do_try_state().expect("transaction gate invariants");
	Governance::do_try_state().expect("governance invariants");
	Audit::do_try_state().expect("audit invariants");
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
			let vote = RuntimeCall::Council(pallet_collective::Call::vote {
				proposal: Default::default(),
				index: 0,
				approve: true,
			});
			let standing = access::AccessRules::standing(&account(k), &vote);
			assert!(standing.is_some_and(|s| s.privileged), "a council member's vote");
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
			pass(3, add_eve());
			assert!(validators().contains(&account(Sr25519Keyring::Eve)));
			check_invariants();
		});
	}

	/// Council motion of `threshold` with that many ayes, closed.
	fn pass(threshold: u32, call: RuntimeCall) {
		let length = call.encoded_size() as u32;
		let (hash, index) = propose(Sr25519Keyring::Alice, threshold, call);
		let members = [Sr25519Keyring::Alice, Sr25519Keyring::Bob, Sr25519Keyring::Charlie];
		for k in members.into_iter().take(threshold as usize) {
			assert_ok!(Council::vote(RuntimeOrigin::signed(account(k)), hash, index, true));
		}
		assert_ok!(Council::close(
			RuntimeOrigin::signed(account(Sr25519Keyring::Alice)),
			hash,
			index,
			Weight::from_parts(10_000_000_000, 100_000),
			length,
		));
	}

	#[test]
	fn three_quarters_reach_root_after_the_delay() {
		ext(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
			let code_hash = Hash::repeat_byte(7);
			let schedule = || {
				RuntimeCall::Governance(pallet_governance::Call::schedule {
					call: Box::new(RuntimeCall::System(frame_system::Call::authorize_upgrade {
						code_hash,
					})),
				})
			};
			// Two of four is not enough.
			pass(2, schedule());
			assert_eq!(pallet_governance::Scheduled::<Runtime>::count(), 0);
			// Three of four schedules it, visibly, for after the delay.
			pass(3, schedule());
			let scheduled = pallet_governance::Scheduled::<Runtime>::get(0).expect("scheduled");
			let delay = pallet_governance::Delay::<Runtime>::get();
			assert_eq!(scheduled.due, System::block_number() + delay);
			for n in System::block_number() + 1..=scheduled.due {
				System::set_block_number(n);
				<Governance as frame_support::traits::Hooks<BlockNumber>>::on_initialize(n);
				let authorized = System::events().iter().any(|r| {
					matches!(
						r.event,
						RuntimeEvent::System(frame_system::Event::UpgradeAuthorized { .. })
					)
				});
				assert_eq!(authorized, n == scheduled.due, "block {n}");
			}
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
	use pallet_tx_gate::{
		AccessPolicy, BATCH_TOO_LARGE, CALL_NOT_ALLOWED, IMMORTAL, OVER_BUDGET,
		PRIVILEGED_PRIORITY, UNKNOWN_ACCOUNT,
	};
	use sp_runtime::{generic::Era, traits::Dispatchable};

	/// Build the transaction extensions for a transaction with `nonce`, valid in `era`.
	fn tx_extension(nonce: Nonce, era: Era) -> TxExtension {
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

	fn signed_tx(
		signer: Sr25519Keyring,
		call: RuntimeCall,
		nonce: Nonce,
		era: Era,
	) -> UncheckedExtrinsic {
		let extension = tx_extension(nonce, era);
		let payload = SignedPayload::new(call.clone(), extension.clone()).unwrap();
		let signature = payload.using_encoded(|bytes| signer.sign(bytes));
		UncheckedExtrinsic::new_signed(
			call,
			MultiAddress::Id(signer.to_account_id()),
			signature.into(),
			extension,
		)
	}

	/// A call every registered account may send.
	fn publish_key() -> RuntimeCall {
		// The X25519 base point (u = 9): a valid public key.
		let mut key = [0; 32];
		key[0] = 9;
		RuntimeCall::Roles(pallet_roles::Call::set_encryption_key { key })
	}

	fn tx(signer: Sr25519Keyring, call: RuntimeCall, nonce: Nonce) -> UncheckedExtrinsic {
		signed_tx(signer, call, nonce, Era::mortal(32, 0))
	}

	/// The pool's verdict; the priority on success.
	fn priority(xt: UncheckedExtrinsic) -> Result<u64, TransactionValidityError> {
		let parent = System::block_hash(0);
		Executive::validate_transaction(TransactionSource::External, xt, parent)
			.map(|valid| valid.priority)
	}

	fn validate(xt: UncheckedExtrinsic) -> Result<(), TransactionValidityError> {
		priority(xt).map(|_| ())
	}

	fn refused(code: u8) -> Result<(), TransactionValidityError> {
		Err(InvalidTransaction::Custom(code).into())
	}

	/// Register Ferdie as a patient of hospital 0.
	fn ferdie_patient() -> AccountId {
		let ferdie = account(Sr25519Keyring::Ferdie);
		assert_ok!(Roles::register_patient(
			RuntimeOrigin::signed(account(Sr25519Keyring::Alice)),
			0,
			ferdie.clone()
		));
		ferdie
	}

	#[test]
	fn unknown_account_is_rejected() {
		ext(sp_genesis_builder::DEV_RUNTIME_PRESET).execute_with(|| {
			assert_eq!(
				validate(tx(Sr25519Keyring::Ferdie, publish_key(), 0)),
				refused(UNKNOWN_ACCOUNT)
			);
		});
	}

	#[test]
	fn registered_account_is_admitted() {
		ext(sp_genesis_builder::DEV_RUNTIME_PRESET).execute_with(|| {
			assert_eq!(validate(tx(Sr25519Keyring::Alice, publish_key(), 0)), Ok(()));
		});
	}

	#[test]
	fn newly_registered_patient_is_admitted_and_suspended_one_is_not() {
		ext(sp_genesis_builder::DEV_RUNTIME_PRESET).execute_with(|| {
			let ferdie = ferdie_patient();
			assert_eq!(validate(tx(Sr25519Keyring::Ferdie, publish_key(), 0)), Ok(()));
			assert_ok!(Roles::suspend(RuntimeOrigin::root(), ferdie));
			assert_eq!(
				validate(tx(Sr25519Keyring::Ferdie, publish_key(), 0)),
				refused(UNKNOWN_ACCOUNT)
			);
		});
	}

	#[test]
	fn council_member_without_role_is_admitted() {
		ext(sp_genesis_builder::DEV_RUNTIME_PRESET).execute_with(|| {
			let eve = account(Sr25519Keyring::Eve);
			assert_ok!(CouncilMembership::add_member(RuntimeOrigin::root(), eve.clone().into()));
			assert!(!Roles::is_registered(&eve));
			assert_eq!(validate(tx(Sr25519Keyring::Eve, publish_key(), 0)), Ok(()));
		});
	}

	#[test]
	fn immortal_transactions_are_refused() {
		ext(sp_genesis_builder::DEV_RUNTIME_PRESET).execute_with(|| {
			let xt = signed_tx(Sr25519Keyring::Alice, publish_key(), 0, Era::Immortal);
			assert_eq!(validate(xt), refused(IMMORTAL));
		});
	}

	/// Every call a patient must not reach is refused at the pool with its code.
	#[test]
	fn a_patient_reaches_only_its_calls() {
		ext(sp_genesis_builder::DEV_RUNTIME_PRESET).execute_with(|| {
			ferdie_patient();
			let alice = account(Sr25519Keyring::Alice);
			let remark = || RuntimeCall::System(frame_system::Call::remark { remark: vec![1] });
			let peer = sp_core::OpaquePeerId(vec![1; 38]);
			let refusals: Vec<(&str, RuntimeCall, u8)> = vec![
				("system.remark", remark(), CALL_NOT_ALLOWED),
				(
					"system.remark_with_event",
					RuntimeCall::System(frame_system::Call::remark_with_event { remark: vec![] }),
					CALL_NOT_ALLOWED,
				),
				(
					"nodeAuthorization.claim_node",
					RuntimeCall::NodeAuthorization(pallet_node_authorization::Call::claim_node {
						node: peer.clone(),
					}),
					CALL_NOT_ALLOWED,
				),
				(
					"nodeAuthorization.add_connections",
					RuntimeCall::NodeAuthorization(
						pallet_node_authorization::Call::add_connections {
							node: peer.clone(),
							connections: vec![peer.clone()],
						},
					),
					CALL_NOT_ALLOWED,
				),
				(
					"council.close",
					RuntimeCall::Council(pallet_collective::Call::close {
						proposal_hash: Default::default(),
						index: 0,
						proposal_weight_bound: Weight::from_parts(1 << 40, 0),
						length_bound: 0,
					}),
					CALL_NOT_ALLOWED,
				),
				(
					"council.propose",
					RuntimeCall::Council(pallet_collective::Call::propose {
						threshold: 1,
						proposal: Box::new(remark()),
						length_bound: 100,
					}),
					CALL_NOT_ALLOWED,
				),
				(
					"councilMembership.add_member",
					RuntimeCall::CouncilMembership(pallet_membership::Call::add_member {
						who: alice.clone().into(),
					}),
					CALL_NOT_ALLOWED,
				),
				(
					"validatorSet.add_validator",
					RuntimeCall::ValidatorSet(pallet_validator_set::Call::add_validator {
						validator: alice.clone(),
					}),
					CALL_NOT_ALLOWED,
				),
				(
					"governance.schedule",
					RuntimeCall::Governance(pallet_governance::Call::schedule {
						call: Box::new(publish_key()),
					}),
					CALL_NOT_ALLOWED,
				),
				(
					"session.set_keys",
					RuntimeCall::Session(pallet_session::Call::set_keys {
						keys: opaque::SessionKeys {
							aura: sp_core::sr25519::Public::from_raw([1; 32]).into(),
							grandpa: sp_core::ed25519::Public::from_raw([1; 32]).into(),
						},
						proof: vec![],
					}),
					CALL_NOT_ALLOWED,
				),
				(
					"session.purge_keys",
					RuntimeCall::Session(pallet_session::Call::purge_keys {}),
					CALL_NOT_ALLOWED,
				),
				(
					"sudo.sudo",
					RuntimeCall::Sudo(pallet_sudo::Call::sudo { call: Box::new(publish_key()) }),
					CALL_NOT_ALLOWED,
				),
				(
					"utility.force_batch",
					RuntimeCall::Utility(pallet_utility::Call::force_batch {
						calls: vec![publish_key()],
					}),
					CALL_NOT_ALLOWED,
				),
				(
					"utility.as_derivative",
					RuntimeCall::Utility(pallet_utility::Call::as_derivative {
						index: 0,
						call: Box::new(publish_key()),
					}),
					CALL_NOT_ALLOWED,
				),
				(
					"utility.batch of 17",
					RuntimeCall::Utility(pallet_utility::Call::batch {
						calls: vec![publish_key(); access::MAX_BATCH + 1],
					}),
					BATCH_TOO_LARGE,
				),
				(
					"nested utility.batch_all",
					RuntimeCall::Utility(pallet_utility::Call::batch_all {
						calls: vec![RuntimeCall::Utility(pallet_utility::Call::batch {
							calls: vec![publish_key()],
						})],
					}),
					BATCH_TOO_LARGE,
				),
				(
					"utility.batch hiding a remark",
					RuntimeCall::Utility(pallet_utility::Call::batch {
						calls: vec![publish_key(), remark()],
					}),
					CALL_NOT_ALLOWED,
				),
			];
			for (name, call, code) in refusals {
				assert_eq!(validate(tx(Sr25519Keyring::Ferdie, call, 0)), refused(code), "{name}");
			}
			let allowed = RuntimeCall::Utility(pallet_utility::Call::batch_all {
				calls: vec![publish_key(); access::MAX_BATCH],
			});
			assert_eq!(validate(tx(Sr25519Keyring::Ferdie, allowed, 0)), Ok(()));
		});
	}

	#[test]
	fn council_and_validators_reach_theirs_but_not_what_only_root_may() {
		ext(sp_genesis_builder::DEV_RUNTIME_PRESET).execute_with(|| {
			// Alice is council member, validator and (on dev) the sudo key.
			let close = RuntimeCall::Council(pallet_collective::Call::close {
				proposal_hash: Default::default(),
				index: 0,
				proposal_weight_bound: Weight::zero(),
				length_bound: 0,
			});
			assert_eq!(validate(tx(Sr25519Keyring::Alice, close, 0)), Ok(()));
			let purge = RuntimeCall::Session(pallet_session::Call::purge_keys {});
			assert_eq!(validate(tx(Sr25519Keyring::Alice, purge, 0)), refused(CALL_NOT_ALLOWED));
			let remark = RuntimeCall::System(frame_system::Call::remark { remark: vec![] });
			assert_eq!(validate(tx(Sr25519Keyring::Alice, remark, 0)), refused(CALL_NOT_ALLOWED));
		});
	}

	#[test]
	fn the_dispatch_filter_holds_without_the_pool() {
		ext(sp_genesis_builder::DEV_RUNTIME_PRESET).execute_with(|| {
			let alice = RuntimeOrigin::signed(account(Sr25519Keyring::Alice));
			let filtered: DispatchError = frame_system::Error::<Runtime>::CallFiltered.into();
			let force = RuntimeCall::Utility(pallet_utility::Call::force_batch {
				calls: vec![publish_key()],
			});
			assert_eq!(force.dispatch(alice.clone()).map_err(|e| e.error), Err(filtered));
			let purge = RuntimeCall::Session(pallet_session::Call::purge_keys {});
			assert_eq!(purge.dispatch(alice.clone()).map_err(|e| e.error), Err(filtered));
			// Inside a batch the remark is filtered and the batch stops there.
			let batch = RuntimeCall::Utility(pallet_utility::Call::batch_all {
				calls: vec![RuntimeCall::System(frame_system::Call::remark { remark: vec![] })],
			});
			assert_eq!(batch.dispatch(alice.clone()).map_err(|e| e.error), Err(filtered));
			// Root is not filtered.
			let remark = RuntimeCall::System(frame_system::Call::remark { remark: vec![] });
			assert_ok!(remark.dispatch(RuntimeOrigin::root()));
		});
	}

	#[test]
	fn budget_stops_a_flooding_account() {
		ext(sp_genesis_builder::DEV_RUNTIME_PRESET).execute_with(|| {
			let ferdie = ferdie_patient();
			pallet_tx_gate::Usage::<Runtime>::insert(
				0,
				&ferdie,
				pallet_tx_gate::WindowUsage {
					weight: UserWeightBudget::get().ref_time(),
					length: 0,
				},
			);
			assert_eq!(
				validate(tx(Sr25519Keyring::Ferdie, publish_key(), 0)),
				refused(OVER_BUDGET)
			);
			// Council members come first with their governance calls, and only with those.
			let vote = RuntimeCall::Council(pallet_collective::Call::vote {
				proposal: Default::default(),
				index: 0,
				approve: true,
			});
			let alice_vote = priority(tx(Sr25519Keyring::Alice, vote, 0)).unwrap();
			assert!(alice_vote >= PRIVILEGED_PRIORITY);
			let alice_key = priority(tx(Sr25519Keyring::Alice, publish_key(), 0)).unwrap();
			assert!(alice_key < PRIVILEGED_PRIORITY);
		});
	}

	#[test]
	fn applied_transactions_are_charged_and_refunded() {
		ext(sp_genesis_builder::DEV_RUNTIME_PRESET).execute_with(|| {
			let ferdie = ferdie_patient();
			let xt = tx(Sr25519Keyring::Ferdie, publish_key(), 0);
			let len = xt.encoded_size() as u32;
			assert_ok!(Executive::apply_extrinsic(xt).unwrap());
			let usage = TxGate::usage(&ferdie);
			assert_eq!(usage.length, len);
			assert!(usage.weight > 0);
			// A call that fails early is charged less than its declared weight.
			let failing = RuntimeCall::Roles(pallet_roles::Call::assign_role {
				hospital: 0,
				account: account(Sr25519Keyring::Eve),
				role: Role::Doctor,
			});
			let xt = tx(Sr25519Keyring::Ferdie, failing, 1);
			let declared = {
				use frame_support::dispatch::GetDispatchInfo;
				xt.get_dispatch_info().total_weight().ref_time()
			};
			assert!(Executive::apply_extrinsic(xt).unwrap().is_err(), "a patient cannot assign");
			let charged = TxGate::usage(&ferdie).weight - usage.weight;
			assert!(charged < declared, "{charged} < {declared}");
			assert_eq!(
				access::AccessRules::standing(&ferdie, &publish_key()).and_then(|s| s.group),
				Some(0),
				"a patient counts towards its registering hospital"
			);
		});
	}

	/// A hospital's service account transacts for `audit.anchor` only, and only while it is
	/// published by an active hospital; the chain folds its leaves with the rule clients check.
	#[test]
	fn a_service_account_anchors_and_does_nothing_else() {
		ext(sp_genesis_builder::DEV_RUNTIME_PRESET).execute_with(|| {
			let service = Sr25519Keyring::Ferdie;
			let leaves = vec![[1u8; 32], [2u8; 32]];
			let anchor = || {
				RuntimeCall::Audit(pallet_audit::Call::anchor {
					leaves: leaves.clone().try_into().unwrap(),
				})
			};
			assert_eq!(validate(tx(service, anchor(), 0)), refused(UNKNOWN_ACCOUNT));
			assert_ok!(Roles::set_hospital_services(
				RuntimeOrigin::signed(account(Sr25519Keyring::Alice)),
				0,
				b"https://gateway.example".to_vec().try_into().unwrap(),
				account(service),
				None
			));
			assert_eq!(validate(tx(service, anchor(), 0)), Ok(()));
			assert_eq!(
				validate(tx(service, publish_key(), 0)),
				refused(pallet_tx_gate::CALL_NOT_ALLOWED)
			);
			assert_eq!(
				validate(tx(Sr25519Keyring::Alice, anchor(), 0)),
				refused(pallet_tx_gate::CALL_NOT_ALLOWED),
				"a hospital admin is not its service account"
			);
			assert!(Executive::apply_extrinsic(tx(service, anchor(), 0)).unwrap().is_ok());
			let anchored = pallet_audit::Anchors::<Runtime>::get(0).unwrap();
			assert_eq!(anchored.length, 2);
			let expected = leaves.iter().fold([0u8; 32], |head, leaf| {
				sp_io::hashing::sha2_256(&[head.as_slice(), leaf.as_slice()].concat())
			});
			assert_eq!(anchored.head, expected);
			check_invariants();
		});
	}
}

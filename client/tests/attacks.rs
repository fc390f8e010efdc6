//! The on-chain security review's attacks, tried against a real `medchain-node --dev` through
//! subxt, each by the lowest-trust account that reaches it, and each refused or bounded:
//!
//! - C-1 (free, unbounded state): a patient's remarks, node-authorization claims and
//!   connections, `force_batch`, `as_derivative` and oversized or nested batches are refused by
//!   the transaction pool with the gate's code; its scope keys stop at the per-patient quota and
//!   bound;
//! - C-2 (one account takes every block): a patient floods the chain for up to a minute while a
//!   council motion and a doctor's `add_record` are submitted; both get in within a few blocks,
//!   and the test prints the largest share of a block the flooding account obtained (at most the
//!   tenth of a block its budget allows);
//! - H-1 (one admin suspends anyone): another hospital's admin and a patient are only *offered*
//!   a role, and the admin's suspension cannot reach them;
//! - H-2 (keys outlive consent): while an expired grantee still holds the scope key no record
//!   is written under it; the patient's revocation rotates the key without it, after which the
//!   ex-grantee gets no key material and cannot read; anyone prunes an expired grant, no one a
//!   live one;
//! - M-2, M-5: node claims and session keys are refused to non-validators.

use medchain_client::{
	chain::{runtime, runtime::runtime_types, Chain, ChainError, Config},
	keys::Account,
	records::RecordsError,
};
use medchain_test_node::Node;
use std::time::{Duration, Instant};
use subxt::{config::DefaultExtrinsicParamsBuilder, utils::AccountId32};

/// The chain's account id of `account`.
fn id(account: &Account) -> subxt::utils::AccountId32 {
	account.account_id()
}

const LAB: u16 = 1;

type RuntimeCall = runtime_types::medchain_runtime::RuntimeCall;
type RolesCall = runtime_types::pallet_roles::pallet::Call;
type UtilityCall = runtime_types::pallet_utility::pallet::Call;

fn account(uri: &str) -> Account {
	Account::from_uri(uri).unwrap()
}

/// A valid CIDv1 (raw, SHA2-256 over `n`).
fn cid(n: u8) -> cid::Cid {
	let hash = cid::multihash::Multihash::<64>::wrap(0x12, &[n; 32]).unwrap();
	cid::Cid::new_v1(0x55, hash)
}

/// The refusal's text, for a transaction the pool must refuse.
fn rejected(result: Result<impl std::fmt::Debug, ChainError>) -> String {
	match result {
		Err(ChainError::Rejected(reason)) => reason,
		other => panic!("expected a refusal by the transaction pool, got {other:?}"),
	}
}

/// The pallet error's name, for a call the chain must refuse.
fn refused<T: std::fmt::Debug>(result: Result<T, ChainError>) -> String {
	match result {
		Err(error) => {
			error.pallet_error().unwrap_or_else(|| panic!("not a pallet error: {error}")).to_owned()
		},
		Ok(value) => panic!("expected a refusal, got {value:?}"),
	}
}

async fn publish_key(chain: &Chain, who: &Account) {
	let key = who.encryption().public_key();
	chain.submit(&runtime::transactions().roles().set_encryption_key(key), who).await.unwrap();
}

/// Alice, admin of hospital 0, registers `patients` and `doctors` in one batch; then everyone
/// publishes a key, all at once.
async fn register(chain: &Chain, patients: &[&Account], doctors: &[&Account]) {
	let alice = account("//Alice");
	let mut calls: Vec<RuntimeCall> = patients
		.iter()
		.map(|p| RuntimeCall::Roles(RolesCall::register_patient { hospital: 0, account: id(p) }))
		.collect();
	calls.extend(doctors.iter().map(|d| {
		RuntimeCall::Roles(RolesCall::assign_role {
			hospital: 0,
			account: id(d),
			role: runtime_types::medchain_primitives::Role::Doctor,
		})
	}));
	chain.submit(&runtime::transactions().utility().batch_all(calls), &alice).await.unwrap();
	let everyone: Vec<&Account> = patients.iter().chain(doctors).copied().collect();
	futures::future::join_all(everyone.into_iter().map(|who| publish_key(chain, who))).await;
}

/// The X25519 base point: a valid key, so `set_encryption_key` succeeds.
fn base_point() -> [u8; 32] {
	let mut key = [0; 32];
	key[0] = 9;
	key
}

fn publish_call() -> RuntimeCall {
	RuntimeCall::Roles(RolesCall::set_encryption_key { key: base_point() })
}

fn publish_calls(n: usize) -> Vec<RuntimeCall> {
	(0..n).map(|_| publish_call()).collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_patient_cannot_reach_what_its_role_does_not_need() {
	let node = Node::dev("attack-filter");
	drop(node.client(Duration::from_secs(90)).await);
	let chain = Chain::connect(&node.rpc_url).await.unwrap();
	let (patient, doctor) = (account("//FilterPatient"), account("//FilterDoctor"));
	register(&chain, &[&patient], &[&doctor]).await;

	let tx = runtime::transactions();
	let peer = runtime_types::sp_core::OpaquePeerId(vec![1; 38]);
	let not_allowed = "may not send this call";
	let remark = tx.system().remark(vec![0; 1024]);
	assert!(rejected(chain.submit(&remark, &patient).await).contains(not_allowed));
	let claim = tx.node_authorization().claim_node(peer.clone());
	assert!(rejected(chain.submit(&claim, &patient).await).contains(not_allowed));
	let connect = tx.node_authorization().add_connections(peer.clone(), vec![peer.clone(); 100]);
	assert!(rejected(chain.submit(&connect, &patient).await).contains(not_allowed));
	let force = tx.utility().force_batch(vec![publish_call()]);
	assert!(rejected(chain.submit(&force, &patient).await).contains(not_allowed));
	let derivative = tx.utility().as_derivative(0, publish_call());
	assert!(rejected(chain.submit(&derivative, &patient).await).contains(not_allowed));
	let close = tx.council().close(
		Default::default(),
		0,
		runtime_types::sp_weights::weight_v2::Weight { ref_time: 1 << 40, proof_size: 0 },
		0,
	);
	assert!(rejected(chain.submit(&close, &patient).await).contains(not_allowed));
	let long = tx.utility().batch(publish_calls(17));
	assert!(rejected(chain.submit(&long, &patient).await).contains("too many calls"));
	let nested = tx
		.utility()
		.batch_all(vec![RuntimeCall::Utility(UtilityCall::batch { calls: vec![publish_call()] })]);
	assert!(rejected(chain.submit(&nested, &patient).await).contains("too many calls"));

	// M-5: a doctor's own session keys would pin its role.
	let keys = runtime_types::medchain_runtime::opaque::SessionKeys {
		aura: runtime_types::sp_consensus_aura::sr25519::app_sr25519::Public([1; 32]),
		grandpa: runtime_types::sp_consensus_grandpa::app::Public([1; 32]),
	};
	let set_keys = tx.session().set_keys(keys, vec![]);
	assert!(rejected(chain.submit(&set_keys, &doctor).await).contains(not_allowed));

	// C-1 through MedChain's own pallets: a patient's scope keys stop at the daily rotation
	// quota (32) and at the bound on scope keys (32).
	let first_keys = |categories: std::ops::Range<u16>| {
		let me = id(&patient);
		let calls = categories
			.map(|category| {
				RuntimeCall::Records(
					runtime_types::pallet_records::pallet::Call::rotate_scope_key {
						category,
						link: None,
						keys: runtime_types::bounded_collections::bounded_vec::BoundedVec(vec![(
							me,
							vec![7; 80],
						)]),
					},
				)
			})
			.collect::<Vec<_>>();
		tx.utility().batch_all(calls)
	};
	chain.submit(&first_keys(100..116), &patient).await.unwrap();
	chain.submit(&first_keys(116..132), &patient).await.unwrap();
	assert_eq!(refused(chain.submit(&first_keys(132..133), &patient).await), "TooManyScopes");
	let rotate = tx.records().rotate_scope_key(
		100,
		Some(vec![8; 72]),
		runtime_types::bounded_collections::bounded_vec::BoundedVec(vec![(
			id(&patient),
			vec![7; 80],
		)]),
	);
	assert_eq!(refused(chain.submit(&rotate, &patient).await), "RotationQuotaExhausted");
}

/// The weight (reference time) `who` used in the window of block `number`, read at that block.
async fn usage_at(chain: &Chain, who: &AccountId32, number: u64) -> u64 {
	let at = chain.api().at_block(number).await.unwrap();
	let window = (number - number % 10) as u32;
	let entry = at.storage().entry(runtime::storage().tx_gate().usage()).unwrap();
	match entry.try_fetch((window, *who)).await.unwrap() {
		Some(value) => value.decode().unwrap().weight,
		None => 0,
	}
}

#[tokio::test(flavor = "multi_thread")]
async fn a_flooding_patient_gets_a_bounded_share_and_governance_and_doctors_still_get_in() {
	let node = Node::dev("attack-flood");
	drop(node.client(Duration::from_secs(90)).await);
	let chain = Chain::connect(&node.rpc_url).await.unwrap();
	let (attacker, patient, doctor) =
		(account("//FloodPatient"), account("//FloodVictim"), account("//FloodDoctor"));
	register(&chain, &[&attacker, &patient], &[&doctor]).await;
	chain.records().grant(&patient, &id(&doctor), &[LAB], None).await.unwrap();
	let first = chain.api().at_current_block().await.unwrap().block_number();

	// The flood: batches of 16 cheap successful calls, with consecutive nonces, as fast as the
	// pool takes them, bounded to 1,500 transactions and one minute.
	let flood = tokio::spawn({
		let chain = chain.clone();
		let attacker = account("//FloodPatient");
		async move {
			let at = chain.api().at_current_block().await.unwrap();
			let mut nonce = at.transactions().account_nonce(&id(&attacker)).await.unwrap();
			let call = runtime::transactions().utility().batch_all(publish_calls(16));
			let (mut accepted, mut refused) = (0u32, 0u32);
			let start = Instant::now();
			for _ in 0..1_500 {
				if start.elapsed() > Duration::from_secs(60) {
					break;
				}
				let params = DefaultExtrinsicParamsBuilder::<Config>::new().nonce(nonce).build();
				let at = chain.api().at_current_block().await.unwrap();
				let signed =
					at.transactions().create_signed(&call, &attacker, params).await.unwrap();
				match signed.submit().await {
					Ok(_) => {
						accepted += 1;
						nonce += 1;
					},
					Err(_) => {
						refused += 1;
						tokio::time::sleep(Duration::from_millis(200)).await;
						let at = chain.api().at_current_block().await.unwrap();
						nonce = at.transactions().account_nonce(&id(&attacker)).await.unwrap();
					},
				}
			}
			(accepted, refused)
		}
	});

	// Meanwhile the council (Alice, alone on dev) passes a motion, and a doctor adds a record.
	tokio::time::sleep(Duration::from_secs(12)).await;
	let submitted = chain.api().at_current_block().await.unwrap().block_number();
	let alice = account("//Alice");
	let motion = RuntimeCall::Roles(RolesCall::rename_hospital {
		hospital: 0,
		name: runtime_types::bounded_collections::bounded_vec::BoundedVec(b"Renamed".to_vec()),
	});
	let (victim, first_cid) = (id(&patient), cid(1));
	let (council, record) = tokio::join!(
		chain.council().motion(&alice, motion),
		chain.records().add_record(&doctor, &victim, LAB, &first_cid),
	);
	council.expect("the council's motion gets in during the flood");
	record.expect("the doctor's record gets in during the flood");
	let landed = chain.api().at_current_block().await.unwrap().block_number();
	let (accepted, pool_refused) = flood.await.unwrap();
	let last = chain.api().at_current_block().await.unwrap().block_number();

	// The attacker's share of each block, from its budget usage at every block.
	let normal = {
		let at = chain.api().at_current_block().await.unwrap();
		let weights = at.constants().entry(runtime::constants().system().block_weights()).unwrap();
		weights.per_class.normal.max_total.unwrap().ref_time
	};
	let mut largest = 0f64;
	let mut total = 0u64;
	for number in first + 1..=last {
		let now = usage_at(&chain, &id(&attacker), number).await;
		let before =
			if number % 10 == 0 { 0 } else { usage_at(&chain, &id(&attacker), number - 1).await };
		let used = now.saturating_sub(before);
		total += used;
		largest = largest.max(used as f64 / normal as f64);
	}
	println!(
		"flood: {accepted} transactions accepted by the pool, {pool_refused} refused; blocks #{} to #{last}; \
		 largest share of a block's normal weight taken by the flooding account: {:.1} %; \
		 its share of all blocks: {:.2} %; the council motion and the doctor's record landed \
		 within {} blocks",
		first + 1,
		largest * 100.0,
		total as f64 / (normal as f64 * (last - first) as f64) * 100.0,
		landed - submitted,
	);
	assert!(accepted > 0, "the flood ran");
	assert!(largest <= 0.101, "one account took {:.1} % of a block", largest * 100.0);
	assert!(landed - submitted <= 6, "governance and doctors waited {} blocks", landed - submitted);
}

#[tokio::test(flavor = "multi_thread")]
async fn an_admin_reaches_only_its_own_hospital() {
	let node = Node::dev("attack-admin");
	drop(node.client(Duration::from_secs(90)).await);
	let chain = Chain::connect(&node.rpc_url).await.unwrap();
	let (alice, bob, patient) = (account("//Alice"), account("//Bob"), account("//AdminPatient"));
	register(&chain, &[&patient], &[]).await;
	// The council (Alice) registers hospital 1 with Bob as its admin.
	let hospital = RuntimeCall::Roles(RolesCall::register_hospital {
		name: runtime_types::bounded_collections::bounded_vec::BoundedVec(b"Other".to_vec()),
		admin: id(&bob),
	});
	chain.council().motion(&alice, hospital).await.unwrap();

	// H-1: Bob "assigns" Alice (admin of hospital 0) and the patient a role, then suspends.
	let roles = runtime::transactions().roles();
	for victim in [id(&alice), id(&patient)] {
		let staff = runtime_types::medchain_primitives::Role::Staff;
		let events = chain.submit(&roles.assign_role(1, victim, staff), &bob).await.unwrap();
		assert!(events.find_first::<runtime::roles::events::RoleOffered>().is_some());
		let suspend = roles.suspend_affiliation(1, victim);
		assert_eq!(refused(chain.submit(&suspend, &bob).await), "RoleNotHeld");
		// Suspending everywhere is the council's alone.
		assert!(chain.submit(&roles.suspend(victim), &bob).await.is_err());
	}
	// Both still act: Alice registers a patient, the patient publishes a key.
	let newcomer = account("//AdminNewcomer");
	chain.submit(&roles.register_patient(0, id(&newcomer)), &alice).await.unwrap();
	publish_key(&chain, &patient).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn keys_follow_consent() {
	let node = Node::dev("attack-keys");
	drop(node.client(Duration::from_secs(90)).await);
	let chain = Chain::connect(&node.rpc_url).await.unwrap();
	let (patient, doctor, short, shorter, stranger) = (
		account("//KeysPatient"),
		account("//KeysDoctor"),
		account("//KeysShortDoctor"),
		account("//KeysShorterDoctor"),
		account("//KeysStranger"),
	);
	register(&chain, &[&patient, &stranger], &[&doctor, &short, &shorter]).await;
	chain.records().grant(&patient, &id(&doctor), &[LAB], None).await.unwrap();
	let now = chain.api().at_current_block().await.unwrap().block_number() as u32;
	chain.records().grant(&patient, &id(&short), &[LAB], Some(now + 10)).await.unwrap();
	chain.records().grant(&patient, &id(&shorter), &[LAB], Some(now + 10)).await.unwrap();
	chain.records().add_record(&doctor, &id(&patient), LAB, &cid(1)).await.unwrap();

	// The grants expire; the ex-grantees still hold the current key, so nothing new is written
	// under it.
	let expired = now + 11;
	while (chain.api().at_current_block().await.unwrap().block_number() as u32) <= expired {
		tokio::time::sleep(Duration::from_secs(3)).await;
	}
	match chain.records().add_record(&doctor, &id(&patient), LAB, &cid(2)).await {
		Err(RecordsError::Chain(error)) => {
			assert_eq!(error.pallet_error(), Some("RotationPending"))
		},
		other => panic!("expected RotationPending, got {other:?}"),
	}
	assert!(
		chain.records().held_key(&short, &id(&patient), LAB).await.unwrap().is_none(),
		"no key for the expired"
	);

	// Anyone may prune an expired grant; no one but the patient ends a live one.
	let records = runtime::transactions().records();
	let live = records.prune_expired_grant(id(&patient), id(&doctor));
	assert_eq!(refused(chain.submit(&live, &stranger).await), "ConsentLive");
	let prune = records.prune_expired_grant(id(&patient), id(&shorter));
	let events = chain.submit(&prune, &stranger).await.unwrap();
	assert!(events.find_first::<runtime::records::events::ConsentPruned>().is_some());

	// The patient revokes the other expired grantee: the new key goes to the live holders only
	// (the chain would refuse one for an ex-grantee), and the doctor writes again.
	let revoked = chain.records().revoke(&patient, &id(&short)).await.unwrap();
	assert!(revoked.find_first::<runtime::records::events::ScopeKeyRotated>().is_some());
	chain.records().add_record(&doctor, &id(&patient), LAB, &cid(3)).await.unwrap();
	let holders = chain.records().key_holders(&id(&patient), LAB).await.unwrap();
	assert_eq!(holders.len(), 2, "the patient and the live doctor: {holders:?}");
	assert!(!holders.contains(&id(&short)) && !holders.contains(&id(&shorter)));
}

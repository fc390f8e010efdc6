//! The chain: a real `medchain-node --dev` on this machine, and the 4-hospital `local` network
//! of four validator nodes, driven with pre-signed transactions of many accounts and counted
//! from their finalized blocks and the blocks' timestamps.
//!
//! Set-up (through the same client library the `medchain` CLI uses): on the dev chain a
//! second hospital registered by the sudo key, so that the per-hospital block share is not
//! what binds (on `local`, the preset's four hospitals); doctors and patients registered in
//! batches by the hospitals' admins; every account's encryption key published; every patient
//! granting one doctor consent for one category. Then, each run from the start of a budget
//! window so that no account's window budget binds:
//! 1. submit → in block → finalized latency of single `add_record`s sent at random moments;
//! 2. throughput of the floor (`roles.set_encryption_key`, the cheapest call a user may send),
//!    `add_record`, and on the dev chain co-signed updates and grants (as the CLI sends them),
//!    all signed before the run starts and sent as fast as the nodes take them.

use futures::{stream, StreamExt};
use jsonrpsee::{core::client::ClientT, rpc_params, ws_client::WsClient};
use medchain_client::{
	chain::{
		runtime::{self, runtime_types},
		Chain, Config, RuntimeCall,
	},
	keys::Account,
	records::update_to,
	roles::Roles,
	storage::{ContentStore, Storage},
};
use medchain_test_node::Node;
use std::{
	collections::HashMap,
	time::{Duration, Instant},
};
use subxt::{
	client::OnlineClientAtBlockImpl,
	config::SubstrateExtrinsicParamsBuilder,
	transactions::{Payload, SubmittableTransaction},
};

type Tx = SubmittableTransaction<Config, OnlineClientAtBlockImpl<Config>>;

/// The floor run's name: the cheapest call a user may send.
pub const FLOOR: &str = "floor (set_encryption_key)";
/// The `add_record` run's name.
pub const ADD: &str = "add_record";

/// The category every bench record and grant uses.
const CATEGORY: u16 = 1;
/// Blocks a pre-signed transaction stays valid for.
const MORTALITY: u64 = 256;
/// Requests in flight to the node at once.
const IN_FLIGHT: usize = 256;

/// How much each measurement does.
struct Plan {
	/// Doctors, and as many patients (doctor `i` writes for patient `i`), over two hospitals.
	doctors: usize,
	floor_per_account: usize,
	adds_per_doctor: usize,
	updates_per_doctor: usize,
	grants_per_patient: usize,
	latency_samples: usize,
	latency_spread: Duration,
	rotations: usize,
	/// `record add` and `record get` of 1 MiB through a storage daemon.
	end_to_end_adds: usize,
	end_to_end_gets: usize,
	/// Wait for a fresh budget window before each run.
	fresh_window: bool,
}

impl Plan {
	fn new(smoke: bool) -> Self {
		if smoke {
			Plan {
				doctors: 4,
				floor_per_account: 5,
				adds_per_doctor: 5,
				updates_per_doctor: 2,
				grants_per_patient: 2,
				latency_samples: 4,
				latency_spread: Duration::from_secs(6),
				rotations: 2,
				end_to_end_adds: 2,
				end_to_end_gets: 3,
				fresh_window: false,
			}
		} else {
			Plan {
				doctors: 64,
				floor_per_account: 100,
				adds_per_doctor: 40,
				updates_per_doctor: 20,
				// Enough to fill more than a block: 64 × 30 grants.
				grants_per_patient: 30,
				latency_samples: 40,
				latency_spread: Duration::from_secs(60),
				rotations: 8,
				end_to_end_adds: 10,
				end_to_end_gets: 30,
				fresh_window: true,
			}
		}
	}
}

/// One block of a throughput run.
pub struct BlockCount {
	pub number: u64,
	/// The run's transactions in it.
	pub count: usize,
	/// Its normal-class weight (reference time), in µs.
	pub weight_us: f64,
}

/// One throughput run.
pub struct Run {
	pub name: &'static str,
	/// Transactions signed and sent.
	pub submitted: usize,
	/// Sent transactions the node refused at once (the first refusal is kept).
	pub refused: usize,
	pub first_refusal: Option<String>,
	/// Included and successful (counted by their event).
	pub included: usize,
	/// Included but failed (`System.ExtrinsicFailed`).
	pub failed: usize,
	/// The blocks from the first to the last that held one of the run's transactions.
	pub blocks: Vec<BlockCount>,
	/// From the timestamp of the block before the first to that of the last.
	pub seconds: f64,
	/// Mean encoded size of one transaction, in bytes.
	pub bytes: usize,
}

impl Run {
	pub fn per_second(&self) -> f64 {
		if self.seconds > 0.0 {
			self.included as f64 / self.seconds
		} else {
			0.0
		}
	}

	pub fn most_per_block(&self) -> usize {
		self.blocks.iter().map(|block| block.count).max().unwrap_or(0)
	}

	/// The fullest block's normal-class weight as a share of `max_normal_us`, the most a
	/// block may hold.
	pub fn fullest_weight(&self, max_normal_us: f64) -> f64 {
		let fullest = self.blocks.iter().map(|block| block.weight_us).fold(0.0, f64::max);
		fullest / max_normal_us
	}

	/// The weight the chain charged per transaction of the run (its blocks' normal-class
	/// weight over their count), in µs.
	pub fn weight_per_transaction(&self) -> f64 {
		let weight: f64 = self.blocks.iter().map(|block| block.weight_us).sum();
		weight / self.included.max(1) as f64
	}
}

/// Submit → in block and submit → finalized of single transactions, in seconds, sorted.
pub struct Latency {
	pub in_block: Vec<f64>,
	pub finalized: Vec<f64>,
}

/// Bytes of chain state (keys plus values under the records pallet's prefix) that one item
/// added, measured as the difference before and after a run.
pub struct StateCost {
	pub item: &'static str,
	/// Items the run added.
	pub items: usize,
	/// The pallet's keys after the run.
	pub keys: usize,
	pub bytes_per_item: f64,
}

/// Everything the chain part measured.
pub struct ChainFigures {
	pub doctors: usize,
	pub hospitals: usize,
	pub block_seconds: f64,
	/// The most normal-class weight a block may hold (reference time), in µs.
	pub max_normal_us: f64,
	pub latency: Latency,
	pub runs: Vec<Run>,
	/// The grants' encoded size and weight by the number of records the granting patient had.
	pub grant_sizes: Vec<GrantSize>,
	pub state: Vec<StateCost>,
	pub end_to_end: EndToEnd,
}

/// `record add` (encrypt, upload, add, finalized) and `record get` (fetch, verify, decrypt)
/// of one record through a local storage daemon, in seconds, sorted.
pub struct EndToEnd {
	pub size: u64,
	pub add: Vec<f64>,
	pub get: Vec<f64>,
}

/// The grants of patients with `records` records.
pub struct GrantSize {
	/// Where the patients' records came from: the throughput run, or genesis state.
	pub source: &'static str,
	pub records: usize,
	pub grants: usize,
	/// Smallest and largest encoded extrinsic, in bytes.
	pub bytes: (usize, usize),
	/// Smallest and largest weight the chain charged (reference time, µs).
	pub weight_us: (f64, f64),
}

/// The people of the run: doctor `i` writes for patient `i`.
struct Cohort {
	doctors: Vec<Account>,
	patients: Vec<Account>,
}

pub(crate) fn err(context: &str) -> impl Fn(&dyn std::fmt::Display) -> String + '_ {
	move |e| format!("{context}: {e}")
}

/// The runtime's constants the runs need.
struct Constants {
	block_seconds: f64,
	/// Blocks in a budget window.
	window: u64,
	/// The most normal-class weight a block may hold (reference time), in µs.
	max_normal_us: f64,
}

impl Constants {
	async fn read(chain: &Chain) -> Result<Self, String> {
		let at = chain.at().await.map_err(|e| err("chain")(&e))?;
		let constants = at.constants();
		let constant = err("constant");
		let period = runtime::constants().timestamp().minimum_period();
		let millis = constants.entry(period).map_err(|e| constant(&e))?;
		let length = runtime::constants().tx_gate().window_length();
		let window = constants.entry(length).map_err(|e| constant(&e))?;
		let weights = runtime::constants().system().block_weights();
		let weights = constants.entry(weights).map_err(|e| constant(&e))?;
		let max = weights.per_class.normal.max_total.unwrap_or(weights.max_block);
		Ok(Constants {
			block_seconds: 2.0 * millis as f64 / 1000.0,
			window: window as u64,
			max_normal_us: max.ref_time as f64 / 1e6,
		})
	}
}

/// Node arguments that let its transaction pool hold a whole run of `plan` at once.
fn pool_args(plan: &Plan) -> Vec<String> {
	let total = plan.doctors * 2 * plan.floor_per_account;
	let pool = (total * 2).max(8192).to_string();
	["--pool-limit", &pool, "--pool-kbytes", "204800"].map(String::from).to_vec()
}

/// The floor run: every account sets its encryption key, `floor_per_account` times.
fn floor_calls<'a>(cohort: &'a Cohort, plan: &Plan) -> Vec<(&'a Account, impl Payload + use<'a>)> {
	cohort
		.doctors
		.iter()
		.chain(&cohort.patients)
		.flat_map(|account| (0..plan.floor_per_account).map(move |_| publish_key(account)))
		.collect()
}

/// `account` publishes its encryption key: the floor call, and each account's first step.
pub(crate) fn publish_key(account: &Account) -> (&Account, impl Payload + use<'_>) {
	let key = account.encryption().public_key();
	(account, runtime::transactions().roles().set_encryption_key(key))
}

/// The `add_record` run: each doctor writes `adds_per_doctor` records for its patient (every
/// eighth patient gets a single record, for the grants' sizes), CIDs numbered from `fill` on.
fn add_calls<'a>(
	cohort: &'a Cohort,
	plan: &Plan,
	fill: &mut u64,
) -> Vec<(&'a Account, impl Payload + use<'a>)> {
	let mut calls = Vec::new();
	for (i, (doctor, patient)) in cohort.doctors.iter().zip(&cohort.patients).enumerate() {
		let adds = if i % 8 == 0 { 1 } else { plan.adds_per_doctor };
		for _ in 0..adds {
			*fill += 1;
			let call = runtime::transactions().records().add_record(
				patient.account_id(),
				cid(*fill),
				CATEGORY,
			);
			calls.push((doctor, call));
		}
	}
	calls
}

/// Start a dev node, set up the cohort, and measure.
pub async fn measure(smoke: bool) -> Result<ChainFigures, String> {
	let plan = Plan::new(smoke);
	let mut args = vec!["--dev".to_owned(), "--tmp".to_owned()];
	args.extend(pool_args(&plan));
	let node = Node::start("bench", args);
	let rpc = node.client(Duration::from_secs(120)).await;
	let rpcs = std::slice::from_ref(&rpc);
	let chain = Chain::connect(&node.rpc_url).await.map_err(|e| err("connect")(&e))?;
	let Constants { block_seconds, window, max_normal_us } = Constants::read(&chain).await?;

	// The founding hospital (Alice's) and a second one the sudo key registers.
	let alice = Account::from_uri("//Alice").expect("a valid secret URI");
	let admin = account("admin", 1);
	let register = Roles::register_hospital_call("MedChain bench hospital", admin.account_id());
	let events = chain
		.submit(&runtime::transactions().sudo().sudo(register), &alice)
		.await
		.map_err(|e| err("register a hospital")(&e))?;
	let second = Roles::registered_hospital(&events).map_err(|e| err("hospital")(&e))?;
	let hospitals = [(0u32, alice), (second, admin)];
	println!("chain: setting up {} doctors and {} patients", plan.doctors, plan.doctors);
	let cohort = set_up(&chain, &rpc, &plan, &hospitals).await?;

	fresh_window(&rpc, &plan, window).await?;
	println!("chain: latency of {} single add_record", plan.latency_samples);
	let latency = latency(&chain, &rpc, &cohort, &plan).await?;

	println!("chain: record add and record get of 1 MiB through a storage daemon");
	let end_to_end = end_to_end(&chain, &node.rpc_url, &cohort, &plan).await?;

	let mut runs = Vec::new();
	fresh_window(&rpc, &plan, window).await?;
	let floor = floor_calls(&cohort, &plan);
	runs.push(throughput(&chain, rpcs, &|_| 0, FLOOR, floor, ("Roles", "EncryptionKeySet")).await?);

	fresh_window(&rpc, &plan, window).await?;
	let mut fill = 0u64;
	let adds = add_calls(&cohort, &plan, &mut fill);
	let before = records_state(&rpc).await?;
	let run = throughput(&chain, rpcs, &|_| 0, ADD, adds, ("Records", "RecordAdded")).await?;
	let mut state = vec![state_cost("record", run.included, before, records_state(&rpc).await?)];
	let mut added: HashMap<[u8; 32], Vec<u64>> = HashMap::new();
	for block in &run.blocks {
		let at = chain.api().at_block(block.number).await.map_err(|e| err("block")(&e))?;
		let events = at.events().fetch().await.map_err(|e| err("events")(&e))?;
		for event in events.find::<runtime::records::events::RecordAdded>().flatten() {
			added.entry(event.patient.0).or_default().push(event.record);
		}
	}
	runs.push(run);

	fresh_window(&rpc, &plan, window).await?;
	let mut updates = Vec::new();
	for (doctor, patient) in cohort.doctors.iter().zip(&cohort.patients) {
		let records = added.get(&patient.account_id().0).cloned().unwrap_or_default();
		let changes: Vec<_> = records
			.into_iter()
			.take(plan.updates_per_doctor)
			.map(|record| {
				fill += 1;
				let cid = cid::Cid::try_from(cid(fill)).expect("a well-formed CID");
				(record, update_to(&cid))
			})
			.collect();
		let signed = chain
			.records()
			.cosign_all(patient, &doctor.account_id(), changes, MORTALITY as u32)
			.await
			.map_err(|e| err("co-sign")(&e))?;
		for cosignature in signed {
			let signature =
				runtime_types::sp_runtime::MultiSignature::Sr25519(cosignature.signature);
			let call =
				runtime::transactions().records().cosigned_change(cosignature.payload, signature);
			updates.push((doctor, call));
		}
	}
	runs.push(
		throughput(&chain, rpcs, &|_| 0, "co-signed update", updates, ("Records", "RecordUpdated"))
			.await?,
	);

	fresh_window(&rpc, &plan, window).await?;
	let mut grants = Vec::new();
	for (i, patient) in cohort.patients.iter().enumerate() {
		for k in 1..=plan.grants_per_patient.min(plan.doctors - 1) {
			let grantee = &cohort.doctors[(i + k) % plan.doctors];
			grants.push((patient, grant(&chain, patient, grantee).await?));
		}
	}
	let before = records_state(&rpc).await?;
	let run =
		throughput(&chain, rpcs, &|_| 0, "grant", grants, ("Records", "ConsentGranted")).await?;
	state.push(state_cost("grant", run.included, before, records_state(&rpc).await?));
	let record_counts: HashMap<[u8; 32], usize> =
		added.iter().map(|(patient, records)| (*patient, records.len())).collect();
	let grant_sizes = grant_sizes(&chain, &run, &record_counts, "throughput run").await?;
	runs.push(run);

	// Epochs: patients rotate their key (as `medchain consent rotate` does) for their holders.
	let rotating = &cohort.patients[..plan.rotations.min(cohort.patients.len())];
	println!("chain: {} key rotations", rotating.len());
	let before = records_state(&rpc).await?;
	let rotated = futures::future::join_all(
		rotating.iter().map(|patient| chain.records().rotate(patient, CATEGORY)),
	)
	.await;
	if let Some(error) = rotated.into_iter().find_map(Result::err) {
		return Err(format!("rotation: {error}"));
	}
	state.push(state_cost("epoch", rotating.len(), before, records_state(&rpc).await?));

	Ok(ChainFigures {
		doctors: plan.doctors,
		hospitals: hospitals.len(),
		block_seconds,
		max_normal_us,
		latency,
		runs,
		grant_sizes,
		state,
		end_to_end,
	})
}

/// What the bench measures on the 4-hospital `local` network.
pub struct LocalFigures {
	pub hospitals: usize,
	pub doctors: usize,
	pub block_seconds: f64,
	/// The most normal-class weight a block may hold (reference time), in µs.
	pub max_normal_us: f64,
	pub latency: Latency,
	/// The floor and `add_record`.
	pub runs: Vec<Run>,
}

/// Start the four hospitals' validators of the `local` chain (each with its own base path,
/// keys and pool, peers over loopback), set up the cohort through the four hospitals' admins,
/// and measure latency and the throughput of `add_record` against the floor. Each doctor's
/// transactions go to its own hospital's node, as a hospital's software sends them.
pub async fn measure_local(smoke: bool) -> Result<LocalFigures, String> {
	let plan = Plan::new(smoke);
	let base = tempfile::tempdir().map_err(|e| err("temporary folder")(&e))?;
	let (nodes, _) =
		Node::local_network(base.path(), Duration::from_secs(180), &pool_args(&plan)).await;
	let mut rpcs = Vec::new();
	for node in &nodes {
		rpcs.push(node.client(Duration::from_secs(60)).await);
	}
	let chain = Chain::connect(&nodes[0].rpc_url).await.map_err(|e| err("connect")(&e))?;
	let Constants { block_seconds, window, max_normal_us } = Constants::read(&chain).await?;
	let hospitals: Vec<(u32, Account)> = medchain_test_node::LOCAL_KEYS
		.iter()
		.enumerate()
		.map(|(i, uri)| (i as u32, Account::from_uri(uri).expect("a valid secret URI")))
		.collect();
	println!("local: setting up {} doctors and {} patients", plan.doctors, plan.doctors);
	let cohort = set_up(&chain, &rpcs[0], &plan, &hospitals).await?;
	// Doctor and patient `i` belong to hospital `i % 4` (as `set_up` registers them).
	let homes: HashMap<[u8; 32], usize> = cohort
		.doctors
		.iter()
		.enumerate()
		.chain(cohort.patients.iter().enumerate())
		.map(|(i, account)| (account.account_id().0, i % hospitals.len()))
		.collect();
	let home = |account: &Account| homes.get(&account.account_id().0).copied().unwrap_or(0);

	fresh_window(&rpcs[0], &plan, window).await?;
	println!("local: latency of {} single add_record", plan.latency_samples);
	let latency = latency(&chain, &rpcs[0], &cohort, &plan).await?;

	let mut runs = Vec::new();
	fresh_window(&rpcs[0], &plan, window).await?;
	let floor = floor_calls(&cohort, &plan);
	runs.push(throughput(&chain, &rpcs, &home, FLOOR, floor, ("Roles", "EncryptionKeySet")).await?);
	fresh_window(&rpcs[0], &plan, window).await?;
	let adds = add_calls(&cohort, &plan, &mut 0);
	runs.push(throughput(&chain, &rpcs, &home, ADD, adds, ("Records", "RecordAdded")).await?);
	drop(nodes);
	Ok(LocalFigures {
		hospitals: hospitals.len(),
		doctors: plan.doctors,
		block_seconds,
		max_normal_us,
		latency,
		runs,
	})
}

/// A binary CIDv1 (raw codec, SHA2-256) unique to `n`.
pub(crate) fn cid(n: u64) -> Vec<u8> {
	use sha2::Digest;
	let digest = sha2::Sha256::digest(n.to_le_bytes());
	let hash = cid::multihash::Multihash::<64>::wrap(0x12, &digest).expect("32 bytes fit");
	cid::Cid::new_v1(0x55, hash).to_bytes()
}

/// The bench's accounts, from secret URIs of their own.
pub(crate) fn account(kind: &str, i: usize) -> Account {
	Account::from_uri(&format!("//MedChainBench//{kind}//{i}")).expect("a valid secret URI")
}

/// Register the doctors and patients (spread over `hospitals`, each registering its share
/// through its admin), their keys, and one grant each.
async fn set_up(
	chain: &Chain,
	rpc: &WsClient,
	plan: &Plan,
	hospitals: &[(u32, Account)],
) -> Result<Cohort, String> {
	let doctors: Vec<Account> = (0..plan.doctors).map(|i| account("doctor", i)).collect();
	let patients: Vec<Account> = (0..plan.doctors).map(|i| account("patient", i)).collect();

	// The admins register their halves, 16 calls to a batch (the chain's limit).
	let mut batches = Vec::new();
	for (h, (hospital, admin)) in hospitals.iter().enumerate() {
		let calls: Vec<RuntimeCall> = (h..plan.doctors)
			.step_by(hospitals.len())
			.flat_map(|i| {
				use runtime_types::{medchain_primitives::Role, pallet_roles::pallet::Call};
				[
					RuntimeCall::Roles(Call::assign_role {
						hospital: *hospital,
						account: doctors[i].account_id(),
						role: Role::Doctor,
					}),
					RuntimeCall::Roles(Call::register_patient {
						hospital: *hospital,
						account: patients[i].account_id(),
					}),
				]
			})
			.collect();
		let mut calls = calls.into_iter().peekable();
		while calls.peek().is_some() {
			let chunk: Vec<RuntimeCall> = calls.by_ref().take(16).collect();
			batches.push((admin, runtime::transactions().utility().batch_all(chunk)));
		}
	}
	submit_all(chain, rpc, "set-up: registrations", batches, ("Utility", "BatchCompleted")).await?;

	let keys: Vec<_> = doctors.iter().chain(&patients).map(publish_key).collect();
	submit_all(chain, rpc, "set-up: encryption keys", keys, ("Roles", "EncryptionKeySet")).await?;

	let mut grants = Vec::new();
	for (doctor, patient) in doctors.iter().zip(&patients) {
		grants.push((patient, grant(chain, patient, doctor).await?));
	}
	submit_all(chain, rpc, "set-up: grants", grants, ("Records", "ConsentGranted")).await?;
	Ok(Cohort { doctors, patients })
}

/// `patient`'s grant of consent for the bench's category to `doctor`, as the CLI sends it (a
/// `utility.batch_all`, with the first scope key of the category if there is none yet).
pub(crate) async fn grant(
	chain: &Chain,
	patient: &Account,
	doctor: &Account,
) -> Result<impl Payload + use<>, String> {
	let key = doctor.encryption().public_key();
	let calls = chain
		.records()
		.grant_calls(patient, &doctor.account_id(), &key, &[CATEGORY], None)
		.await
		.map_err(|e| err("grant")(&e))?;
	Ok(runtime::transactions().utility().batch_all(calls))
}

/// Sign every `(signer, call)` with consecutive nonces per signer, mortal from the finalized
/// head.
async fn sign_all<C: Payload>(chain: &Chain, calls: &[(&Account, C)]) -> Result<Vec<Tx>, String> {
	let at = chain.at().await.map_err(|e| err("chain")(&e))?;
	let (number, hash) = (at.block_number(), at.block_hash());
	let mut nonces: HashMap<[u8; 32], u64> = HashMap::new();
	let mut signed = Vec::with_capacity(calls.len());
	for (signer, call) in calls {
		let id = signer.account_id();
		let nonce = match nonces.get(&id.0) {
			Some(nonce) => *nonce,
			None => at.transactions().account_nonce(&id).await.map_err(|e| err("nonce")(&e))?,
		};
		nonces.insert(id.0, nonce + 1);
		let params = SubstrateExtrinsicParamsBuilder::<Config>::new()
			.nonce(nonce)
			.mortal_from_unchecked(MORTALITY, number, hash)
			.build();
		let mut signable = at
			.transactions()
			.create_signable_offline(call, params)
			.map_err(|e| err("build a transaction")(&e))?;
		signed.push(signable.sign(*signer).map_err(|e| err("sign")(&e))?);
	}
	Ok(signed)
}

/// Sign and send `calls`, and wait until each is in a finalized block with its `event`.
pub(crate) async fn submit_all<C: Payload>(
	chain: &Chain,
	rpc: &WsClient,
	what: &'static str,
	calls: Vec<(&Account, C)>,
	event: (&str, &str),
) -> Result<(), String> {
	let run = throughput(chain, std::slice::from_ref(rpc), &|_| 0, what, calls, event).await?;
	if run.included == run.submitted {
		Ok(())
	} else {
		Err(format!(
			"{what}: {} of {} went through ({} refused: {}; {} failed)",
			run.included,
			run.submitted,
			run.refused,
			run.first_refusal.unwrap_or_default(),
			run.failed
		))
	}
}

/// Keys and bytes (keys plus values) under the records pallet's storage prefix, at the best
/// block.
async fn records_state(rpc: &WsClient) -> Result<(usize, usize), String> {
	state_under(rpc, &sp_crypto_hashing::twox_128(b"Records")).await
}

/// Keys and bytes (keys plus values) under the storage prefix `prefix`, at the best block.
pub(crate) async fn state_under(rpc: &WsClient, prefix: &[u8]) -> Result<(usize, usize), String> {
	const PAGE: usize = 1000;
	let prefix = format!("0x{}", hex::encode(prefix));
	let hex_bytes = |text: &str| text.len().saturating_sub(2) / 2;
	let (mut keys, mut bytes) = (0, 0);
	let mut start: Option<String> = None;
	loop {
		let page: Vec<String> = rpc
			.request("state_getKeysPaged", rpc_params![&prefix, PAGE, start.clone()])
			.await
			.map_err(|e| err("state keys")(&e))?;
		if page.is_empty() {
			break;
		}
		let sets: Vec<serde_json::Value> = rpc
			.request("state_queryStorageAt", rpc_params![&page])
			.await
			.map_err(|e| err("state values")(&e))?;
		for set in &sets {
			for change in set["changes"].as_array().into_iter().flatten() {
				let key = change[0].as_str().unwrap_or_default();
				let value = change[1].as_str().unwrap_or_default();
				bytes += hex_bytes(key) + hex_bytes(value);
			}
		}
		keys += page.len();
		if page.len() < PAGE {
			break;
		}
		start = page.last().cloned();
	}
	Ok((keys, bytes))
}

fn state_cost(
	item: &'static str,
	items: usize,
	(_, before): (usize, usize),
	(keys, after): (usize, usize),
) -> StateCost {
	let bytes_per_item = after.saturating_sub(before) as f64 / items.max(1) as f64;
	StateCost { item, items, keys, bytes_per_item }
}

/// The best block's number.
async fn best_number(rpc: &WsClient) -> Result<u64, String> {
	let header: serde_json::Value =
		rpc.request("chain_getHeader", rpc_params![]).await.map_err(|e| err("header")(&e))?;
	Ok(medchain_test_node::header_number(&header))
}

/// If the plan asks for it, wait until the best block is the last of a budget window, so that
/// what is sent next lands in a fresh window.
async fn fresh_window(rpc: &WsClient, plan: &Plan, window: u64) -> Result<(), String> {
	if !plan.fresh_window {
		return Ok(());
	}
	let deadline = Instant::now() + Duration::from_secs(window * 12 + 30);
	while best_number(rpc).await? % window != window - 1 {
		if Instant::now() > deadline {
			return Err("the chain stopped producing blocks".into());
		}
		tokio::time::sleep(Duration::from_millis(200)).await;
	}
	Ok(())
}

/// Sign `calls`, send them all as fast as the nodes take them (each to the node `home` names
/// for its signer, of `rpcs`), and count them (by their `event`) in the finalized blocks that
/// follow.
pub(crate) async fn throughput<C: Payload>(
	chain: &Chain,
	rpcs: &[WsClient],
	home: &dyn Fn(&Account) -> usize,
	name: &'static str,
	calls: Vec<(&Account, C)>,
	event: (&str, &str),
) -> Result<Run, String> {
	let signed = sign_all(chain, &calls).await?;
	let submitted = signed.len();
	let bytes = signed.iter().map(|tx| tx.encoded().len()).sum::<usize>() / submitted.max(1);
	let start = chain.finalized_number().await.map_err(|e| err("chain")(&e))? as u64;
	println!("chain: {name}: sending {submitted} signed transactions");
	let nodes: Vec<&WsClient> =
		calls.iter().map(|(signer, _)| &rpcs[home(signer) % rpcs.len()]).collect();
	let refusals: Vec<String> = stream::iter(signed.into_iter().zip(nodes))
		.map(|(tx, rpc)| async move {
			let hex = format!("0x{}", hex::encode(tx.encoded()));
			rpc.request::<String, _>("author_submitExtrinsic", rpc_params![hex]).await.err()
		})
		.buffer_unordered(IN_FLIGHT)
		.filter_map(|refusal| async move { refusal.map(|e| e.to_string()) })
		.collect()
		.await;
	let expected = submitted - refusals.len();

	// Every finalized block from `start` on: (number, timestamp, the run's count, weight).
	let mut seen = vec![(start, block_facts(chain, start, event).await?.0, 0, 0.0)];
	let mut failed = 0;
	let included = |seen: &[(u64, u64, usize, f64)]| seen.iter().map(|b| b.2).sum::<usize>();
	let quiet = |seen: &[(u64, u64, usize, f64)]| {
		let started = seen.iter().any(|b| b.2 > 0);
		if started {
			seen.iter().rev().take_while(|b| b.2 == 0).count()
		} else {
			0
		}
	};
	// Bounded: at most this long, or three finalized blocks without any of the run's
	// transactions once some were in.
	let deadline = Instant::now() + Duration::from_secs(120 + expected as u64 / 20);
	while included(&seen) + failed < expected && quiet(&seen) < 3 && Instant::now() < deadline {
		let next = seen.last().map_or(start, |b| b.0) + 1;
		let head = chain.finalized_number().await.map_err(|e| err("chain")(&e))? as u64;
		if next > head {
			tokio::time::sleep(Duration::from_millis(500)).await;
			continue;
		}
		let (timestamp, count, failures, weight) = block_facts(chain, next, event).await?;
		failed += failures;
		seen.push((next, timestamp, count, weight as f64 / 1e6));
	}
	let first = seen.iter().position(|b| b.2 > 0);
	let last = seen.iter().rposition(|b| b.2 > 0);
	let (blocks, seconds) = match (first, last) {
		(Some(first), Some(last)) => (
			seen[first..=last]
				.iter()
				.map(|b| BlockCount { number: b.0, count: b.2, weight_us: b.3 })
				.collect(),
			// `first` is at least 1: `seen` starts with the block before the run.
			(seen[last].1 - seen[first - 1].1) as f64 / 1e3,
		),
		_ => (Vec::new(), 0.0),
	};
	let run = Run {
		name,
		submitted,
		refused: refusals.len(),
		first_refusal: refusals.into_iter().next(),
		included: included(&seen),
		failed,
		blocks,
		seconds,
		bytes,
	};
	println!(
		"chain: {name}: {} of {submitted} in {} blocks, {:.0}/s ({} refused, {} failed)",
		run.included,
		run.blocks.len(),
		run.per_second(),
		run.refused,
		run.failed
	);
	if let Some(refusal) = &run.first_refusal {
		println!("chain: {name}: first refusal: {refusal}");
	}
	Ok(run)
}

/// Block `number`'s timestamp (ms), how many `event`s and failed extrinsics it has, and its
/// normal-class weight (reference time).
async fn block_facts(
	chain: &Chain,
	number: u64,
	event: (&str, &str),
) -> Result<(u64, usize, usize, u64), String> {
	let at = chain.api().at_block(number).await.map_err(|e| err("block")(&e))?;
	let events = at.events().fetch().await.map_err(|e| err("events")(&e))?;
	let (mut count, mut failed) = (0, 0);
	for details in events.iter().flatten() {
		let names = (details.pallet_name(), details.event_name());
		if names == event {
			count += 1;
		} else if names == ("System", "ExtrinsicFailed") {
			failed += 1;
		}
	}
	let timestamp = at
		.storage()
		.entry(runtime::storage().timestamp().now())
		.map_err(|e| err("storage")(&e))?
		.try_fetch(())
		.await
		.map_err(|e| err("timestamp")(&e))?
		.ok_or("a block without a timestamp")?
		.decode()
		.map_err(|e| err("timestamp")(&e))?;
	let weight = match at
		.storage()
		.entry(runtime::storage().system().block_weight())
		.map_err(|e| err("storage")(&e))?
		.try_fetch(())
		.await
		.map_err(|e| err("block weight")(&e))?
	{
		Some(value) => value.decode().map_err(|e| err("block weight")(&e))?.normal.ref_time,
		None => 0,
	};
	Ok((timestamp, count, failed, weight))
}

/// For each extrinsic of the block that granted consent: the granting patient, the
/// extrinsic's encoded size and the weight the chain charged for it (µs).
async fn granted_weights(
	at: &subxt::client::ClientAtBlock<Config, OnlineClientAtBlockImpl<Config>>,
	events: &subxt::events::Events<Config>,
) -> Result<Vec<([u8; 32], usize, f64)>, String> {
	use runtime::{records::events::ConsentGranted, system::events::ExtrinsicSuccess};
	let mut granted = HashMap::new();
	let mut weights = HashMap::new();
	for event in events.iter().flatten() {
		let subxt::events::Phase::ApplyExtrinsic(index) = event.phase() else { continue };
		if let Some(Ok(grant)) = event.decode_fields_as::<ConsentGranted>() {
			granted.insert(index, grant.patient.0);
		}
		if let Some(Ok(success)) = event.decode_fields_as::<ExtrinsicSuccess>() {
			weights.insert(index, success.dispatch_info.weight.ref_time as f64 / 1e6);
		}
	}
	if granted.is_empty() {
		return Ok(Vec::new());
	}
	let extrinsics = at.extrinsics().fetch().await.map_err(|e| err("extrinsics")(&e))?;
	let mut out = Vec::new();
	for extrinsic in extrinsics.iter().flatten() {
		let index = extrinsic.index() as u32;
		if let (Some(patient), Some(weight)) = (granted.remove(&index), weights.get(&index)) {
			out.push((patient, extrinsic.bytes().len(), *weight));
		}
	}
	Ok(out)
}

/// The sizes and weights of the grants in `run`'s blocks, grouped by the granting patient's
/// record count (from `records`); `source` says where the patients' records came from.
pub(crate) async fn grant_sizes(
	chain: &Chain,
	run: &Run,
	records: &HashMap<[u8; 32], usize>,
	source: &'static str,
) -> Result<Vec<GrantSize>, String> {
	let mut granted = Vec::new();
	for block in &run.blocks {
		let at = chain.api().at_block(block.number).await.map_err(|e| err("block")(&e))?;
		let events = at.events().fetch().await.map_err(|e| err("events")(&e))?;
		granted.extend(granted_weights(&at, &events).await?);
	}
	let mut by_count: std::collections::BTreeMap<usize, GrantSize> = Default::default();
	for (patient, bytes, weight) in granted {
		let count = records.get(&patient).copied().unwrap_or(0);
		let entry = by_count.entry(count).or_insert(GrantSize {
			source,
			records: count,
			grants: 0,
			bytes: (usize::MAX, 0),
			weight_us: (f64::INFINITY, 0.0),
		});
		entry.grants += 1;
		entry.bytes = (entry.bytes.0.min(bytes), entry.bytes.1.max(bytes));
		entry.weight_us = (entry.weight_us.0.min(weight), entry.weight_us.1.max(weight));
	}
	Ok(by_count.into_values().collect())
}

/// Single `add_record`s from different doctors at random moments over the spread, each
/// followed through the node's `author_submitAndWatchExtrinsic` until it is finalized.
async fn latency(
	chain: &Chain,
	rpc: &WsClient,
	cohort: &Cohort,
	plan: &Plan,
) -> Result<Latency, String> {
	use jsonrpsee::core::client::SubscriptionClientT;
	use rand::Rng;
	let calls: Vec<_> = (0..plan.latency_samples)
		.map(|i| {
			let doctor = &cohort.doctors[i % cohort.doctors.len()];
			let patient = cohort.patients[i % cohort.patients.len()].account_id();
			let call = runtime::transactions().records().add_record(
				patient,
				cid(1_000_000 + i as u64),
				CATEGORY,
			);
			(doctor, call)
		})
		.collect();
	let signed = sign_all(chain, &calls).await?;
	let spread = plan.latency_spread.as_millis() as u64;
	let timings = stream::iter(signed)
		.map(|tx| async move {
			let delay = rand::rng().random_range(0..spread.max(1));
			tokio::time::sleep(Duration::from_millis(delay)).await;
			let hex = format!("0x{}", hex::encode(tx.encoded()));
			let sent = Instant::now();
			let mut statuses = rpc
				.subscribe::<serde_json::Value, _>(
					"author_submitAndWatchExtrinsic",
					rpc_params![hex],
					"author_unwatchExtrinsic",
				)
				.await
				.map_err(|e| e.to_string())?;
			let mut in_block = None;
			while let Some(status) = statuses.next().await {
				let status = status.map_err(|e| e.to_string())?;
				if status.get("inBlock").is_some() {
					in_block.get_or_insert(sent.elapsed().as_secs_f64());
				} else if status.get("finalized").is_some() {
					let finalized = sent.elapsed().as_secs_f64();
					return Ok((in_block.unwrap_or(finalized), finalized));
				} else if ["invalid", "dropped", "usurped"]
					.iter()
					.any(|end| status.get(end).is_some() || status == *end)
				{
					return Err(format!("the transaction ended {status}"));
				}
			}
			Err("the node stopped reporting the transaction".to_owned())
		})
		.buffer_unordered(plan.latency_samples.max(1))
		.collect::<Vec<Result<(f64, f64), String>>>()
		.await;
	let mut in_block = Vec::new();
	let mut finalized = Vec::new();
	for timing in timings {
		let (block, fin) = timing.map_err(|e| format!("latency sample: {e}"))?;
		in_block.push(block);
		finalized.push(fin);
	}
	in_block.sort_by(f64::total_cmp);
	finalized.sort_by(f64::total_cmp);
	Ok(Latency { in_block, finalized })
}

/// `record add` of 1 MiB until finalized, then `record get` of those records, as the CLI does
/// them (the same client calls), through a storage daemon on this machine.
async fn end_to_end(
	chain: &Chain,
	node_url: &str,
	cohort: &Cohort,
	plan: &Plan,
) -> Result<EndToEnd, String> {
	use rand::RngCore;
	let folder = tempfile::tempdir().map_err(|e| err("temporary folder")(&e))?;
	let daemon =
		medchain_test_node::StorageDaemon::start("bench", node_url, folder.path().join("storage"))
			.await;
	let token = Storage::read_token(&daemon.token_file()).map_err(|e| err("token")(&e))?;
	let storage = ContentStore::Kubo(Storage::new(&daemon.api_url).with_token(token));
	let size = crate::MIB;
	let plaintext = folder.path().join("record");
	let mut content = vec![0u8; size as usize];
	rand::rng().fill_bytes(&mut content);
	std::fs::write(&plaintext, &content).map_err(|e| err("record file")(&e))?;

	let records = chain.records();
	let mut add = Vec::new();
	let mut added = Vec::new();
	for i in 0..plan.end_to_end_adds {
		let doctor = &cohort.doctors[i % cohort.doctors.len()];
		let patient = cohort.patients[i % cohort.patients.len()].account_id();
		let start = Instant::now();
		let cid = records
			.store_record(doctor, &patient, CATEGORY, &plaintext, &storage, |_, _| {})
			.await
			.map_err(|e| err("record add")(&e))?;
		let record = records
			.add_record(doctor, &patient, CATEGORY, &cid)
			.await
			.map_err(|e| err("record add")(&e))?;
		add.push(start.elapsed().as_secs_f64());
		added.push((doctor, patient, record));
	}
	let mut get = Vec::new();
	for i in 0..plan.end_to_end_gets {
		let (doctor, patient, record) = &added[i % added.len()];
		let mut out = Vec::with_capacity(size as usize);
		let start = Instant::now();
		records
			.fetch_record(doctor, (patient, *record), &storage, "operations", &mut out)
			.await
			.map_err(|e| err("record get")(&e))?;
		get.push(start.elapsed().as_secs_f64());
		if out != content {
			return Err("record get returned other bytes than were added".into());
		}
	}
	drop(daemon);
	add.sort_by(f64::total_cmp);
	get.sort_by(f64::total_cmp);
	Ok(EndToEnd { size, add, get })
}

//! Scale: a dev chain whose genesis state already holds many patients with their records,
//! for the `records_*` RPC latency and the state each record takes as the chain grows.
//!
//! The bench takes the dev chain's raw specification (`medchain-node build-spec --chain dev
//! --raw`) and adds, for each patient, what registering it leaves in state (its membership, its
//! role generation, its account) and its records, each encoded with the runtime's own types and
//! stored under the runtime's own keys. Through transactions this would take a day per 500
//! records of a patient (the record quota). Then it starts a node on that specification and
//! queries it as a hospital's software or the CLI does.
//!
//! The same way it gives three patients whose keys it holds 1, 100 and 10,000 records, and
//! has each grant a doctor consent: a grant's size and weight against the patient's records.

use crate::{
	chain::{self, cid, err, GrantSize},
	percentile,
};
use codec::Encode;
use frame_support::storage::StoragePrefixedMap;
use jsonrpsee::{core::client::ClientT, rpc_params, ws_client::WsClient};
use medchain_client::{
	chain::{runtime, Chain},
	keys::Account,
};
use medchain_runtime::{AccountId, Runtime};
use medchain_test_node::Node;
use rand::Rng;
use serde_json::Value;
use std::{
	collections::HashMap,
	path::Path,
	time::{Duration, Instant},
};

/// Records of every patient.
pub const RECORDS_PER_PATIENT: usize = 10;
/// The category of every generated record.
const CATEGORY: u16 = 1;

/// One chain size.
pub struct ScalePoint {
	pub patients: usize,
	pub records: usize,
	/// From starting the node to its RPC answering (genesis built and stored), in seconds.
	pub start_seconds: f64,
	/// Keys plus values under `Records::Records`, read back from the node's trie, per record.
	pub trie_bytes_per_record: f64,
	/// The database folder's size once the node has finalized a block on that genesis.
	pub database_bytes: u64,
	/// Latency of each method, in milliseconds, sorted.
	pub methods: Vec<(&'static str, Vec<f64>)>,
}

impl ScalePoint {
	pub fn p(&self, method: &str, p: f64) -> f64 {
		self.methods
			.iter()
			.find(|(name, _)| *name == method)
			.map_or(0.0, |(_, samples)| percentile(samples, p))
	}
}

/// The methods measured: a patient's first page of records, and one record in full.
pub const METHODS: [&str; 2] = ["records_patientRecords", "records_record"];

/// Measure each chain size in turn.
pub async fn measure(smoke: bool) -> Result<Vec<ScalePoint>, String> {
	let (sizes, queries): (&[usize], usize) =
		if smoke { (&[100, 1_000], 50) } else { (&[1_000, 10_000, 100_000], 1_000) };
	let spec = dev_raw_spec()?;
	let mut points = Vec::new();
	for &patients in sizes {
		println!("scale: {patients} patients × {RECORDS_PER_PATIENT} records in genesis");
		points.push(point(&spec, patients, queries).await?);
	}
	Ok(points)
}

/// The dev chain's raw specification, as the node prints it.
fn dev_raw_spec() -> Result<Value, String> {
	let output = std::process::Command::new(medchain_test_node::node_binary())
		.args(["build-spec", "--chain", "dev", "--raw", "--disable-default-bootnode"])
		.stderr(std::process::Stdio::null())
		.output()
		.map_err(|e| err("scale, build-spec")(&e))?;
	if !output.status.success() {
		return Err(format!("scale, build-spec: {}", output.status));
	}
	serde_json::from_slice(&output.stdout).map_err(|e| err("scale, build-spec output")(&e))
}

/// The `i`-th generated account (nobody holds its key: these patients only have state).
fn generated(kind: &str, i: usize) -> AccountId {
	let seed = (b"medchain-bench", kind, i as u64).encode();
	AccountId::new(sp_crypto_hashing::blake2_256(&seed))
}

fn hex(bytes: &[u8]) -> String {
	format!("0x{}", hex::encode(bytes))
}

/// What registering patients and adding their records leaves in state, put into a raw
/// specification's genesis.
struct GenesisState<'a> {
	top: &'a mut serde_json::Map<String, Value>,
	/// The next record id (ids are global).
	next_record: u64,
}

impl<'a> GenesisState<'a> {
	fn of(spec: &'a mut Value) -> Result<Self, String> {
		let top = spec
			.pointer_mut("/genesis/raw/top")
			.and_then(Value::as_object_mut)
			.ok_or("scale: the dev specification has no raw genesis")?;
		Ok(GenesisState { top, next_record: 0 })
	}

	fn put(&mut self, key: Vec<u8>, value: Vec<u8>) {
		self.top.insert(hex(&key), Value::String(hex(&value)));
	}

	/// `patient`, registered by the dev hospital, with `records` records by `author`.
	fn patient(
		&mut self,
		patient: &AccountId,
		records: usize,
		author: &AccountId,
	) -> Result<(), String> {
		let member = pallet_roles::MemberOf::<Runtime> {
			patient: true,
			registered_by: Some(0),
			suspended: false,
			affiliations: Default::default(),
		};
		self.put(pallet_roles::Members::<Runtime>::hashed_key_for(patient), member.encode());
		self.put(pallet_roles::Generations::<Runtime>::hashed_key_for(patient), 0u32.encode());
		let account: frame_system::AccountInfo<medchain_runtime::Nonce, ()> =
			frame_system::AccountInfo { providers: 1, ..Default::default() };
		self.put(frame_system::Account::<Runtime>::hashed_key_for(patient), account.encode());
		for _ in 0..records {
			let id = self.next_record;
			self.next_record += 1;
			let record = pallet_records::Record::<Runtime> {
				author: author.clone(),
				cid: cid(id).try_into().map_err(|_| "scale: a CID longer than the bound")?,
				category: CATEGORY,
				created: 0,
				updated: 0,
				version: 1,
				status: pallet_records::RecordStatus::Active,
				shares: 0,
			};
			self.put(
				pallet_records::Records::<Runtime>::hashed_key_for(patient, id),
				record.encode(),
			);
		}
		Ok(())
	}

	/// Set the next record id after those put.
	fn finish(mut self) {
		let next = self.next_record.encode();
		self.put(pallet_records::NextRecordId::<Runtime>::hashed_key().to_vec(), next);
	}
}

/// `spec` with `patients` patients of the dev hospital, each with its records by one doctor.
fn spec_with(spec: &Value, patients: usize) -> Result<Value, String> {
	let mut spec = spec.clone();
	let mut state = GenesisState::of(&mut spec)?;
	let doctor = generated("doctor", 0);
	for i in 0..patients {
		state.patient(&generated("patient", i), RECORDS_PER_PATIENT, &doctor)?;
	}
	state.finish();
	Ok(spec)
}

/// Write `spec` into `dir` and start a dev node on it with `args` added.
fn start_on(spec: &Value, dir: &Path, name: &str, args: &[&str]) -> Result<Node, String> {
	let spec_path = dir.join("spec.json");
	let file = std::fs::File::create(&spec_path).map_err(|e| err("scale, spec")(&e))?;
	serde_json::to_writer(std::io::BufWriter::new(file), spec)
		.map_err(|e| err("scale, spec")(&e))?;
	let mut all = vec!["--dev".to_owned(), "--chain".to_owned()];
	all.push(spec_path.to_string_lossy().into_owned());
	all.extend(args.iter().map(|arg| arg.to_string()));
	Ok(Node::start(name, all))
}

/// The record counts of the grant-size patients: DESIGN §9 asks for 1, 100 and 10,000.
pub const GRANT_RECORDS: [usize; 3] = [1, 100, 10_000];

/// Grants of patients whose 1, 100 and 10,000 records are in genesis state (transactions
/// cannot give one patient 10,000 records within a run: the record quota), each to one doctor
/// for the records' category, as the CLI sends them; their encoded size and weight.
pub async fn grant_sizes() -> Result<Vec<GrantSize>, String> {
	let patients: Vec<(Account, usize)> =
		GRANT_RECORDS.iter().map(|&n| (chain::account("grant-patient", n), n)).collect();
	let mut spec = dev_raw_spec()?;
	let mut state = GenesisState::of(&mut spec)?;
	let author = generated("doctor", 0);
	for (patient, records) in &patients {
		state.patient(&AccountId::new(patient.account_id().0), *records, &author)?;
	}
	state.finish();
	let dir = tempfile::tempdir().map_err(|e| err("grants, temporary folder")(&e))?;
	let node = start_on(&spec, dir.path(), "grants", &["--tmp"])?;
	let rpc = node.client(Duration::from_secs(120)).await;
	let chain = Chain::connect(&node.rpc_url).await.map_err(|e| err("grants, connect")(&e))?;

	let alice = Account::from_uri("//Alice").expect("a valid secret URI");
	let doctor = chain::account("grant-doctor", 0);
	let role = runtime::runtime_types::medchain_primitives::Role::Doctor;
	chain
		.roles()
		.assign_role(&alice, 0, &doctor.account_id(), role)
		.await
		.map_err(|e| err("grants, doctor")(&e))?;
	let keys: Vec<_> = patients
		.iter()
		.map(|(patient, _)| patient)
		.chain([&doctor])
		.map(chain::publish_key)
		.collect();
	chain::submit_all(&chain, &rpc, "grants: encryption keys", keys, ("Roles", "EncryptionKeySet"))
		.await?;
	let mut grants = Vec::new();
	for (patient, _) in &patients {
		grants.push((patient, chain::grant(&chain, patient, &doctor).await?));
	}
	let event = ("Records", "ConsentGranted");
	let run =
		chain::throughput(&chain, std::slice::from_ref(&rpc), &|_| 0, "grants", grants, event)
			.await?;
	if run.included != patients.len() {
		return Err(format!("grants: {} of {} granted", run.included, patients.len()));
	}
	let counts: HashMap<[u8; 32], usize> =
		patients.iter().map(|(patient, n)| (patient.account_id().0, *n)).collect();
	chain::grant_sizes(&chain, &run, &counts, "genesis state").await
}

/// Start a node on the chain with `patients` patients and measure it.
async fn point(spec: &Value, patients: usize, queries: usize) -> Result<ScalePoint, String> {
	let dir = tempfile::tempdir().map_err(|e| err("scale, temporary folder")(&e))?;
	let base = dir.path().join("node");
	let base_arg = base.to_string_lossy().into_owned();
	let started = Instant::now();
	let node =
		start_on(&spec_with(spec, patients)?, dir.path(), "scale", &["--base-path", &base_arg])?;
	let rpc = node.client(Duration::from_secs(900)).await;
	let start_seconds = started.elapsed().as_secs_f64();
	wait_finalized(&rpc).await?;
	let database_bytes = folder_bytes(&base);

	let records = patients * RECORDS_PER_PATIENT;
	let prefix = pallet_records::Records::<Runtime>::final_prefix();
	let (keys, bytes) = crate::chain::state_under(&rpc, &prefix).await?;
	if keys != records {
		return Err(format!("scale: {keys} records in state, {records} put in genesis"));
	}

	let mut rng = rand::rng();
	let mut methods: Vec<(&'static str, Vec<f64>)> =
		METHODS.iter().map(|name| (*name, Vec::with_capacity(queries))).collect();
	for _ in 0..queries {
		let i = rng.random_range(0..patients);
		let patient = hex(generated("patient", i).as_ref());
		let record = (i * RECORDS_PER_PATIENT + rng.random_range(0..RECORDS_PER_PATIENT)) as u64;
		let started = Instant::now();
		let page: Vec<Value> = rpc
			.request("records_patientRecords", rpc_params![&patient])
			.await
			.map_err(|e| err("scale, records_patientRecords")(&e))?;
		methods[0].1.push(started.elapsed().as_secs_f64() * 1000.0);
		if page.len() != RECORDS_PER_PATIENT {
			return Err(format!(
				"scale: patient {i} has {} records, not {RECORDS_PER_PATIENT}",
				page.len()
			));
		}
		let started = Instant::now();
		let details: Option<Value> = rpc
			.request("records_record", rpc_params![&patient, record])
			.await
			.map_err(|e| err("scale, records_record")(&e))?;
		methods[1].1.push(started.elapsed().as_secs_f64() * 1000.0);
		if details.is_none() {
			return Err(format!("scale: record {record} of patient {i} not found"));
		}
	}
	for (_, samples) in &mut methods {
		samples.sort_by(f64::total_cmp);
	}
	Ok(ScalePoint {
		patients,
		records,
		start_seconds,
		trie_bytes_per_record: bytes as f64 / records as f64,
		database_bytes,
		methods,
	})
}

/// Wait until the node has finalized a block after genesis.
async fn wait_finalized(rpc: &WsClient) -> Result<(), String> {
	let deadline = Instant::now() + Duration::from_secs(120);
	loop {
		let (_, finalized) = medchain_test_node::best_and_finalized(rpc).await;
		if finalized > 0 {
			return Ok(());
		}
		if Instant::now() > deadline {
			return Err("scale: no block finalized in 120 s".into());
		}
		tokio::time::sleep(Duration::from_millis(250)).await;
	}
}

/// Bytes of the files under `path`.
fn folder_bytes(path: &Path) -> u64 {
	std::fs::read_dir(path).into_iter().flatten().flatten().fold(0, |total, entry| {
		match entry.metadata() {
			Ok(meta) if meta.is_dir() => total + folder_bytes(&entry.path()),
			Ok(meta) => total + meta.len(),
			Err(_) => total,
		}
	})
}

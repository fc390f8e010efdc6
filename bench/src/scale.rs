//! Scale: a dev chain whose genesis state already holds many patients with their records,
//! for the `records_*` RPC latency and the state each record takes as the chain grows.
//!
//! The bench takes the dev chain's raw specification (`medchain-node build-spec --chain dev
//! --raw`) and adds, for each patient, what registering it leaves in state (its membership, its
//! role generation, its account) and its records, each encoded with the runtime's own types and
//! stored under the runtime's own keys. Through transactions this would take a day per 500
//! records of a patient (the record quota). Then it starts a node on that specification and
//! queries it as a hospital's software or the CLI does.

use crate::{
	chain::{cid, err},
	percentile,
};
use codec::Encode;
use frame_support::storage::StoragePrefixedMap;
use jsonrpsee::{core::client::ClientT, rpc_params, ws_client::WsClient};
use medchain_runtime::{AccountId, Runtime};
use medchain_test_node::Node;
use rand::Rng;
use serde_json::Value;
use std::{
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

/// `spec` with `patients` patients of the dev hospital, each with its records by one doctor.
fn spec_with(spec: &Value, patients: usize) -> Result<Value, String> {
	let mut spec = spec.clone();
	let top = spec
		.pointer_mut("/genesis/raw/top")
		.and_then(Value::as_object_mut)
		.ok_or("scale: the dev specification has no raw genesis")?;
	let mut put = |key: Vec<u8>, value: Vec<u8>| {
		top.insert(hex(&key), Value::String(hex(&value)));
	};
	let doctor = generated("doctor", 0);
	for i in 0..patients {
		let patient = generated("patient", i);
		let member = pallet_roles::MemberOf::<Runtime> {
			patient: true,
			registered_by: Some(0),
			suspended: false,
			affiliations: Default::default(),
		};
		put(pallet_roles::Members::<Runtime>::hashed_key_for(&patient), member.encode());
		put(pallet_roles::Generations::<Runtime>::hashed_key_for(&patient), 0u32.encode());
		let account: frame_system::AccountInfo<medchain_runtime::Nonce, ()> =
			frame_system::AccountInfo { providers: 1, ..Default::default() };
		put(frame_system::Account::<Runtime>::hashed_key_for(&patient), account.encode());
		for j in 0..RECORDS_PER_PATIENT {
			let id = (i * RECORDS_PER_PATIENT + j) as u64;
			let record = pallet_records::Record::<Runtime> {
				author: doctor.clone(),
				cid: cid(id).try_into().map_err(|_| "scale: a CID longer than the bound")?,
				category: CATEGORY,
				created: 0,
				updated: 0,
				version: 1,
				status: pallet_records::RecordStatus::Active,
				shares: 0,
			};
			put(pallet_records::Records::<Runtime>::hashed_key_for(&patient, id), record.encode());
		}
	}
	let next = (patients * RECORDS_PER_PATIENT) as u64;
	put(pallet_records::NextRecordId::<Runtime>::hashed_key().to_vec(), next.encode());
	Ok(spec)
}

/// Start a node on the chain with `patients` patients and measure it.
async fn point(spec: &Value, patients: usize, queries: usize) -> Result<ScalePoint, String> {
	let dir = tempfile::tempdir().map_err(|e| err("scale, temporary folder")(&e))?;
	let spec_path = dir.path().join("spec.json");
	let file = std::fs::File::create(&spec_path).map_err(|e| err("scale, spec")(&e))?;
	serde_json::to_writer(std::io::BufWriter::new(file), &spec_with(spec, patients)?)
		.map_err(|e| err("scale, spec")(&e))?;
	let base = dir.path().join("node");
	let args = vec![
		"--dev".to_owned(),
		"--chain".to_owned(),
		spec_path.to_string_lossy().into_owned(),
		"--base-path".to_owned(),
		base.to_string_lossy().into_owned(),
	];
	let started = Instant::now();
	let node = Node::start("scale", args);
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

//! The consortium on real `medchain-node` processes (four hospitals, one minute sessions), each
//! validator with its own base path and persisted node key:
//!
//! - fault tolerance: one validator down → blocks are produced and finalized; two down →
//!   blocks continue but finality stalls; both restarted from their base paths (no resync from
//!   genesis) → finality catches up, and every record written before and during the faults is
//!   on every node;
//! - the README's joining steps on a consortium made from the template (`medchain-node
//!   consortium init`, four founders with keys of their own, nothing from the development
//!   keyring): the council registers a fifth hospital and authorizes its node (which until then
//!   does not become a peer and stays at genesis), the hospital's keys are refused until the
//!   council lists it as validator, then it publishes session keys from its node, authors a
//!   block that is finalized after the session boundary, and the council removes it;
//! - a runtime upgrade through a council Root motion (three quarters, then the governance
//!   delay): the new `spec_version` is live on all four nodes and earlier records are intact;
//! - `scripts/local-net.sh`: start the four hospitals (nodes and storage daemons), stop one,
//!   bring it back, stop all.
//!
//! Every wait is bounded; every process is killed when its test ends.

mod common;

use common::Medchain;
use jsonrpsee::{core::client::ClientT, rpc_params};
use medchain_client::{
	chain::{runtime, runtime::runtime_types, Chain},
	keys::Account,
};
use medchain_test_node::{
	best_and_finalized, free_port, node_binary, Node, LOCAL_HOSPITALS, LOCAL_KEYS,
};
use std::{
	future::Future,
	path::{Path, PathBuf},
	process::Command,
	time::{Duration, Instant},
};

/// The chain's account id of `account`.
fn id(account: &Account) -> subxt::utils::AccountId32 {
	account.account_id()
}

/// Wait up to `timeout` for `check` to hold, polling every two seconds.
async fn wait_until<F, Fut>(timeout: Duration, what: &str, mut check: F)
where
	F: FnMut() -> Fut,
	Fut: Future<Output = bool>,
{
	let start = Instant::now();
	while !check().await {
		assert!(start.elapsed() < timeout, "timed out after {timeout:?} waiting for {what}");
		tokio::time::sleep(Duration::from_secs(2)).await;
	}
}

/// Best and finalized block numbers of `node`.
async fn heads(node: &Node) -> (u64, u64) {
	best_and_finalized(&node.client(Duration::from_secs(60)).await).await
}

async fn rpc<T: serde::de::DeserializeOwned>(node: &Node, method: &str) -> T {
	node.client(Duration::from_secs(60)).await.request(method, rpc_params![]).await.unwrap()
}

/// The peer ids `node` exchanges blocks with.
async fn peers(node: &Node) -> Vec<String> {
	let peers: Vec<serde_json::Value> = rpc(node, "system_peers").await;
	peers.iter().map(|p| p["peerId"].as_str().unwrap().to_owned()).collect()
}

/// A valid CIDv1 (raw, SHA2-256 over `n`), standing for an encrypted record on IPFS.
fn cid(n: u8) -> cid::Cid {
	let hash = cid::multihash::Multihash::<64>::wrap(0x12, &[n; 32]).unwrap();
	cid::Cid::new_v1(0x55, hash)
}

/// How many times the node's log says it created the genesis block (once per database).
fn genesis_initializations(node: &Node) -> usize {
	std::fs::read_to_string(&node.log).unwrap().matches("Initializing Genesis block").count()
}

#[tokio::test(flavor = "multi_thread")]
async fn finality_survives_one_validator_down_and_catches_up_after_two() {
	let base = tempfile::tempdir().unwrap();
	let (mut nodes, _) = Node::local_network(base.path(), Duration::from_secs(180), &[]).await;
	let chain = Chain::connect(&nodes[0].rpc_url).await.unwrap();

	// Alice, admin of hospital 0, registers a doctor and a patient who consents.
	let admin = Account::from_uri("//Alice").unwrap();
	let doctor = Account::from_uri("//FaultDoctor").unwrap();
	let patient = Account::from_uri("//FaultPatient").unwrap();
	let roles = runtime::transactions().roles();
	let role = runtime_types::medchain_primitives::Role::Doctor;
	chain.submit(&roles.assign_role(0, id(&doctor), role), &admin).await.unwrap();
	chain.submit(&roles.register_patient(0, id(&patient)), &admin).await.unwrap();
	let publish = |uri: &'static str| {
		let chain = chain.clone();
		async move {
			let who = Account::from_uri(uri).unwrap();
			let key = who.encryption().public_key();
			chain.submit(&runtime::transactions().roles().set_encryption_key(key), &who).await
		}
	};
	let (doctor_key, patient_key) =
		tokio::join!(publish("//FaultDoctor"), publish("//FaultPatient"));
	doctor_key.unwrap();
	patient_key.unwrap();
	chain.records().grant(&patient, &id(&doctor), &[1], None).await.unwrap();
	let mut written =
		vec![(chain.records().add_record(&doctor, &id(&patient), 1, &cid(1)).await.unwrap(), 1)];

	// One validator of four down: blocks are still produced and finalized.
	let dave_best = heads(&nodes[3]).await.0;
	assert!(nodes[3].stop(Duration::from_secs(30)), "dave stops cleanly");
	let (_, finalized) = heads(&nodes[0]).await;
	wait_until(Duration::from_secs(120), "finality with one validator down", || async {
		heads(&nodes[0]).await.1 >= finalized + 3
	})
	.await;
	written
		.push((chain.records().add_record(&doctor, &id(&patient), 1, &cid(2)).await.unwrap(), 2));

	// Two down: blocks continue, finality stalls; a record written now waits in a block.
	let charlie_best = heads(&nodes[2]).await.0;
	assert!(nodes[2].stop(Duration::from_secs(30)), "charlie stops cleanly");
	tokio::time::sleep(Duration::from_secs(12)).await;
	let pending = tokio::spawn({
		let chain = chain.clone();
		let (doctor, patient) = (Account::from_uri("//FaultDoctor").unwrap(), id(&patient));
		async move { chain.records().add_record(&doctor, &patient, 1, &cid(3)).await }
	});
	let (best, stalled) = heads(&nodes[0]).await;
	wait_until(Duration::from_secs(150), "blocks with two validators down", || async {
		heads(&nodes[0]).await.0 >= best + 3
	})
	.await;
	let (best, finalized) = heads(&nodes[0]).await;
	assert_eq!(finalized, stalled, "finality stalls with two of four validators down");
	assert!(!pending.is_finished(), "the record written during the stall is not final yet");

	// Both come back from their base paths: their databases resume where they stopped.
	for (i, before) in [(2, charlie_best), (3, dave_best)] {
		nodes[i].restart();
		let (resumed, _) = heads(&nodes[i]).await;
		assert!(resumed >= before, "{} resumed at #{resumed}, had #{before}", LOCAL_HOSPITALS[i]);
		assert_eq!(genesis_initializations(&nodes[i]), 1, "{} did not resync", LOCAL_HOSPITALS[i]);
	}
	wait_until(Duration::from_secs(180), "finality to catch up", || async {
		heads(&nodes[0]).await.1 >= best
	})
	.await;
	let record = tokio::time::timeout(Duration::from_secs(120), pending).await.unwrap().unwrap();
	written.push((record.unwrap(), 3));

	// No record is lost: every node has all three, with their CIDs.
	for node in &nodes {
		let chain = Chain::connect(&node.rpc_url).await.unwrap();
		for (record, n) in &written {
			wait_until(Duration::from_secs(60), "the record on every node", || async {
				match chain.records().record(&id(&patient), *record).await {
					Ok(details) => {
						assert_eq!(details.record.cid, cid(*n).to_bytes());
						true
					},
					Err(_) => false,
				}
			})
			.await;
		}
	}
}

/// The first of `members` proposes the motion `args`, the second votes aye (it stays open),
/// the third votes aye, which decides it and runs it.
fn passes(cli: &Medchain, members: [&str; 3], args: &[&str]) {
	let proposed = cli.ok(members[0], args);
	let motion = proposed["motion"].as_str().unwrap_or_else(|| panic!("{proposed}")).to_owned();
	let second = cli.ok(members[1], &["council", "vote", &motion]);
	assert_eq!(second["motion"], motion.as_str(), "still open after two ayes: {second}");
	let third = cli.ok(members[2], &["council", "vote", &motion]);
	assert_eq!(third["executed"], true, "the deciding vote runs it: {third}");
}

/// `medchain-node` with `args`; its standard output, or a panic with its error.
fn node_command(args: &[&str]) -> String {
	let output = Command::new(node_binary()).args(args).output().unwrap();
	assert!(output.status.success(), "{args:?}: {}", String::from_utf8_lossy(&output.stderr));
	String::from_utf8(output.stdout).unwrap()
}

/// A hospital's own keys, as the README's joining steps make them: an account (admin, council
/// seat, validator) whose secret phrase also gives its session keys, and a node key file.
struct Keys {
	phrase: String,
	address: String,
	grandpa: String,
	node_key: PathBuf,
	peer_id: String,
}

impl Keys {
	fn generate(cli: &Medchain, dir: &Path) -> Keys {
		std::fs::create_dir_all(dir).unwrap();
		let account = cli.ok("", &["key", "generate"]);
		let phrase = account["phrase"].as_str().unwrap().to_owned();
		let address = account["address"].as_str().unwrap().to_owned();
		let phrase_file = dir.join("phrase");
		std::fs::write(&phrase_file, &phrase).unwrap();
		let inspected: serde_json::Value = serde_json::from_str(&node_command(&[
			"key",
			"inspect",
			"--scheme",
			"ed25519",
			"--output-type",
			"json",
			&phrase_file.display().to_string(),
		]))
		.unwrap();
		let node_key = dir.join("node-key");
		let file = node_key.display().to_string();
		node_command(&["key", "generate-node-key", "--file", &file]);
		let peer_id = node_command(&["key", "inspect-node-key", "--file", &file]).trim().to_owned();
		let grandpa = inspected["ss58PublicKey"].as_str().unwrap().to_owned();
		Keys { phrase, address, grandpa, node_key, peer_id }
	}

	/// Put the session keys into the keystore under `base` (README: founders at genesis).
	fn insert_session_keys(&self, spec: &Path, base: &Path) {
		let phrase_file = base.join("phrase").display().to_string();
		for (scheme, key_type) in [("sr25519", "aura"), ("ed25519", "gran")] {
			node_command(&[
				"key",
				"insert",
				"--chain",
				&spec.display().to_string(),
				"--base-path",
				&base.display().to_string(),
				"--scheme",
				scheme,
				"--key-type",
				key_type,
				"--suri",
				&phrase_file,
			]);
		}
	}

	/// Start the validator node of these keys on `spec` (README step 5, without `--bootnodes`:
	/// the spec names the founders' nodes).
	fn validator(&self, name: &str, spec: &Path, base: &Path, p2p_port: u16) -> Node {
		let args = [
			"--chain",
			&spec.display().to_string(),
			"--validator",
			"--base-path",
			&base.display().to_string(),
			"--node-key-file",
			&self.node_key.display().to_string(),
		]
		.map(String::from)
		.to_vec();
		Node::start_at(name, args, p2p_port)
	}
}

#[tokio::test(flavor = "multi_thread")]
async fn a_fifth_hospital_joins_a_consortium_made_from_the_template() {
	let base = tempfile::tempdir().unwrap();
	let keyless = Medchain {
		node: "ws://127.0.0.1:1".into(),
		ipfs: "http://127.0.0.1:1".into(),
		token_file: None,
	};

	// The founders: four hospitals with keys of their own, a consortium file, the raw spec.
	let names = ["north", "south", "east", "west"];
	let founders: Vec<Keys> =
		names.iter().map(|n| Keys::generate(&keyless, &base.path().join(n))).collect();
	let ports: Vec<u16> = names.iter().map(|_| free_port()).collect();
	let council: Vec<String> = founders.iter().map(|k| format!("\"{}\"", k.address)).collect();
	let mut file = format!(
		"name = \"Template Consortium\"\nid = \"template_test\"\nsession_minutes = 1\n\
		 council = [{}]\n",
		council.join(", ")
	);
	for ((name, keys), port) in names.iter().zip(&founders).zip(&ports) {
		file += &format!(
			"\n[[hospital]]\nname = \"{name} hospital\"\nadmins = [\"{a}\"]\n\
			 [[validator]]\naccount = \"{a}\"\naura = \"{a}\"\ngrandpa = \"{g}\"\n\
			 [[node]]\npeer_id = \"{p}\"\nowner = \"{a}\"\naddress = \"/ip4/127.0.0.1/tcp/{port}\"\n",
			a = keys.address,
			g = keys.grandpa,
			p = keys.peer_id,
		);
	}
	let config = base.path().join("consortium.toml");
	std::fs::write(&config, file).unwrap();
	let spec = base.path().join("consortium-raw.json");
	node_command(&[
		"consortium",
		"init",
		"--config",
		&config.display().to_string(),
		"--output",
		&spec.display().to_string(),
	]);
	let raw: serde_json::Value = serde_json::from_slice(&std::fs::read(&spec).unwrap()).unwrap();
	assert_eq!(raw["chainType"], "Live");
	assert!(raw["genesis"]["raw"]["top"].is_object(), "raw spec");
	assert_eq!(raw["bootNodes"].as_array().unwrap().len(), 4);

	let nodes: Vec<Node> = names
		.iter()
		.zip(&founders)
		.zip(&ports)
		.map(|((name, keys), port)| {
			let dir = base.path().join(name);
			keys.insert_session_keys(&spec, &dir);
			keys.validator(name, &spec, &dir, *port)
		})
		.collect();
	for node in &nodes {
		wait_until(Duration::from_secs(180), "the founders' chain to finalize", || async {
			heads(node).await.1 >= 2
		})
		.await;
	}
	let cli = Medchain {
		node: nodes[0].rpc_url.clone(),
		ipfs: "http://127.0.0.1:1".into(),
		token_file: None,
	};
	let chain: String = rpc(&nodes[0], "system_chain").await;
	assert_eq!(chain, "Template Consortium");
	let [north, south, east, west] = [0, 1, 2, 3].map(|i| founders[i].phrase.as_str());

	// The fifth hospital (README steps 2 and 3): a node key, an account; its node started on
	// the shared spec (step 5's command, before the council acts).
	let eve = Keys::generate(&keyless, &base.path().join("eve"));
	let eve_address = eve.address.clone();
	let eve_key = eve.phrase.clone();
	let eve_node = eve.validator("eve", &spec, &base.path().join("eve"), free_port());
	let eve_peer: String = rpc(&eve_node, "system_localPeerId").await;
	assert_eq!(eve_peer, eve.peer_id);
	// Two motions at once: register the hospital (north), authorize its node (south).
	let register =
		["hospital", "register", "--name", "Eve Rural Hospital", "--admin", &eve_address];
	let authorize = ["node", "authorize", &eve_peer, "--owner", &eve_address];
	let proposed = cli.all(&[(north, &register), (south, &authorize)]);
	let motions: Vec<String> =
		proposed.iter().map(|m| m["motion"].as_str().unwrap().to_owned()).collect();
	assert!(proposed.iter().all(|m| m["threshold"] == 3), "{proposed:?}");
	let open = cli.ok(north, &["council", "motions"]);
	assert_eq!(open.as_array().unwrap().len(), 2, "{open}");

	// Not yet authorized: the consortium's nodes do not take it as a peer; it stays at genesis.
	assert!(!peers(&nodes[0]).await.contains(&eve_peer), "unauthorized node is a peer");
	assert_eq!(heads(&eve_node).await.0, 0, "unauthorized node synced");

	// Votes: the second aye keeps each motion open, the third decides and runs it.
	let first = cli.all(&[
		(east, &["council", "vote", &motions[0]]),
		(west, &["council", "vote", &motions[1]]),
	]);
	assert!(first.iter().all(|m| m["motion"].is_string()), "still open: {first:?}");
	let second = cli.all(&[
		(south, &["council", "vote", &motions[0]]),
		(north, &["council", "vote", &motions[1]]),
	]);
	assert!(second.iter().all(|m| m["executed"] == true), "ran: {second:?}");
	let nodes_list = cli.ok(north, &["node", "list"]);
	assert!(nodes_list.to_string().contains(&eve_peer), "{nodes_list}");

	// Authorized: it becomes a peer and syncs.
	wait_until(Duration::from_secs(120), "the authorized node to sync", || async {
		heads(&eve_node).await.0 > 0 && peers(&nodes[0]).await.contains(&eve_peer)
	})
	.await;

	// Session keys are for listed validators only: publishing them before the council lists
	// the account is refused by the chain. Listed, it publishes keys made by its node.
	let refused =
		cli.fails(&eve_key, &["validator", "set-keys", "--validator-rpc", &eve_node.rpc_url]);
	assert!(refused.contains("may not send this call"), "{refused}");
	let is_active = || async {
		let list = cli.ok(north, &["validator", "list"]);
		list["active"].as_array().unwrap().iter().any(|a| a == eve_address.as_str())
	};
	passes(&cli, [east, north, west], &["validator", "add", &eve_address]);
	let keys = cli.ok(&eve_key, &["validator", "set-keys", "--validator-rpc", &eve_node.rpc_url]);
	assert!(keys["keys"].as_str().unwrap().len() == 2 + 128, "{keys}");

	// After the session boundary (two, as pallet-session queues a set one session ahead) it is
	// an active validator and authors a block that the consortium finalizes.
	wait_until(Duration::from_secs(200), "the fifth validator to become active", is_active).await;
	let authored_block = || {
		let log = std::fs::read_to_string(&eve_node.log).unwrap();
		log.lines().rev().find_map(|line| {
			let rest = line.split("Pre-sealed block for proposal at ").nth(1)?;
			let number: u64 = rest.split('.').next()?.parse().ok()?;
			let hash = rest.split("Hash now ").nth(1)?.split(',').next()?.to_owned();
			Some((number, hash))
		})
	};
	wait_until(Duration::from_secs(120), "a block authored by the fifth validator", || async {
		authored_block().is_some()
	})
	.await;
	let (number, hash) = authored_block().unwrap();
	wait_until(Duration::from_secs(120), "the fifth validator's block to be finalized", || async {
		heads(&nodes[0]).await.1 >= number
	})
	.await;
	let canonical: String = nodes[0]
		.client(Duration::from_secs(30))
		.await
		.request("chain_getBlockHash", rpc_params![number])
		.await
		.unwrap();
	assert_eq!(canonical, hash, "block #{number} authored by the fifth validator is final");

	// The council removes it; after the session boundary it no longer validates, and the four
	// finalize on.
	passes(&cli, [west, north, south], &["validator", "remove", &eve_address]);
	wait_until(Duration::from_secs(200), "the removal to take effect", || async {
		!is_active().await
	})
	.await;
	let (_, finalized) = heads(&nodes[0]).await;
	wait_until(Duration::from_secs(120), "finality after the removal", || async {
		heads(&nodes[0]).await.1 >= finalized + 2
	})
	.await;
}

/// A runtime blob the runtime's build script made: `medchain_runtime`, or the same runtime with
/// the next `spec_version`, `medchain_runtime_upgrade_test`.
fn runtime_file(name: &str) -> PathBuf {
	let file = format!("wbuild/medchain-runtime/{name}.compact.compressed.wasm");
	node_binary().parent().unwrap().join(file)
}

async fn spec_version(node: &Node) -> u64 {
	let version: serde_json::Value = rpc(node, "state_getRuntimeVersion").await;
	version["specVersion"].as_u64().unwrap()
}

/// Whether the chain at `node` holds an authorized runtime upgrade.
async fn upgrade_authorized(node: &Node) -> bool {
	let key =
		[sp_crypto_hashing::twox_128(b"System"), sp_crypto_hashing::twox_128(b"AuthorizedUpgrade")]
			.concat();
	let value: Option<String> = node
		.client(Duration::from_secs(30))
		.await
		.request("state_getStorage", rpc_params![medchain_client::views::hex(&key)])
		.await
		.unwrap();
	value.is_some()
}

#[tokio::test(flavor = "multi_thread")]
async fn council_upgrades_the_runtime_of_a_running_network() {
	let base = tempfile::tempdir().unwrap();
	let (nodes, _) = Node::local_network(base.path(), Duration::from_secs(180), &[]).await;
	let cli = Medchain {
		node: nodes[0].rpc_url.clone(),
		ipfs: "http://127.0.0.1:1".into(),
		token_file: None,
	};
	let [alice, bob, charlie, dave] = LOCAL_KEYS;
	let chain = Chain::connect(&nodes[0].rpc_url).await.unwrap();

	// A record written before the upgrade.
	let admin = Account::from_uri(alice).unwrap();
	let doctor = Account::from_uri("//UpgradeDoctor").unwrap();
	let patient = Account::from_uri("//UpgradePatient").unwrap();
	let roles = runtime::transactions().roles();
	let role = runtime_types::medchain_primitives::Role::Doctor;
	chain.submit(&roles.assign_role(0, id(&doctor), role), &admin).await.unwrap();
	chain.submit(&roles.register_patient(0, id(&patient)), &admin).await.unwrap();
	for who in [&doctor, &patient] {
		let key = who.encryption().public_key();
		chain.submit(&roles.set_encryption_key(key), who).await.unwrap();
	}
	chain.records().grant(&patient, &id(&doctor), &[1], None).await.unwrap();
	let before = chain.records().add_record(&doctor, &id(&patient), 1, &cid(1)).await.unwrap();
	for node in &nodes {
		assert_eq!(spec_version(node).await, 102);
	}

	// The upgrade is a Root motion: three of four members, then the governance delay.
	let runtime = runtime_file("medchain_runtime_upgrade_test");
	let runtime = runtime.to_str().unwrap();
	let proposed = cli.ok(alice, &["council", "upgrade", runtime]);
	assert_eq!(proposed["threshold"], 3, "{proposed}");
	let motion = proposed["motion"].as_str().unwrap().to_owned();
	// Code nobody authorized is refused. (Another file than the one voted on: the pool bans a
	// refused unsigned transaction's hash for a while, and unsigned ones have no nonce.)
	let current = runtime_file("medchain_runtime");
	let current = current.to_str().unwrap();
	cli.fails(dave, &["council", "apply-upgrade", current]);
	let second = cli.ok(bob, &["council", "vote", &motion]);
	assert_eq!(second["motion"], motion.as_str(), "two of four is not enough: {second}");
	let third = cli.ok(charlie, &["council", "vote", &motion]);
	assert_eq!(third["executed"], true, "{third}");
	assert!(!upgrade_authorized(&nodes[0]).await, "not before the delay");
	wait_until(Duration::from_secs(150), "the delay to pass", || upgrade_authorized(&nodes[0]))
		.await;

	// Anyone submits the code; the new version is live on all four nodes.
	let applied = cli.ok(dave, &["council", "apply-upgrade", runtime]);
	assert_eq!(applied["specVersion"], 103, "{applied}");
	for node in &nodes {
		wait_until(Duration::from_secs(60), "the new runtime on every node", || async {
			spec_version(node).await == 103
		})
		.await;
	}

	// The records written before are still there, and the upgraded chain takes new ones and
	// finalizes them on every node.
	let chain = Chain::connect(&nodes[0].rpc_url).await.unwrap();
	assert_eq!(
		chain.records().record(&id(&patient), before).await.unwrap().record.cid,
		cid(1).to_bytes()
	);
	let after = chain.records().add_record(&doctor, &id(&patient), 1, &cid(2)).await.unwrap();
	for node in &nodes {
		let chain = Chain::connect(&node.rpc_url).await.unwrap();
		wait_until(Duration::from_secs(60), "both records on every node", || async {
			chain.records().record(&id(&patient), before).await.is_ok()
				&& chain.records().record(&id(&patient), after).await.is_ok()
		})
		.await;
	}
}

/// `scripts/local-net.sh` with this test's binaries, data folder and ports; stops every
/// hospital when dropped.
struct LocalNet {
	dir: PathBuf,
	offset: u16,
}

impl LocalNet {
	fn command(&self, args: &[&str]) -> Command {
		let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../scripts/local-net.sh");
		let mut command = Command::new(script);
		command
			.args(args)
			.env("MEDCHAIN_BIN", node_binary().parent().unwrap())
			.env("MEDCHAIN_LOCAL_DIR", &self.dir)
			.env("MEDCHAIN_PORT_OFFSET", self.offset.to_string());
		command
	}

	fn run(&self, args: &[&str]) -> String {
		let output = self.command(args).output().unwrap();
		let text = String::from_utf8_lossy(&output.stdout).into_owned();
		let errors = String::from_utf8_lossy(&output.stderr);
		assert!(output.status.success(), "local-net.sh {args:?}: {text}{errors}");
		text
	}

	fn rpc_url(&self, i: u16) -> String {
		format!("ws://127.0.0.1:{}", 9944 + i + self.offset)
	}
}

impl Drop for LocalNet {
	fn drop(&mut self) {
		let _ = self.command(&["stop"]).output();
	}
}

/// A port offset at which all twenty ports of the script's network are free.
fn free_offset() -> u16 {
	let bases = [9944u16, 30333, 9615, 5001, 4001];
	(0..200)
		.map(|_| (free_port() % 1000) + 100)
		.find(|offset| {
			bases.iter().all(|base| {
				(0..4)
					.all(|i| std::net::TcpListener::bind(("127.0.0.1", base + i + offset)).is_ok())
			})
		})
		.expect("free ports")
}

#[tokio::test(flavor = "multi_thread")]
async fn local_net_script_starts_stops_and_restarts_hospitals() {
	let data = tempfile::tempdir().unwrap();
	let net = LocalNet { dir: data.path().join("local"), offset: free_offset() };
	let started = net.run(&["start"]);
	assert_eq!(started.matches("node up").count(), 4, "{started}");
	assert_eq!(started.matches("storage up").count(), 4, "{started}");

	let finalized_on = |i: u16, at_least: u64| {
		let url = net.rpc_url(i);
		async move {
			let Ok(client) = jsonrpsee::ws_client::WsClientBuilder::default().build(&url).await
			else {
				return false;
			};
			best_and_finalized(&client).await.1 >= at_least
		}
	};
	wait_until(Duration::from_secs(180), "the script's network to finalize", || finalized_on(0, 2))
		.await;
	let status = net.run(&["status"]);
	assert_eq!(status.matches(": running").count(), 4, "{status}");

	// The storage daemons form one private swarm: Alice's daemon has the three others as peers.
	let swarm = reqwest::Client::new()
		.post(format!("http://127.0.0.1:{}/api/v0/swarm/peers", 5001 + net.offset))
		.send()
		.await
		.unwrap()
		.text()
		.await
		.unwrap();
	let swarm: serde_json::Value = serde_json::from_str(&swarm).unwrap();
	assert_eq!(swarm["Peers"].as_array().map(Vec::len), Some(3), "{swarm}");

	// Stop Bob's hospital: the others finalize on; bring it back from its data.
	net.run(&["stop", "bob"]);
	let status = net.run(&["status"]);
	assert!(status.contains("bob: stopped"), "{status}");
	let now = {
		let client =
			jsonrpsee::ws_client::WsClientBuilder::default().build(&net.rpc_url(0)).await.unwrap();
		best_and_finalized(&client).await.1
	};
	wait_until(Duration::from_secs(120), "finality without bob", || finalized_on(0, now + 2)).await;
	net.run(&["start", "bob"]);
	wait_until(Duration::from_secs(120), "bob to catch up", || finalized_on(1, now + 2)).await;
	let log = std::fs::read_to_string(data.path().join("local/bob/node.log")).unwrap();
	assert_eq!(log.matches("Initializing Genesis block").count(), 1, "bob kept his database");

	let stopped = net.run(&["stop"]);
	assert_eq!(stopped.matches(": stopped").count(), 4, "{stopped}");
}

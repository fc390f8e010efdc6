//! Start and stop real `medchain-node` and `medchain-storage` processes for tests.
//!
//! The node binary is the one Cargo built for the test (`CARGO_BIN_EXE_medchain-node`, passed
//! in by the node's own tests), `MEDCHAIN_NODE` if set, or `medchain-node` beside the running
//! executable (a workspace binary such as the bench) or next to its `deps` folder (a test
//! executable: where `cargo test --workspace` puts the node). The storage daemon is
//! `MEDCHAIN_STORAGE` if set, or `medchain-storage` in the same folder (build it with
//! `cargo build --release --manifest-path storage/Cargo.toml --target-dir <the same target>`).
//!
//! Both run as a [`Process`], which the storage daemon's own tests use too (without the
//! default `node` feature, which brings the JSON-RPC client).

mod process;

pub use process::{free_port, Process};

#[cfg(feature = "node")]
use jsonrpsee::{
	core::client::ClientT,
	rpc_params,
	ws_client::{WsClient, WsClientBuilder},
};
#[cfg(feature = "node")]
use std::time::Instant;
use std::{path::PathBuf, time::Duration};

/// A running node, killed when dropped.
pub struct Node {
	process: Process,
	/// The node's JSON-RPC WebSocket URL.
	pub rpc_url: String,
	/// Where the node writes its log (appended to across restarts).
	pub log: PathBuf,
	/// Its libp2p TCP port on 127.0.0.1.
	pub p2p_port: u16,
}

/// The `medchain-node` binary to test: `MEDCHAIN_NODE`, or the one in the test's target folder.
pub fn node_binary() -> PathBuf {
	binary("medchain-node", "MEDCHAIN_NODE", "cargo build --release -p medchain-node")
}

/// The `medchain-storage` binary: `MEDCHAIN_STORAGE`, or the one in the test's target folder.
pub fn storage_binary() -> PathBuf {
	binary(
		"medchain-storage",
		"MEDCHAIN_STORAGE",
		"cargo build --release --manifest-path storage/Cargo.toml --target-dir <this target folder>",
	)
}

fn binary(name: &str, variable: &str, build: &str) -> PathBuf {
	if let Some(path) = std::env::var_os(variable) {
		return PathBuf::from(path);
	}
	let exe = std::env::current_exe().expect("the test knows its own path");
	let folder = exe.parent().expect("the test runs from a target folder");
	// A binary of the workspace (the bench) sits beside it; a test executable one level down.
	[folder, folder.parent().unwrap_or(folder)]
		.map(|dir| dir.join(name))
		.into_iter()
		.find(|path| path.exists())
		.unwrap_or_else(|| {
			panic!(
				"{name} not found beside {}: build it ({build}) or set {variable}",
				exe.display()
			)
		})
}

impl Node {
	/// Start `medchain-node --dev` (found with [`node_binary`]) with a temporary database.
	pub fn dev(name: &str) -> Node {
		Self::dev_with(&node_binary(), name)
	}

	/// Start the `medchain-node` at `binary` with `--dev` and a temporary database.
	pub fn dev_with(binary: &std::path::Path, name: &str) -> Node {
		Self::start_with(binary, name, ["--dev", "--tmp"].map(String::from).to_vec())
	}

	/// Start [`node_binary`] with `args` (chain, base path, keys, bootnodes ...) on free RPC
	/// and P2P ports, listening on 127.0.0.1 only, without mDNS, telemetry or Prometheus.
	pub fn start(name: &str, args: Vec<String>) -> Node {
		Self::start_with(&node_binary(), name, args)
	}

	/// [`Node::start`] with the P2P port given (one a chain spec names as a boot node).
	pub fn start_at(name: &str, args: Vec<String>, p2p_port: u16) -> Node {
		Self::start_on(&node_binary(), name, args, p2p_port)
	}

	fn start_with(binary: &std::path::Path, name: &str, args: Vec<String>) -> Node {
		Self::start_on(binary, name, args, free_port())
	}

	fn start_on(binary: &std::path::Path, name: &str, args: Vec<String>, p2p_port: u16) -> Node {
		let rpc_port = free_port();
		let log = std::env::temp_dir().join(format!("medchain-{name}-{rpc_port}.log"));
		let mut process = Process::new(binary, args, log.clone());
		process.args(["--no-prometheus", "--no-telemetry", "--no-mdns"]);
		process.args(["--rpc-port".into(), rpc_port.to_string()]);
		process.args(["--listen-addr".into(), format!("/ip4/127.0.0.1/tcp/{p2p_port}")]);
		process.spawn();
		Node { process, rpc_url: format!("ws://127.0.0.1:{rpc_port}"), log, p2p_port }
	}

	/// Start it again after [`Node::stop`], with the same arguments and ports (so the same
	/// base path and node key when the arguments name them).
	pub fn restart(&mut self) {
		self.process.restart();
	}

	/// Connect to the node's RPC, retrying until `timeout`.
	#[cfg(feature = "node")]
	pub async fn client(&self, timeout: Duration) -> WsClient {
		let start = Instant::now();
		loop {
			match WsClientBuilder::default().build(&self.rpc_url).await {
				Ok(client) => return client,
				Err(e) if start.elapsed() < timeout => {
					let _ = e;
					tokio::time::sleep(Duration::from_millis(250)).await;
				},
				Err(e) => panic!(
					"node RPC not reachable after {timeout:?}: {e}; log: {}",
					self.log_tail()
				),
			}
		}
	}

	/// The last lines of the node's log, for failure messages.
	pub fn log_tail(&self) -> String {
		self.process.log_tail(30)
	}

	/// Ask the node to stop (SIGINT, as Ctrl-C) and wait up to `timeout` for it to exit.
	/// Returns whether it exited successfully in time.
	pub fn stop(&mut self, timeout: Duration) -> bool {
		self.process.stop(timeout)
	}
}

/// The hospitals of the `local` chain, in the order of their ids: hospital `i` runs a validator
/// with the session keys of `//Name` (`--alice` …) and the development node key `i + 1`, the
/// preset's well-known node.
pub const LOCAL_HOSPITALS: [&str; 4] = ["alice", "bob", "charlie", "dave"];

/// The secret URIs of the `local` chain's hospitals, in the same order: each is its validator,
/// council member and admin of hospital `i`.
pub const LOCAL_KEYS: [&str; 4] = ["//Alice", "//Bob", "//Charlie", "//Dave"];

#[cfg(feature = "node")]
impl Node {
	/// Hospital `i`'s validator node on the `local` chain: base path `<base>/<name>`, node key
	/// file holding the development key `i + 1`, session keys of `//Name` in its keystore;
	/// `extra` arguments after those.
	pub fn local_validator(
		i: usize,
		base: &std::path::Path,
		bootnode: Option<&str>,
		extra: &[String],
	) -> Node {
		let dir = base.join(LOCAL_HOSPITALS[i]);
		std::fs::create_dir_all(&dir).expect("the base path is writable");
		let key = dir.join("node-key");
		std::fs::write(&key, format!("{:064x}", i + 1)).expect("the base path is writable");
		let mut args: Vec<String> =
			vec!["--chain".into(), "local".into(), format!("--{}", LOCAL_HOSPITALS[i])];
		args.extend(["--base-path".into(), dir.display().to_string()]);
		args.extend(["--node-key-file".into(), key.display().to_string()]);
		if let Some(bootnode) = bootnode {
			args.extend(["--bootnodes".into(), bootnode.to_owned()]);
		}
		args.extend(extra.iter().cloned());
		Node::start(LOCAL_HOSPITALS[i], args)
	}

	/// The node's libp2p address with its peer id, for `--bootnodes`.
	pub async fn p2p_address(&self) -> String {
		let client = self.client(Duration::from_secs(60)).await;
		let peer: String = client.request("system_localPeerId", rpc_params![]).await.unwrap();
		format!("/ip4/127.0.0.1/tcp/{}/p2p/{peer}", self.p2p_port)
	}

	/// The four hospitals' validators of the `local` chain under `base` (each with the
	/// `extra` arguments), started and each having finalized a block past genesis within
	/// `timeout`. Returns them and the first one's address (their bootnode).
	pub async fn local_network(
		base: &std::path::Path,
		timeout: Duration,
		extra: &[String],
	) -> (Vec<Node>, String) {
		let alice = Node::local_validator(0, base, None, extra);
		let bootnode = alice.p2p_address().await;
		let mut nodes = vec![alice];
		nodes.extend((1..4).map(|i| Node::local_validator(i, base, Some(&bootnode), extra)));
		let start = Instant::now();
		for node in &nodes {
			let client = node.client(timeout).await;
			while best_and_finalized(&client).await.1 < 2 {
				assert!(
					start.elapsed() < timeout,
					"the local network did not finalize within {timeout:?}; log: {}",
					node.log_tail()
				);
				tokio::time::sleep(Duration::from_secs(1)).await;
			}
		}
		(nodes, bootnode)
	}
}

/// Block number from a header JSON object.
#[cfg(feature = "node")]
pub fn header_number(header: &serde_json::Value) -> u64 {
	let hex = header["number"].as_str().expect("header has a number");
	u64::from_str_radix(hex.trim_start_matches("0x"), 16).expect("hex number")
}

/// The best and the finalized block numbers.
#[cfg(feature = "node")]
pub async fn best_and_finalized(client: &WsClient) -> (u64, u64) {
	let best: serde_json::Value = client.request("chain_getHeader", rpc_params![]).await.unwrap();
	let finalized_hash: String =
		client.request("chain_getFinalizedHead", rpc_params![]).await.unwrap();
	let finalized: serde_json::Value =
		client.request("chain_getHeader", rpc_params![finalized_hash]).await.unwrap();
	(header_number(&best), header_number(&finalized))
}

/// A running `medchain-storage` daemon (API and gateway on loopback, pin agent following a node,
/// private swarm, anchoring every 6 seconds), killed when dropped.
pub struct StorageDaemon {
	process: Process,
	/// The Kubo RPC URL.
	pub api_url: String,
	/// The public gateway's URL.
	pub gateway_url: String,
	/// Its data folder (kept across [`StorageDaemon::restart`]).
	pub data_dir: PathBuf,
	/// Where it writes its log.
	pub log: PathBuf,
	api: String,
	listen: String,
}

impl StorageDaemon {
	/// Start a daemon in `data_dir` whose pin agent follows the node at `node_url`; wait until
	/// its API answers.
	pub async fn start(name: &str, node_url: &str, data_dir: PathBuf) -> StorageDaemon {
		Self::start_with(name, node_url, data_dir, &[]).await
	}

	/// [`StorageDaemon::start`] with `extra` arguments (`--peer`, `--upload-grace`, ...). The
	/// swarm key is `<data_dir>/swarm.key`, made there unless the test put one in place (copy
	/// one daemon's key to another's folder to put both in one swarm).
	pub async fn start_with(
		name: &str,
		node_url: &str,
		data_dir: PathBuf,
		extra: &[&str],
	) -> StorageDaemon {
		std::fs::create_dir_all(&data_dir).expect("the daemon's data folder can be made");
		let swarm_key = data_dir.join("swarm.key");
		if !swarm_key.exists() {
			storage_command(["swarm-key".as_ref(), swarm_key.as_os_str()]);
		}
		let api = format!("127.0.0.1:{}", free_port());
		let gateway = format!("127.0.0.1:{}", free_port());
		let log = std::env::temp_dir().join(format!("medchain-storage-{name}-{}.log", free_port()));
		let listen = format!("/ip4/127.0.0.1/tcp/{}", free_port());
		let args = ["run", "--api", &api, "--node", node_url, "--pin-timeout", "30"];
		let mut process = Process::new(&storage_binary(), args, log.clone())
			.env("RUST_LOG", "medchain_storage=debug,warn");
		process.args(["--listen", &listen, "--gateway", &gateway, "--anchor-interval", "6"]);
		process.args([std::ffi::OsStr::new("--data-dir"), data_dir.as_os_str()]);
		process.args(extra.iter().copied());
		let api_url = format!("http://{api}");
		let gateway_url = format!("http://{gateway}");
		let mut daemon =
			StorageDaemon { process, api_url, gateway_url, data_dir, log, api, listen };
		daemon.spawn().await;
		daemon
	}

	async fn spawn(&mut self) {
		self.process.spawn();
		self.process.wait_for_port(&self.api, Duration::from_secs(30)).await;
	}

	/// Stop it (SIGINT) and wait up to 30 s.
	pub fn stop(&mut self) {
		self.process.stop(Duration::from_secs(30));
	}

	/// Start it again with the same data folder and ports.
	pub async fn restart(&mut self) {
		self.stop();
		self.spawn().await;
	}

	/// Its gateway's service account (SS58), for `roles.set_hospital_services`.
	pub fn service_account(&self) -> String {
		storage_command([
			"service-account".as_ref(),
			"--data-dir".as_ref(),
			self.data_dir.as_os_str(),
		])
		.trim()
		.to_string()
	}

	/// The file holding its read audit log.
	pub fn audit_log(&self) -> PathBuf {
		self.data_dir.join("audit.log")
	}

	/// The file holding its API token.
	pub fn token_file(&self) -> PathBuf {
		self.data_dir.join("api.token")
	}

	/// Its swarm multiaddr with its peer id, for another daemon's `--peer`.
	pub fn swarm_address(&self) -> String {
		let peer =
			storage_command(["peer-id".as_ref(), "--data-dir".as_ref(), self.data_dir.as_os_str()]);
		format!("{}/p2p/{}", self.listen, peer.trim())
	}

	/// The daemon's log so far, for checks and failure messages.
	pub fn log_tail(&self) -> String {
		self.process.log_tail(40)
	}

	/// Whether its log so far contains `text`.
	pub fn logged(&self, text: &str) -> bool {
		std::fs::read_to_string(&self.log).is_ok_and(|log| log.contains(text))
	}
}

/// Run `medchain-storage` with `args` to its end; what it printed.
fn storage_command<'a>(args: impl IntoIterator<Item = &'a std::ffi::OsStr>) -> String {
	let output = std::process::Command::new(storage_binary())
		.args(args)
		.output()
		.expect("medchain-storage runs");
	assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
	String::from_utf8_lossy(&output.stdout).into_owned()
}

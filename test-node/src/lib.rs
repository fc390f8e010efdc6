//! Start and stop real `medchain-node` and `medchain-storage` processes for tests.
//!
//! The node binary is the one Cargo built for the test (`CARGO_BIN_EXE_medchain-node`, passed
//! in by the node's own tests), `MEDCHAIN_NODE` if set, or `medchain-node` next to the test
//! executable's `deps` folder (where `cargo test --workspace` puts it). The storage daemon is
//! `MEDCHAIN_STORAGE` if set, or `medchain-storage` in the same folder (build it with
//! `cargo build --release --manifest-path storage/Cargo.toml --target-dir <the same target>`).

use jsonrpsee::{
	core::client::ClientT,
	rpc_params,
	ws_client::{WsClient, WsClientBuilder},
};
use std::{
	net::TcpListener,
	path::PathBuf,
	process::{Child, Command, Stdio},
	time::{Duration, Instant},
};

/// A running node, killed when dropped.
pub struct Node {
	child: Option<Child>,
	/// The node's JSON-RPC WebSocket URL.
	pub rpc_url: String,
	/// Where the node writes its log (appended to across restarts).
	pub log: PathBuf,
	/// Its libp2p TCP port on 127.0.0.1.
	pub p2p_port: u16,
	binary: PathBuf,
	args: Vec<String>,
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
	let path = exe
		.parent()
		.and_then(|deps| deps.parent())
		.map(|profile| profile.join(name))
		.expect("the test runs from a target folder");
	assert!(path.exists(), "{} not found: build it ({build}) or set {variable}", path.display());
	path
}

/// A TCP port that was free a moment ago.
pub fn free_port() -> u16 {
	TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
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

	fn start_with(binary: &std::path::Path, name: &str, args: Vec<String>) -> Node {
		let rpc_port = free_port();
		let p2p_port = free_port();
		let log = std::env::temp_dir().join(format!("medchain-{name}-{rpc_port}.log"));
		let mut node = Node {
			child: None,
			rpc_url: format!("ws://127.0.0.1:{rpc_port}"),
			log,
			p2p_port,
			binary: binary.to_path_buf(),
			args,
		};
		node.args.extend(["--no-prometheus", "--no-telemetry", "--no-mdns"].map(String::from));
		node.args.extend(["--rpc-port".into(), rpc_port.to_string()]);
		node.args.extend(["--listen-addr".into(), format!("/ip4/127.0.0.1/tcp/{p2p_port}")]);
		node.spawn();
		node
	}

	fn spawn(&mut self) {
		let log = std::fs::OpenOptions::new().create(true).append(true).open(&self.log).unwrap();
		let child = Command::new(&self.binary)
			.args(&self.args)
			.stdout(Stdio::null())
			.stderr(log)
			.spawn()
			.expect("medchain-node starts");
		self.child = Some(child);
	}

	/// Start it again after [`Node::stop`], with the same arguments and ports (so the same
	/// base path and node key when the arguments name them).
	pub fn restart(&mut self) {
		assert!(self.child.is_none(), "restart a stopped node");
		self.spawn();
	}

	/// Connect to the node's RPC, retrying until `timeout`.
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
		let text = std::fs::read_to_string(&self.log).unwrap_or_default();
		let lines: Vec<&str> = text.lines().collect();
		lines[lines.len().saturating_sub(30)..].join("\n")
	}

	/// Ask the node to stop (SIGINT, as Ctrl-C) and wait up to `timeout` for it to exit.
	/// Returns whether it exited successfully in time.
	pub fn stop(&mut self, timeout: Duration) -> bool {
		let Some(mut child) = self.child.take() else { return false };
		let _ = Command::new("kill").args(["-INT", &child.id().to_string()]).status();
		let start = Instant::now();
		while start.elapsed() < timeout {
			if let Ok(Some(status)) = child.try_wait() {
				return status.success();
			}
			std::thread::sleep(Duration::from_millis(100));
		}
		let _ = child.kill();
		let _ = child.wait();
		false
	}
}

impl Drop for Node {
	fn drop(&mut self) {
		if let Some(mut child) = self.child.take() {
			let _ = child.kill();
			let _ = child.wait();
		}
	}
}

/// Block number from a header JSON object.
pub fn header_number(header: &serde_json::Value) -> u64 {
	let hex = header["number"].as_str().expect("header has a number");
	u64::from_str_radix(hex.trim_start_matches("0x"), 16).expect("hex number")
}

/// The best and the finalized block numbers.
pub async fn best_and_finalized(client: &WsClient) -> (u64, u64) {
	let best: serde_json::Value = client.request("chain_getHeader", rpc_params![]).await.unwrap();
	let finalized_hash: String =
		client.request("chain_getFinalizedHead", rpc_params![]).await.unwrap();
	let finalized: serde_json::Value =
		client.request("chain_getHeader", rpc_params![finalized_hash]).await.unwrap();
	(header_number(&best), header_number(&finalized))
}

/// A running `medchain-storage` daemon (API on loopback, pin agent following a node), killed
/// when dropped.
pub struct StorageDaemon {
	child: Option<Child>,
	/// The Kubo RPC URL.
	pub api_url: String,
	/// Its data folder (kept across [`StorageDaemon::restart`]).
	pub data_dir: PathBuf,
	/// Where it writes its log.
	pub log: PathBuf,
	node_url: String,
	api: String,
	swarm_port: u16,
}

impl StorageDaemon {
	/// Start a daemon in `data_dir` whose pin agent follows the node at `node_url`; wait until
	/// its API answers.
	pub async fn start(name: &str, node_url: &str, data_dir: PathBuf) -> StorageDaemon {
		let api = format!("127.0.0.1:{}", free_port());
		let log = std::env::temp_dir().join(format!("medchain-storage-{name}-{}.log", free_port()));
		let mut daemon = StorageDaemon {
			child: None,
			api_url: format!("http://{api}"),
			data_dir,
			log,
			node_url: node_url.to_string(),
			api,
			swarm_port: free_port(),
		};
		daemon.spawn().await;
		daemon
	}

	async fn spawn(&mut self) {
		let log = std::fs::OpenOptions::new().create(true).append(true).open(&self.log).unwrap();
		let child = Command::new(storage_binary())
			.args(["run", "--api", &self.api, "--node", &self.node_url, "--pin-timeout", "30"])
			.args(["--listen", &format!("/ip4/127.0.0.1/tcp/{}", self.swarm_port)])
			.arg("--data-dir")
			.arg(&self.data_dir)
			.env("RUST_LOG", "medchain_storage=debug,warn")
			.stdout(Stdio::null())
			.stderr(log)
			.spawn()
			.expect("medchain-storage starts");
		self.child = Some(child);
		let deadline = Instant::now() + Duration::from_secs(30);
		let id = format!("http://{}/api/v0/id", self.api);
		loop {
			let answered = tokio::net::TcpStream::connect(&self.api).await.is_ok();
			if answered {
				break;
			}
			assert!(Instant::now() < deadline, "{id} did not answer; log: {}", self.log_tail());
			tokio::time::sleep(Duration::from_millis(200)).await;
		}
	}

	/// Stop it (SIGINT) and wait up to 30 s.
	pub fn stop(&mut self) {
		if let Some(mut child) = self.child.take() {
			let _ = Command::new("kill").args(["-INT", &child.id().to_string()]).status();
			let deadline = Instant::now() + Duration::from_secs(30);
			while Instant::now() < deadline {
				if let Ok(Some(_)) = child.try_wait() {
					return;
				}
				std::thread::sleep(Duration::from_millis(100));
			}
			let _ = child.kill();
			let _ = child.wait();
		}
	}

	/// Start it again with the same data folder and ports.
	pub async fn restart(&mut self) {
		self.stop();
		self.spawn().await;
	}

	/// The daemon's log so far, for checks and failure messages.
	pub fn log_tail(&self) -> String {
		let text = std::fs::read_to_string(&self.log).unwrap_or_default();
		let lines: Vec<&str> = text.lines().collect();
		lines[lines.len().saturating_sub(40)..].join("\n")
	}
}

impl Drop for StorageDaemon {
	fn drop(&mut self) {
		if let Some(mut child) = self.child.take() {
			let _ = child.kill();
			let _ = child.wait();
		}
	}
}

//! Start and stop real `medchain-node` processes for tests.
//!
//! The node binary is the one Cargo built for the test (`CARGO_BIN_EXE_medchain-node`, passed
//! in by the node's own tests), `MEDCHAIN_NODE` if set, or `medchain-node` next to the test
//! executable's `deps` folder (where `cargo test --workspace` puts it).

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
	/// Where the node writes its log.
	pub log: PathBuf,
}

/// The `medchain-node` binary to test: `MEDCHAIN_NODE`, or the one in the test's target folder.
pub fn node_binary() -> PathBuf {
	if let Some(path) = std::env::var_os("MEDCHAIN_NODE") {
		return PathBuf::from(path);
	}
	let exe = std::env::current_exe().expect("the test knows its own path");
	let path = exe
		.parent()
		.and_then(|deps| deps.parent())
		.map(|profile| profile.join("medchain-node"))
		.expect("the test runs from a target folder");
	assert!(
		path.exists(),
		"{} not found: build it (cargo build --release -p medchain-node) or set MEDCHAIN_NODE",
		path.display()
	);
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
		let rpc_port = free_port();
		let p2p_port = free_port();
		let log = std::env::temp_dir().join(format!("medchain-{name}-{rpc_port}.log"));
		let log_file = std::fs::File::create(&log).unwrap();
		let child = Command::new(binary)
			.args(["--dev", "--tmp", "--no-prometheus", "--no-telemetry", "--no-mdns"])
			.args(["--rpc-port", &rpc_port.to_string(), "--port", &p2p_port.to_string()])
			.stdout(Stdio::null())
			.stderr(log_file)
			.spawn()
			.expect("medchain-node starts");
		Node { child: Some(child), rpc_url: format!("ws://127.0.0.1:{rpc_port}"), log }
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

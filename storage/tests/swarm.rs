//! Real `medchain-storage` daemons on loopback: the Kubo RPC subset, and a private swarm in which
//! two daemons sharing a swarm key fetch each other's blocks while a daemon with another key
//! cannot join.

use medchain_test_node::{free_port, Process};
use std::{
	path::Path,
	process::{Command, Stdio},
	time::Duration,
};

/// A daemon process, killed when dropped.
struct Daemon {
	process: Process,
	api: String,
	_dir: tempfile::TempDir,
}

impl Daemon {
	/// Start a daemon without a pin agent, with `swarm_key` and `peers`; wait for its API.
	async fn start(swarm_key: Option<&Path>, peers: &[String]) -> Daemon {
		let dir = tempfile::tempdir().unwrap();
		let api = format!("127.0.0.1:{}", free_port());
		let log = dir.path().join("daemon.log");
		let listen = format!("/ip4/127.0.0.1/tcp/{}", free_port());
		let binary = Path::new(env!("CARGO_BIN_EXE_medchain-storage"));
		let mut process = Process::new(
			binary,
			["run", "--no-pin-agent", "--api", &api, "--listen", &listen],
			log,
		);
		process.args([std::ffi::OsStr::new("--data-dir"), dir.path().as_os_str()]);
		if let Some(key) = swarm_key {
			process.args([std::ffi::OsStr::new("--swarm-key"), key.as_os_str()]);
		}
		for peer in peers {
			process.args(["--peer", peer]);
		}
		process.spawn();
		process.wait_for_port(&api, Duration::from_secs(30)).await;
		Daemon { process, api: format!("http://{api}"), _dir: dir }
	}

	async fn try_call(
		&self,
		method: &str,
		query: &[(&str, &str)],
	) -> reqwest::Result<reqwest::Response> {
		reqwest::Client::new()
			.post(format!("{}/api/v0/{method}", self.api))
			.query(query)
			.send()
			.await
	}

	/// Call `method`; the JSON answer and whether it succeeded.
	async fn call(&self, method: &str, query: &[(&str, &str)]) -> (bool, serde_json::Value) {
		let response = self.try_call(method, query).await.unwrap();
		let ok = response.status().is_success();
		(ok, response.json().await.unwrap())
	}

	async fn add(&self, bytes: Vec<u8>) -> String {
		let form = reqwest::multipart::Form::new()
			.part("file", reqwest::multipart::Part::bytes(bytes).file_name("record"));
		let response = reqwest::Client::new()
			.post(format!("{}/api/v0/add?cid-version=1&raw-leaves=true", self.api))
			.multipart(form)
			.send()
			.await
			.unwrap();
		assert!(response.status().is_success());
		let answer: serde_json::Value = response.json().await.unwrap();
		answer["Hash"].as_str().unwrap().to_string()
	}

	async fn cat(&self, cid: &str) -> (bool, Vec<u8>) {
		let response = self.try_call("cat", &[("arg", cid)]).await.unwrap();
		(response.status().is_success(), response.bytes().await.unwrap().to_vec())
	}

	async fn address(&self) -> String {
		let (_, id) = self.call("id", &[]).await;
		id["Addresses"][0].as_str().unwrap().to_string()
	}

	async fn peers(&self) -> usize {
		let (_, peers) = self.call("swarm/peers", &[]).await;
		peers["Peers"].as_array().unwrap().len()
	}
}

fn swarm_key(dir: &Path, name: &str) -> std::path::PathBuf {
	let path = dir.join(name);
	let status = Command::new(env!("CARGO_BIN_EXE_medchain-storage"))
		.arg("swarm-key")
		.arg(&path)
		.stdout(Stdio::null())
		.status()
		.unwrap();
	assert!(status.success());
	path
}

fn pseudo_random(len: usize, seed: u64) -> Vec<u8> {
	let mut state = seed;
	(0..len)
		.map(|_| {
			state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
			(state >> 33) as u8
		})
		.collect()
}

#[tokio::test]
async fn kubo_rpc_subset() {
	let daemon = Daemon::start(None, &[]).await;

	// The CID Kubo gives for "hello world\n" with --cid-version 1.
	let cid = daemon.add(b"hello world\n".to_vec()).await;
	assert_eq!(cid, "bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4");

	// A 1 MB file: several 256 KiB raw leaves under a dag-pb root; cat returns the same bytes.
	let bytes = pseudo_random(1_000_000, 7);
	let big = daemon.add(bytes.clone()).await;
	assert!(big.starts_with("bafybei"), "{big}");
	assert_eq!(daemon.cat(&big).await, (true, bytes));

	// Content just past one chunk, ending on a chunk boundary, or on a full level of the tree
	// (174 links): the daemon and every MedChain client compute the same CID, and the bytes
	// come back. (Exactly one chunk, 262,144 bytes, is refused by the embedded IPFS node's
	// adder; the client computes its CID, see medchain-crypto.)
	for len in [262_145, 2 * 262_144, 174 * 262_144, 174 * 262_144 + 1] {
		let bytes = pseudo_random(len, len as u64);
		let added = daemon.add(bytes.clone()).await;
		assert_eq!(added, medchain_crypto::content_id(&bytes).to_string(), "{len} bytes");
		assert!(daemon.cat(&added).await == (true, bytes), "{len} bytes back");
	}

	// Pins: added content is pinned; pin/rm, then gc removes the blocks.
	let (ok, pins) = daemon.call("pin/ls", &[]).await;
	assert!(ok);
	assert!(pins["Keys"].get(&big).is_some() && pins["Keys"].get(&cid).is_some());
	let (ok, _) = daemon.call("pin/ls", &[("arg", &big)]).await;
	assert!(ok);
	let (ok, removed) = daemon.call("pin/rm", &[("arg", &big)]).await;
	assert!(ok, "{removed}");
	let (ok, error) = daemon.call("pin/ls", &[("arg", &big)]).await;
	assert!(!ok && error["Type"] == "error", "{error}");
	let (ok, error) = daemon.call("pin/rm", &[("arg", &big)]).await;
	assert!(!ok && error["Message"] == "not pinned or pinned indirectly", "{error}");
	let response = daemon.try_call("repo/gc", &[]).await.unwrap();
	assert!(response.status().is_success());
	assert_eq!(response.text().await.unwrap().lines().count(), 5, "4 leaves and the root");
	let (ok, _) = daemon.call("pin/add", &[("arg", &cid)]).await;
	assert!(ok);

	// Bad input gets a Kubo-style error.
	let (ok, error) = daemon.call("cat", &[("arg", "not-a-cid")]).await;
	assert!(!ok && error["Message"] == "invalid CID: not-a-cid", "{error}");
	let (ok, error) = daemon.call("pin/add", &[]).await;
	assert!(!ok && error["Message"] == "argument \"arg\" is required", "{error}");
	let response = reqwest::Client::new()
		.post(format!("{}/api/v0/add?cid-version=0", daemon.api))
		.multipart(
			reqwest::multipart::Form::new().part("file", reqwest::multipart::Part::bytes(vec![1])),
		)
		.send()
		.await
		.unwrap();
	assert_eq!(response.status(), 400);
}

#[tokio::test]
async fn private_swarm_shares_blocks_and_keeps_strangers_out() {
	let keys = tempfile::tempdir().unwrap();
	let consortium = swarm_key(keys.path(), "swarm.key");
	let other = swarm_key(keys.path(), "other.key");
	assert_ne!(std::fs::read(&consortium).unwrap(), std::fs::read(&other).unwrap());

	let a = Daemon::start(Some(&consortium), &[]).await;
	let a_address = a.address().await;
	let b = Daemon::start(Some(&consortium), std::slice::from_ref(&a_address)).await;
	let stranger = Daemon::start(Some(&other), std::slice::from_ref(&a_address)).await;

	// Each side adds content; the other one fetches it over bitswap.
	let from_a = pseudo_random(600_000, 1);
	let from_b = pseudo_random(300_000, 2);
	let cid_a = a.add(from_a.clone()).await;
	let cid_b = b.add(from_b.clone()).await;
	assert_eq!(b.cat(&cid_a).await, (true, from_a));
	assert_eq!(a.cat(&cid_b).await, (true, from_b));
	// Pinning fetches too.
	let (ok, pinned) = b.call("pin/add", &[("arg", &cid_a)]).await;
	assert!(ok, "{pinned}");

	// The daemon with another key never becomes a peer: its dial of `a` was refused.
	assert!(a.peers().await >= 1);
	let deadline = std::time::Instant::now() + Duration::from_secs(60);
	while !stranger.process.log_tail(200).contains("peer not reachable yet") {
		assert!(std::time::Instant::now() < deadline, "the stranger never dialed its peer");
		tokio::time::sleep(Duration::from_millis(200)).await;
	}
	assert_eq!(stranger.peers().await, 0);
}

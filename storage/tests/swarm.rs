//! Real `medchain-storage` daemons on loopback: the Kubo RPC subset and who may call it, and a
//! private swarm in which two daemons sharing a swarm key fetch each other's blocks while a
//! daemon with another key cannot join.

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
	token: String,
	_dir: tempfile::TempDir,
}

impl Daemon {
	/// Start a daemon without a pin agent, with `swarm_key` and `peers`; wait for its API.
	async fn start(swarm_key: Option<&Path>, peers: &[String]) -> Daemon {
		let dir = tempfile::tempdir().unwrap();
		let api = format!("127.0.0.1:{}", free_port());
		let gateway = format!("127.0.0.1:{}", free_port());
		let log = dir.path().join("daemon.log");
		let listen = format!("/ip4/127.0.0.1/tcp/{}", free_port());
		let binary = Path::new(env!("CARGO_BIN_EXE_medchain-storage"));
		let mut process = Process::new(
			binary,
			["run", "--no-pin-agent", "--api", &api, "--listen", &listen, "--gateway", &gateway],
			log,
		);
		process.args([std::ffi::OsStr::new("--data-dir"), dir.path().as_os_str()]);
		match swarm_key {
			Some(key) => process.args([std::ffi::OsStr::new("--swarm-key"), key.as_os_str()]),
			None => process.args(["--public-swarm"]),
		}
		for peer in peers {
			process.args(["--peer", peer]);
		}
		process.spawn();
		process.wait_for_port(&api, Duration::from_secs(30)).await;
		let token = std::fs::read_to_string(dir.path().join("api.token")).unwrap();
		Daemon { process, api: format!("http://{api}"), token: token.trim().into(), _dir: dir }
	}

	/// A request of `method` with the API token.
	fn request(&self, method: &str) -> reqwest::RequestBuilder {
		reqwest::Client::new()
			.post(format!("{}/api/v0/{method}", self.api))
			.bearer_auth(&self.token)
	}

	async fn try_call(
		&self,
		method: &str,
		query: &[(&str, &str)],
	) -> reqwest::Result<reqwest::Response> {
		self.request(method).query(query).send().await
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
		let response = self
			.request("add")
			.query(&[("cid-version", "1"), ("raw-leaves", "true")])
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

	// Content of exactly one chunk, just past it, ending on a chunk boundary, or on a full level
	// of the tree (174 links): the daemon and every MedChain client compute the same CID, and
	// the bytes come back.
	for len in [0, 262_144, 262_145, 2 * 262_144, 174 * 262_144, 174 * 262_144 + 1] {
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
	let response = daemon
		.request("add")
		.query(&[("cid-version", "0")])
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

#[tokio::test]
async fn the_api_refuses_browsers_strangers_and_changes_without_the_token() {
	let daemon = Daemon::start(None, &[]).await;
	let cid = daemon.add(b"kept\n".to_vec()).await;
	let plain = |method: &str| {
		reqwest::Client::new()
			.post(format!("{}/api/v0/{method}", daemon.api))
			.query(&[("arg", &cid)])
	};
	let status = |response: reqwest::Response| response.status().as_u16();

	// Reads need no token; every change of state does, and a wrong one is refused too.
	assert_eq!(status(plain("cat").send().await.unwrap()), 200);
	assert_eq!(status(plain("id").send().await.unwrap()), 200);
	for method in ["pin/rm", "repo/gc", "pin/add", "add"] {
		let response = plain(method).send().await.unwrap();
		assert_eq!(response.status(), 401, "{method} without the token");
		let error: serde_json::Value = response.json().await.unwrap();
		assert!(error["Message"].as_str().unwrap().contains("needs the API token"), "{error}");
		let wrong = plain(method).bearer_auth("0".repeat(64)).send().await.unwrap();
		assert_eq!(status(wrong), 401, "{method} with a wrong token");
	}
	let (ok, pins) = daemon.call("pin/ls", &[("arg", &cid)]).await;
	assert!(ok, "nothing was unpinned: {pins}");

	// Browsers (an Origin, a browser's User-Agent, fetch metadata) and foreign Host names
	// (DNS rebinding) are refused even with the token.
	let refused = [
		("origin", "https://records.example"),
		("user-agent", "Mozilla/5.0 (X11; Linux x86_64)"),
		("sec-fetch-site", "cross-site"),
		("host", "rebound.example:5001"),
	];
	for (name, value) in refused {
		let response = daemon.request("pin/rm").query(&[("arg", &cid)]).header(name, value);
		let response = response.send().await.unwrap();
		assert_eq!(response.status(), 403, "{name}: {value}");
	}
	let port = daemon.api.rsplit(':').next().unwrap();
	let local = daemon.request("pin/ls").header("host", format!("localhost:{port}"));
	assert_eq!(status(local.send().await.unwrap()), 200);
	let (ok, _) = daemon.call("pin/ls", &[("arg", &cid)]).await;
	assert!(ok, "still pinned");
}

/// `medchain-storage run` with `args` that must not start; its error.
fn refuses_to_start(args: &[&std::ffi::OsStr]) -> String {
	let output = Command::new(env!("CARGO_BIN_EXE_medchain-storage"))
		.arg("run")
		.args(["--no-pin-agent", "--api", &format!("127.0.0.1:{}", free_port())])
		.args(["--listen", "/ip4/127.0.0.1/tcp/0"])
		.args(["--gateway", &format!("127.0.0.1:{}", free_port())])
		.args(args)
		.output()
		.unwrap();
	assert_eq!(output.status.code(), Some(1));
	String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn without_a_swarm_key_or_with_an_open_token_the_daemon_does_not_start() {
	let dir = tempfile::tempdir().unwrap();
	let data = dir.path().join("data");
	let error = refuses_to_start(&["--data-dir".as_ref(), data.as_os_str()]);
	assert!(error.contains("no swarm key at") && error.contains("--public-swarm"), "{error}");

	use std::os::unix::fs::PermissionsExt;
	let token = dir.path().join("token");
	std::fs::write(&token, "f".repeat(64)).unwrap();
	std::fs::set_permissions(&token, std::fs::Permissions::from_mode(0o644)).unwrap();
	let args = ["--data-dir".as_ref(), data.as_os_str(), "--public-swarm".as_ref()];
	let error =
		refuses_to_start(&[&args[..], &["--api-token-file".as_ref(), token.as_os_str()]].concat());
	assert!(error.contains("readable by others (mode 644)"), "{error}");
}

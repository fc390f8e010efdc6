//! What the node refuses when deployed: a validator signing with the public development keys
//! while it listens beyond loopback, and a consortium file with problems.

use jsonrpsee::{core::client::ClientT, rpc_params};
use medchain_test_node::{free_port, Node};
use std::{
	process::{Command, Stdio},
	time::{Duration, Instant},
};

const NODE: &str = env!("CARGO_BIN_EXE_medchain-node");
/// A node key of this test's own (a validator needs one): not a development node key.
const NODE_KEY: &str = "00000000000000000000000000000000000000000000000000000000000abcde";

/// Run the node with `args` until it exits (at most a minute): its success and standard error.
fn run_to_exit(args: &[&str]) -> (bool, String) {
	let log = tempfile::NamedTempFile::new().unwrap();
	let mut child = Command::new(NODE)
		.args(args)
		.args(["--tmp", "--no-prometheus", "--no-telemetry", "--no-mdns"])
		.args(["--rpc-port", &free_port().to_string()])
		.stdout(Stdio::null())
		.stderr(log.reopen().unwrap())
		.spawn()
		.unwrap();
	let start = Instant::now();
	let status = loop {
		if let Some(status) = child.try_wait().unwrap() {
			break status;
		}
		if start.elapsed() > Duration::from_secs(60) {
			child.kill().unwrap();
			let _ = child.wait();
			panic!(
				"the node still runs after a minute: {:?}\n{}",
				args,
				std::fs::read_to_string(log.path()).unwrap()
			);
		}
		std::thread::sleep(Duration::from_millis(200));
	};
	(status.success(), std::fs::read_to_string(log.path()).unwrap())
}

#[test]
fn a_node_with_public_development_keys_beyond_loopback_refuses_to_start() {
	let p2p = format!("/ip4/0.0.0.0/tcp/{}", free_port());
	// The `local` chain's authorities are //Alice … //Dave.
	let (ok, log) = run_to_exit(&[
		"--chain",
		"local",
		"--alice",
		"--validator",
		"--node-key",
		NODE_KEY,
		"--listen-addr",
		&p2p,
	]);
	assert!(!ok, "started: {log}");
	assert!(
		log.contains(
			"refusing to run with public development keys (the validator keys //Alice, //Bob"
		) && log.contains(&format!("P2P on {p2p}"))
			&& log.contains("--allow-public-dev-keys"),
		"{log}"
	);

	// The default chain is `dev`; its P2P stays on loopback, but RPC on every interface does not.
	let (ok, log) = run_to_exit(&["--dev", "--rpc-external"]);
	assert!(!ok, "started: {log}");
	assert!(log.contains("RPC on 0.0.0.0:"), "{log}");
	let (ok, log) =
		run_to_exit(&["--validator", "--alice", "--node-key", NODE_KEY, "--listen-addr", &p2p]);
	assert!(!ok && log.contains("//Alice"), "the default chain is not dev: {log}");

	// Any node with a development node key, validator or not.
	let (ok, log) = run_to_exit(&[
		"--chain",
		"local",
		"--listen-addr",
		&p2p,
		"--node-key",
		"0000000000000000000000000000000000000000000000000000000000000001",
	]);
	assert!(!ok && log.contains("(a development node key (0x00…01 to 0x00…04))"), "{log}");

	// Listening on loopback but dialing out beyond it is beyond loopback too.
	let loopback = format!("/ip4/127.0.0.1/tcp/{}", free_port());
	let remote =
		"/ip4/192.0.2.1/tcp/30333/p2p/12D3KooWEyoppNCUx8Yx66oV9fJnriXwCcXwDDUA2kj6vnc6iDEp";
	let (ok, log) = run_to_exit(&[
		"--chain",
		"local",
		"--bob",
		"--validator",
		"--node-key",
		NODE_KEY,
		"--listen-addr",
		&loopback,
		"--bootnodes",
		remote,
	]);
	assert!(!ok && log.contains("dialing /ip4/192.0.2.1/tcp/30333"), "{log}");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_test_network_flag_lets_it_start() {
	let p2p = format!("/ip4/0.0.0.0/tcp/{}", free_port());
	let args = ["--chain", "local", "--alice", "--validator", "--tmp", "--allow-public-dev-keys"];
	let mut args: Vec<String> = args.map(String::from).to_vec();
	args.extend(["--node-key".into(), NODE_KEY.into()]);
	args.extend(["--listen-addr".into(), p2p]);
	let node = Node::start("test-network", args);
	let client = node.client(Duration::from_secs(60)).await;
	let chain: String = client.request("system_chain", rpc_params![]).await.unwrap();
	assert_eq!(chain, "MedChain Local Consortium");
}

#[test]
fn consortium_init_lists_every_problem_of_the_file() {
	let dir = tempfile::tempdir().unwrap();
	let file = dir.path().join("consortium.toml");
	std::fs::write(
		&file,
		"name = \"Lakeside\"\nid = \"lakeside\"\n\
		 council = [\"5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY\"]\n\
		 [[validator]]\naccount = \"5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty\"\n",
	)
	.unwrap();
	let output =
		Command::new(NODE).args(["consortium", "init", "--config"]).arg(&file).output().unwrap();
	assert!(!output.status.success());
	assert!(output.stdout.is_empty(), "nothing printed for a refused file");
	let stderr = String::from_utf8_lossy(&output.stderr);
	for problem in [
		"is not a valid consortium",
		"council: 1 given, at least 2 needed",
		"council: `5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY` is the public development key //Alice",
		"hospitals: 0 given, at least 1 needed",
		"validator: `5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty` is the public development key //Bob",
		"has no aura key",
		"has no grandpa key",
		"nodes: 0 given, at least 1 needed",
	] {
		assert!(stderr.contains(problem), "`{problem}` missing from:\n{stderr}");
	}
}

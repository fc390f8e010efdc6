//! The `medchain` binary against a real `medchain-node --dev`: an admin registers a doctor and a
//! patient, both publish encryption keys, the patient grants and revokes consent, every step
//! read back with `--json`; a stranger's transaction and a bad address fail with one sentence.

use medchain_test_node::Node;
use std::{process::Command, time::Duration};

const BOB: &str = "5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty";
const CHARLIE: &str = "5FLSigC9HGRKVhB9FiEo4Y3koPsNmBmLJbpXg2mp1hXcS59Y";

/// Run `medchain` against `node`; (success, stdout, stderr).
fn medchain(node: &Node, args: &[&str]) -> (bool, String, String) {
	let output = Command::new(env!("CARGO_BIN_EXE_medchain"))
		.args(["--node", &node.rpc_url])
		.args(args)
		.output()
		.expect("medchain runs");
	(
		output.status.success(),
		String::from_utf8_lossy(&output.stdout).into_owned(),
		String::from_utf8_lossy(&output.stderr).into_owned(),
	)
}

fn ok(node: &Node, args: &[&str]) -> serde_json::Value {
	let (success, stdout, stderr) = medchain(node, args);
	assert!(success, "medchain {args:?} failed: {stderr}");
	serde_json::from_str(stdout.trim()).unwrap_or_else(|e| panic!("not JSON ({e}): {stdout}"))
}

#[tokio::test(flavor = "multi_thread")]
async fn roles_keys_and_consent_through_the_cli() {
	let node = Node::dev("cli");
	drop(node.client(Duration::from_secs(90)).await);

	// Offline: key generation and display.
	let generated = ok(&node, &["--json", "key", "generate"]);
	assert_eq!(generated["phrase"].as_str().unwrap().split(' ').count(), 12);
	// A keystore file is written once and never replaced.
	let dir = tempfile::tempdir().unwrap();
	let keystore = dir.path().join("account.json");
	let generate = || {
		Command::new(env!("CARGO_BIN_EXE_medchain"))
			.args(["key", "generate", "--output"])
			.arg(&keystore)
			.env("MEDCHAIN_PASSPHRASE", "a long pass phrase")
			.output()
			.expect("medchain runs")
	};
	assert!(generate().status.success());
	let first = std::fs::read(&keystore).unwrap();
	let again = generate();
	assert!(!again.status.success());
	let stderr = String::from_utf8_lossy(&again.stderr);
	assert!(stderr.starts_with("error: ") && stderr.contains("exists"), "{stderr}");
	assert_eq!(std::fs::read(&keystore).unwrap(), first, "the first account is kept");
	let shown = ok(&node, &["--json", "--key", "//Bob", "key", "show"]);
	assert_eq!(shown["address"], BOB);

	// A stranger is refused by the chain, a bad address by the CLI: one sentence each.
	let (success, _, stderr) = medchain(&node, &["--key", "//Dave", "key", "publish"]);
	assert!(!success);
	assert!(stderr.starts_with("error: ") && stderr.contains("not registered"), "{stderr}");
	let (success, _, stderr) =
		medchain(&node, &["--key", "//Alice", "patient", "register", "--hospital", "0", "nobody"]);
	assert!(!success);
	assert!(stderr.contains("not an SS58 account address"), "{stderr}");

	let assigned = ok(
		&node,
		&[
			"--json",
			"--key",
			"//Alice",
			"role",
			"assign",
			"--hospital",
			"0",
			"--role",
			"doctor",
			BOB,
		],
	);
	assert_eq!(assigned["assigned"], BOB);
	ok(&node, &["--json", "--key", "//Alice", "patient", "register", "--hospital", "0", CHARLIE]);
	ok(&node, &["--json", "--key", "//Bob", "key", "publish"]);

	// The patient grants, lists, and revokes (the key Bob held rotates).
	ok(&node, &["--json", "--key", "//Charlie", "consent", "grant", BOB, "--categories", "1,2"]);
	let grants = ok(&node, &["--json", "--key", "//Charlie", "consent", "list"]);
	assert_eq!(grants[0]["grantee"], BOB);
	assert_eq!(grants[0]["keyCategories"], serde_json::json!([1, 2]));
	assert_eq!(grants[0]["live"], true);
	ok(&node, &["--json", "--key", "//Charlie", "consent", "revoke", BOB]);
	let grants = ok(&node, &["--json", "consent", "list", "--patient", CHARLIE]);
	assert_eq!(grants, serde_json::json!([]));
}

//! The `medchain` binary against a real `medchain-node --dev`: an admin registers a doctor and a
//! patient, both publish encryption keys, the patient grants and revokes consent, every step
//! read back with `--json`; a stranger's transaction and a bad address fail with one sentence.

use medchain_test_node::Node;
use std::{process::Command, time::Duration};

const BOB: &str = "5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty";
const CHARLIE: &str = "5FLSigC9HGRKVhB9FiEo4Y3koPsNmBmLJbpXg2mp1hXcS59Y";

/// Run `medchain` against `node`; (success, stdout, stderr).
fn medchain(node: &Node, args: &[&str]) -> (bool, String, String) {
	let known_keys =
		std::env::temp_dir().join(format!("medchain-known-keys-{}.json", std::process::id()));
	let output = Command::new(env!("CARGO_BIN_EXE_medchain"))
		.args(["--node", &node.rpc_url])
		.env("MEDCHAIN_KNOWN_KEYS", known_keys)
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
	// Bob's published key changes (as a node forging it would make it look): the next grant
	// warns with both fingerprints.
	let chain = medchain_client::chain::Chain::connect(&node.rpc_url).await.unwrap();
	let bob = medchain_client::keys::Account::from_uri("//Bob").unwrap();
	let mut other = [0u8; 32];
	other[0] = 9;
	let publish = medchain_client::chain::runtime::transactions().roles().set_encryption_key(other);
	chain.submit(&publish, &bob).await.unwrap();
	let (success, stdout, stderr) = medchain(
		&node,
		&["--json", "--key", "//Charlie", "consent", "grant", BOB, "--categories", "1,2,3"],
	);
	assert!(success, "{stderr}");
	let granted: serde_json::Value = serde_json::from_str(stdout.trim()).unwrap();
	assert_eq!(granted["keyChanged"], true);
	let now = medchain_client::crypto::fingerprint(&other);
	assert_eq!(granted["fingerprint"], now.as_str());
	assert!(stderr.contains("warning: the encryption key of") && stderr.contains(&now), "{stderr}");
	ok(&node, &["--json", "--key", "//Charlie", "consent", "revoke", BOB]);
	let grants = ok(&node, &["--json", "consent", "list", "--patient", CHARLIE]);
	assert_eq!(grants, serde_json::json!([]));
}

/// Run `medchain` offline with `args`, the environment `env` and `input` on standard input;
/// (success, stdout, stderr).
fn offline(args: &[&str], env: &[(&str, &str)], input: &str) -> (bool, String, String) {
	use std::io::Write;
	let mut child = Command::new(env!("CARGO_BIN_EXE_medchain"))
		.args(args)
		.env_remove("MEDCHAIN_PASSPHRASE")
		.envs(env.iter().copied())
		.stdin(std::process::Stdio::piped())
		.stdout(std::process::Stdio::piped())
		.stderr(std::process::Stdio::piped())
		.spawn()
		.expect("medchain runs");
	child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
	let output = child.wait_with_output().unwrap();
	(
		output.status.success(),
		String::from_utf8_lossy(&output.stdout).into_owned(),
		String::from_utf8_lossy(&output.stderr).into_owned(),
	)
}

/// Arguments, environment, standard input, and what the one-sentence error must say.
type Refusal<'a> = (&'a [&'a str], &'a [(&'a str, &'a str)], &'a str, &'a str);

#[test]
fn keystore_files_generate_export_import_and_refuse_bad_input() {
	let dir = tempfile::tempdir().unwrap();
	let path = |name: &str| dir.path().join(name).to_str().unwrap().to_string();
	let pass = [("MEDCHAIN_PASSPHRASE", "a long pass phrase")];

	// The recovery phrase is shown once, with the new file; export gives it back.
	let (success, stdout, stderr) =
		offline(&["--json", "key", "generate", "--output", &path("a.json")], &pass, "");
	assert!(success, "{stderr}");
	let generated: serde_json::Value = serde_json::from_str(&stdout).unwrap();
	let phrase = generated["phrase"].as_str().unwrap().to_string();
	assert_eq!(phrase.split(' ').count(), 12);
	let (success, stdout, stderr) =
		offline(&["--json", "--keystore", &path("a.json"), "key", "export"], &pass, "");
	assert!(success, "{stderr}");
	let exported: serde_json::Value = serde_json::from_str(&stdout).unwrap();
	assert_eq!(
		(&exported["phrase"], &exported["address"]),
		(&generated["phrase"], &generated["address"])
	);

	// Import writes the same account to a new file, read from standard input.
	let (success, stdout, stderr) =
		offline(&["--json", "key", "import", "--output", &path("b.json")], &pass, &phrase);
	assert!(success, "{stderr}");
	let imported: serde_json::Value = serde_json::from_str(&stdout).unwrap();
	assert_eq!(imported["address"], generated["address"]);
	let mode = std::os::unix::fs::PermissionsExt::mode(
		&std::fs::metadata(path("b.json")).unwrap().permissions(),
	);
	assert_eq!(mode & 0o777, 0o600);

	// Bad input: one sentence each, exit code 1, and no file written or replaced.
	let before = std::fs::read(path("b.json")).unwrap();
	let refusals: [Refusal; 6] = [
		(&["key", "import", "--output", &path("b.json")], &pass, &phrase, "exists"),
		(
			&["key", "import", "--output", &path("c.json")],
			&pass,
			"no such words",
			"not a valid secret URI",
		),
		(
			&["key", "generate", "--output", &path("c.json")],
			&[("MEDCHAIN_PASSPHRASE", "short")],
			"",
			"at least 8 characters",
		),
		(
			&["key", "generate", "--output", &path("c.json")],
			&[],
			"",
			"set MEDCHAIN_PASSPHRASE, or run on a terminal",
		),
		(
			&["--keystore", &path("a.json"), "key", "export"],
			&[("MEDCHAIN_PASSPHRASE", "not the pass phrase")],
			"",
			"wrong passphrase",
		),
		(
			&["--keystore", &path("damaged.json"), "key", "show"],
			&pass,
			"",
			"not a MedChain keystore file",
		),
	];
	std::fs::write(path("damaged.json"), &before[..before.len() / 2]).unwrap();
	for (args, env, input, expected) in refusals {
		let (success, _, stderr) = offline(args, env, input);
		assert!(
			!success && stderr.starts_with("error: ") && stderr.contains(expected),
			"{args:?}: {stderr}"
		);
		assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
	}
	assert!(!dir.path().join("c.json").exists());
	assert_eq!(std::fs::read(path("b.json")).unwrap(), before);

	// `--help` never shows the secret in MEDCHAIN_KEY.
	let (_, stdout, _) = offline(&["--help"], &[("MEDCHAIN_KEY", "//SecretSeedWords")], "");
	assert!(stdout.contains("MEDCHAIN_KEY") && !stdout.contains("SecretSeedWords"), "{stdout}");
}

/// `medchain` on a terminal (a pseudo-terminal made by `script`), typing `lines` one by one;
/// (success, what the terminal showed).
fn on_terminal(args: &str, lines: &[&str]) -> (bool, String) {
	use std::io::Write;
	let command = format!("{} {args}", env!("CARGO_BIN_EXE_medchain"));
	let mut child = Command::new("script")
		.args(["-qec", &command, "/dev/null"])
		.env_remove("MEDCHAIN_PASSPHRASE")
		.stdin(std::process::Stdio::piped())
		.stdout(std::process::Stdio::piped())
		.spawn()
		.expect("script (util-linux) runs");
	let mut input = child.stdin.take().unwrap();
	for line in lines {
		// Each answer after its prompt is up.
		std::thread::sleep(Duration::from_millis(700));
		input.write_all(format!("{line}\n").as_bytes()).unwrap();
	}
	let output = child.wait_with_output().unwrap();
	(output.status.success(), String::from_utf8_lossy(&output.stdout).into_owned())
}

#[test]
fn on_a_terminal_the_passphrase_is_asked_twice() {
	let dir = tempfile::tempdir().unwrap();
	let file = dir.path().join("asked.json");
	let args = format!("key generate --output {}", file.display());
	let (success, shown) = on_terminal(&args, &["two different", "pass phrases"]);
	assert!(!success && shown.contains("the two passphrases differ"), "{shown}");
	assert!(!file.exists(), "nothing written");
	let (success, shown) = on_terminal(&args, &["a long pass phrase", "a long pass phrase"]);
	assert!(success, "{shown}");
	assert!(shown.contains("Passphrase to protect the keystore file") && shown.contains("again"));
	let export = format!("--keystore {} key export", file.display());
	let (success, shown) = on_terminal(&export, &["a long pass phrase"]);
	assert!(success && shown.contains("secret URI"), "{shown}");
}

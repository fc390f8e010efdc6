//! Running the `medchain` binary from the integration tests.

use std::process::{Command, Output, Stdio};

/// Addresses of the development accounts.
#[allow(dead_code)] // not every test binary names every account
pub mod dev {
	pub const ALICE: &str = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";
	pub const BOB: &str = "5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty";
	pub const CHARLIE: &str = "5FLSigC9HGRKVhB9FiEo4Y3koPsNmBmLJbpXg2mp1hXcS59Y";
	pub const DAVE: &str = "5DAAnrj7VHTznn2AWBemMuyBwZWs6FNFjdyVXUeYum3PTXFy";
	pub const EVE: &str = "5HGjWAeFDfFCWPsjFQdVV2Msvz2XtMktvgocEZcCj68kUMaw";
	pub const FERDIE: &str = "5CiPPseXPECbkjWCa6MnjNokrgYjMqmKndv2rSnekmSK2DjL";
}

/// The `medchain` command line against one node and one storage, with `--json`.
pub struct Medchain {
	/// The node's WebSocket URL.
	pub node: String,
	/// The Kubo RPC URL of the storage (`--ipfs`); empty: records go through the gateways the
	/// chain names.
	pub ipfs: String,
	/// The storage's API token file.
	pub token_file: Option<std::path::PathBuf>,
}

impl Medchain {
	/// `medchain` acting as `key` with `args`.
	pub fn command(&self, key: &str, args: &[&str]) -> Command {
		let mut command = Command::new(env!("CARGO_BIN_EXE_medchain"));
		command.args(["--node", &self.node, "--json", "--key", key]);
		if !self.ipfs.is_empty() {
			command.args(["--ipfs", &self.ipfs]);
		}
		command.args(args);
		command.env("MEDCHAIN_KNOWN_KEYS", known_keys());
		if let Some(token) = &self.token_file {
			command.env("MEDCHAIN_IPFS_TOKEN_FILE", token);
		}
		command
	}

	/// Run `medchain` as `key`; its JSON answer, or a panic with its error.
	pub fn ok(&self, key: &str, args: &[&str]) -> serde_json::Value {
		parse(self.command(key, args).output().unwrap(), args)
	}

	/// Run `medchain` as `key`, expecting failure; its one-sentence error.
	#[allow(dead_code)] // not every test binary checks refusals
	pub fn fails(&self, key: &str, args: &[&str]) -> String {
		let output = self.command(key, args).output().unwrap();
		let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
		assert_eq!(output.status.code(), Some(1), "medchain {args:?} should fail: {stderr}");
		assert!(stderr.starts_with("error: ") && stderr.trim().lines().count() == 1, "{stderr}");
		stderr
	}

	/// Run several independent commands (different signers) at once.
	pub fn all(&self, runs: &[(&str, &[&str])]) -> Vec<serde_json::Value> {
		let children: Vec<_> = runs
			.iter()
			.map(|(key, args)| {
				let mut command = self.command(key, args);
				command.stdout(Stdio::piped()).stderr(Stdio::piped());
				command.spawn().unwrap()
			})
			.collect();
		children
			.into_iter()
			.zip(runs)
			.map(|(child, (_, args))| parse(child.wait_with_output().unwrap(), args))
			.collect()
	}
}

/// The known-keys file of this test process (not the user's).
pub fn known_keys() -> std::path::PathBuf {
	std::env::temp_dir().join(format!("medchain-known-keys-{}.json", std::process::id()))
}

/// The JSON a successful `medchain` run printed.
pub fn parse(output: Output, args: &[&str]) -> serde_json::Value {
	let stderr = String::from_utf8_lossy(&output.stderr);
	assert!(output.status.success(), "medchain {args:?} failed: {stderr}");
	let stdout = String::from_utf8_lossy(&output.stdout);
	serde_json::from_str(stdout.trim()).unwrap_or_else(|e| panic!("not JSON ({e}): {stdout}"))
}

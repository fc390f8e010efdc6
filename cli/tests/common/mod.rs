//! Running the `medchain` binary from the integration tests.

use std::process::{Command, Output, Stdio};

/// The `medchain` command line against one node and one storage API, with `--json`.
pub struct Medchain {
	/// The node's WebSocket URL.
	pub node: String,
	/// The Kubo RPC URL of the storage.
	pub ipfs: String,
}

impl Medchain {
	/// `medchain` acting as `key` with `args`.
	pub fn command(&self, key: &str, args: &[&str]) -> Command {
		let mut command = Command::new(env!("CARGO_BIN_EXE_medchain"));
		command
			.args(["--node", &self.node, "--ipfs", &self.ipfs, "--json", "--key", key])
			.args(args);
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
		assert!(!output.status.success(), "medchain {args:?} should fail");
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

/// The JSON a successful `medchain` run printed.
pub fn parse(output: Output, args: &[&str]) -> serde_json::Value {
	let stderr = String::from_utf8_lossy(&output.stderr);
	assert!(output.status.success(), "medchain {args:?} failed: {stderr}");
	let stdout = String::from_utf8_lossy(&output.stdout);
	serde_json::from_str(stdout.trim()).unwrap_or_else(|e| panic!("not JSON ({e}): {stdout}"))
}

//! What every command shares: the acting account, one chain connection, the storage, the
//! output (text or `--json`) and the failure sentence.

use medchain_client::{
	chain::Chain,
	keys::{Account, KeystoreFile},
	storage::Storage,
};
use serde::Serialize;
use std::path::PathBuf;
use subxt::utils::AccountId32;
use tokio::sync::OnceCell;

/// A failure, as the sentence the user sees.
pub struct Failure(pub String);

impl<E: std::fmt::Display> From<E> for Failure {
	fn from(error: E) -> Self {
		Failure(error.to_string())
	}
}

/// The global options every command reads.
#[derive(clap::Args, Debug)]
pub struct Globals {
	/// WebSocket URL of a MedChain node.
	#[arg(long, env = "MEDCHAIN_NODE_URL", default_value = "ws://127.0.0.1:9944", global = true)]
	pub node: String,
	/// Kubo RPC URL of the IPFS storage (the MedChain storage daemon, Kubo or an IPFS Cluster
	/// proxy).
	#[arg(long, env = "MEDCHAIN_IPFS_URL", default_value = medchain_client::storage::DEFAULT_URL, global = true)]
	pub ipfs: String,
	/// The acting account as a secret URI (mnemonic, 0x seed or //Dev URI).
	#[arg(long, env = "MEDCHAIN_KEY", global = true, conflicts_with = "keystore")]
	pub key: Option<String>,
	/// The acting account's keystore file (passphrase in MEDCHAIN_PASSPHRASE).
	#[arg(long, env = "MEDCHAIN_KEYSTORE", global = true)]
	pub keystore: Option<PathBuf>,
	/// Print JSON instead of text.
	#[arg(long, global = true)]
	pub json: bool,
}

/// The context of one command.
pub struct Context {
	globals: Globals,
	chain: OnceCell<Chain>,
}

impl Context {
	/// The context of a command run with `globals`.
	pub fn new(globals: Globals) -> Self {
		Self { globals, chain: OnceCell::new() }
	}

	/// Whether the output is JSON.
	pub fn json(&self) -> bool {
		self.globals.json
	}

	/// The acting account, from `--key` or `--keystore`.
	pub fn account(&self) -> Result<Account, Failure> {
		match (&self.globals.key, &self.globals.keystore) {
			(Some(uri), _) => Ok(Account::from_uri(uri)?),
			(None, Some(path)) => {
				let passphrase = passphrase("open")?;
				Ok(KeystoreFile::load(path)?.open(&passphrase)?)
			},
			(None, None) => {
				Err(Failure("no account: pass --key <secret URI> or --keystore <file>".into()))
			},
		}
	}

	/// `patient`, or the acting account.
	pub fn patient_or_me(&self, patient: &Option<String>) -> Result<AccountId32, Failure> {
		match patient {
			Some(text) => account(text),
			None => Ok(self.account()?.account_id()),
		}
	}

	/// The connection to the node, made on first use.
	pub async fn chain(&self) -> Result<&Chain, Failure> {
		let url = &self.globals.node;
		Ok(self.chain.get_or_try_init(|| Chain::connect(url)).await?)
	}

	/// The IPFS storage.
	pub fn storage(&self) -> Storage {
		Storage::new(&self.globals.ipfs)
	}

	/// Print `value` as JSON with `--json`, else the text `text` makes.
	pub fn print(
		&self,
		value: &impl Serialize,
		text: impl FnOnce() -> String,
	) -> Result<(), Failure> {
		if self.globals.json {
			println!("{}", serde_json::to_string(value)?);
		} else {
			println!("{}", text());
		}
		Ok(())
	}
}

/// The keystore passphrase from `MEDCHAIN_PASSPHRASE`; `purpose` completes the error sentence.
pub fn passphrase(purpose: &str) -> Result<String, Failure> {
	std::env::var("MEDCHAIN_PASSPHRASE")
		.map_err(|_| Failure(format!("set MEDCHAIN_PASSPHRASE to {purpose} the keystore file")))
}

/// The account whose SS58 address is `text`.
pub fn account(text: &str) -> Result<AccountId32, Failure> {
	text.parse().map_err(|_| Failure(format!("'{text}' is not an SS58 account address")))
}

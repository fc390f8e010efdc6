//! What every command shares: the acting account, one chain connection, the record storage
//! (a hospital's gateway, or a Kubo RPC API), the output (text or `--json`) and the failure
//! sentence.

use medchain_client::{
	chain::Chain,
	gateway::Gateway,
	keys::{Account, KeystoreFile},
	storage::{ContentStore, Storage},
};
use serde::Serialize;
use std::{io::IsTerminal, path::PathBuf};
use subxt::utils::AccountId32;
use tokio::sync::OnceCell;
use zeroize::Zeroizing;

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
	/// The hospital gateway records go through: a hospital id (its gateway URL and service
	/// account are read from the chain) or a gateway URL. Default: a hospital the acting account
	/// belongs to, else the first hospital that publishes a gateway.
	#[arg(long, env = "MEDCHAIN_GATEWAY", global = true, conflicts_with = "ipfs")]
	pub gateway: Option<String>,
	/// Use this Kubo RPC API instead of a gateway (the storage daemon's admin API on its host,
	/// Kubo or an IPFS Cluster proxy): for administrators and integrations. Reads through it
	/// are not in any hospital's read audit.
	#[arg(long, env = "MEDCHAIN_IPFS_URL", global = true)]
	pub ipfs: Option<String>,
	/// File holding the Kubo RPC API's token (the daemon's `<data-dir>/api.token`), needed to
	/// add records through `--ipfs`.
	#[arg(long, env = "MEDCHAIN_IPFS_TOKEN_FILE", global = true)]
	pub ipfs_token_file: Option<PathBuf>,
	/// The largest record, in bytes, added or fetched (a storage sending more is stopped).
	#[arg(long, default_value_t = medchain_client::storage::DEFAULT_MAX_CONTENT, global = true)]
	pub max_record_size: u64,
	/// The acting account as a secret URI (mnemonic, 0x seed or //Dev URI). Prefer
	/// `--keystore`: a secret on the command line is visible to other users of the machine.
	#[arg(
		long,
		env = "MEDCHAIN_KEY",
		hide_env_values = true,
		global = true,
		conflicts_with = "keystore"
	)]
	pub key: Option<String>,
	/// The acting account's keystore file (passphrase in MEDCHAIN_PASSPHRASE, else asked on
	/// the terminal).
	#[arg(long, env = "MEDCHAIN_KEYSTORE", global = true)]
	pub keystore: Option<PathBuf>,
	/// The file of the encryption keys this machine granted to, to warn when one changes
	/// (default `~/.local/share/medchain/known-keys.json`).
	#[arg(long, env = "MEDCHAIN_KNOWN_KEYS", global = true)]
	pub known_keys: Option<PathBuf>,
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
			(None, Some(path)) => Ok(self.keystore_secret(path)?.0),
			(None, None) => {
				Err(Failure("no account: pass --key <secret URI> or --keystore <file>".into()))
			},
		}
	}

	/// The account in the keystore file `path` and its secret URI.
	pub fn keystore_secret(
		&self,
		path: &std::path::Path,
	) -> Result<(Account, Zeroizing<String>), Failure> {
		let file = KeystoreFile::load(path)?;
		Ok(file.open_with_uri(&passphrase("open", false)?)?)
	}

	/// The `--keystore` file, for commands that act on the file itself.
	pub fn keystore(&self) -> Result<&std::path::Path, Failure> {
		self.globals.keystore.as_deref().ok_or_else(|| Failure("pass --keystore <file>".into()))
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

	/// The encryption keys granted to before.
	pub fn known_keys(&self) -> Result<crate::known_keys::KnownKeys, Failure> {
		crate::known_keys::KnownKeys::open(self.globals.known_keys.clone())
	}

	/// Where record content goes and comes from: the `--ipfs` Kubo RPC API (with its token
	/// when a token file is given), else the gateway [`Context::gateway`] picks.
	pub async fn content_store(&self) -> Result<ContentStore, Failure> {
		let Some(url) = &self.globals.ipfs else {
			return Ok(ContentStore::Gateway(self.gateway().await?));
		};
		let storage = Storage::new(url).with_max_content(self.globals.max_record_size);
		Ok(ContentStore::Kubo(match &self.globals.ipfs_token_file {
			Some(path) => storage.with_token(Storage::read_token(path)?),
			None => storage,
		}))
	}

	/// The gateway of `--gateway` (a hospital id or a URL), else of a hospital the acting
	/// account belongs to, else of the first hospital that publishes one.
	pub async fn gateway(&self) -> Result<Gateway, Failure> {
		let max = self.globals.max_record_size;
		let roles = self.chain().await?.roles();
		let chosen =
			match &self.globals.gateway {
				Some(text) if text.contains("://") => {
					return Ok(Gateway::discover(text).await?.with_max_content(max));
				},
				Some(text) => {
					let hospital: u32 = text.parse().map_err(|_| {
						Failure(format!("--gateway takes a hospital id or a URL, not '{text}'"))
					})?;
					Some(roles.hospital_services(hospital).await?.ok_or_else(|| {
						Failure(format!("hospital {hospital} publishes no gateway"))
					})?)
				},
				None => {
					let mine = match self.account() {
						Ok(account) => roles.hospitals_of(&account.account_id()).await?,
						Err(_) => Vec::new(),
					};
					let all = roles.all_hospital_services().await?;
					mine.iter()
						.find_map(|hospital| all.iter().find(|s| s.hospital == *hospital))
						.or(all.first())
						.cloned()
				},
			};
		let services = chosen.ok_or_else(|| {
			Failure(
				"no hospital publishes a gateway yet (medchain hospital set-services), and no 				 --gateway or --ipfs was given"
					.into(),
			)
		})?;
		Ok(Gateway::new(&services.gateway, services.service_account).with_max_content(max))
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

/// The keystore passphrase: `MEDCHAIN_PASSPHRASE`, else asked on the terminal without echo
/// (twice with `confirm`, for a new file). `purpose` completes the sentences.
pub fn passphrase(purpose: &str, confirm: bool) -> Result<Zeroizing<String>, Failure> {
	if let Ok(text) = std::env::var("MEDCHAIN_PASSPHRASE") {
		return Ok(Zeroizing::new(text));
	}
	if !std::io::stdin().is_terminal() {
		return Err(Failure(format!(
			"set MEDCHAIN_PASSPHRASE, or run on a terminal, to {purpose} the keystore file"
		)));
	}
	let asked = |prompt: &str| rpassword::prompt_password(prompt).map(Zeroizing::new);
	let first = asked(&format!("Passphrase to {purpose} the keystore file: "))?;
	if confirm && *asked("The same passphrase again: ")? != *first {
		return Err(Failure("the two passphrases differ; nothing was written".into()));
	}
	Ok(first)
}

/// A secret read from the terminal without echo, or the first line of standard input.
pub fn secret_input(prompt: &str) -> Result<Zeroizing<String>, Failure> {
	if std::io::stdin().is_terminal() {
		return Ok(Zeroizing::new(rpassword::prompt_password(prompt)?));
	}
	let mut line = Zeroizing::new(String::new());
	std::io::stdin().read_line(&mut line)?;
	Ok(Zeroizing::new(line.trim().to_string()))
}

/// The account whose SS58 address is `text`.
pub fn account(text: &str) -> Result<AccountId32, Failure> {
	text.parse().map_err(|_| Failure(format!("'{text}' is not an SS58 account address")))
}

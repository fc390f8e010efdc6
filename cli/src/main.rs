//! `medchain`: MedChain's command line for patients, doctors, hospital staff and admins.
//!
//! Every command that acts signs with the account given by `--key` (a secret URI: mnemonic,
//! `0x` seed or a development URI such as `//Alice`) or `--keystore` (a keystore file; its
//! passphrase comes from `MEDCHAIN_PASSPHRASE`). `--json` prints one JSON document for
//! scripts. Errors are one sentence on standard error, with exit code 1.

mod consortium;
mod record;

use clap::{Parser, Subcommand, ValueEnum};
use medchain_client::{
	chain::{
		account_id,
		runtime::{self, runtime_types},
		Chain,
	},
	council::{Motion, RuntimeCall},
	keys::{Account, KeystoreFile},
	storage::{Storage, DEFAULT_URL},
};
use serde::Serialize;
use sp_core::{
	crypto::{AccountId32 as CoreAccountId, Ss58Codec},
	sr25519, Pair,
};
use std::{path::PathBuf, process::ExitCode};
use subxt::utils::AccountId32;

#[derive(Parser, Debug)]
#[command(
	name = "medchain",
	version,
	about = "MedChain: patients' medical records, kept by hospitals together"
)]
struct Cli {
	/// WebSocket URL of a MedChain node.
	#[arg(long, env = "MEDCHAIN_NODE_URL", default_value = "ws://127.0.0.1:9944", global = true)]
	node: String,
	/// Kubo RPC URL of the IPFS storage (the MedChain storage daemon, Kubo or an IPFS Cluster
	/// proxy).
	#[arg(long, env = "MEDCHAIN_IPFS_URL", default_value = DEFAULT_URL, global = true)]
	ipfs: String,
	/// The acting account as a secret URI (mnemonic, 0x seed or //Dev URI).
	#[arg(long, env = "MEDCHAIN_KEY", global = true, conflicts_with = "keystore")]
	key: Option<String>,
	/// The acting account's keystore file (passphrase in MEDCHAIN_PASSPHRASE).
	#[arg(long, env = "MEDCHAIN_KEYSTORE", global = true)]
	keystore: Option<PathBuf>,
	/// Print JSON instead of text.
	#[arg(long, global = true)]
	json: bool,
	#[command(subcommand)]
	command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
	/// Account keys.
	#[command(subcommand)]
	Key(KeyCommand),
	/// Hospitals (council members).
	#[command(subcommand)]
	Hospital(HospitalCommand),
	/// The hospital council: motions, votes, members.
	#[command(subcommand)]
	Council(consortium::CouncilCommand),
	/// Validators and their session keys (council motions).
	#[command(subcommand)]
	Validator(consortium::ValidatorCommand),
	/// Authorized (well-known) nodes of the consortium network (council motions).
	#[command(subcommand)]
	Node(consortium::NodeCommand),
	/// Doctor and staff roles (hospital admins).
	#[command(subcommand)]
	Role(RoleCommand),
	/// Patients (hospital staff and admins).
	#[command(subcommand)]
	Patient(PatientCommand),
	/// Consent (patients).
	#[command(subcommand)]
	Consent(ConsentCommand),
	/// Records: add, get, list, show (history), update, delete, approve, co-sign.
	#[command(subcommand)]
	Record(record::RecordCommand),
}

#[derive(Subcommand, Debug)]
enum KeyCommand {
	/// Create a new account: prints its recovery phrase, or writes it to a keystore file
	/// (passphrase in MEDCHAIN_PASSPHRASE).
	Generate {
		/// Write the new account to this keystore file instead of printing the phrase.
		#[arg(long)]
		output: Option<PathBuf>,
	},
	/// Show the acting account's address and encryption key.
	Show,
	/// Publish the acting account's encryption key on chain.
	Publish,
}

#[derive(Subcommand, Debug)]
enum HospitalCommand {
	/// Propose to the council to register a hospital with its first admin.
	Register {
		/// The hospital's name.
		#[arg(long)]
		name: String,
		/// Its admin (SS58).
		#[arg(long)]
		admin: String,
	},
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum StaffRole {
	Doctor,
	Staff,
}

#[derive(Subcommand, Debug)]
enum RoleCommand {
	/// Give an account the doctor or staff role in a hospital you administer (an account that
	/// holds a role already is offered it and takes it with `role accept`).
	Assign {
		/// The hospital's id.
		#[arg(long)]
		hospital: u32,
		/// The role.
		#[arg(long, value_enum)]
		role: StaffRole,
		/// The account (SS58).
		account: String,
	},
	/// Take the role back.
	Revoke {
		/// The hospital's id.
		#[arg(long)]
		hospital: u32,
		/// The role.
		#[arg(long, value_enum)]
		role: StaffRole,
		/// The account (SS58).
		account: String,
	},
	/// Take a role a hospital offered you.
	Accept {
		/// The hospital's id.
		#[arg(long)]
		hospital: u32,
	},
	/// Suspend an account's doctor and staff roles in a hospital you administer.
	Suspend {
		/// The hospital's id.
		#[arg(long)]
		hospital: u32,
		/// The account (SS58).
		account: String,
	},
	/// Lift that suspension.
	Reinstate {
		/// The hospital's id.
		#[arg(long)]
		hospital: u32,
		/// The account (SS58).
		account: String,
	},
}

#[derive(Subcommand, Debug)]
enum PatientCommand {
	/// Register an account as a patient at a hospital where you are staff or admin.
	Register {
		/// The hospital's id.
		#[arg(long)]
		hospital: u32,
		/// The account (SS58).
		account: String,
	},
}

#[derive(Subcommand, Debug)]
enum ConsentCommand {
	/// Let a doctor add and read your records of some categories.
	Grant {
		/// The doctor (SS58).
		grantee: String,
		/// Record categories, comma separated.
		#[arg(long, value_delimiter = ',', required = true)]
		categories: Vec<u16>,
		/// Last block in which the consent holds.
		#[arg(long)]
		expires: Option<u32>,
	},
	/// End a doctor's consent; the keys it held rotate in the same transaction.
	Revoke {
		/// The doctor (SS58).
		grantee: String,
	},
	/// Let one account read one record (its data key, wrapped for it).
	Share {
		/// The record's id.
		record: u64,
		/// Who may read it (SS58).
		#[arg(long)]
		to: String,
		/// Last block in which the share holds.
		#[arg(long)]
		expires: Option<u32>,
	},
	/// List the consents you (or `--patient`) gave.
	List {
		/// Whose consents (default: the acting account).
		#[arg(long)]
		patient: Option<String>,
	},
}

/// A failure, as the sentence the user sees.
struct Failure(String);

impl<E: std::fmt::Display> From<E> for Failure {
	fn from(error: E) -> Self {
		Failure(error.to_string())
	}
}

/// The keystore passphrase from `MEDCHAIN_PASSPHRASE`; `purpose` completes the error sentence.
fn passphrase(purpose: &str) -> Result<String, Failure> {
	std::env::var("MEDCHAIN_PASSPHRASE")
		.map_err(|_| Failure(format!("set MEDCHAIN_PASSPHRASE to {purpose} the keystore file")))
}

fn parse_account(text: &str) -> Result<AccountId32, Failure> {
	CoreAccountId::from_ss58check(text)
		.map(|account| AccountId32(account.into()))
		.map_err(|_| Failure(format!("'{text}' is not an SS58 account address")))
}

fn ss58(account: &AccountId32) -> String {
	CoreAccountId::from(account.0).to_ss58check()
}

impl Cli {
	fn account(&self) -> Result<Account, Failure> {
		match (&self.key, &self.keystore) {
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

	fn print(&self, value: serde_json::Value, text: impl FnOnce() -> String) {
		if self.json {
			println!("{value}");
		} else {
			println!("{}", text());
		}
	}
}

fn staff_role(role: StaffRole) -> runtime_types::medchain_primitives::Role {
	match role {
		StaffRole::Doctor => runtime_types::medchain_primitives::Role::Doctor,
		StaffRole::Staff => runtime_types::medchain_primitives::Role::Staff,
	}
}

#[derive(Serialize)]
struct GrantJson {
	grantee: String,
	categories: Option<Vec<u16>>,
	expires: Option<u32>,
	live: bool,
	key_categories: Vec<u16>,
}

async fn run(cli: &Cli) -> Result<(), Failure> {
	match &cli.command {
		Command::Key(KeyCommand::Generate { output }) => {
			let (pair, phrase, _) = sr25519::Pair::generate_with_phrase(None);
			let address = CoreAccountId::from(pair.public()).to_ss58check();
			match output {
				Some(path) => {
					let passphrase = passphrase("protect")?;
					KeystoreFile::seal(&phrase, &passphrase)?.save(path)?;
					cli.print(serde_json::json!({ "address": address, "keystore": path }), || {
						format!("{address}\nkeystore: {}", path.display())
					});
				},
				None => cli
					.print(serde_json::json!({ "address": address, "phrase": phrase }), || {
						format!("{address}\nrecovery phrase (keep it secret): {phrase}")
					}),
			}
		},
		Command::Key(KeyCommand::Show) => {
			let account = cli.account()?;
			let key = hex::encode(account.encryption().public_key());
			cli.print(
				serde_json::json!({ "address": account.address(), "encryptionKey": format!("0x{key}") }),
				|| format!("{}\nencryption key: 0x{key}", account.address()),
			);
		},
		Command::Key(KeyCommand::Publish) => {
			let account = cli.account()?;
			let chain = Chain::connect(&cli.node).await?;
			let key = account.encryption().public_key();
			chain
				.submit(&runtime::transactions().roles().set_encryption_key(key), &account)
				.await?;
			cli.print(
				serde_json::json!({ "published": format!("0x{}", hex::encode(key)) }),
				|| format!("published encryption key 0x{}", hex::encode(key)),
			);
		},
		Command::Hospital(HospitalCommand::Register { name, admin }) => {
			let account = cli.account()?;
			let chain = Chain::connect(&cli.node).await?;
			let admin = parse_account(admin)?;
			let call =
				RuntimeCall::Roles(runtime_types::pallet_roles::pallet::Call::register_hospital {
					name: runtime_types::bounded_collections::bounded_vec::BoundedVec(
						name.as_bytes().to_vec(),
					),
					admin,
				});
			match chain.council_motion(&account, call).await? {
				Motion::Executed(events) => {
					let registered = events
						.find_first::<runtime::roles::events::HospitalRegistered>()
						.ok_or_else(|| Failure("the chain did not report the hospital".into()))??;
					let hospital = registered.hospital;
					cli.print(
						serde_json::json!({ "hospital": hospital, "admin": ss58(&admin) }),
						|| {
							format!(
								"registered hospital {hospital} \"{name}\" with admin {}",
								ss58(&admin)
							)
						},
					);
				},
				pending => consortium::print_motion(cli, &pending, &format!("hospital {name}")),
			}
		},
		Command::Council(command) => consortium::council(cli, command).await?,
		Command::Validator(command) => consortium::validator(cli, command).await?,
		Command::Node(command) => consortium::node(cli, command).await?,
		Command::Role(command) => {
			let account = cli.account()?;
			let chain = Chain::connect(&cli.node).await?;
			let roles = runtime::transactions().roles();
			match command {
				RoleCommand::Assign { hospital, role, account: target }
				| RoleCommand::Revoke { hospital, role, account: target } => {
					let target = parse_account(target)?;
					let assign = matches!(command, RoleCommand::Assign { .. });
					let events = if assign {
						let call = roles.assign_role(*hospital, target, staff_role(*role));
						chain.submit(&call, &account).await?
					} else {
						let call = roles.revoke_role(*hospital, target, staff_role(*role));
						chain.submit(&call, &account).await?
					};
					let offered =
						events.find_first::<runtime::roles::events::RoleOffered>().is_some();
					let verb = match (assign, offered) {
						(true, false) => "assigned",
						(true, true) => "offered",
						(false, _) => "revoked",
					};
					cli.print(
						serde_json::json!({ verb: ss58(&target), "hospital": hospital, "role": format!("{role:?}") }),
						|| format!("{verb} {role:?} at hospital {hospital}: {}", ss58(&target)),
					);
				},
				RoleCommand::Accept { hospital } => {
					chain.submit(&roles.accept_role(*hospital), &account).await?;
					let me = ss58(&medchain_client::chain::account_id(&account));
					cli.print(serde_json::json!({ "accepted": me, "hospital": hospital }), || {
						format!("{me} took the role offered by hospital {hospital}")
					});
				},
				RoleCommand::Suspend { hospital, account: target }
				| RoleCommand::Reinstate { hospital, account: target } => {
					let target = parse_account(target)?;
					let suspend = matches!(command, RoleCommand::Suspend { .. });
					if suspend {
						chain
							.submit(&roles.suspend_affiliation(*hospital, target), &account)
							.await?;
					} else {
						let call = roles.reinstate_affiliation(*hospital, target);
						chain.submit(&call, &account).await?;
					}
					let verb = if suspend { "suspended" } else { "reinstated" };
					cli.print(
						serde_json::json!({ verb: ss58(&target), "hospital": hospital }),
						|| format!("{verb} the roles of {} at hospital {hospital}", ss58(&target)),
					);
				},
			}
		},
		Command::Patient(PatientCommand::Register { hospital, account: target }) => {
			let account = cli.account()?;
			let chain = Chain::connect(&cli.node).await?;
			let target = parse_account(target)?;
			chain
				.submit(
					&runtime::transactions().roles().register_patient(*hospital, target),
					&account,
				)
				.await?;
			cli.print(
				serde_json::json!({ "registered": ss58(&target), "hospital": hospital }),
				|| format!("registered patient {} at hospital {hospital}", ss58(&target)),
			);
		},
		Command::Consent(ConsentCommand::Grant { grantee, categories, expires }) => {
			let account = cli.account()?;
			let chain = Chain::connect(&cli.node).await?;
			let grantee = parse_account(grantee)?;
			chain.grant(&account, &grantee, categories, *expires).await?;
			cli.print(
				serde_json::json!({ "granted": ss58(&grantee), "categories": categories, "expires": expires }),
				|| format!("granted {} categories {categories:?}", ss58(&grantee)),
			);
		},
		Command::Consent(ConsentCommand::Revoke { grantee }) => {
			let account = cli.account()?;
			let chain = Chain::connect(&cli.node).await?;
			let grantee = parse_account(grantee)?;
			chain.revoke(&account, &grantee).await?;
			cli.print(serde_json::json!({ "revoked": ss58(&grantee) }), || {
				format!("revoked {}; its keys were rotated", ss58(&grantee))
			});
		},
		Command::Consent(ConsentCommand::Share { record, to, expires }) => {
			let account = cli.account()?;
			let chain = Chain::connect(&cli.node).await?;
			let grantee = parse_account(to)?;
			let storage = Storage::new(&cli.ipfs);
			chain.share_record(&account, *record, &grantee, *expires, &storage).await?;
			cli.print(
				serde_json::json!({ "shared": record, "with": ss58(&grantee), "expires": expires }),
				|| format!("shared record {record} with {}", ss58(&grantee)),
			);
		},
		Command::Record(command) => record::run(cli, command).await?,
		Command::Consent(ConsentCommand::List { patient }) => {
			let patient = match patient {
				Some(text) => parse_account(text)?,
				None => account_id(&cli.account()?),
			};
			let chain = Chain::connect(&cli.node).await?;
			let grants = chain
				.query(runtime::runtime_apis().records_api().grants(patient))
				.await?
				.into_iter()
				.map(|grant| GrantJson {
					grantee: ss58(&grant.grantee),
					categories: grant.categories,
					expires: grant.expires,
					live: grant.live,
					key_categories: grant.key_categories,
				})
				.collect::<Vec<_>>();
			let text = || {
				grants
					.iter()
					.map(|g| {
						let scope =
							g.categories.as_ref().map_or("all".into(), |c| format!("{c:?}"));
						let state = if g.live { "live" } else { "expired" };
						format!("{} categories {scope} ({state})", g.grantee)
					})
					.collect::<Vec<_>>()
					.join("\n")
			};
			cli.print(serde_json::to_value(&grants)?, text);
		},
	}
	Ok(())
}

#[tokio::main]
async fn main() -> ExitCode {
	let cli = Cli::parse();
	match run(&cli).await {
		Ok(()) => ExitCode::SUCCESS,
		Err(Failure(message)) => {
			eprintln!("error: {message}");
			ExitCode::FAILURE
		},
	}
}

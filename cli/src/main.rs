//! `medchain`: MedChain's command line for patients, doctors, hospital staff and admins.
//!
//! Every command that acts signs with the account given by `--key` (a secret URI: mnemonic,
//! `0x` seed or a development URI such as `//Alice`) or `--keystore` (a keystore file; its
//! passphrase comes from `MEDCHAIN_PASSPHRASE`). `--json` prints one JSON document for
//! scripts, in the shapes of `medchain_client::views`. Errors are one sentence on standard
//! error, with exit code 1.
//!
//! This file parses and dispatches; [`context`] holds what every command shares, and each noun
//! has a module of its own.

mod audit;
mod consent;
mod context;
mod council;
mod gateway;
mod hospital;
mod key;
mod known_keys;
mod node;
mod patient;
mod record;
mod role;
mod validator;

use clap::{Parser, Subcommand};
use context::{Context, Failure, Globals};
use std::process::ExitCode;

#[derive(Parser, Debug)]
#[command(
	name = "medchain",
	version,
	about = "MedChain: patients' medical records, kept by hospitals together"
)]
struct Cli {
	#[command(flatten)]
	globals: Globals,
	#[command(subcommand)]
	command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
	/// Account keys.
	#[command(subcommand)]
	Key(key::KeyCommand),
	/// Hospitals (council members).
	#[command(subcommand)]
	Hospital(hospital::HospitalCommand),
	/// The hospital council: motions, votes, members.
	#[command(subcommand)]
	Council(council::CouncilCommand),
	/// Validators and their session keys (council motions).
	#[command(subcommand)]
	Validator(validator::ValidatorCommand),
	/// Authorized (well-known) nodes of the consortium network (council motions).
	#[command(subcommand)]
	Node(node::NodeCommand),
	/// Doctor and staff roles (hospital admins).
	#[command(subcommand)]
	Role(role::RoleCommand),
	/// Patients (hospital staff and admins).
	#[command(subcommand)]
	Patient(patient::PatientCommand),
	/// Consent (patients).
	#[command(subcommand)]
	Consent(consent::ConsentCommand),
	/// Records: add, get, list, show (history), update, delete, approve, co-sign.
	#[command(subcommand)]
	Record(record::RecordCommand),
	/// Who read my records (or, with --reads, what I read), from every hospital's gateway,
	/// checked against the read logs anchored on chain.
	Audit(audit::AuditArgs),
	/// A hospital's gateway by hand: the headers that sign a request (for curl).
	#[command(subcommand)]
	Gateway(gateway::GatewayCommand),
}

async fn run(ctx: &Context, command: &Command) -> Result<(), Failure> {
	match command {
		Command::Key(command) => key::run(ctx, command).await,
		Command::Hospital(command) => hospital::run(ctx, command).await,
		Command::Council(command) => council::run(ctx, command).await,
		Command::Validator(command) => validator::run(ctx, command).await,
		Command::Node(command) => node::run(ctx, command).await,
		Command::Role(command) => role::run(ctx, command).await,
		Command::Patient(command) => patient::run(ctx, command).await,
		Command::Consent(command) => consent::run(ctx, command).await,
		Command::Record(command) => record::run(ctx, command).await,
		Command::Audit(args) => audit::run(ctx, args).await,
		Command::Gateway(command) => gateway::run(ctx, command).await,
	}
}

#[tokio::main]
async fn main() -> ExitCode {
	let Cli { globals, command } = Cli::parse();
	match run(&Context::new(globals), &command).await {
		Ok(()) => ExitCode::SUCCESS,
		Err(Failure(message)) => {
			eprintln!("error: {message}");
			ExitCode::FAILURE
		},
	}
}

//! `medchain-storage`: the storage daemon each hospital runs beside its MedChain node.
//!
//! - An embedded IPFS node (rust-ipfs: libp2p, bitswap, a file-backed block store) that keeps
//!   the encrypted records, optionally in a private swarm closed by a Kubo-format `swarm.key`.
//! - The Kubo RPC subset MedChain clients use (`add`, `cat`, `pin/add`, `pin/rm`, `pin/ls`,
//!   `repo/gc`, `id`, `swarm/peers`), on 127.0.0.1 by default, refusing browsers and unknown
//!   `Host`s, with a bearer token for every call that changes state.
//! - The public gateway (see [`gateway`]): signed requests, reads authorized by the chain,
//!   uploads from doctors, a hash-chained read audit log anchored on chain by the hospital's
//!   service account, and the web portal's files.
//! - The pin agent: follows finalized blocks and keeps pinned exactly the CIDs live records and
//!   their histories reference (counted, so shared CIDs stay), unpins and collects the rest, and
//!   reconciles with the chain state whenever it starts.

mod agent;
mod api;
mod audit;
mod gateway;
mod ipfs;
mod uploads;

use anyhow::Context;
use clap::{Parser, Subcommand};
use std::{future::IntoFuture, net::SocketAddr, path::PathBuf, time::Duration};

#[derive(Parser, Debug)]
#[command(name = "medchain-storage", version, about = "MedChain storage daemon")]
struct Cli {
	#[command(subcommand)]
	command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
	/// Run the IPFS node, the Kubo RPC API and the pin agent.
	Run(Box<RunArgs>),
	/// Write a new swarm key (Kubo's format) that closes the consortium's swarm; share it with
	/// every hospital's daemon over a secure channel.
	SwarmKey {
		/// Where to write it (created with mode 0600; never overwritten).
		output: PathBuf,
	},
	/// Print this daemon's peer id (creating its identity on first use), for the other
	/// hospitals' `--peer <multiaddr>/p2p/<peer id>`: peers are exchanged out of band, never by
	/// calling another hospital's API.
	PeerId {
		/// The daemon's data folder.
		#[arg(long, env = "MEDCHAIN_STORAGE_DIR", default_value = "medchain-storage")]
		data_dir: PathBuf,
	},
	/// Print the gateway's service account (creating its key on first use), for the hospital's
	/// admin to publish: `medchain hospital set-services <hospital> --gateway <url>
	/// --service-account <account>`.
	ServiceAccount {
		/// The daemon's data folder.
		#[arg(long, env = "MEDCHAIN_STORAGE_DIR", default_value = "medchain-storage")]
		data_dir: PathBuf,
		/// The file with the service account's secret; default `<data-dir>/service.key`.
		#[arg(long)]
		service_key_file: Option<PathBuf>,
	},
}

/// Options of `medchain-storage run`.
#[derive(clap::Args, Debug)]
pub struct RunArgs {
	/// Folder of the block store, pins, peer identity and pin agent position.
	#[arg(long, env = "MEDCHAIN_STORAGE_DIR", default_value = "medchain-storage")]
	pub data_dir: PathBuf,
	/// Address of the Kubo RPC API. Keep it on loopback: calls that change state need the API
	/// token, but reads (`cat`, `pin/ls`, `id`) are open to whoever reaches the address.
	#[arg(long, default_value = "127.0.0.1:5001")]
	pub api: SocketAddr,
	/// File holding the API token (a bearer secret) that `add`, `pin/add`, `pin/rm` and `repo/gc`
	/// require; default `<data-dir>/api.token`, created with mode 0600 on first start.
	#[arg(long)]
	pub api_token_file: Option<PathBuf>,
	/// A further `Host` the API answers to (besides loopback names and the address it listens
	/// on), e.g. the name other containers reach it by; repeat for several.
	#[arg(long = "api-host")]
	pub api_hosts: Vec<String>,
	/// Swarm listening address (multiaddr); repeat for several.
	#[arg(long = "listen", default_value = "/ip4/0.0.0.0/tcp/4001")]
	pub listen: Vec<String>,
	/// Kubo-format swarm key of the consortium's private swarm; default `<data-dir>/swarm.key`.
	/// Without one the daemon does not start, unless `--public-swarm` is given.
	#[arg(long, conflicts_with = "public_swarm")]
	pub swarm_key: Option<PathBuf>,
	/// Run in the public IPFS network (no swarm key): anyone who knows a CID can fetch its
	/// ciphertext from this daemon. For tests and demonstrations only.
	#[arg(long)]
	pub public_swarm: bool,
	/// Another daemon to connect to, as a multiaddr ending in `/p2p/<peer id>`; repeat for several.
	#[arg(long = "peer")]
	pub peers: Vec<String>,
	/// WebSocket URL of the MedChain node the pin agent follows.
	#[arg(long, env = "MEDCHAIN_NODE_URL", default_value = "ws://127.0.0.1:9944")]
	pub node: String,
	/// Do not run the pin agent (serve the API only).
	#[arg(long)]
	pub no_pin_agent: bool,
	/// How long one pin may wait for content from other daemons before it is retried later.
	#[arg(long, default_value = "120", value_parser = parse_seconds)]
	pub pin_timeout: Duration,
	/// How long content received through the API (`add`, `pin/add`) stays pinned while no record
	/// on chain names it, in seconds (at least 10).
	#[arg(long, default_value = "86400", value_parser = parse_grace)]
	pub upload_grace: Duration,
	/// Address of the public gateway (signed requests; put it behind a TLS reverse proxy).
	#[arg(long, default_value = "127.0.0.1:8090")]
	pub gateway: SocketAddr,
	/// File holding the secret URI of the service account the gateway signs its anchors with;
	/// default `<data-dir>/service.key`, created with a random seed and mode 0600 on first
	/// start. The hospital's admin publishes the account on chain.
	#[arg(long)]
	pub service_key_file: Option<PathBuf>,
	/// File of the read audit log; default `<data-dir>/audit.log`.
	#[arg(long)]
	pub audit_log: Option<PathBuf>,
	/// How often the service account anchors the read log on chain, in seconds (6 to 60).
	#[arg(long, default_value = "30", value_parser = parse_anchor_interval)]
	pub anchor_interval: Duration,
	/// Most bytes one record upload to the gateway may have.
	#[arg(long, default_value = "4294967296")]
	pub max_upload: u64,
	/// A web origin (e.g. `https://portal.hospital.example`) whose pages may call the gateway;
	/// repeat for several. Without one, no cross-origin page may.
	#[arg(long = "cors-origin")]
	pub cors_origins: Vec<String>,
	/// A folder of static files the gateway serves at its other paths (the web portal).
	#[arg(long)]
	pub static_dir: Option<PathBuf>,
}

fn parse_anchor_interval(text: &str) -> Result<Duration, String> {
	let interval = parse_seconds(text)?;
	if !(6..=60).contains(&interval.as_secs()) {
		return Err("the anchor interval is 6 to 60 seconds".into());
	}
	Ok(interval)
}

fn parse_seconds(text: &str) -> Result<Duration, String> {
	text.parse::<u64>()
		.map(Duration::from_secs)
		.map_err(|_| format!("'{text}' is not a number of seconds"))
}

fn parse_grace(text: &str) -> Result<Duration, String> {
	let grace = parse_seconds(text)?;
	if grace < Duration::from_secs(10) {
		return Err("the upload grace period is at least 10 seconds".into());
	}
	Ok(grace)
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
	tracing_subscriber::fmt()
		.with_env_filter(
			tracing_subscriber::EnvFilter::try_from_default_env()
				.unwrap_or_else(|_| "medchain_storage=info,warn".into()),
		)
		.with_writer(std::io::stderr)
		.with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
		.init();
	let cli = Cli::parse();
	let result = match cli.command {
		Command::Run(args) => run(*args).await,
		Command::SwarmKey { output } => ipfs::write_swarm_key(&output).map(|()| {
			println!("wrote a new swarm key to {}", output.display());
		}),
		Command::PeerId { data_dir } => ipfs::peer_id(&data_dir).map(|peer| println!("{peer}")),
		Command::ServiceAccount { data_dir, service_key_file } => {
			std::fs::create_dir_all(&data_dir).map_err(anyhow::Error::from).and_then(|()| {
				let key = gateway::service_key(&data_dir, service_key_file.as_deref())?;
				println!("{}", subxt::utils::AccountId32(key.public_key().0));
				Ok(())
			})
		},
	};
	match result {
		Ok(()) => std::process::ExitCode::SUCCESS,
		Err(error) => {
			eprintln!("error: {error:#}");
			std::process::ExitCode::FAILURE
		},
	}
}

async fn run(args: RunArgs) -> anyhow::Result<()> {
	std::fs::create_dir_all(&args.data_dir)?;
	let access = api::Access::new(api_token(&args)?, args.api, &args.api_hosts);
	let ipfs = ipfs::start(&args).await?;
	let listener = tokio::net::TcpListener::bind(args.api)
		.await
		.map_err(|error| anyhow::anyhow!("cannot listen for the API on {}: {error}", args.api))?;
	tracing::info!(api = %args.api, "Kubo RPC API listening");
	let collection = api::Collection::default();
	let uploads = std::sync::Arc::new(uploads::Uploads::open(&args.data_dir));
	let log = std::sync::Arc::new(audit::AuditLog::open(
		&args.audit_log.clone().unwrap_or_else(|| args.data_dir.join("audit.log")),
	)?);
	let service = gateway::service_key(&args.data_dir, args.service_key_file.as_deref())?;
	let gateway = std::sync::Arc::new(gateway::Gateway::new(
		ipfs.clone(),
		collection.clone(),
		uploads.clone(),
		log,
		service,
		&args,
	));
	let public = tokio::net::TcpListener::bind(args.gateway).await.map_err(|error| {
		anyhow::anyhow!("cannot listen for the gateway on {}: {error}", args.gateway)
	})?;
	tracing::info!(gateway = %args.gateway, service_account = %gateway.service_account(), "gateway listening");
	let anchoring = tokio::spawn(gateway::anchor(gateway.clone(), args.anchor_interval));
	let public = axum::serve(public, gateway::router(gateway, &args)?)
		.with_graceful_shutdown(shutdown_signal());
	let agent = (!args.no_pin_agent).then(|| {
		let agent = agent::PinAgent::new(ipfs.clone(), collection.clone(), uploads.clone(), &args);
		tokio::spawn(agent.run())
	});
	let admin = axum::serve(listener, api::router(ipfs.clone(), collection, uploads, access))
		.with_graceful_shutdown(shutdown_signal());
	let (admin, public) = tokio::join!(admin.into_future(), public.into_future());
	admin?;
	public?;
	anchoring.abort();
	if let Some(agent) = agent {
		agent.abort();
	}
	ipfs.exit_daemon().await;
	tracing::info!("stopped");
	Ok(())
}

/// The API token: read from `--api-token-file` (default `<data-dir>/api.token`), created there
/// with mode 0600 when the file does not exist. A token file others can read is refused.
fn api_token(args: &RunArgs) -> anyhow::Result<zeroize::Zeroizing<String>> {
	let path = args.api_token_file.clone().unwrap_or_else(|| args.data_dir.join("api.token"));
	if !path.exists() {
		let token = zeroize::Zeroizing::new(hex::encode(rand::random::<[u8; 32]>()));
		ipfs::write_private(&path, format!("{}\n", token.as_str()).as_bytes())?;
		tracing::info!(path = %path.display(), "created the API token");
		return Ok(token);
	}
	let text = read_private(&path, "the API token")?;
	let token = zeroize::Zeroizing::new(text.trim().to_string());
	if token.len() < 32 {
		anyhow::bail!("the API token in {} is shorter than 32 characters", path.display());
	}
	Ok(token)
}

/// The text of the secret file at `path` (`what` names it in errors); refused when others may
/// read it.
pub fn read_private(
	path: &std::path::Path,
	what: &str,
) -> anyhow::Result<zeroize::Zeroizing<String>> {
	use std::os::unix::fs::PermissionsExt;
	let mode = std::fs::metadata(path)
		.with_context(|| format!("cannot read {what} {}", path.display()))?
		.permissions()
		.mode();
	if mode & 0o077 != 0 {
		anyhow::bail!(
			"{what} {} is readable by others (mode {:o}); chmod 600 it",
			path.display(),
			mode & 0o777
		);
	}
	Ok(zeroize::Zeroizing::new(
		std::fs::read_to_string(path)
			.with_context(|| format!("cannot read {what} {}", path.display()))?,
	))
}

async fn shutdown_signal() {
	let mut terminate =
		tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).ok();
	tokio::select! {
		_ = tokio::signal::ctrl_c() => {},
		_ = async {
			match terminate.as_mut() {
				Some(signal) => { signal.recv().await; },
				None => std::future::pending().await,
			}
		} => {},
	}
}

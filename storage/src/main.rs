//! `medchain-storage`: the storage daemon each hospital runs beside its MedChain node.
//!
//! - An embedded IPFS node (rust-ipfs: libp2p, bitswap, a file-backed block store) that keeps
//!   the encrypted records, optionally in a private swarm closed by a Kubo-format `swarm.key`.
//! - The Kubo RPC subset MedChain clients use (`add`, `cat`, `pin/add`, `pin/rm`, `pin/ls`,
//!   `repo/gc`, `id`, `swarm/peers`), served on 127.0.0.1 only.
//! - The pin agent: follows finalized blocks, pins every live record's CID, unpins and
//!   collects deleted ones, and resumes from the last processed block after a restart.

mod agent;
mod api;
mod ipfs;

use clap::{Parser, Subcommand};
use std::{net::SocketAddr, path::PathBuf, time::Duration};

#[derive(Parser, Debug)]
#[command(name = "medchain-storage", version, about = "MedChain storage daemon")]
struct Cli {
	#[command(subcommand)]
	command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
	/// Run the IPFS node, the Kubo RPC API and the pin agent.
	Run(RunArgs),
	/// Write a new swarm key (Kubo's format) that closes the consortium's swarm; share it with
	/// every hospital's daemon over a secure channel.
	SwarmKey {
		/// Where to write it (created with mode 0600; never overwritten).
		output: PathBuf,
	},
}

/// Options of `medchain-storage run`.
#[derive(clap::Args, Debug)]
pub struct RunArgs {
	/// Folder of the block store, pins, peer identity and pin agent position.
	#[arg(long, env = "MEDCHAIN_STORAGE_DIR", default_value = "medchain-storage")]
	pub data_dir: PathBuf,
	/// Address of the Kubo RPC API. Keep it on loopback: the API has no authentication.
	#[arg(long, default_value = "127.0.0.1:5001")]
	pub api: SocketAddr,
	/// Swarm listening address (multiaddr); repeat for several.
	#[arg(long = "listen", default_value = "/ip4/0.0.0.0/tcp/4001")]
	pub listen: Vec<String>,
	/// Kubo-format swarm key of the consortium's private swarm; default: `<data-dir>/swarm.key`
	/// when that file exists.
	#[arg(long)]
	pub swarm_key: Option<PathBuf>,
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
}

fn parse_seconds(text: &str) -> Result<Duration, String> {
	text.parse::<u64>()
		.map(Duration::from_secs)
		.map_err(|_| format!("'{text}' is not a number of seconds"))
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
		Command::Run(args) => run(args).await,
		Command::SwarmKey { output } => ipfs::write_swarm_key(&output).map(|()| {
			println!("wrote a new swarm key to {}", output.display());
		}),
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
	let ipfs = ipfs::start(&args).await?;
	let listener = tokio::net::TcpListener::bind(args.api)
		.await
		.map_err(|error| anyhow::anyhow!("cannot listen for the API on {}: {error}", args.api))?;
	tracing::info!(api = %args.api, "Kubo RPC API listening");
	let agent = (!args.no_pin_agent).then(|| {
		let agent = agent::PinAgent::new(ipfs.clone(), &args);
		tokio::spawn(agent.run())
	});
	let server =
		axum::serve(listener, api::router(ipfs.clone())).with_graceful_shutdown(shutdown_signal());
	server.await?;
	if let Some(agent) = agent {
		agent.abort();
	}
	ipfs.exit_daemon().await;
	tracing::info!("stopped");
	Ok(())
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

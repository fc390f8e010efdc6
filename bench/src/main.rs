//! # medchain-bench
//!
//! MedChain's bench command. It measures MedChain on the machine it runs on and writes
//! `benchmarks.md` and its plots (`bench/*.svg`) into the output folder (`docs/` for the
//! published report). Every figure that has a floor or a peer is measured side by side with it
//! in the same run, and reported as a ratio.
//!
//! - `medchain-bench --out docs`: the full run (records of 1 MiB, 64 MiB and 1 GiB).
//! - `medchain-bench --smoke --out DIR`: the same measurements on small sizes, in seconds; the
//!   test suite runs it so that the bench cannot rot.
//!
//! It measures the client (encrypt + CID against the raw AEAD, memory whatever the file size),
//! the chain on a dev node (throughput against the floor, latency, state, grant size, end to
//! end through a storage daemon), the 4-hospital `local` network (throughput against the
//! floor, latency) and the chain at scale (`records_*` RPC latency and state per record with
//! up to 100k patients in genesis).

mod chain;
mod client;
mod report;
mod scale;

use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// Bytes in a MiB.
pub const MIB: u64 = 1024 * 1024;

/// The `p` quantile (0 to 1, nearest rank) of `sorted` (ascending); 0 for none.
pub fn percentile(sorted: &[f64], p: f64) -> f64 {
	if sorted.is_empty() {
		return 0.0;
	}
	let rank = (p * sorted.len() as f64).ceil() as usize;
	sorted[rank.clamp(1, sorted.len()) - 1]
}

/// A `field:   N kB` line of a `/proc` file, in KiB.
pub fn proc_kib(path: &str, field: &str) -> Option<u64> {
	let text = std::fs::read_to_string(path).ok()?;
	let line = text.lines().find_map(|line| line.strip_prefix(field)?.strip_prefix(':'))?;
	line.trim().trim_end_matches("kB").trim().parse().ok()
}

#[derive(Parser)]
#[command(
	name = "medchain-bench",
	version,
	about = "Measure MedChain and write docs/benchmarks.md"
)]
struct Cli {
	/// Small sizes and few repetitions: checks that every measurement runs, in seconds.
	#[arg(long)]
	smoke: bool,
	/// Folder that receives `benchmarks.md` and `bench/*.svg`.
	#[arg(long, default_value = "docs")]
	out: PathBuf,
	#[command(subcommand)]
	command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
	/// Run one record operation on generated content and print the process's peak resident
	/// memory in KiB (the bench runs this in a child process for each size).
	#[command(hide = true)]
	PeakMemory {
		/// `encrypt` (encrypt + CID) or `decrypt` (CID check + decrypt).
		#[arg(long)]
		op: client::Op,
		/// Plaintext bytes.
		#[arg(long)]
		size: u64,
	},
}

fn main() {
	let cli = Cli::parse();
	let outcome = match cli.command {
		Some(Command::PeakMemory { op, size }) => client::peak_memory_child(op, size),
		None => run(cli.smoke, &cli.out),
	};
	if let Err(error) = outcome {
		eprintln!("medchain-bench: {error}");
		std::process::exit(1);
	}
}

fn run(smoke: bool, out: &std::path::Path) -> Result<(), String> {
	let machine = report::Machine::detect();
	println!("{machine}");
	let client = client::measure(smoke)?;
	let runtime = tokio::runtime::Runtime::new().map_err(|e| format!("tokio: {e}"))?;
	let mut chain = runtime.block_on(chain::measure(smoke))?;
	chain.grant_sizes.extend(runtime.block_on(scale::grant_sizes())?);
	let local = runtime.block_on(chain::measure_local(smoke))?;
	let scale = runtime.block_on(scale::measure(smoke))?;
	let written = report::write(out, &machine, smoke, &client, &chain, &local, &scale)?;
	println!("report: {}", written.display());
	Ok(())
}

//! `medchain-node`: a MedChain consortium node (Aura + GRANDPA, ParityDB).

// The sub-commands return `sc_cli::Error`, Substrate's own (large) CLI error type.
#![allow(clippy::result_large_err)]

mod chain_spec;
mod cli;
mod command;
mod consortium;
mod dev_keys;
mod rpc;
mod service;

fn main() {
	// The error's own words (a refusal may span lines), not its debug form.
	if let Err(e) = command::run() {
		eprintln!("Error: {e}");
		std::process::exit(1);
	}
}

//! `medchain-node`: a MedChain consortium node (Aura + GRANDPA, ParityDB).

// The sub-commands return `sc_cli::Error`, Substrate's own (large) CLI error type.
#![allow(clippy::result_large_err)]

mod chain_spec;
mod cli;
mod command;
mod rpc;
mod service;

fn main() -> sc_cli::Result<()> {
	command::run()
}

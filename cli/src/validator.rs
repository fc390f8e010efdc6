//! `medchain validator …`: the validator list (changed by council motions) and a validator's
//! session keys.

use crate::{
	context::{account, Context, Failure},
	council::propose,
};
use clap::Subcommand;
use medchain_client::{consortium, views};
use serde_json::json;

#[derive(Subcommand, Debug)]
pub enum ValidatorCommand {
	/// The council's validator list and the current session's validators.
	List,
	/// Propose to add a validator; once listed it publishes its session keys
	/// (`validator set-keys`) and takes part from the second session boundary after that.
	Add {
		/// The validator's account (SS58).
		account: String,
	},
	/// Propose to remove a validator.
	Remove {
		/// The validator's account (SS58).
		account: String,
	},
	/// Make session keys in your validator node's keystore and publish them for the acting
	/// account (a listed validator).
	SetKeys {
		/// Your validator node's own RPC (it allows unsafe methods only on its loopback port).
		#[arg(long, default_value = "ws://127.0.0.1:9944")]
		validator_rpc: String,
	},
}

pub async fn run(ctx: &Context, command: &ValidatorCommand) -> Result<(), Failure> {
	match command {
		ValidatorCommand::List => {
			let list =
				views::Validators::from(&ctx.chain().await?.consortium().validators().await?);
			ctx.print(&list, || {
				format!(
					"session {} ({} blocks each)\nactive: {}\ncouncil's list: {}",
					list.session,
					list.session_period,
					list.active.join(", "),
					list.planned.join(", ")
				)
			})
		},
		ValidatorCommand::Add { account: validator } => {
			let call = consortium::add_validator_call(account(validator)?);
			propose(ctx, call, &format!("validator {validator} added")).await
		},
		ValidatorCommand::Remove { account: validator } => {
			let call = consortium::remove_validator_call(account(validator)?);
			propose(ctx, call, &format!("validator {validator} removed")).await
		},
		ValidatorCommand::SetKeys { validator_rpc } => {
			let validator = ctx.account()?;
			let consortium = ctx.chain().await?.consortium();
			let keys = consortium.set_session_keys(&validator, validator_rpc).await?;
			let keys = views::hex(&keys);
			let address = validator.address();
			ctx.print(&json!({ "validator": address, "keys": keys }), || {
				format!("published session keys {keys} for {address}")
			})
		},
	}
}

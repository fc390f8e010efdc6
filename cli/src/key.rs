//! `medchain key …`: make an account, show it, publish its encryption key.

use crate::context::{passphrase, Context, Failure};
use clap::Subcommand;
use medchain_client::{
	keys::{Account, KeystoreFile},
	views,
};
use serde_json::json;
use std::path::PathBuf;

#[derive(Subcommand, Debug)]
pub enum KeyCommand {
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

pub async fn run(ctx: &Context, command: &KeyCommand) -> Result<(), Failure> {
	match command {
		KeyCommand::Generate { output } => {
			let (account, phrase) = Account::generate();
			let address = account.address();
			match output {
				Some(path) => {
					let passphrase = passphrase("protect")?;
					KeystoreFile::seal(&phrase, &passphrase)?.save(path)?;
					ctx.print(&json!({ "address": address, "keystore": path }), || {
						format!("{address}\nkeystore: {}", path.display())
					})
				},
				None => ctx.print(&json!({ "address": address, "phrase": *phrase }), || {
					format!("{address}\nrecovery phrase (keep it secret): {}", *phrase)
				}),
			}
		},
		KeyCommand::Show => {
			let account = ctx.account()?;
			let key = views::hex(&account.encryption().public_key());
			ctx.print(&json!({ "address": account.address(), "encryptionKey": key }), || {
				format!("{}\nencryption key: {key}", account.address())
			})
		},
		KeyCommand::Publish => {
			let account = ctx.account()?;
			let key = ctx.chain().await?.roles().publish_encryption_key(&account).await?;
			let key = views::hex(&key);
			ctx.print(&json!({ "published": key }), || format!("published encryption key {key}"))
		},
	}
}

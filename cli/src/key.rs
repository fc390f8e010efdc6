//! `medchain key …`: make an account, show it, publish its encryption key.

use crate::context::{passphrase, secret_input, Context, Failure};
use clap::Subcommand;
use medchain_client::{
	crypto::fingerprint,
	keys::{Account, KeystoreFile},
	views,
};
use serde_json::json;
use std::path::PathBuf;

#[derive(Subcommand, Debug)]
pub enum KeyCommand {
	/// Create a new account and print its recovery phrase, once: write it down and keep it
	/// offline. With `--output` the account is also written to a new keystore file (passphrase
	/// in MEDCHAIN_PASSPHRASE, else asked twice on the terminal).
	Generate {
		/// Write the new account to this keystore file (never replaces a file).
		#[arg(long)]
		output: Option<PathBuf>,
	},
	/// Write an existing account (its recovery phrase or secret URI, asked on the terminal
	/// without echo, or the first line of standard input) to a new keystore file.
	Import {
		/// The keystore file to write (never replaces a file).
		#[arg(long)]
		output: PathBuf,
	},
	/// Print the secret URI (recovery phrase) of the `--keystore` account, to back it up or
	/// move it: anyone who sees it controls the account and reads its records.
	Export,
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
					let passphrase = passphrase("protect", true)?;
					KeystoreFile::seal(&phrase, &passphrase)?.save(path)?;
					let shown = json!({ "address": address, "keystore": path, "phrase": *phrase });
					ctx.print(&shown, || {
						format!(
							"{address}\nkeystore: {}\nrecovery phrase (shown only now; write it \
							 down and keep it offline): {}",
							path.display(),
							*phrase
						)
					})
				},
				None => ctx.print(&json!({ "address": address, "phrase": *phrase }), || {
					format!("{address}\nrecovery phrase (keep it secret): {}", *phrase)
				}),
			}
		},
		KeyCommand::Import { output } => {
			let uri = secret_input("Recovery phrase or secret URI: ")?;
			let address = Account::from_uri(&uri)?.address();
			let passphrase = passphrase("protect", true)?;
			KeystoreFile::seal(&uri, &passphrase)?.save(output)?;
			ctx.print(&json!({ "address": address, "keystore": output }), || {
				format!("{address}\nkeystore: {}", output.display())
			})
		},
		KeyCommand::Export => {
			let (account, uri) = ctx.keystore_secret(ctx.keystore()?)?;
			let address = account.address();
			ctx.print(&json!({ "address": address, "phrase": *uri }), || {
				format!("{address}\nsecret URI (keep it secret): {}", *uri)
			})
		},
		KeyCommand::Show => {
			let account = ctx.account()?;
			let public = account.encryption().public_key();
			let (key, shown) = (views::hex(&public), fingerprint(&public));
			let view =
				json!({ "address": account.address(), "encryptionKey": key, "fingerprint": shown });
			ctx.print(&view, || {
				format!("{}\nencryption key: {key}\nfingerprint: {shown}", account.address())
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

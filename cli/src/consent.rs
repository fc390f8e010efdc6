//! `medchain consent …`: patients grant and revoke consent and share single records.

use crate::context::{account, Context, Failure};
use clap::Subcommand;
use medchain_client::views::Grant;
use serde_json::json;

#[derive(Subcommand, Debug)]
pub enum ConsentCommand {
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

pub async fn run(ctx: &Context, command: &ConsentCommand) -> Result<(), Failure> {
	match command {
		ConsentCommand::Grant { grantee, categories, expires } => {
			let patient = ctx.account()?;
			let grantee = account(grantee)?;
			ctx.chain().await?.records().grant(&patient, &grantee, categories, *expires).await?;
			ctx.print(
				&json!({ "granted": grantee, "categories": categories, "expires": expires }),
				|| format!("granted {grantee} categories {categories:?}"),
			)
		},
		ConsentCommand::Revoke { grantee } => {
			let patient = ctx.account()?;
			let grantee = account(grantee)?;
			ctx.chain().await?.records().revoke(&patient, &grantee).await?;
			ctx.print(&json!({ "revoked": grantee }), || {
				format!("revoked {grantee}; its keys were rotated")
			})
		},
		ConsentCommand::Share { record, to, expires } => {
			let patient = ctx.account()?;
			let grantee = account(to)?;
			let records = ctx.chain().await?.records();
			records.share_record(&patient, *record, &grantee, *expires, &ctx.storage()).await?;
			ctx.print(&json!({ "shared": record, "with": grantee, "expires": expires }), || {
				format!("shared record {record} with {grantee}")
			})
		},
		ConsentCommand::List { patient } => {
			let patient = ctx.patient_or_me(patient)?;
			let grants = ctx.chain().await?.records().grants(&patient).await?;
			let grants: Vec<Grant> = grants.iter().map(Grant::from).collect();
			ctx.print(&grants, || {
				grants
					.iter()
					.map(|grant| {
						let scope =
							grant.categories.as_ref().map_or("all".into(), |c| format!("{c:?}"));
						let state = if grant.live { "live" } else { "expired" };
						format!("{} categories {scope} ({state})", grant.grantee)
					})
					.collect::<Vec<_>>()
					.join("\n")
			})
		},
	}
}

//! `medchain consent …`: patients grant and revoke consent and share single records.

use crate::context::{account, Context, Failure};
use clap::Subcommand;
use medchain_client::{crypto::fingerprint, views::Grant};
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
	/// Give one category's key a new epoch that only you and the doctors with live consent
	/// receive: needed before new records once a doctor's consent expired or its role ended.
	Rotate {
		/// The record category.
		#[arg(long)]
		category: u16,
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
			let records = ctx.chain().await?.records();
			let key = records.encryption_key(&grantee).await?;
			let shown = fingerprint(&key);
			let mut known = ctx.known_keys()?;
			let changed = known.changed(&grantee, &key);
			if let Some(before) = &changed {
				eprintln!(
					"warning: the encryption key of {grantee} changed since the last grant from \
					 this machine (was {before}, now {shown}); confirm the new fingerprint with \
					 its owner"
				);
			}
			records.grant_to_key(&patient, &grantee, &key, categories, *expires).await?;
			known.remember(&grantee, &key)?;
			let granted = json!({
				"granted": grantee,
				"categories": categories,
				"expires": expires,
				"fingerprint": shown,
				"keyChanged": changed.is_some(),
			});
			ctx.print(&granted, || {
				format!("granted {grantee} categories {categories:?} (key fingerprint {shown})")
			})
		},
		ConsentCommand::Revoke { grantee } => {
			let patient = ctx.account()?;
			let grantee = account(grantee)?;
			ctx.chain().await?.records().revoke(&patient, &grantee).await?;
			ctx.print(&json!({ "revoked": grantee }), || {
				format!("revoked {grantee}; its keys were rotated")
			})
		},
		ConsentCommand::Rotate { category } => {
			let patient = ctx.account()?;
			ctx.chain().await?.records().rotate(&patient, *category).await?;
			ctx.print(&json!({ "rotated": category }), || {
				format!(
					"category {category}: new key epoch for you and the doctors with live consent"
				)
			})
		},
		ConsentCommand::Share { record, to, expires } => {
			let patient = ctx.account()?;
			let grantee = account(to)?;
			let records = ctx.chain().await?.records();
			records
				.share_record(&patient, *record, &grantee, *expires, &ctx.content_store().await?)
				.await?;
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

//! `medchain audit`: who read my records (or, with `--reads`, which records I read), from every
//! hospital's gateway, each answer checked against the head the hospital anchored on chain.

use crate::context::{Context, Failure};
use medchain_client::{audit, gateway::Party};
use serde_json::json;
use subxt::utils::AccountId32;

/// Options of `medchain audit`.
#[derive(clap::Args, Debug)]
pub struct AuditArgs {
	/// The reads the acting account made (a doctor's own reads), instead of the reads of its
	/// records.
	#[arg(long)]
	reads: bool,
}

/// An account written as `0x` hex in the log, as SS58.
fn ss58(hex_account: &str) -> String {
	hex::decode(hex_account.trim_start_matches("0x"))
		.ok()
		.and_then(|bytes| <[u8; 32]>::try_from(bytes).ok())
		.map(|bytes| AccountId32(bytes).to_string())
		.unwrap_or_else(|| hex_account.to_string())
}

pub async fn run(ctx: &Context, args: &AuditArgs) -> Result<(), Failure> {
	let me = ctx.account()?;
	let party = if args.reads { Party::Reader } else { Party::Patient };
	let trails = audit::trail(ctx.chain().await?, &me, party).await?;
	let mut problems = Vec::new();
	let mut rows = Vec::new();
	let mut lines = Vec::new();
	for trail in &trails {
		match &trail.outcome {
			Ok(entries) => {
				lines.push(format!(
					"hospital {} ({}): {} entries, {} anchored in its log",
					trail.hospital,
					trail.gateway,
					entries.len(),
					trail.anchored
				));
				for (positioned, anchored) in entries {
					let e = &positioned.entry;
					let time = chrono::DateTime::from_timestamp_millis(e.time_ms as i64)
						.map(|t| t.format("%Y-%m-%d %H:%M:%S UTC").to_string())
						.unwrap_or_else(|| e.time_ms.to_string());
					let reason = if e.reason.is_empty() {
						String::new()
					} else {
						format!(" ({})", e.reason)
					};
					lines.push(format!(
						"  #{} {} block {}: {} read record {} of {} for {}: {}{}{}",
						positioned.index,
						time,
						e.block,
						ss58(&e.reader),
						e.record,
						ss58(&e.patient),
						e.purpose,
						e.outcome,
						reason,
						if *anchored { "" } else { " [not yet anchored]" }
					));
					rows.push(json!({
						"hospital": trail.hospital,
						"index": positioned.index,
						"time_ms": e.time_ms,
						"block": e.block,
						"reader": ss58(&e.reader),
						"patient": ss58(&e.patient),
						"record": e.record,
						"cid": e.cid,
						"purpose": e.purpose,
						"outcome": e.outcome,
						"reason": e.reason,
						"anchored": anchored,
					}));
				}
			},
			Err(problem) => {
				lines.push(format!("hospital {} ({}): {problem}", trail.hospital, trail.gateway));
				problems.push(format!("hospital {}: {problem}", trail.hospital));
			},
		}
	}
	let hospitals: Vec<_> = trails
		.iter()
		.map(|t| {
			json!({
				"hospital": t.hospital,
				"gateway": t.gateway,
				"anchored": t.anchored,
				"verified": t.outcome.is_ok(),
				"problem": t.outcome.as_ref().err(),
			})
		})
		.collect();
	ctx.print(&json!({ "hospitals": hospitals, "entries": rows }), || lines.join("\n"))?;
	if problems.is_empty() {
		Ok(())
	} else {
		Err(Failure(format!("the read log does not check out at {}", problems.join("; "))))
	}
}

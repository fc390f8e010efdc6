//! `medchain record …`: add, fetch, list and change records.

use crate::{parse_account, ss58, Cli, Failure};
use clap::Subcommand;
use indicatif::{ProgressBar, ProgressStyle};
use medchain_client::{
	chain::{account_id, runtime, runtime::runtime_types, Chain},
	keys::Account,
	records::{update_to, Change, Cosignature, Phase},
	storage::Storage,
};
use runtime_types::pallet_records::types::{RecordChange, RecordStatus};
use serde_json::json;
use std::path::PathBuf;
use subxt::utils::AccountId32;

/// Blocks a proposal or co-signature stays valid by default: one day of 6-second blocks.
const DEFAULT_VALIDITY: u32 = 14_400;

/// A file to encrypt and store as content of a patient's record.
#[derive(clap::Args, Debug)]
pub struct NewContent {
	/// The patient (SS58).
	#[arg(long)]
	patient: String,
	/// The record's category.
	#[arg(long)]
	category: u16,
	/// The file.
	#[arg(long)]
	file: PathBuf,
}

#[derive(Subcommand, Debug)]
pub enum RecordCommand {
	/// Encrypt a file, store it and add it as a record of a patient (doctors with consent).
	Add(NewContent),
	/// Encrypt a file and store it without touching the chain; prints its CID (for a
	/// co-signed update).
	Upload(NewContent),
	/// Fetch a record, verify it against its CID on chain and decrypt it to a file.
	Get {
		/// The record's id.
		record: u64,
		/// The patient (default: the acting account).
		#[arg(long)]
		patient: Option<String>,
		/// Where to write the decrypted record.
		#[arg(long)]
		output: PathBuf,
	},
	/// Show a record: CID, versions (the history), shares and any pending change.
	#[command(visible_alias = "history")]
	Show {
		/// The record's id.
		record: u64,
		/// The patient (default: the acting account).
		#[arg(long)]
		patient: Option<String>,
	},
	/// List a patient's records.
	List {
		/// The patient (default: the acting account).
		#[arg(long)]
		patient: Option<String>,
	},
	/// Propose a new version of a record (from a file, or an uploaded CID); the other side
	/// approves it with `record approve`.
	Update {
		/// The record's id.
		record: u64,
		/// The patient (default: the acting account).
		#[arg(long)]
		patient: Option<String>,
		/// The new content.
		#[arg(long, conflicts_with = "cid", required_unless_present = "cid")]
		file: Option<PathBuf>,
		/// The CID of content stored with `record upload`.
		#[arg(long)]
		cid: Option<String>,
		/// Blocks the proposal stays open.
		#[arg(long, default_value_t = DEFAULT_VALIDITY)]
		valid_for: u32,
	},
	/// Propose deleting a record; the other side approves it with `record approve`.
	Delete {
		/// The record's id.
		record: u64,
		/// The patient (default: the acting account).
		#[arg(long)]
		patient: Option<String>,
		/// Blocks the proposal stays open.
		#[arg(long, default_value_t = DEFAULT_VALIDITY)]
		valid_for: u32,
	},
	/// Approve the change pending on a record (the side that did not propose it).
	Approve {
		/// The record's id.
		record: u64,
		/// The patient (default: the acting account).
		#[arg(long)]
		patient: Option<String>,
	},
	/// Withdraw the change pending on a record (its proposer or the patient).
	Cancel {
		/// The record's id.
		record: u64,
		/// The patient (default: the acting account).
		#[arg(long)]
		patient: Option<String>,
	},
	/// Patients: sign an update or a deletion for one doctor to submit with `record submit`.
	Cosign {
		/// The record's id.
		record: u64,
		/// The doctor who will submit it (SS58).
		#[arg(long)]
		doctor: String,
		/// The new CID (an update).
		#[arg(long, conflicts_with = "delete", required_unless_present = "delete")]
		cid: Option<String>,
		/// Sign a deletion instead.
		#[arg(long)]
		delete: bool,
		/// Blocks the co-signature stays valid.
		#[arg(long, default_value_t = DEFAULT_VALIDITY)]
		valid_for: u32,
	},
	/// Doctors: apply a change the patient co-signed, in one transaction.
	Submit {
		/// The co-signature printed by `record cosign`.
		#[arg(long)]
		cosignature: String,
	},
}

/// The byte-count progress bar of one phase (drawn only on a terminal).
fn bar(cli: &Cli, message: &'static str, length: u64) -> ProgressBar {
	let bar = if cli.json { ProgressBar::hidden() } else { ProgressBar::new(length) };
	bar.set_style(
		ProgressStyle::with_template(
			"{msg:>10} [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec} {eta}",
		)
		.expect("valid template")
		.progress_chars("=> "),
	);
	bar.set_message(message);
	bar
}

fn parse_cid(text: &str) -> Result<cid::Cid, Failure> {
	cid::Cid::try_from(text).map_err(|_| Failure(format!("'{text}' is not a CID")))
}

fn cid_text(bytes: &[u8]) -> String {
	cid::Cid::try_from(bytes).map(|cid| cid.to_string()).unwrap_or_default()
}

fn change_json(change: &Change) -> serde_json::Value {
	match change {
		RecordChange::Update { cid } => json!({ "update": cid_text(cid) }),
		RecordChange::Delete => json!("delete"),
	}
}

/// Encrypt and store `file` as a record of `patient`'s `category`, with progress bars.
async fn store(
	cli: &Cli,
	chain: &Chain,
	account: &Account,
	patient: &AccountId32,
	category: u16,
	file: &PathBuf,
) -> Result<cid::Cid, Failure> {
	let storage = Storage::new(&cli.ipfs);
	let length = std::fs::metadata(file)
		.map_err(|error| Failure(format!("cannot read {}: {error}", file.display())))?
		.len();
	let encrypting = bar(cli, "encrypt", length);
	let uploading = bar(cli, "upload", 0);
	let upload_bar = uploading.clone();
	let encrypt_bar = encrypting.clone();
	let cid = chain
		.store_record(account, patient, category, file, &storage, move |phase, bytes| match phase {
			Phase::Encrypting => encrypt_bar.inc(bytes),
			Phase::Uploading => {
				upload_bar.set_length(upload_bar.length().unwrap_or(0).max(bytes));
				upload_bar.set_position(bytes);
			},
		})
		.await;
	encrypting.finish_and_clear();
	uploading.finish_and_clear();
	Ok(cid?)
}

impl Cli {
	/// `--patient`, or the acting account.
	fn patient_or_me(&self, patient: &Option<String>) -> Result<AccountId32, Failure> {
		match patient {
			Some(text) => parse_account(text),
			None => Ok(account_id(&self.account()?)),
		}
	}
}

pub async fn run(cli: &Cli, command: &RecordCommand) -> Result<(), Failure> {
	let chain = Chain::connect(&cli.node).await?;
	match command {
		RecordCommand::Add(content) => {
			let account = cli.account()?;
			let patient = parse_account(&content.patient)?;
			let cid =
				store(cli, &chain, &account, &patient, content.category, &content.file).await?;
			let record = chain.add_record(&account, &patient, content.category, &cid).await?;
			cli.print(json!({ "record": record, "cid": cid.to_string() }), || {
				format!("added record {record} ({cid})")
			});
		},
		RecordCommand::Upload(content) => {
			let account = cli.account()?;
			let patient = parse_account(&content.patient)?;
			let cid =
				store(cli, &chain, &account, &patient, content.category, &content.file).await?;
			cli.print(json!({ "cid": cid.to_string() }), || format!("stored {cid}"));
		},
		RecordCommand::Get { record, patient, output } => {
			let account = cli.account()?;
			let patient = cli.patient_or_me(patient)?;
			let storage = Storage::new(&cli.ipfs);
			let partial = output.with_extension("partial");
			let mut out = std::io::BufWriter::new(std::fs::File::create(&partial)?);
			let result = chain.fetch_record(&account, &patient, *record, &storage, &mut out).await;
			let bytes = match result.map_err(Failure::from).and_then(|bytes| {
				out.into_inner().map_err(|error| Failure::from(error.into_error()))?;
				Ok(bytes)
			}) {
				Ok(bytes) => bytes,
				Err(error) => {
					// Nothing half-decrypted stays behind.
					let _ = std::fs::remove_file(&partial);
					return Err(error);
				},
			};
			std::fs::rename(&partial, output)?;
			cli.print(json!({ "record": record, "bytes": bytes, "output": output }), || {
				format!("record {record}: {bytes} bytes written to {}", output.display())
			});
		},
		RecordCommand::Show { record, patient } => {
			let patient = cli.patient_or_me(patient)?;
			let details = chain.record(&patient, *record).await?;
			let summary = &details.record;
			let status = match summary.status {
				RecordStatus::Active => "active",
				RecordStatus::Deleted => "deleted",
			};
			let value = json!({
				"record": summary.id,
				"patient": ss58(&summary.patient),
				"author": ss58(&summary.author),
				"cid": cid_text(&summary.cid),
				"category": summary.category,
				"created": summary.created,
				"updated": summary.updated,
				"version": summary.version,
				"status": status,
				"history": details.history.iter().map(|entry| json!({
					"version": entry.version, "cid": cid_text(&entry.cid), "replaced": entry.replaced,
				})).collect::<Vec<_>>(),
				"shares": details.shares.iter().map(|share| json!({
					"grantee": ss58(&share.grantee), "expires": share.expires,
				})).collect::<Vec<_>>(),
				"proposal": details.proposal.as_ref().map(|proposal| json!({
					"proposer": ss58(&proposal.proposer),
					"change": change_json(&proposal.change),
					"expires": proposal.expires,
				})),
			});
			let text = || {
				let mut lines = vec![format!(
					"record {} of {}: {status}, category {}, version {} ({}), by {}",
					summary.id,
					ss58(&summary.patient),
					summary.category,
					summary.version,
					cid_text(&summary.cid),
					ss58(&summary.author)
				)];
				for entry in &details.history {
					lines.push(format!(
						"  version {}: {} (replaced in block {})",
						entry.version,
						cid_text(&entry.cid),
						entry.replaced
					));
				}
				if let Some(proposal) = &details.proposal {
					lines.push(format!(
						"  pending: {} proposed by {}",
						change_json(&proposal.change),
						ss58(&proposal.proposer)
					));
				}
				lines.join("\n")
			};
			cli.print(value, text);
		},
		RecordCommand::List { patient } => {
			let patient = cli.patient_or_me(patient)?;
			let mut records = Vec::new();
			let mut after = None;
			loop {
				let page =
					runtime::runtime_apis().records_api().patient_records(patient, after, 256);
				let page = chain.query(page).await?;
				let Some(last) = page.last() else { break };
				after = Some(last.id);
				records.extend(page);
			}
			let value = records
				.iter()
				.map(|record| {
					json!({
						"record": record.id,
						"cid": cid_text(&record.cid),
						"category": record.category,
						"version": record.version,
						"deleted": matches!(record.status, RecordStatus::Deleted),
					})
				})
				.collect::<Vec<_>>();
			let text = || {
				value
					.iter()
					.map(|record| {
						format!(
							"{}\tcategory {}\tversion {}\t{}",
							record["record"],
							record["category"],
							record["version"],
							if record["deleted"] == true {
								"deleted".to_string()
							} else {
								record["cid"].as_str().unwrap_or_default().to_string()
							}
						)
					})
					.collect::<Vec<_>>()
					.join("\n")
			};
			cli.print(serde_json::Value::Array(value.clone()), text);
		},
		RecordCommand::Update { record, patient, file, cid, valid_for } => {
			let account = cli.account()?;
			let patient = cli.patient_or_me(patient)?;
			let cid = match (file, cid) {
				(Some(file), _) => {
					let category = chain.record(&patient, *record).await?.record.category;
					store(cli, &chain, &account, &patient, category, file).await?
				},
				(None, Some(cid)) => parse_cid(cid)?,
				(None, None) => return Err(Failure("give --file or --cid".into())),
			};
			chain.propose_change(&account, &patient, *record, update_to(&cid), *valid_for).await?;
			cli.print(
				json!({ "record": record, "proposed": { "update": cid.to_string() } }),
				|| format!("proposed record {record} → {cid}; waiting for approval"),
			);
		},
		RecordCommand::Delete { record, patient, valid_for } => {
			let account = cli.account()?;
			let patient = cli.patient_or_me(patient)?;
			chain
				.propose_change(&account, &patient, *record, RecordChange::Delete, *valid_for)
				.await?;
			cli.print(json!({ "record": record, "proposed": "delete" }), || {
				format!("proposed deleting record {record}; waiting for approval")
			});
		},
		RecordCommand::Approve { record, patient } => {
			let account = cli.account()?;
			let patient = cli.patient_or_me(patient)?;
			let change = chain.approve_change(&account, &patient, *record).await?;
			cli.print(json!({ "record": record, "applied": change_json(&change) }), || {
				format!("approved: record {record} {}", change_json(&change))
			});
		},
		RecordCommand::Cancel { record, patient } => {
			let account = cli.account()?;
			let patient = cli.patient_or_me(patient)?;
			chain.cancel_change(&account, &patient, *record).await?;
			cli.print(json!({ "record": record, "cancelled": true }), || {
				format!("cancelled the change pending on record {record}")
			});
		},
		RecordCommand::Cosign { record, doctor, cid, delete, valid_for } => {
			let account = cli.account()?;
			let doctor = parse_account(doctor)?;
			let change = match (cid, delete) {
				(_, true) => RecordChange::Delete,
				(Some(cid), false) => update_to(&parse_cid(cid)?),
				(None, false) => return Err(Failure("give --cid or --delete".into())),
			};
			let cosignature = chain.cosign(&account, &doctor, *record, change, *valid_for).await?;
			let hex = cosignature.to_hex();
			cli.print(
				json!({
					"record": record,
					"doctor": ss58(&doctor),
					"change": change_json(&cosignature.payload.change),
					"expires": cosignature.payload.expires,
					"cosignature": hex,
				}),
				|| hex.clone(),
			);
		},
		RecordCommand::Submit { cosignature } => {
			let account = cli.account()?;
			let cosignature = Cosignature::from_hex(cosignature)?;
			let record = cosignature.payload.record;
			let change = change_json(&cosignature.payload.change);
			chain.submit_cosigned(&account, cosignature).await?;
			cli.print(json!({ "record": record, "applied": change }), || {
				format!("applied the co-signed change to record {record}: {change}")
			});
		},
	}
	Ok(())
}

//! `medchain record …`: add, fetch, list and change records.

use crate::context::{account, Context, Failure};
use clap::Subcommand;
use indicatif::{ProgressBar, ProgressStyle};
use medchain_client::{
	files,
	keys::Account,
	records::{update_to, Change, Cosignature, Phase},
	views,
};
use serde_json::json;
use std::path::{Path, PathBuf};
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
		/// Where to write the decrypted record (readable by its owner only).
		#[arg(long)]
		output: PathBuf,
		/// Replace the output file if it exists.
		#[arg(long)]
		force: bool,
		/// Why the record is read, as the gateway's read log records it: treatment, emergency,
		/// patient-request, payment, operations, research, public-health or legal.
		#[arg(long, default_value = "treatment")]
		purpose: String,
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
fn bar(ctx: &Context, message: &'static str, length: u64) -> ProgressBar {
	let bar = if ctx.json() { ProgressBar::hidden() } else { ProgressBar::new(length) };
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

/// A new file at `path` that only its owner can read (on Unix); refuses an existing one.
fn private_file(path: &Path) -> Result<std::fs::File, Failure> {
	files::create_private(path).map_err(|error| match error.kind() {
		std::io::ErrorKind::AlreadyExists => Failure(format!(
			"{} exists (left by an interrupted fetch?); remove it or pass --force",
			path.display()
		)),
		_ => Failure(format!("cannot write {}: {error}", path.display())),
	})
}

fn parse_cid(text: &str) -> Result<cid::Cid, Failure> {
	cid::Cid::try_from(text).map_err(|_| Failure(format!("'{text}' is not a CID")))
}

/// Encrypt and store `file` as a record of `patient`'s `category`, with progress bars.
async fn store(
	ctx: &Context,
	account: &Account,
	patient: &AccountId32,
	category: u16,
	file: &Path,
) -> Result<cid::Cid, Failure> {
	let length = std::fs::metadata(file)
		.map_err(|error| Failure(format!("cannot read {}: {error}", file.display())))?
		.len();
	let records = ctx.chain().await?.records();
	let encrypting = bar(ctx, "encrypt", length);
	let uploading = bar(ctx, "upload", 0);
	let upload_bar = uploading.clone();
	let encrypt_bar = encrypting.clone();
	let storage = ctx.content_store().await?;
	let cid = records
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

pub async fn run(ctx: &Context, command: &RecordCommand) -> Result<(), Failure> {
	match command {
		RecordCommand::Add(content) => add(ctx, content).await,
		RecordCommand::Upload(content) => upload(ctx, content).await,
		RecordCommand::Get { record, patient, output, force, purpose } => {
			get(ctx, *record, patient, output, *force, purpose).await
		},
		RecordCommand::Show { record, patient } => show(ctx, *record, patient).await,
		RecordCommand::List { patient } => list(ctx, patient).await,
		RecordCommand::Update { record, patient, file, cid, valid_for } => {
			update(ctx, *record, patient, file.as_deref(), cid.as_deref(), *valid_for).await
		},
		RecordCommand::Delete { record, patient, valid_for } => {
			delete(ctx, *record, patient, *valid_for).await
		},
		RecordCommand::Approve { record, patient } => approve(ctx, *record, patient).await,
		RecordCommand::Cancel { record, patient } => cancel(ctx, *record, patient).await,
		RecordCommand::Cosign { record, doctor, cid, delete, valid_for } => {
			cosign(ctx, *record, doctor, cid.as_deref(), *delete, *valid_for).await
		},
		RecordCommand::Submit { cosignature } => submit(ctx, cosignature).await,
	}
}

async fn add(ctx: &Context, content: &NewContent) -> Result<(), Failure> {
	let author = ctx.account()?;
	let patient = account(&content.patient)?;
	let cid = store(ctx, &author, &patient, content.category, &content.file).await?;
	let records = ctx.chain().await?.records();
	let record = records.add_record(&author, &patient, content.category, &cid).await?;
	ctx.print(&json!({ "record": record, "cid": cid.to_string() }), || {
		format!("added record {record} ({cid})")
	})
}

async fn upload(ctx: &Context, content: &NewContent) -> Result<(), Failure> {
	let author = ctx.account()?;
	let patient = account(&content.patient)?;
	let cid = store(ctx, &author, &patient, content.category, &content.file).await?;
	ctx.print(&json!({ "cid": cid.to_string() }), || format!("stored {cid}"))
}

async fn get(
	ctx: &Context,
	record: u64,
	patient: &Option<String>,
	output: &Path,
	force: bool,
	purpose: &str,
) -> Result<(), Failure> {
	if output.exists() && !force {
		return Err(Failure(format!("{} exists; pass --force to replace it", output.display())));
	}
	let reader = ctx.account()?;
	let patient = ctx.patient_or_me(patient)?;
	let records = ctx.chain().await?.records();
	// Decrypted bytes go to `<output>.partial` and take the output's name only when complete.
	let mut partial = output.as_os_str().to_owned();
	partial.push(".partial");
	let partial = PathBuf::from(partial);
	if force {
		// A partial file an interrupted fetch left behind.
		let _ = std::fs::remove_file(&partial);
	}
	let storage = ctx.content_store().await?;
	let mut out = std::io::BufWriter::new(private_file(&partial)?);
	let result =
		records.fetch_record(&reader, (&patient, record), &storage, purpose, &mut out).await;
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
	if output.exists() && !force {
		let _ = std::fs::remove_file(&partial);
		return Err(Failure(format!("{} exists; pass --force to replace it", output.display())));
	}
	std::fs::rename(&partial, output)?;
	ctx.print(&json!({ "record": record, "bytes": bytes, "output": output }), || {
		format!("record {record}: {bytes} bytes written to {}", output.display())
	})
}

async fn show(ctx: &Context, record: u64, patient: &Option<String>) -> Result<(), Failure> {
	let patient = ctx.patient_or_me(patient)?;
	let details = ctx.chain().await?.records().record(&patient, record).await?;
	let details = views::RecordDetails::from(&details);
	ctx.print(&details, || {
		let summary = &details.record;
		let mut lines = vec![format!(
			"record {} of {}: {}, category {}, version {} ({}), by {}",
			summary.id,
			summary.patient,
			status_text(summary.status),
			summary.category,
			summary.version,
			summary.cid.as_deref().unwrap_or("-"),
			summary.author
		)];
		for entry in &details.history {
			lines.push(format!(
				"  version {}: {} (replaced in block {})",
				entry.version, entry.cid, entry.replaced
			));
		}
		if let Some(proposal) = &details.proposal {
			lines.push(format!("  pending: {} proposed by {}", proposal.change, proposal.proposer));
		}
		lines.join("\n")
	})
}

fn status_text(status: views::Status) -> &'static str {
	match status {
		views::Status::Active => "active",
		views::Status::Deleted => "deleted",
	}
}

async fn list(ctx: &Context, patient: &Option<String>) -> Result<(), Failure> {
	let patient = ctx.patient_or_me(patient)?;
	let records = ctx.chain().await?.records().all_for(&patient).await?;
	let records: Vec<views::Record> = records.iter().map(views::Record::from).collect();
	ctx.print(&records, || {
		records
			.iter()
			.map(|record| {
				format!(
					"{}\tcategory {}\tversion {}\t{}",
					record.id,
					record.category,
					record.version,
					record.cid.as_deref().unwrap_or(status_text(record.status))
				)
			})
			.collect::<Vec<_>>()
			.join("\n")
	})
}

async fn update(
	ctx: &Context,
	record: u64,
	patient: &Option<String>,
	file: Option<&Path>,
	cid: Option<&str>,
	valid_for: u32,
) -> Result<(), Failure> {
	let author = ctx.account()?;
	let patient = ctx.patient_or_me(patient)?;
	let records = ctx.chain().await?.records();
	let cid = match (file, cid) {
		(Some(file), _) => {
			let category = records.record(&patient, record).await?.record.category;
			store(ctx, &author, &patient, category, file).await?
		},
		(None, Some(cid)) => parse_cid(cid)?,
		(None, None) => return Err(Failure("give --file or --cid".into())),
	};
	let change = update_to(&cid);
	records.propose_change(&author, &patient, record, change.clone(), valid_for).await?;
	ctx.print(&json!({ "record": record, "proposed": views::Change::from(&change) }), || {
		format!("proposed record {record} → {cid}; waiting for approval")
	})
}

async fn delete(
	ctx: &Context,
	record: u64,
	patient: &Option<String>,
	valid_for: u32,
) -> Result<(), Failure> {
	let who = ctx.account()?;
	let patient = ctx.patient_or_me(patient)?;
	let records = ctx.chain().await?.records();
	records.propose_change(&who, &patient, record, Change::Delete, valid_for).await?;
	ctx.print(&json!({ "record": record, "proposed": views::Change::delete() }), || {
		format!("proposed deleting record {record}; waiting for approval")
	})
}

async fn approve(ctx: &Context, record: u64, patient: &Option<String>) -> Result<(), Failure> {
	let who = ctx.account()?;
	let patient = ctx.patient_or_me(patient)?;
	let change = ctx.chain().await?.records().approve_change(&who, &patient, record).await?;
	let change = views::Change::from(&change);
	ctx.print(&json!({ "record": record, "applied": change }), || {
		format!("approved: record {record}, {change}")
	})
}

async fn cancel(ctx: &Context, record: u64, patient: &Option<String>) -> Result<(), Failure> {
	let who = ctx.account()?;
	let patient = ctx.patient_or_me(patient)?;
	ctx.chain().await?.records().cancel_change(&who, &patient, record).await?;
	ctx.print(&json!({ "record": record, "cancelled": true }), || {
		format!("cancelled the change pending on record {record}")
	})
}

async fn cosign(
	ctx: &Context,
	record: u64,
	doctor: &str,
	cid: Option<&str>,
	delete: bool,
	valid_for: u32,
) -> Result<(), Failure> {
	let patient = ctx.account()?;
	let doctor = account(doctor)?;
	let change = match (cid, delete) {
		(_, true) => Change::Delete,
		(Some(cid), false) => update_to(&parse_cid(cid)?),
		(None, false) => return Err(Failure("give --cid or --delete".into())),
	};
	let records = ctx.chain().await?.records();
	let cosignature = records.cosign(&patient, &doctor, record, change, valid_for).await?;
	let hex = cosignature.to_hex();
	ctx.print(
		&json!({
			"record": record,
			"doctor": doctor,
			"change": views::Change::from(&cosignature.payload.change),
			"expires": cosignature.payload.expires,
			"cosignature": hex,
		}),
		|| hex.clone(),
	)
}

async fn submit(ctx: &Context, cosignature: &str) -> Result<(), Failure> {
	let doctor = ctx.account()?;
	let cosignature = Cosignature::from_hex(cosignature)?;
	let record = cosignature.payload.record;
	let change = views::Change::from(&cosignature.payload.change);
	ctx.chain().await?.records().submit_cosigned(&doctor, cosignature).await?;
	ctx.print(&json!({ "record": record, "applied": change }), || {
		format!("applied the co-signed change to record {record}: {change}")
	})
}

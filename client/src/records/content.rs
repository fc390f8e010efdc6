//! Record content: encrypting and storing, adding, reading the chain's view of a record,
//! fetching with CID checks and opening, and single-record shares.

use super::{Records, RecordsError};
use crate::{
	chain::{
		runtime::{self, runtime_types},
		Events,
	},
	crypto::{self, CidWriter, CryptoError, Header, SymmetricKey},
	keys::Account,
	storage::{ensure_cid, ContentStore},
};
use cid::Cid;
use runtime_types::pallet_records::types::{RecordDetails, RecordStatus, RecordSummary};
use std::{
	io::{BufReader, Read, Seek, Write},
	path::Path,
};
use subxt::utils::AccountId32;

/// Most records one runtime API call returns (the runtime's page size).
pub use medchain_primitives::MAX_PAGE;

/// The phases of storing a record, for progress reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
	/// Plaintext bytes encrypted so far (increments).
	Encrypting,
	/// Ciphertext bytes sent to the storage so far (a running total).
	Uploading,
}

impl Records<'_> {
	/// Encrypt a record of `patient`'s `category` from `plaintext` to `out` under the current
	/// scope key `author` holds. Returns the record's data key and the bytes written.
	pub async fn encrypt_record(
		self,
		author: &Account,
		patient: &AccountId32,
		category: u16,
		plaintext: &mut impl Read,
		out: &mut impl Write,
		progress: impl FnMut(u64),
	) -> Result<(SymmetricKey, u64), RecordsError> {
		let held = self
			.held_key(author, patient, category)
			.await?
			.ok_or(RecordsError::NoKey { category })?;
		if held.rotation_pending {
			return Err(RecordsError::RotationPending { category });
		}
		Ok(crypto::encrypt(plaintext, out, held.scope, &held.key, progress)?)
	}

	/// The data key of the record whose `header` was read, through the scope key `reader`
	/// holds for its patient and category (walking back to the record's epoch).
	async fn data_key(
		self,
		reader: &Account,
		header: &Header,
	) -> Result<SymmetricKey, RecordsError> {
		let patient = AccountId32(header.scope.patient);
		let category = header.scope.category;
		let held = self
			.held_key(reader, &patient, category)
			.await?
			.ok_or(RecordsError::NoKey { category })?;
		let key = crypto::walk_back(&held.key, &held.scope, &held.links, header.scope.epoch)?;
		Ok(header.data_key(&key)?)
	}

	/// Open an encrypted record read from `ciphertext` with the key `reader` holds for its
	/// patient and category. Returns the plaintext bytes written.
	pub async fn open_record(
		self,
		reader: &Account,
		ciphertext: &mut impl Read,
		out: &mut impl Write,
	) -> Result<u64, RecordsError> {
		let header = Header::read(ciphertext)?;
		let data_key = self.data_key(reader, &header).await?;
		Ok(crypto::decrypt(&header, &data_key, ciphertext, out)?)
	}

	/// Encrypt the file at `plaintext` as a record of `patient`'s `category` under the scope key
	/// `author` holds, and add it to `storage` (a gateway upload is signed by `author`). The CID is computed while encrypting and must be
	/// the one the storage gives. `progress` receives byte counts of each phase.
	pub async fn store_record(
		self,
		author: &Account,
		patient: &AccountId32,
		category: u16,
		plaintext: &Path,
		storage: &ContentStore,
		progress: impl Fn(Phase, u64) + Clone + Send + Sync + 'static,
	) -> Result<Cid, RecordsError> {
		let file = std::fs::File::open(plaintext)?;
		let size = file.metadata()?.len();
		if size > storage.max_content() {
			return Err(RecordsError::TooLarge { size, limit: storage.max_content() });
		}
		let mut input = BufReader::new(file);
		let encrypted = tempfile::NamedTempFile::new()?;
		let mut writer = CidWriter::new(std::io::BufWriter::new(encrypted.as_file()));
		let encrypting = progress.clone();
		let encrypting = move |bytes| encrypting(Phase::Encrypting, bytes);
		self.encrypt_record(author, patient, category, &mut input, &mut writer, encrypting).await?;
		let (mut buffered, expected) = writer.finish();
		buffered.flush()?;
		drop(buffered);
		let uploading = move |sent| progress(Phase::Uploading, sent);
		let stored = storage.add(author, encrypted.path(), uploading).await?;
		ensure_cid(&expected, &stored)?;
		Ok(expected)
	}

	/// `author` adds the stored record `cid` of `patient`'s `category`; returns its id.
	pub async fn add_record(
		self,
		author: &Account,
		patient: &AccountId32,
		category: u16,
		cid: &Cid,
	) -> Result<u64, RecordsError> {
		let call = runtime::transactions().records().add_record(*patient, cid.to_bytes(), category);
		let events = self.chain.submit(&call, author).await?;
		let added = events
			.find_first::<runtime::records::events::RecordAdded>()
			.ok_or_else(|| RecordsError::chain("the chain did not report the added record"))?
			.map_err(RecordsError::chain)?;
		Ok(added.record)
	}

	/// The record `record` of `patient` with its history, shares and pending change.
	pub async fn record(
		self,
		patient: &AccountId32,
		record: u64,
	) -> Result<RecordDetails<AccountId32, u32>, RecordsError> {
		self.chain
			.query(runtime::runtime_apis().records_api().record(*patient, record))
			.await?
			.ok_or(RecordsError::UnknownRecord(record))
	}

	/// Up to `limit` (at most [`MAX_PAGE`]) records of `patient` after record `after`, in
	/// storage order.
	pub async fn page(
		self,
		patient: &AccountId32,
		after: Option<u64>,
		limit: u32,
	) -> Result<Vec<RecordSummary<AccountId32, u32>>, RecordsError> {
		let page = runtime::runtime_apis().records_api().patient_records(*patient, after, limit);
		Ok(self.chain.query(page).await?)
	}

	/// Every record of `patient`, page by page.
	pub async fn all_for(
		self,
		patient: &AccountId32,
	) -> Result<Vec<RecordSummary<AccountId32, u32>>, RecordsError> {
		let mut records = Vec::new();
		let mut after = None;
		loop {
			let page = self.page(patient, after, MAX_PAGE).await?;
			let Some(last) = page.last() else { break };
			after = Some(last.id);
			records.extend(page);
		}
		Ok(records)
	}

	/// The live record's CID and category.
	async fn live_record(
		self,
		patient: &AccountId32,
		record: u64,
	) -> Result<(Cid, u16), RecordsError> {
		let details = self.record(patient, record).await?;
		if matches!(details.record.status, RecordStatus::Deleted) {
			return Err(RecordsError::Deleted(record));
		}
		let cid = Cid::try_from(details.record.cid.as_slice()).map_err(RecordsError::chain)?;
		Ok((cid, details.record.category))
	}

	/// Fetch the content `cid` of `patient`'s record `record` from `storage` as `reader` (for
	/// `purpose`) into a temporary file, checking every byte against the CID.
	async fn fetch_verified(
		storage: &ContentStore,
		reader: &Account,
		(patient, record): (&AccountId32, u64),
		cid: &Cid,
		purpose: &str,
	) -> Result<BufReader<std::fs::File>, RecordsError> {
		let mut writer = CidWriter::new(std::io::BufWriter::new(tempfile::tempfile()?));
		storage.fetch(reader, patient, record, cid, purpose, &mut writer).await?;
		let (buffered, actual) = writer.finish();
		ensure_cid(cid, &actual)?;
		let mut file = buffered.into_inner().map_err(|error| error.into_error())?;
		file.rewind()?;
		Ok(BufReader::new(file))
	}

	/// `reader` fetches `patient`'s record from `storage` (for `purpose`, which a gateway
	/// records in its read log), verifies it against the CID on chain and decrypts it into
	/// `out` (with its scope key, or a single-record share). Returns the plaintext bytes
	/// written.
	pub async fn fetch_record(
		self,
		reader: &Account,
		(patient, record): (&AccountId32, u64),
		storage: &ContentStore,
		purpose: &str,
		out: &mut impl Write,
	) -> Result<u64, RecordsError> {
		let (cid, category) = self.live_record(patient, record).await?;
		let me = reader.account_id();
		// A gateway decides (and logs the decision) itself; a Kubo API serves anyone.
		if let ContentStore::Kubo(_) = storage {
			let access = runtime::runtime_apis().records_api().can_access(me, *patient, record);
			if !self.chain.query(access).await? {
				return Err(RecordsError::NoAccess(record));
			}
		}
		let mut ciphertext =
			Self::fetch_verified(storage, reader, (patient, record), &cid, purpose).await?;
		let header = Header::read(&mut ciphertext)?;
		// Authentic content is not enough: it must be this record's, not another patient's
		// or category's registered under this record.
		if header.scope.patient != patient.0 || header.scope.category != category {
			return Err(RecordsError::Mislabelled {
				record,
				patient: AccountId32(header.scope.patient).to_string(),
				category: header.scope.category,
			});
		}
		let share = self.chain.fetch(&runtime::storage().records().shares(), (record, me)).await?;
		let shared = match share {
			Some(share) => {
				let sender = self.patient_key(reader, patient).await?;
				let cid = cid.to_bytes();
				crypto::unwrap_record_key(reader.encryption(), &sender, &cid, &share.key.0).ok()
			},
			None => None,
		};
		let data_key = match shared {
			Some(key) => key,
			// No share, or one that does not open this content: the reader's scope key.
			None => self.data_key(reader, &header).await?,
		};
		Ok(crypto::decrypt(&header, &data_key, &mut ciphertext, out)?)
	}

	/// `patient` shares one record with `grantee` until `expires` (inclusive): the record's data
	/// key, read from the stored header, wrapped to the grantee's encryption key.
	pub async fn share_record(
		self,
		patient: &Account,
		record: u64,
		grantee: &AccountId32,
		expires: Option<u32>,
		storage: &ContentStore,
	) -> Result<Events, RecordsError> {
		let me = patient.account_id();
		let (cid, _) = self.live_record(&me, record).await?;
		let mut ciphertext =
			Self::fetch_verified(storage, patient, (&me, record), &cid, "patient-request").await?;
		let header = Header::read(&mut ciphertext)?;
		// Only the patient's own records: content whose header names someone else is not one.
		if header.scope.patient != patient.account_id().0 {
			return Err(CryptoError::WrongKey.into());
		}
		let data_key = self.data_key(patient, &header).await?;
		let wrapped = crypto::wrap_record_key(
			patient.encryption(),
			&self.encryption_key(grantee).await?,
			&cid.to_bytes(),
			&data_key,
		)?;
		let call =
			runtime::transactions().records().share_record(record, *grantee, wrapped, expires);
		Ok(self.chain.submit(&call, patient).await?)
	}
}

//! What patients and doctors do with records, combining the chain, the encryption and the
//! storage: granting consent with the scope keys it needs, revoking with a key rotation in the
//! same extrinsic, encrypting and storing a record under the current scope key, fetching,
//! verifying and opening any record the account may read, single-record shares, and updates and
//! deletions co-signed by the patient (in one transaction with a co-signature, or proposed by one
//! side and approved by the other).

use crate::{
	chain::{
		account_id,
		runtime::{self, runtime_types},
		Chain, ChainError, Events,
	},
	crypto::{self, CryptoError, Header, Scope, SymmetricKey},
	keys::Account,
	storage::{ensure_cid, CidWriter, Storage, StorageError},
};
use cid::Cid;
use codec::{Decode, Encode};
use runtime_types::{
	bounded_collections::bounded_vec::BoundedVec,
	pallet_records::types::{CosignPayload, RecordChange, RecordDetails, RecordStatus},
	sp_runtime::MultiSignature,
};
use std::{
	io::{BufReader, Read, Seek, Write},
	path::Path,
};
use subxt::utils::{AccountId32, H256};

type RuntimeCall = runtime_types::medchain_runtime::RuntimeCall;
type RecordsCall = runtime_types::pallet_records::pallet::Call;

/// What can go wrong with a records operation, each as one sentence.
#[derive(Debug, thiserror::Error)]
pub enum RecordsError {
	/// The chain refused or could not be reached.
	#[error(transparent)]
	Chain(#[from] ChainError),
	/// Encrypted material does not open.
	#[error(transparent)]
	Crypto(#[from] CryptoError),
	/// An account has no encryption key on chain.
	#[error("{0} has not published an encryption key (medchain key set-encryption)")]
	NoEncryptionKey(String),
	/// The account holds no key for the patient's records of this category.
	#[error("this account holds no key for category {category} of this patient: it has no consent, or it was revoked")]
	NoKey {
		/// The category.
		category: u16,
	},
	/// The patient revoked a grantee and has not rotated the key yet.
	#[error("the patient's key for category {category} waits for a rotation after a revocation")]
	RotationPending {
		/// The category.
		category: u16,
	},
	/// The storage failed, or content did not match its CID.
	#[error(transparent)]
	Storage(#[from] StorageError),
	/// No such record of this patient.
	#[error("patient has no record {0}")]
	UnknownRecord(u64),
	/// The record was deleted.
	#[error("record {0} was deleted")]
	Deleted(u64),
	/// The chain does not let this account read the record.
	#[error("the chain does not give this account access to record {0}: no live consent or share")]
	NoAccess(u64),
	/// The record has no pending change to approve or cancel.
	#[error("record {0} has no pending change")]
	NoProposal(u64),
	/// A co-signature could not be read.
	#[error("not a MedChain co-signature: {0}")]
	BadCosignature(String),
	/// Reading or writing a file failed.
	#[error(transparent)]
	Io(#[from] std::io::Error),
}

/// A change to a record, as the chain names it.
pub type Change = RecordChange<Vec<u8>>;

/// A patient's signed approval of one change to one record, for one doctor to submit
/// (`cosigned_change`). Passed between them as hex text ([`Cosignature::to_hex`]).
#[derive(Encode, Decode)]
pub struct Cosignature {
	/// What the patient signed.
	pub payload: CosignPayload<AccountId32, u32, H256>,
	/// The patient's sr25519 signature of `COSIGN_CONTEXT ++ SCALE(payload)`.
	pub signature: [u8; 64],
}

impl Cosignature {
	/// `0x` followed by the SCALE encoding, for copying between patient and doctor.
	pub fn to_hex(&self) -> String {
		format!("0x{}", hex::encode(self.encode()))
	}

	/// Read what [`Cosignature::to_hex`] wrote.
	pub fn from_hex(text: &str) -> Result<Self, RecordsError> {
		let bytes = hex::decode(text.trim().trim_start_matches("0x"))
			.map_err(|error| RecordsError::BadCosignature(error.to_string()))?;
		Self::decode(&mut &bytes[..])
			.map_err(|error| RecordsError::BadCosignature(error.to_string()))
	}
}

/// The phases of storing a record, for progress reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
	/// Plaintext bytes encrypted so far (increments).
	Encrypting,
	/// Ciphertext bytes sent to the storage so far (a running total).
	Uploading,
}

/// The update of a record to `cid`.
pub fn update_to(cid: &Cid) -> Change {
	RecordChange::Update { cid: cid.to_bytes() }
}

/// A current scope key as its holder sees it.
pub struct HeldKey {
	/// Patient, category and current epoch.
	pub scope: Scope,
	/// The key of the current epoch.
	pub key: SymmetricKey,
	/// Links back to earlier epochs.
	pub links: Vec<(u32, Vec<u8>)>,
	/// Whether a rotation is pending.
	pub rotation_pending: bool,
}

impl Chain {
	/// The X25519 encryption key `account` published on chain.
	pub async fn encryption_key(&self, account: &AccountId32) -> Result<[u8; 32], RecordsError> {
		self.fetch(&runtime::storage().roles().encryption_keys(), (*account,))
			.await?
			.ok_or_else(|| RecordsError::NoEncryptionKey(account.to_string()))
	}

	/// The accounts holding the current scope key of `patient`'s `category`.
	pub async fn key_holders(
		&self,
		patient: &AccountId32,
		category: u16,
	) -> Result<Vec<AccountId32>, RecordsError> {
		let at = self.api().at_current_block().await.map_err(chain_error)?;
		let entry =
			at.storage().entry(runtime::storage().records().wrapped_keys()).map_err(chain_error)?;
		let mut entries = entry.iter(((*patient, category),)).await.map_err(chain_error)?;
		let mut holders = Vec::new();
		while let Some(item) = entries.next().await {
			let item = item.map_err(chain_error)?;
			let key = item.key().map_err(chain_error)?.decode().map_err(chain_error)?;
			holders.push(key.1);
		}
		Ok(holders)
	}

	/// The scope key `who` holds for `patient`'s `category`, if any.
	pub async fn held_key(
		&self,
		who: &Account,
		patient: &AccountId32,
		category: u16,
	) -> Result<Option<HeldKey>, RecordsError> {
		let material = self
			.query(runtime::runtime_apis().records_api().key_material(
				account_id(who),
				*patient,
				category,
			))
			.await?;
		let Some(material) = material else { return Ok(None) };
		let scope = Scope { patient: patient.0, category, epoch: material.epoch };
		let key = crypto::unwrap_for(who.encryption(), &scope, &material.wrapped_key)?;
		Ok(Some(HeldKey {
			scope,
			key,
			links: material.links,
			rotation_pending: material.rotation_pending,
		}))
	}

	/// The patient's calls that open the next epoch of `category` for `holders` (the patient
	/// included), or create the first key when there is none.
	async fn rotation(
		&self,
		patient: &Account,
		category: u16,
		current: Option<&HeldKey>,
		holders: &[AccountId32],
	) -> Result<(RuntimeCall, Scope, SymmetricKey), RecordsError> {
		let scope = Scope {
			patient: patient.account_id().into(),
			category,
			epoch: current.map_or(0, |held| held.scope.epoch + 1),
		};
		let key = SymmetricKey::generate();
		let link = current.map(|held| crypto::link(&key, &scope, &held.key));
		let mut keys = Vec::with_capacity(holders.len());
		for holder in holders {
			let public = if *holder == account_id(patient) {
				patient.encryption().public_key()
			} else {
				self.encryption_key(holder).await?
			};
			keys.push((*holder, crypto::wrap_for(&public, &scope, &key)?));
		}
		let call = RuntimeCall::Records(RecordsCall::rotate_scope_key {
			category,
			link,
			keys: BoundedVec(keys),
		});
		Ok((call, scope, key))
	}

	/// `patient` gives `grantee` consent for `categories` until `expires` (inclusive), with
	/// the grantee's copies of the scope keys; a category without a key gets its first one in
	/// the same extrinsic.
	pub async fn grant(
		&self,
		patient: &Account,
		grantee: &AccountId32,
		categories: &[u16],
		expires: Option<u32>,
	) -> Result<Events, RecordsError> {
		let grantee_key = self.encryption_key(grantee).await?;
		let me = account_id(patient);
		let mut calls = Vec::new();
		let mut keys = Vec::new();
		for &category in categories {
			let (scope, key) = match self.held_key(patient, &me, category).await? {
				Some(held) if held.rotation_pending => {
					return Err(RecordsError::RotationPending { category })
				},
				Some(held) => (held.scope, held.key),
				None => {
					let (call, scope, key) =
						self.rotation(patient, category, None, std::slice::from_ref(&me)).await?;
					calls.push(call);
					(scope, key)
				},
			};
			keys.push((category, crypto::wrap_for(&grantee_key, &scope, &key)?));
		}
		calls.push(RuntimeCall::Records(RecordsCall::grant_consent {
			grantee: *grantee,
			scope: runtime_types::pallet_records::types::Scope::Categories(BoundedVec(
				categories.to_vec(),
			)),
			expires,
			keys: BoundedVec(keys),
		}));
		Ok(self.submit(&runtime::transactions().utility().batch_all(calls), patient).await?)
	}

	/// `patient` revokes `grantee`: in one extrinsic the consent ends and every scope key the
	/// grantee held moves to a new epoch that only the remaining holders with a live grant
	/// receive.
	pub async fn revoke(
		&self,
		patient: &Account,
		grantee: &AccountId32,
	) -> Result<Events, RecordsError> {
		let me = account_id(patient);
		let grants = self.query(runtime::runtime_apis().records_api().grants(me)).await?;
		let key_categories = grants
			.iter()
			.find(|grant| grant.grantee == *grantee)
			.map(|grant| grant.key_categories.clone())
			.unwrap_or_default();
		// The chain drops holders whose grant no longer authorizes (expired, or the grantee
		// lost its role) at every rotation: the new key goes to the live ones only.
		let live: Vec<AccountId32> =
			grants.into_iter().filter(|grant| grant.live).map(|grant| grant.grantee).collect();
		let mut calls =
			vec![RuntimeCall::Records(RecordsCall::revoke_consent { grantee: *grantee })];
		for category in key_categories {
			let held = self
				.held_key(patient, &me, category)
				.await?
				.ok_or(RecordsError::NoKey { category })?;
			let holders: Vec<AccountId32> = self
				.key_holders(&me, category)
				.await?
				.into_iter()
				.filter(|holder| *holder == me || (holder != grantee && live.contains(holder)))
				.collect();
			calls.push(self.rotation(patient, category, Some(&held), &holders).await?.0);
		}
		Ok(self.submit(&runtime::transactions().utility().batch_all(calls), patient).await?)
	}

	/// Encrypt a record of `patient`'s `category` from `plaintext` to `out` under the current
	/// scope key `author` holds. Returns the record's data key and the bytes written.
	pub async fn encrypt_record(
		&self,
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

	/// Open an encrypted record read from `ciphertext` with the key `reader` holds for its
	/// patient and category (walking back to the record's epoch). Returns the plaintext bytes
	/// written.
	pub async fn open_record(
		&self,
		reader: &Account,
		ciphertext: &mut impl Read,
		out: &mut impl Write,
	) -> Result<u64, RecordsError> {
		let header = Header::read(ciphertext)?;
		let patient = AccountId32(header.scope.patient);
		let category = header.scope.category;
		let held = self
			.held_key(reader, &patient, category)
			.await?
			.ok_or(RecordsError::NoKey { category })?;
		let key = crypto::walk_back(&held.key, &held.scope, &held.links, header.scope.epoch)?;
		let data_key = header.data_key(&key)?;
		Ok(crypto::decrypt(&header, &data_key, ciphertext, out)?)
	}
}

impl Chain {
	/// Encrypt the file at `plaintext` as a record of `patient`'s `category` under the scope key
	/// `author` holds, and add it to `storage`. The CID is computed while encrypting and must be
	/// the one the storage gives. `progress` receives byte counts of each phase.
	pub async fn store_record(
		&self,
		author: &Account,
		patient: &AccountId32,
		category: u16,
		plaintext: &Path,
		storage: &Storage,
		progress: impl Fn(Phase, u64) + Clone + Send + Sync + 'static,
	) -> Result<Cid, RecordsError> {
		let mut input = BufReader::new(std::fs::File::open(plaintext)?);
		let encrypted = tempfile::NamedTempFile::new()?;
		let mut writer = CidWriter::new(std::io::BufWriter::new(encrypted.as_file()));
		let encrypting = progress.clone();
		let encrypting = move |bytes| encrypting(Phase::Encrypting, bytes);
		self.encrypt_record(author, patient, category, &mut input, &mut writer, encrypting).await?;
		let (mut buffered, expected) = writer.finish();
		buffered.flush()?;
		drop(buffered);
		let uploading = move |sent| progress(Phase::Uploading, sent);
		let stored = storage.add(encrypted.path(), uploading).await?;
		ensure_cid(&expected, &stored)?;
		Ok(expected)
	}

	/// `author` adds the stored record `cid` of `patient`'s `category`; returns its id.
	pub async fn add_record(
		&self,
		author: &Account,
		patient: &AccountId32,
		category: u16,
		cid: &Cid,
	) -> Result<u64, RecordsError> {
		let call = runtime::transactions().records().add_record(*patient, cid.to_bytes(), category);
		let events = self.submit(&call, author).await?;
		let added = events
			.find_first::<runtime::records::events::RecordAdded>()
			.ok_or_else(|| chain_error("the chain did not report the added record"))?
			.map_err(chain_error)?;
		Ok(added.record)
	}

	/// The record `record` of `patient` with its history, shares and pending change.
	pub async fn record(
		&self,
		patient: &AccountId32,
		record: u64,
	) -> Result<RecordDetails<AccountId32, u32>, RecordsError> {
		self.query(runtime::runtime_apis().records_api().record(*patient, record))
			.await?
			.ok_or(RecordsError::UnknownRecord(record))
	}

	/// The live record's CID.
	async fn live_cid(&self, patient: &AccountId32, record: u64) -> Result<Cid, RecordsError> {
		let details = self.record(patient, record).await?;
		if matches!(details.record.status, RecordStatus::Deleted) {
			return Err(RecordsError::Deleted(record));
		}
		Cid::try_from(details.record.cid.as_slice()).map_err(chain_error)
	}

	/// Fetch `cid` from `storage` into a temporary file, checking every byte against the CID.
	async fn fetch_verified(
		storage: &Storage,
		cid: &Cid,
	) -> Result<BufReader<std::fs::File>, RecordsError> {
		let mut writer = CidWriter::new(std::io::BufWriter::new(tempfile::tempfile()?));
		storage.cat(cid, &mut writer).await?;
		let (buffered, actual) = writer.finish();
		ensure_cid(cid, &actual)?;
		let mut file = buffered.into_inner().map_err(|error| error.into_error())?;
		file.rewind()?;
		Ok(BufReader::new(file))
	}

	/// The last block of something valid for `valid_for` blocks from the finalized head.
	async fn expiry(&self, valid_for: u32) -> Result<u32, RecordsError> {
		let at = self.api().at_current_block().await.map_err(chain_error)?;
		Ok((at.block_number() as u32).saturating_add(valid_for))
	}

	/// `reader` fetches `patient`'s record from `storage`, verifies it against the CID on chain
	/// and decrypts it into `out` (with its scope key, or a single-record share). Returns the
	/// plaintext bytes written.
	pub async fn fetch_record(
		&self,
		reader: &Account,
		patient: &AccountId32,
		record: u64,
		storage: &Storage,
		out: &mut impl Write,
	) -> Result<u64, RecordsError> {
		let cid = self.live_cid(patient, record).await?;
		let me = account_id(reader);
		let access = runtime::runtime_apis().records_api().can_access(me, *patient, record);
		if !self.query(access).await? {
			return Err(RecordsError::NoAccess(record));
		}
		let mut ciphertext = Self::fetch_verified(storage, &cid).await?;
		if let Some(share) =
			self.fetch(&runtime::storage().records().shares(), (record, me)).await?
		{
			let data_key =
				crypto::unwrap_record_key(reader.encryption(), &cid.to_bytes(), &share.key.0)?;
			let header = Header::read(&mut ciphertext)?;
			return Ok(crypto::decrypt(&header, &data_key, &mut ciphertext, out)?);
		}
		self.open_record(reader, &mut ciphertext, out).await
	}

	/// `patient` shares one record with `grantee` until `expires` (inclusive): the record's data
	/// key, read from the stored header, wrapped to the grantee's encryption key.
	pub async fn share_record(
		&self,
		patient: &Account,
		record: u64,
		grantee: &AccountId32,
		expires: Option<u32>,
		storage: &Storage,
	) -> Result<Events, RecordsError> {
		let me = account_id(patient);
		let cid = self.live_cid(&me, record).await?;
		let mut ciphertext = Self::fetch_verified(storage, &cid).await?;
		let header = Header::read(&mut ciphertext)?;
		let held = self
			.held_key(patient, &me, header.scope.category)
			.await?
			.ok_or(RecordsError::NoKey { category: header.scope.category })?;
		let key = crypto::walk_back(&held.key, &held.scope, &held.links, header.scope.epoch)?;
		let data_key = header.data_key(&key)?;
		let wrapped = crypto::wrap_record_key(
			&self.encryption_key(grantee).await?,
			&cid.to_bytes(),
			&data_key,
		)?;
		let call =
			runtime::transactions().records().share_record(record, *grantee, wrapped, expires);
		Ok(self.submit(&call, patient).await?)
	}

	/// The patient signs `change` of `record` for `doctor` to submit, valid for `valid_for`
	/// blocks from the finalized head.
	pub async fn cosign(
		&self,
		patient: &Account,
		doctor: &AccountId32,
		record: u64,
		change: Change,
		valid_for: u32,
	) -> Result<Cosignature, RecordsError> {
		let me = account_id(patient);
		let nonce = self.query(runtime::runtime_apis().records_api().cosign_nonce(me)).await?;
		let expires = self.expiry(valid_for).await?;
		let payload = CosignPayload {
			genesis_hash: self.genesis_hash(),
			patient: me,
			doctor: *doctor,
			record,
			change,
			nonce,
			expires,
		};
		let message = [medchain_primitives::COSIGN_CONTEXT, &payload.encode()].concat();
		Ok(Cosignature { payload, signature: patient.sign(&message).0 })
	}

	/// The doctor named in `cosignature` applies the change.
	pub async fn submit_cosigned(
		&self,
		doctor: &Account,
		cosignature: Cosignature,
	) -> Result<Events, RecordsError> {
		let call = runtime::transactions()
			.records()
			.cosigned_change(cosignature.payload, MultiSignature::Sr25519(cosignature.signature));
		Ok(self.submit(&call, doctor).await?)
	}

	/// `who` (the patient or a doctor with consent) proposes `change` of `record`, for the other
	/// side to approve within `valid_for` blocks.
	pub async fn propose_change(
		&self,
		who: &Account,
		patient: &AccountId32,
		record: u64,
		change: Change,
		valid_for: u32,
	) -> Result<Events, RecordsError> {
		let expires = self.expiry(valid_for).await?;
		let call =
			runtime::transactions().records().propose_change(*patient, record, change, expires);
		Ok(self.submit(&call, who).await?)
	}

	/// `who` approves the change pending on `record`; returns the change applied.
	pub async fn approve_change(
		&self,
		who: &Account,
		patient: &AccountId32,
		record: u64,
	) -> Result<Change, RecordsError> {
		let proposal =
			self.record(patient, record).await?.proposal.ok_or(RecordsError::NoProposal(record))?;
		let call = runtime::transactions().records().approve_change(
			*patient,
			record,
			proposal.change.clone(),
		);
		self.submit(&call, who).await?;
		Ok(proposal.change)
	}

	/// `who` (the proposer or the patient) withdraws the change pending on `record`.
	pub async fn cancel_change(
		&self,
		who: &Account,
		patient: &AccountId32,
		record: u64,
	) -> Result<Events, RecordsError> {
		let call = runtime::transactions().records().cancel_change(*patient, record);
		Ok(self.submit(&call, who).await?)
	}
}

fn chain_error(error: impl std::fmt::Display) -> RecordsError {
	RecordsError::Chain(ChainError::other(error))
}

//! What patients and doctors do with records, combining the chain, the encryption and the
//! storage, as the [`Records`] view of a [`Chain`] (`chain.records()`):
//!
//! - [consent](Records::grant): granting consent with the scope keys it needs, revoking with a
//!   key rotation in the same extrinsic, the scope key an account holds;
//! - [content](Records::store_record): encrypting and storing a record under the current scope
//!   key, adding it, fetching, verifying and opening any record the account may read,
//!   single-record shares, listing a patient's records;
//! - [changes](Records::cosign): updates and deletions co-signed by the patient, in one
//!   transaction with a co-signature, or proposed by one side and approved by the other.
//!
//! Calls block on file and cipher work while they run (a record is encrypted and verified on
//! the calling task); a server should call them from a blocking-friendly task.

mod changes;
mod consent;
mod content;

pub use changes::Cosignature;
pub use consent::HeldKey;
pub use content::Phase;

use crate::{
	chain::{runtime::runtime_types, Chain, ChainError},
	crypto::CryptoError,
	storage::StorageError,
};
use cid::Cid;
use runtime_types::pallet_records::types::RecordChange;

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
	#[error("{0} has not published an encryption key")]
	NoEncryptionKey(String),
	/// The account holds no key for the patient's records of this category.
	#[error("this account holds no key for category {category} of this patient: it has no consent, or it was revoked")]
	NoKey {
		/// The category.
		category: u16,
	},
	/// A grantee whose consent was revoked, expired or ended still holds the patient's key:
	/// nothing new is written under it until the patient rotates it.
	#[error("the patient's key for category {category} waits for a rotation (a holder's consent was revoked, expired or ended): the patient runs `medchain consent rotate --category {category}`")]
	RotationPending {
		/// The category.
		category: u16,
	},
	/// The storage failed, or content did not match its CID.
	#[error(transparent)]
	Storage(#[from] StorageError),
	/// The stored content names another patient or category than the record on chain.
	#[error("the content of record {record} is labelled for patient {patient}, category {category}: not this record's; nothing was decrypted")]
	Mislabelled {
		/// The record.
		record: u64,
		/// The patient its header names.
		patient: String,
		/// The category its header names.
		category: u16,
	},
	/// A file is larger than the content limit.
	#[error("the file has {size} bytes, more than the {limit}-byte limit of a record")]
	TooLarge {
		/// Its size.
		size: u64,
		/// The limit.
		limit: u64,
	},
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

impl RecordsError {
	fn chain(error: impl std::fmt::Display) -> Self {
		RecordsError::Chain(ChainError::other(error))
	}
}

/// A change to a record, as the chain names it.
pub type Change = RecordChange<Vec<u8>>;

/// The update of a record to `cid`.
pub fn update_to(cid: &Cid) -> Change {
	RecordChange::Update { cid: cid.to_bytes() }
}

/// Records of one chain: consent, content and changes.
#[derive(Clone, Copy)]
pub struct Records<'a> {
	chain: &'a Chain,
}

impl<'a> Records<'a> {
	pub(crate) fn new(chain: &'a Chain) -> Self {
		Self { chain }
	}
}

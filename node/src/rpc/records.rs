//! `records_*` JSON-RPC methods: the records runtime API for hospital systems and other
//! integrators, with accounts as SS58 strings, CIDs as base32 CIDv1 strings and key material
//! as `0x` hex.

use std::sync::Arc;

use jsonrpsee::{
	core::RpcResult,
	proc_macros::rpc,
	types::{error::INVALID_PARAMS_CODE, ErrorObjectOwned},
};
use medchain_runtime::{opaque::Block, AccountId, BlockNumber};
use pallet_records_runtime_api::{
	Category, GrantView, HistoryView, KeyMaterial, ProposalView, RecordChange, RecordDetails,
	RecordId, RecordStatus, RecordSummary, RecordsApi as RecordsRuntimeApi, ShareView, MAX_PAGE,
};
use serde::Serialize;
use sp_api::{ApiError, ProvideRuntimeApi};
use sp_blockchain::HeaderBackend;
use sp_core::{
	crypto::{AccountId32, Ss58Codec},
	Bytes,
};
use sp_runtime::traits::Block as BlockT;

/// Error code of a failed runtime API call.
pub const RUNTIME_ERROR_CODE: i32 = 1;

/// A record, as the `records_*` methods return it.
#[derive(Serialize, Clone, Debug, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct RecordJson {
	/// The record's id.
	pub id: RecordId,
	/// The patient (SS58).
	pub patient: String,
	/// The doctor who added it (SS58).
	pub author: String,
	/// CIDv1 in base32; `null` once deleted.
	pub cid: Option<String>,
	/// The record's category.
	pub category: Category,
	/// Block in which it was added.
	pub created: BlockNumber,
	/// Block of its last change.
	pub updated: BlockNumber,
	/// Version, from 1.
	pub version: u32,
	/// `active` or `deleted`.
	pub status: &'static str,
}

/// An earlier CID of a record.
#[derive(Serialize, Clone, Debug, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct HistoryJson {
	/// The earlier CID.
	pub cid: String,
	/// The version that had it.
	pub version: u32,
	/// Block in which it was replaced.
	pub replaced: BlockNumber,
}

/// A single-record share.
#[derive(Serialize, Clone, Debug, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct ShareJson {
	/// Who it is shared with (SS58).
	pub grantee: String,
	/// Last block of the share, if any.
	pub expires: Option<BlockNumber>,
}

/// A pending two-step change.
#[derive(Serialize, Clone, Debug, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct ProposalJson {
	/// Who proposed it (SS58).
	pub proposer: String,
	/// `update` or `delete`.
	pub change: &'static str,
	/// The new CID of an update.
	pub cid: Option<String>,
	/// Last block in which it can be approved.
	pub expires: BlockNumber,
}

/// One record with its history, shares and pending proposal.
#[derive(Serialize, Clone, Debug, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct RecordDetailsJson {
	/// The record.
	#[serde(flatten)]
	pub record: RecordJson,
	/// Earlier CIDs, oldest first.
	pub history: Vec<HistoryJson>,
	/// Single-record shares.
	pub shares: Vec<ShareJson>,
	/// The pending proposal, if any.
	pub proposal: Option<ProposalJson>,
}

/// A consent grant.
#[derive(Serialize, Clone, Debug, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct GrantJson {
	/// Who received it (SS58).
	pub grantee: String,
	/// The categories it covers; `null`: all.
	pub categories: Option<Vec<Category>>,
	/// Last block in which it authorizes, if any.
	pub expires: Option<BlockNumber>,
	/// Whether it authorizes now.
	pub live: bool,
	/// Categories whose current scope key the grantee holds.
	pub key_categories: Vec<Category>,
}

/// A link from one epoch's scope key to the previous one.
#[derive(Serialize, Clone, Debug, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct LinkJson {
	/// The epoch whose key encrypts the previous epoch's key.
	pub epoch: u32,
	/// The encrypted previous key.
	pub key: Bytes,
}

/// What an account needs to open a patient's records of one category.
#[derive(Serialize, Clone, Debug, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct KeyMaterialJson {
	/// The current epoch.
	pub epoch: u32,
	/// The current scope key, wrapped to the account's encryption key.
	pub wrapped_key: Bytes,
	/// Links back to every earlier epoch.
	pub links: Vec<LinkJson>,
	/// Whether the key waits for a rotation.
	pub rotation_pending: bool,
}

/// The `records_*` methods.
#[rpc(server)]
pub trait RecordsApi<BlockHash> {
	/// Up to `limit` (default and maximum 256) records of `patient`, in storage order, after
	/// record `start_after`.
	#[method(name = "records_patientRecords")]
	fn patient_records(
		&self,
		patient: String,
		start_after: Option<RecordId>,
		limit: Option<u32>,
		at: Option<BlockHash>,
	) -> RpcResult<Vec<RecordJson>>;

	/// One record of `patient` with its history, shares and pending proposal.
	#[method(name = "records_record")]
	fn record(
		&self,
		patient: String,
		record: RecordId,
		at: Option<BlockHash>,
	) -> RpcResult<Option<RecordDetailsJson>>;

	/// The grants `patient` gave, live or expired.
	#[method(name = "records_grants")]
	fn grants(&self, patient: String, at: Option<BlockHash>) -> RpcResult<Vec<GrantJson>>;

	/// The key material `account` holds for `patient`'s records of `category`.
	#[method(name = "records_keyMaterial")]
	fn key_material(
		&self,
		account: String,
		patient: String,
		category: Category,
		at: Option<BlockHash>,
	) -> RpcResult<Option<KeyMaterialJson>>;

	/// Whether `account` may read record `record` of `patient` now.
	#[method(name = "records_canAccess")]
	fn can_access(
		&self,
		account: String,
		patient: String,
		record: RecordId,
		at: Option<BlockHash>,
	) -> RpcResult<bool>;

	/// The nonce `patient`'s next co-signed payload must carry.
	#[method(name = "records_cosignNonce")]
	fn cosign_nonce(&self, patient: String, at: Option<BlockHash>) -> RpcResult<u64>;
}

/// The `records_*` methods over a client.
pub struct Records<C> {
	client: Arc<C>,
}

impl<C> Records<C> {
	/// Serve the methods from `client`.
	pub fn new(client: Arc<C>) -> Self {
		Self { client }
	}
}

/// Parse an account given as SS58 (any network prefix) or as 32 bytes of `0x` hex.
pub fn parse_account(text: &str) -> RpcResult<AccountId> {
	let parsed = match text.strip_prefix("0x") {
		Some(hex) => sp_core::bytes::from_hex(hex)
			.ok()
			.and_then(|bytes| <[u8; 32]>::try_from(bytes).ok())
			.map(AccountId32::from),
		None => AccountId32::from_ss58check_with_version(text).ok().map(|(account, _)| account),
	};
	parsed.ok_or_else(|| {
		ErrorObjectOwned::owned(
			INVALID_PARAMS_CODE,
			format!("not an account (SS58 or 0x + 64 hex digits): {text}"),
			None::<()>,
		)
	})
}

/// A binary CIDv1 as its base32 string.
pub fn cid_string(bytes: &[u8]) -> String {
	cid::Cid::try_from(bytes)
		.map(|cid| cid.to_string())
		.unwrap_or_else(|_| format!("0x{}", sp_core::hexdisplay::HexDisplay::from(&bytes)))
}

fn runtime_error(error: ApiError) -> ErrorObjectOwned {
	ErrorObjectOwned::owned(RUNTIME_ERROR_CODE, "runtime API call failed", Some(error.to_string()))
}

fn record_json(summary: RecordSummary<AccountId, BlockNumber>) -> RecordJson {
	RecordJson {
		id: summary.id,
		patient: summary.patient.to_ss58check(),
		author: summary.author.to_ss58check(),
		cid: (summary.status == RecordStatus::Active).then(|| cid_string(&summary.cid)),
		category: summary.category,
		created: summary.created,
		updated: summary.updated,
		version: summary.version,
		status: match summary.status {
			RecordStatus::Active => "active",
			RecordStatus::Deleted => "deleted",
		},
	}
}

fn details_json(details: RecordDetails<AccountId, BlockNumber>) -> RecordDetailsJson {
	let history = details
		.history
		.into_iter()
		.map(|HistoryView { cid, version, replaced }| HistoryJson {
			cid: cid_string(&cid),
			version,
			replaced,
		})
		.collect();
	let shares = details
		.shares
		.into_iter()
		.map(|ShareView { grantee, expires }| ShareJson {
			grantee: grantee.to_ss58check(),
			expires,
		})
		.collect();
	let proposal = details.proposal.map(|ProposalView { proposer, change, expires }| {
		let (change, cid) = match change {
			RecordChange::Update { cid } => ("update", Some(cid_string(&cid))),
			RecordChange::Delete => ("delete", None),
		};
		ProposalJson { proposer: proposer.to_ss58check(), change, cid, expires }
	});
	RecordDetailsJson { record: record_json(details.record), history, shares, proposal }
}

fn grant_json(grant: GrantView<AccountId, BlockNumber>) -> GrantJson {
	GrantJson {
		grantee: grant.grantee.to_ss58check(),
		categories: grant.categories,
		expires: grant.expires,
		live: grant.live,
		key_categories: grant.key_categories,
	}
}

fn key_material_json(material: KeyMaterial) -> KeyMaterialJson {
	KeyMaterialJson {
		epoch: material.epoch,
		wrapped_key: material.wrapped_key.into(),
		links: material
			.links
			.into_iter()
			.map(|(epoch, key)| LinkJson { epoch, key: key.into() })
			.collect(),
		rotation_pending: material.rotation_pending,
	}
}

impl<C> Records<C>
where
	C: HeaderBackend<Block>,
{
	fn at(&self, at: Option<<Block as BlockT>::Hash>) -> <Block as BlockT>::Hash {
		at.unwrap_or_else(|| self.client.info().best_hash)
	}
}

impl<C> RecordsApiServer<<Block as BlockT>::Hash> for Records<C>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: RecordsRuntimeApi<Block, AccountId, BlockNumber>,
{
	fn patient_records(
		&self,
		patient: String,
		start_after: Option<RecordId>,
		limit: Option<u32>,
		at: Option<<Block as BlockT>::Hash>,
	) -> RpcResult<Vec<RecordJson>> {
		let patient = parse_account(&patient)?;
		let page = self
			.client
			.runtime_api()
			.patient_records(self.at(at), patient, start_after, limit.unwrap_or(MAX_PAGE))
			.map_err(runtime_error)?;
		Ok(page.into_iter().map(record_json).collect())
	}

	fn record(
		&self,
		patient: String,
		record: RecordId,
		at: Option<<Block as BlockT>::Hash>,
	) -> RpcResult<Option<RecordDetailsJson>> {
		let patient = parse_account(&patient)?;
		let details = self
			.client
			.runtime_api()
			.record(self.at(at), patient, record)
			.map_err(runtime_error)?;
		Ok(details.map(details_json))
	}

	fn grants(
		&self,
		patient: String,
		at: Option<<Block as BlockT>::Hash>,
	) -> RpcResult<Vec<GrantJson>> {
		let patient = parse_account(&patient)?;
		let grants =
			self.client.runtime_api().grants(self.at(at), patient).map_err(runtime_error)?;
		Ok(grants.into_iter().map(grant_json).collect())
	}

	fn key_material(
		&self,
		account: String,
		patient: String,
		category: Category,
		at: Option<<Block as BlockT>::Hash>,
	) -> RpcResult<Option<KeyMaterialJson>> {
		let (account, patient) = (parse_account(&account)?, parse_account(&patient)?);
		let material = self
			.client
			.runtime_api()
			.key_material(self.at(at), account, patient, category)
			.map_err(runtime_error)?;
		Ok(material.map(key_material_json))
	}

	fn can_access(
		&self,
		account: String,
		patient: String,
		record: RecordId,
		at: Option<<Block as BlockT>::Hash>,
	) -> RpcResult<bool> {
		let (account, patient) = (parse_account(&account)?, parse_account(&patient)?);
		self.client
			.runtime_api()
			.can_access(self.at(at), account, patient, record)
			.map_err(runtime_error)
	}

	fn cosign_nonce(&self, patient: String, at: Option<<Block as BlockT>::Hash>) -> RpcResult<u64> {
		let patient = parse_account(&patient)?;
		self.client.runtime_api().cosign_nonce(self.at(at), patient).map_err(runtime_error)
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn accounts_parse_from_ss58_or_hex() {
		let alice = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";
		let account = parse_account(alice).unwrap();
		assert_eq!(account.to_ss58check(), alice);
		let hex = format!(
			"0x{}",
			sp_core::hexdisplay::HexDisplay::from(&AsRef::<[u8]>::as_ref(&account))
		);
		assert_eq!(parse_account(&hex).unwrap(), account);
		for bad in ["", "5Grw", "0x1234", "not an account"] {
			assert_eq!(parse_account(bad).unwrap_err().code(), INVALID_PARAMS_CODE);
		}
	}

	#[test]
	fn cids_print_as_base32() {
		let mut bytes = vec![0x01, 0x55, 0x12, 0x20];
		bytes.extend_from_slice(&[0; 32]);
		let text = cid_string(&bytes);
		assert!(text.starts_with("bafkrei"), "{text}");
		assert_eq!(cid::Cid::try_from(text.as_str()).unwrap().to_bytes(), bytes);
	}
}

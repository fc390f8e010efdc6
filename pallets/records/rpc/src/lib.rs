//! # MedChain records RPC
//!
//! The `records_*` JSON-RPC methods: the records runtime API
//! (`pallet-records-runtime-api`) for hospital systems and other integrators, with accounts as
//! SS58 text (or `0x` hex), CIDs as base32 CIDv1 text and key material as `0x` hex, in the
//! shapes of [`medchain_primitives::views`] (the same the `medchain` CLI prints with `--json`).
//! Every method reads at the best block unless given `at`.

use jsonrpsee::{
	core::RpcResult,
	proc_macros::rpc,
	types::{error::INVALID_PARAMS_CODE, ErrorObjectOwned},
};
use medchain_primitives::views::{self, cid_string, hex};
use pallet_records_runtime_api::{
	Category, GrantView, HistoryView, KeyMaterial, ProposalView, RecordChange, RecordDetails,
	RecordId, RecordStatus, RecordSummary, RecordsApi as RecordsRuntimeApi, ShareView, MAX_PAGE,
};
use sp_api::{ApiError, ProvideRuntimeApi};
use sp_blockchain::HeaderBackend;
use sp_core::crypto::{AccountId32, Ss58Codec};
use sp_runtime::traits::Block as BlockT;
use std::sync::Arc;

/// The account type of MedChain.
pub type AccountId = AccountId32;
/// The block number type of MedChain.
pub type BlockNumber = u32;

/// Error code of a failed runtime API call.
pub const RUNTIME_ERROR_CODE: i32 = 1;

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
	) -> RpcResult<Vec<views::Record>>;

	/// One record of `patient` with its history, shares and pending proposal.
	#[method(name = "records_record")]
	fn record(
		&self,
		patient: String,
		record: RecordId,
		at: Option<BlockHash>,
	) -> RpcResult<Option<views::RecordDetails>>;

	/// The grants `patient` gave, live or expired.
	#[method(name = "records_grants")]
	fn grants(&self, patient: String, at: Option<BlockHash>) -> RpcResult<Vec<views::Grant>>;

	/// The key material `account` holds for `patient`'s records of `category`.
	#[method(name = "records_keyMaterial")]
	fn key_material(
		&self,
		account: String,
		patient: String,
		category: Category,
		at: Option<BlockHash>,
	) -> RpcResult<Option<views::KeyMaterial>>;

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
pub struct Records<C, Block> {
	client: Arc<C>,
	_block: std::marker::PhantomData<Block>,
}

impl<C, Block> Records<C, Block> {
	/// Serve the methods from `client`.
	pub fn new(client: Arc<C>) -> Self {
		Self { client, _block: Default::default() }
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

fn runtime_error(error: ApiError) -> ErrorObjectOwned {
	ErrorObjectOwned::owned(RUNTIME_ERROR_CODE, "runtime API call failed", Some(error.to_string()))
}

fn record_view(summary: RecordSummary<AccountId, BlockNumber>) -> views::Record {
	let active = summary.status == RecordStatus::Active;
	views::Record {
		id: summary.id,
		patient: summary.patient.to_ss58check(),
		author: summary.author.to_ss58check(),
		cid: active.then(|| cid_string(&summary.cid)),
		category: summary.category,
		created: summary.created,
		updated: summary.updated,
		version: summary.version,
		status: if active { views::Status::Active } else { views::Status::Deleted },
	}
}

fn details_view(details: RecordDetails<AccountId, BlockNumber>) -> views::RecordDetails {
	let history = details
		.history
		.into_iter()
		.map(|HistoryView { cid, version, replaced }| views::History {
			cid: cid_string(&cid),
			version,
			replaced,
		})
		.collect();
	let shares = details
		.shares
		.into_iter()
		.map(|ShareView { grantee, expires }| views::Share {
			grantee: grantee.to_ss58check(),
			expires,
		})
		.collect();
	let proposal = details.proposal.map(|ProposalView { proposer, change, expires }| {
		let change = match change {
			RecordChange::Update { cid } => views::Change::update(&cid),
			RecordChange::Delete => views::Change::delete(),
		};
		views::Proposal { proposer: proposer.to_ss58check(), change, expires }
	});
	views::RecordDetails { record: record_view(details.record), history, shares, proposal }
}

fn grant_view(grant: GrantView<AccountId, BlockNumber>) -> views::Grant {
	views::Grant {
		grantee: grant.grantee.to_ss58check(),
		categories: grant.categories,
		expires: grant.expires,
		live: grant.live,
		key_categories: grant.key_categories,
	}
}

fn key_material_view(material: KeyMaterial) -> views::KeyMaterial {
	views::KeyMaterial {
		epoch: material.epoch,
		wrapped_key: hex(&material.wrapped_key),
		links: material
			.links
			.into_iter()
			.map(|(epoch, key)| views::Link { epoch, key: hex(&key) })
			.collect(),
		rotation_pending: material.rotation_pending,
	}
}

impl<C, Block> Records<C, Block>
where
	Block: BlockT,
	C: HeaderBackend<Block>,
{
	fn at(&self, at: Option<Block::Hash>) -> Block::Hash {
		at.unwrap_or_else(|| self.client.info().best_hash)
	}
}

impl<C, Block> RecordsApiServer<Block::Hash> for Records<C, Block>
where
	Block: BlockT,
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: RecordsRuntimeApi<Block, AccountId, BlockNumber>,
{
	fn patient_records(
		&self,
		patient: String,
		start_after: Option<RecordId>,
		limit: Option<u32>,
		at: Option<Block::Hash>,
	) -> RpcResult<Vec<views::Record>> {
		let patient = parse_account(&patient)?;
		let page = self
			.client
			.runtime_api()
			.patient_records(self.at(at), patient, start_after, limit.unwrap_or(MAX_PAGE))
			.map_err(runtime_error)?;
		Ok(page.into_iter().map(record_view).collect())
	}

	fn record(
		&self,
		patient: String,
		record: RecordId,
		at: Option<Block::Hash>,
	) -> RpcResult<Option<views::RecordDetails>> {
		let patient = parse_account(&patient)?;
		let details = self
			.client
			.runtime_api()
			.record(self.at(at), patient, record)
			.map_err(runtime_error)?;
		Ok(details.map(details_view))
	}

	fn grants(&self, patient: String, at: Option<Block::Hash>) -> RpcResult<Vec<views::Grant>> {
		let patient = parse_account(&patient)?;
		let grants =
			self.client.runtime_api().grants(self.at(at), patient).map_err(runtime_error)?;
		Ok(grants.into_iter().map(grant_view).collect())
	}

	fn key_material(
		&self,
		account: String,
		patient: String,
		category: Category,
		at: Option<Block::Hash>,
	) -> RpcResult<Option<views::KeyMaterial>> {
		let (account, patient) = (parse_account(&account)?, parse_account(&patient)?);
		let material = self
			.client
			.runtime_api()
			.key_material(self.at(at), account, patient, category)
			.map_err(runtime_error)?;
		Ok(material.map(key_material_view))
	}

	fn can_access(
		&self,
		account: String,
		patient: String,
		record: RecordId,
		at: Option<Block::Hash>,
	) -> RpcResult<bool> {
		let (account, patient) = (parse_account(&account)?, parse_account(&patient)?);
		self.client
			.runtime_api()
			.can_access(self.at(at), account, patient, record)
			.map_err(runtime_error)
	}

	fn cosign_nonce(&self, patient: String, at: Option<Block::Hash>) -> RpcResult<u64> {
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
		let hex = hex(AsRef::<[u8]>::as_ref(&account));
		assert_eq!(parse_account(&hex).unwrap(), account);
		for bad in ["", "5Grw", "0x1234", "not an account"] {
			assert_eq!(parse_account(bad).unwrap_err().code(), INVALID_PARAMS_CODE);
		}
	}

	#[test]
	fn records_serve_in_the_shared_shape() {
		let mut cid = vec![0x01, 0x55, 0x12, 0x20];
		cid.extend_from_slice(&[0; 32]);
		let alice = parse_account("5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY").unwrap();
		let summary = |status| RecordSummary {
			id: 7,
			patient: alice.clone(),
			author: alice.clone(),
			cid: cid.clone(),
			category: 1,
			created: 2,
			updated: 3,
			version: 1,
			status,
		};
		let active = record_view(summary(RecordStatus::Active));
		assert_eq!(cid::Cid::try_from(active.cid.as_deref().unwrap()).unwrap().to_bytes(), cid);
		assert_eq!(active.status, views::Status::Active);
		let deleted = record_view(summary(RecordStatus::Deleted));
		assert_eq!((deleted.cid, deleted.status), (None, views::Status::Deleted));
	}
}

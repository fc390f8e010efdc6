//! The JSON shape of each MedChain object, defined once for every place that prints one: the
//! `records_*` JSON-RPC methods, the `medchain` CLI's `--json` output and the HTTP gateway.
//!
//! Field names are camelCase; accounts are SS58 text, CIDs base32 CIDv1 text, bytes `0x` hex.

use serde::{Deserialize, Serialize};

/// A record's state.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub enum Status {
	/// It has content.
	Active,
	/// It was deleted (its history is gone too).
	Deleted,
}

/// A record.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Record {
	/// The record's id.
	pub id: u64,
	/// The patient (SS58).
	pub patient: String,
	/// The doctor who added it (SS58).
	pub author: String,
	/// Its CID (base32 CIDv1); `null` once deleted.
	pub cid: Option<String>,
	/// The record's category.
	pub category: u16,
	/// Block in which it was added.
	pub created: u32,
	/// Block of its last change.
	pub updated: u32,
	/// Version, from 1.
	pub version: u32,
	/// `active` or `deleted`.
	pub status: Status,
}

/// An earlier version of a record.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct History {
	/// The earlier CID.
	pub cid: String,
	/// The version that had it.
	pub version: u32,
	/// Block in which it was replaced.
	pub replaced: u32,
}

/// A single-record share.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Share {
	/// Who it is shared with (SS58).
	pub grantee: String,
	/// Last block of the share, if any.
	pub expires: Option<u32>,
}

/// What a change does.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub enum ChangeKind {
	/// New content.
	Update,
	/// Deletion.
	Delete,
}

/// A change to a record: `{"change": "update", "cid": …}` or `{"change": "delete", "cid": null}`.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Change {
	/// `update` or `delete`.
	pub change: ChangeKind,
	/// The new CID of an update.
	#[serde(default)]
	pub cid: Option<String>,
}

impl Change {
	/// An update to the binary CID `cid`.
	pub fn update(cid: &[u8]) -> Self {
		Self { change: ChangeKind::Update, cid: Some(cid_string(cid)) }
	}

	/// A deletion.
	pub fn delete() -> Self {
		Self { change: ChangeKind::Delete, cid: None }
	}
}

impl core::fmt::Display for Change {
	fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
		match &self.cid {
			Some(cid) => write!(f, "update to {cid}"),
			None => f.write_str("deletion"),
		}
	}
}

/// A pending two-step change.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Proposal {
	/// Who proposed it (SS58).
	pub proposer: String,
	/// The change.
	#[serde(flatten)]
	pub change: Change,
	/// Last block in which it can be approved.
	pub expires: u32,
}

/// One record with its history, shares and pending proposal.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct RecordDetails {
	/// The record.
	#[serde(flatten)]
	pub record: Record,
	/// Earlier versions, oldest first.
	pub history: Vec<History>,
	/// Single-record shares.
	pub shares: Vec<Share>,
	/// The pending proposal, if any.
	pub proposal: Option<Proposal>,
}

/// A consent grant.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Grant {
	/// Who received it (SS58).
	pub grantee: String,
	/// The categories it covers; `null`: all.
	pub categories: Option<Vec<u16>>,
	/// Last block in which it authorizes, if any.
	pub expires: Option<u32>,
	/// Whether it authorizes now.
	pub live: bool,
	/// Categories whose current scope key the grantee holds.
	pub key_categories: Vec<u16>,
}

/// A link from one epoch's scope key to the previous one.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Link {
	/// The epoch whose key encrypts the previous epoch's key.
	pub epoch: u32,
	/// The encrypted previous key (`0x` hex).
	pub key: String,
}

/// What an account needs to open a patient's records of one category.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct KeyMaterial {
	/// The current epoch.
	pub epoch: u32,
	/// The current scope key, wrapped to the account's encryption key (`0x` hex).
	pub wrapped_key: String,
	/// Links back to every earlier epoch.
	pub links: Vec<Link>,
	/// Whether the key waits for a rotation (a holder was revoked, its grant expired or its
	/// role ended).
	pub rotation_pending: bool,
}

/// An open council motion.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Motion {
	/// The motion's hash (`0x` hex).
	pub motion: String,
	/// Its index.
	pub index: u32,
	/// The proposed call, as text.
	pub call: String,
	/// Votes needed.
	pub threshold: u32,
	/// Members who voted for it (SS58).
	pub ayes: Vec<String>,
	/// Members who voted against it (SS58).
	pub nays: Vec<String>,
	/// Last block of its voting period.
	pub end: u32,
}

/// The validator lists.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Validators {
	/// The council's list: who validates from the next planned session on (SS58).
	pub planned: Vec<String>,
	/// Who validates in the current session (SS58).
	pub active: Vec<String>,
	/// The current session's index.
	pub session: u32,
	/// Session length in blocks.
	pub session_period: u32,
}

/// An authorized (well-known) node.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Node {
	/// Its libp2p peer id (base58).
	pub peer_id: String,
	/// The account that owns it (SS58), if any.
	pub owner: Option<String>,
}

/// A binary CIDv1 as base32 text; bytes that are not a CID as `0x` hex.
pub fn cid_string(bytes: &[u8]) -> String {
	cid::Cid::try_from(bytes).map(|cid| cid.to_string()).unwrap_or_else(|_| hex(bytes))
}

/// `0x` followed by the bytes in lowercase hex.
pub fn hex(bytes: &[u8]) -> String {
	format!("0x{}", hex::encode(bytes))
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn cids_print_as_base32_and_other_bytes_as_hex() {
		let mut bytes = vec![0x01, 0x55, 0x12, 0x20];
		bytes.extend_from_slice(&[0; 32]);
		let text = cid_string(&bytes);
		assert!(text.starts_with("bafkrei"), "{text}");
		assert_eq!(cid::Cid::try_from(text.as_str()).unwrap().to_bytes(), bytes);
		assert_eq!(cid_string(&[1, 2]), "0x0102");
	}

	#[test]
	fn shapes_are_camel_case() {
		let proposal = Proposal {
			proposer: "5Grw".into(),
			change: Change::update(&[0x01, 0x55, 0x12, 0x20, 0, 0]),
			expires: 9,
		};
		let value = serde_json::to_value(&proposal).unwrap();
		assert_eq!(value["change"], "update");
		assert!(value["cid"].is_string());
		let delete = serde_json::to_value(Change::delete()).unwrap();
		assert_eq!(delete, serde_json::json!({ "change": "delete", "cid": null }));
		let grant = Grant {
			grantee: "5Grw".into(),
			categories: None,
			expires: None,
			live: true,
			key_categories: vec![1],
		};
		assert_eq!(serde_json::to_value(&grant).unwrap()["keyCategories"], serde_json::json!([1]));
		assert_eq!(serde_json::to_value(Status::Deleted).unwrap(), "deleted");
	}
}

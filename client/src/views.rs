//! The JSON shapes of MedChain's objects ([`medchain_primitives::views`], the same the
//! `records_*` RPC serves), made from what the chain returns.

pub use medchain_primitives::views::*;

use crate::{
	chain::runtime::runtime_types::pallet_records::types::{
		GrantView, HistoryView, ProposalView, RecordChange, RecordDetails as Details, RecordStatus,
		RecordSummary, ShareView,
	},
	consortium::{self, WellKnownNode},
	council::OpenMotion,
};
use subxt::utils::AccountId32;

impl From<&RecordChange<Vec<u8>>> for Change {
	fn from(change: &RecordChange<Vec<u8>>) -> Self {
		match change {
			RecordChange::Update { cid } => Change::update(cid),
			RecordChange::Delete => Change::delete(),
		}
	}
}

impl From<&RecordSummary<AccountId32, u32>> for Record {
	fn from(summary: &RecordSummary<AccountId32, u32>) -> Self {
		let active = matches!(summary.status, RecordStatus::Active);
		Record {
			id: summary.id,
			patient: summary.patient.to_string(),
			author: summary.author.to_string(),
			cid: active.then(|| cid_string(&summary.cid)),
			category: summary.category,
			created: summary.created,
			updated: summary.updated,
			version: summary.version,
			status: if active { Status::Active } else { Status::Deleted },
		}
	}
}

impl From<&Details<AccountId32, u32>> for RecordDetails {
	fn from(details: &Details<AccountId32, u32>) -> Self {
		RecordDetails {
			record: (&details.record).into(),
			history: details
				.history
				.iter()
				.map(|HistoryView { cid, version, replaced }| History {
					cid: cid_string(cid),
					version: *version,
					replaced: *replaced,
				})
				.collect(),
			shares: details
				.shares
				.iter()
				.map(|ShareView { grantee, expires }| Share {
					grantee: grantee.to_string(),
					expires: *expires,
				})
				.collect(),
			proposal: details.proposal.as_ref().map(
				|ProposalView { proposer, change, expires }| Proposal {
					proposer: proposer.to_string(),
					change: change.into(),
					expires: *expires,
				},
			),
		}
	}
}

impl From<&GrantView<AccountId32, u32>> for Grant {
	fn from(grant: &GrantView<AccountId32, u32>) -> Self {
		Grant {
			grantee: grant.grantee.to_string(),
			categories: grant.categories.clone(),
			expires: grant.expires,
			live: grant.live,
			key_categories: grant.key_categories.clone(),
		}
	}
}

impl From<&OpenMotion> for Motion {
	fn from(motion: &OpenMotion) -> Self {
		Motion {
			motion: format!("{:?}", motion.hash),
			index: motion.index,
			call: format!("{:?}", motion.call),
			threshold: motion.threshold,
			ayes: motion.ayes.iter().map(ToString::to_string).collect(),
			nays: motion.nays.iter().map(ToString::to_string).collect(),
			end: motion.end,
		}
	}
}

impl From<&consortium::Validators> for Validators {
	fn from(list: &consortium::Validators) -> Self {
		Validators {
			planned: list.planned.iter().map(ToString::to_string).collect(),
			active: list.active.iter().map(ToString::to_string).collect(),
			session: list.session,
			session_period: list.session_period,
		}
	}
}

impl From<&WellKnownNode> for Node {
	fn from(node: &WellKnownNode) -> Self {
		Node {
			peer_id: consortium::peer_id_text(&node.peer),
			owner: node.owner.as_ref().map(ToString::to_string),
		}
	}
}

//! "Who read my records": the entries of every hospital's read log about an account, each
//! checked against the head the hospital anchored on chain.
//!
//! A patient asks each gateway for the entries about their records ([`Party::Patient`]); a
//! doctor for the reads they made ([`Party::Reader`]). Every answer comes with the leaves that
//! lead to the hospital's anchored head ([`crate::crypto::audit::check`]): a log in which an
//! anchored entry was changed, dropped or inserted fails the check, and the hospital is
//! reported with the reason; so does an answer with an entry about someone else. Entries logged
//! after the latest anchor are shown as not yet anchored.
//!
//! What the check cannot show: that the gateway returned *every* entry about the account. The
//! leaves of other entries are opaque (that is what keeps other patients' reads private), so a
//! gateway can withhold entries from its answer, though not remove them from its anchored log,
//! where an auditor with the log file finds them.

use crate::{
	chain::{runtime, Chain, ChainError},
	crypto::audit::{self, Checked, Positioned, EMPTY_HEAD},
	gateway::{Gateway, Party},
	keys::Account,
};

/// One hospital's part of an audit trail.
#[derive(Clone, Debug)]
pub struct HospitalTrail {
	/// The hospital.
	pub hospital: u32,
	/// Its gateway's URL.
	pub gateway: String,
	/// How many of its log's entries are anchored on chain.
	pub anchored: u64,
	/// The entries with whether each is covered by the anchor, or why the answer did not check
	/// out (or could not be had).
	pub outcome: Result<Vec<(Positioned, bool)>, String>,
}

/// The entries about `signer` as `party` from every hospital that publishes a gateway, each
/// hospital's answer checked against its anchored head.
pub async fn trail(
	chain: &Chain,
	signer: &Account,
	party: Party,
) -> Result<Vec<HospitalTrail>, ChainError> {
	let mut trails = Vec::new();
	for services in chain.roles().all_hospital_services().await? {
		let anchor =
			chain.fetch(&runtime::storage().audit().anchors(), (services.hospital,)).await?;
		let (anchored, head) = anchor.map(|a| (a.length, a.head)).unwrap_or((0, EMPTY_HEAD));
		let gateway = Gateway::new(&services.gateway, services.service_account);
		let me = format!("0x{}", hex::encode(signer.account_id().0));
		let outcome = match gateway.audit(signer, party, anchored).await {
			Ok(answer) => audit::check(&answer, anchored, &head)
				.map_err(|error| error.to_string())
				.and_then(|Checked { entries }| {
					let foreign = entries.iter().find(|(positioned, _)| {
						let entry = &positioned.entry;
						let about = match party {
							Party::Patient => &entry.patient,
							Party::Reader => &entry.reader,
						};
						*about != me
							|| ![audit::SERVED, audit::REFUSED].contains(&entry.outcome.as_str())
					});
					match foreign {
						Some((positioned, _)) => Err(format!(
							"the gateway's answer holds entry {}, which is not about this account",
							positioned.index
						)),
						None => Ok(entries),
					}
				}),
			Err(error) => Err(error.to_string()),
		};
		trails.push(HospitalTrail {
			hospital: services.hospital,
			gateway: services.gateway,
			anchored,
			outcome,
		});
	}
	Ok(trails)
}

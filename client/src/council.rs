//! Hospital council motions: privileged calls (registering hospitals, validators, well-known
//! nodes) need a two-thirds majority of the council, so a member proposes them as a motion.

use crate::{
	chain::{runtime, runtime::runtime_types, Chain, ChainError, Events},
	keys::Account,
};
use subxt::utils::H256;

/// A privileged call.
pub type RuntimeCall = runtime_types::medchain_runtime::RuntimeCall;

/// Upper bound on the encoded size of a proposed call.
const LENGTH_BOUND: u32 = 16 * 1024;

/// What became of a proposed motion.
pub enum Motion {
	/// The proposer's vote reached the threshold (a council of one or two): it ran.
	Executed(Events),
	/// It waits for more votes.
	Pending {
		/// The motion's hash.
		hash: H256,
		/// Its index.
		index: u32,
		/// Votes needed.
		threshold: u32,
	},
}

/// Votes needed for a two-thirds majority of `members`.
pub fn supermajority(members: u32) -> u32 {
	(2 * members).div_ceil(3)
}

impl Chain {
	/// `member` proposes `call` to the council with the two-thirds threshold.
	pub async fn council_motion(
		&self,
		member: &Account,
		call: RuntimeCall,
	) -> Result<Motion, ChainError> {
		let at = self.api().at_current_block().await.map_err(ChainError::other)?;
		let members = at
			.storage()
			.entry(runtime::storage().council().members())
			.map_err(ChainError::other)?
			.try_fetch(())
			.await
			.map_err(ChainError::other)?
			.map(|value| value.decode())
			.transpose()
			.map_err(ChainError::other)?
			.unwrap_or_default();
		let threshold = supermajority(members.len() as u32);
		let propose = runtime::transactions().council().propose(threshold, call, LENGTH_BOUND);
		let events = self.submit(&propose, member).await?;
		if let Some(executed) = events.find_first::<runtime::council::events::Executed>() {
			return match executed.map_err(ChainError::other)?.result {
				Ok(()) => Ok(Motion::Executed(events)),
				Err(error) => {
					Err(ChainError::Other(format!("the motion ran and failed: {error:?}")))
				},
			};
		}
		let proposed = events
			.find_first::<runtime::council::events::Proposed>()
			.ok_or_else(|| ChainError::other("the council did not report the motion"))?
			.map_err(ChainError::other)?;
		Ok(Motion::Pending {
			hash: proposed.proposal_hash,
			index: proposed.proposal_index,
			threshold: proposed.threshold,
		})
	}
}

#[cfg(test)]
mod tests {
	#[test]
	fn two_thirds_rounded_up() {
		let cases = [(1, 1), (2, 2), (3, 2), (4, 3), (5, 4), (6, 4), (7, 5)];
		for (members, votes) in cases {
			assert_eq!(super::supermajority(members), votes, "{members} members");
		}
	}
}

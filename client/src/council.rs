//! Hospital council motions, as the [`Council`] view of a [`Chain`] (`chain.council()`):
//! privileged calls (registering hospitals, validators, well-known nodes) need a two-thirds
//! majority of the council, a change of the council itself three quarters, and a call that
//! runs as Root (a runtime upgrade) three quarters and the chain's governance delay. A member
//! proposes the call as a motion, the other members vote, and the vote that decides it also
//! closes it (runs the call or drops it).

use crate::{
	chain::{runtime, runtime::runtime_types, Chain, ChainError, Events, RuntimeCall},
	keys::Account,
};
use subxt::utils::{AccountId32, H256};

/// Upper bound on the encoded size of a proposed call.
const LENGTH_BOUND: u32 = 16 * 1024;

/// What became of a motion after a proposal or a vote.
pub enum Motion {
	/// The votes reached the threshold: it ran (the events of the transaction that ran it).
	Executed(Events),
	/// Enough members voted against it: it was closed without running.
	Disapproved,
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

/// The hash a runtime upgrade to `code` is authorized by (BLAKE2-256, as `frame_system`).
pub fn upgrade_hash(code: &[u8]) -> H256 {
	H256(sp_crypto_hashing::blake2_256(code))
}

/// Votes needed for three quarters of `members`: the threshold of a Root motion.
pub fn three_quarters(members: u32) -> u32 {
	(3 * members).div_ceil(4)
}

/// An open motion.
#[derive(Debug)]
pub struct OpenMotion {
	/// The motion's hash.
	pub hash: H256,
	/// Its index.
	pub index: u32,
	/// The proposed call.
	pub call: RuntimeCall,
	/// Votes needed.
	pub threshold: u32,
	/// Members who voted for it.
	pub ayes: Vec<AccountId32>,
	/// Members who voted against it.
	pub nays: Vec<AccountId32>,
	/// Last block of its voting period.
	pub end: u32,
}

/// Whether the transaction with `events` ran a motion; the motion's failure as an error.
fn executed(events: &Events) -> Result<bool, ChainError> {
	match events.find_first::<runtime::council::events::Executed>() {
		None => Ok(false),
		Some(executed) => match executed.map_err(ChainError::other)?.result {
			Ok(()) => Ok(true),
			Err(error) => Err(ChainError::Other(format!("the motion ran and failed: {error:?}"))),
		},
	}
}

/// The council call that gives `who` a council seat (a three-quarters motion).
pub fn add_member_call(who: AccountId32) -> RuntimeCall {
	RuntimeCall::CouncilMembership(runtime_types::pallet_membership::pallet::Call::add_member {
		who: subxt::utils::MultiAddress::Id(who),
	})
}

/// The Root call that authorizes a runtime upgrade to `code`.
pub fn authorize_upgrade_call(code: &[u8]) -> RuntimeCall {
	RuntimeCall::System(runtime_types::frame_system::pallet::Call::authorize_upgrade {
		code_hash: upgrade_hash(code),
	})
}

/// The council of one chain.
#[derive(Clone, Copy)]
pub struct Council<'a> {
	chain: &'a Chain,
}

impl<'a> Council<'a> {
	pub(crate) fn new(chain: &'a Chain) -> Self {
		Self { chain }
	}

	/// The council's members.
	pub async fn members(self) -> Result<Vec<AccountId32>, ChainError> {
		let members = runtime::storage().council().members();
		self.chain.fetch(&members, ()).await.map(Option::unwrap_or_default)
	}

	/// `member` proposes `call` to the council and votes aye on it (`pallet-collective` does
	/// not count the proposer's vote by itself): with the two-thirds threshold, or three
	/// quarters for a change of the council itself. A council of one runs the call at once.
	pub async fn motion(self, member: &Account, call: RuntimeCall) -> Result<Motion, ChainError> {
		let members = self.members().await?.len() as u32;
		let threshold = match call {
			RuntimeCall::CouncilMembership(_) => three_quarters(members),
			_ => supermajority(members),
		};
		self.propose(member, call, threshold).await
	}

	/// `member` proposes that `call` run as Root: a motion, with the three-quarters threshold,
	/// to schedule it through `governance.schedule`. Once the motion passes, the call runs after
	/// the chain's governance delay unless a council majority cancels it.
	pub async fn root_motion(
		self,
		member: &Account,
		call: RuntimeCall,
	) -> Result<Motion, ChainError> {
		let threshold = three_quarters(self.members().await?.len() as u32);
		let schedule =
			RuntimeCall::Governance(runtime_types::pallet_governance::pallet::Call::schedule {
				call: Box::new(call),
			});
		self.propose(member, schedule, threshold).await
	}

	/// `member` proposes a runtime upgrade to `code`: a Root motion authorizing its hash.
	/// After the delay anyone submits the code with [`Council::apply_upgrade`].
	pub async fn propose_upgrade(
		self,
		member: &Account,
		code: &[u8],
	) -> Result<Motion, ChainError> {
		self.root_motion(member, authorize_upgrade_call(code)).await
	}

	/// Submit the runtime `code` whose upgrade the council authorized, unsigned, and wait until
	/// the block that applies it is finalized.
	pub async fn apply_upgrade(self, code: Vec<u8>) -> Result<Events, ChainError> {
		let call = runtime::transactions().system().apply_authorized_upgrade(code);
		let events = self.chain.submit_unsigned(&call).await?;
		if events.find_first::<runtime::system::events::CodeUpdated>().is_none() {
			let rejected = events
				.find_first::<runtime::system::events::RejectedInvalidAuthorizedUpgrade>()
				.and_then(Result::ok);
			return Err(ChainError::Other(match rejected {
				Some(rejected) => format!("the chain refused the runtime: {:?}", rejected.error),
				None => "the runtime was not applied".into(),
			}));
		}
		Ok(events)
	}

	async fn propose(
		self,
		member: &Account,
		call: RuntimeCall,
		threshold: u32,
	) -> Result<Motion, ChainError> {
		let propose = runtime::transactions().council().propose(threshold, call, LENGTH_BOUND);
		let events = self.chain.submit(&propose, member).await?;
		if executed(&events)? {
			return Ok(Motion::Executed(events));
		}
		let proposed = events
			.find_first::<runtime::council::events::Proposed>()
			.ok_or_else(|| ChainError::other("the council did not report the motion"))?
			.map_err(ChainError::other)?;
		let (hash, index) = (proposed.proposal_hash, proposed.proposal_index);
		self.vote_at(member, hash, index, proposed.threshold, true).await
	}

	/// The open motions, oldest first.
	pub async fn motions(self) -> Result<Vec<OpenMotion>, ChainError> {
		let council = runtime::storage().council();
		let hashes = self.chain.fetch(&council.proposals(), ()).await?.map(|list| list.0);
		let mut motions = Vec::new();
		for hash in hashes.unwrap_or_default() {
			let (Some(call), Some(votes)) = (
				self.chain.fetch(&council.proposal_of(), (hash,)).await?,
				self.chain.fetch(&council.voting(), (hash,)).await?,
			) else {
				continue;
			};
			motions.push(OpenMotion {
				hash,
				index: votes.index,
				call,
				threshold: votes.threshold,
				ayes: votes.ayes,
				nays: votes.nays,
				end: votes.end,
			});
		}
		Ok(motions)
	}

	/// `member` votes on the open motion `hash`. When the vote decides the motion (the ayes
	/// reach the threshold, or the nays make that impossible), `member` also closes it.
	pub async fn vote(
		self,
		member: &Account,
		hash: H256,
		approve: bool,
	) -> Result<Motion, ChainError> {
		let (index, threshold) = self.open_motion(hash).await?;
		self.vote_at(member, hash, index, threshold, approve).await
	}

	/// `member` closes the motion `hash`: it runs if the ayes reached the threshold, it is
	/// dropped if the nays made that impossible or its voting period ended (absent members
	/// count as nays), otherwise the council refuses (`TooEarly`).
	pub async fn close(self, member: &Account, hash: H256) -> Result<Motion, ChainError> {
		let (index, _) = self.open_motion(hash).await?;
		self.close_at(member, hash, index).await
	}

	async fn vote_at(
		self,
		member: &Account,
		hash: H256,
		index: u32,
		threshold: u32,
		approve: bool,
	) -> Result<Motion, ChainError> {
		let vote = runtime::transactions().council().vote(hash, index, approve);
		let events = self.chain.submit(&vote, member).await?;
		// The tally as this vote left it, from its event.
		let voted = events
			.find_first::<runtime::council::events::Voted>()
			.ok_or_else(|| ChainError::other("the council did not report the vote"))?
			.map_err(ChainError::other)?;
		let members = self.members().await?.len() as u32;
		if voted.yes >= threshold || members.saturating_sub(voted.no) < threshold {
			self.close_at(member, hash, index).await
		} else {
			Ok(Motion::Pending { hash, index, threshold })
		}
	}

	async fn close_at(
		self,
		member: &Account,
		hash: H256,
		index: u32,
	) -> Result<Motion, ChainError> {
		let at = self.chain.at().await?;
		let bound = at
			.constants()
			.entry(runtime::constants().council().max_proposal_weight())
			.map_err(ChainError::other)?;
		let close = runtime::transactions().council().close(hash, index, bound, LENGTH_BOUND);
		let events = self.chain.submit(&close, member).await?;
		if executed(&events)? {
			Ok(Motion::Executed(events))
		} else {
			Ok(Motion::Disapproved)
		}
	}

	/// The index and threshold of the open motion `hash`.
	async fn open_motion(self, hash: H256) -> Result<(u32, u32), ChainError> {
		self.chain
			.fetch(&runtime::storage().council().voting(), (hash,))
			.await?
			.map(|votes| (votes.index, votes.threshold))
			.ok_or_else(|| ChainError::Other(format!("there is no open council motion {hash:?}")))
	}
}

#[cfg(test)]
mod tests {
	#[test]
	fn three_quarters_rounded_up() {
		let cases = [(1, 1), (2, 2), (3, 3), (4, 3), (5, 4), (7, 6), (8, 6)];
		for (members, votes) in cases {
			assert_eq!(super::three_quarters(members), votes, "{members} members");
		}
	}

	#[test]
	fn two_thirds_rounded_up() {
		let cases = [(1, 1), (2, 2), (3, 2), (4, 3), (5, 4), (6, 4), (7, 5)];
		for (members, votes) in cases {
			assert_eq!(super::supermajority(members), votes, "{members} members");
		}
	}
}

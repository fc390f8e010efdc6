//! The consortium's infrastructure, as the [`Consortium`] view of a [`Chain`]
//! (`chain.consortium()`): validators, their session keys, and the well-known (authorized)
//! nodes. Changing either list is a council motion (see [`crate::council`]); the `*_call`
//! functions build those calls.

use crate::{
	chain::{runtime, runtime::runtime_types, Chain, ChainError, RuntimeCall},
	keys::Account,
};
use cid::multihash::Multihash;
use codec::Encode;
use subxt::{
	rpcs::{rpc_params, RpcClient},
	utils::AccountId32,
};

type NodeCall = runtime_types::pallet_node_authorization::pallet::Call;
type ValidatorCall = runtime_types::pallet_validator_set::pallet::Call;
/// A node's libp2p peer id, as the node-authorization pallet stores it.
pub type PeerId = runtime_types::sp_core::OpaquePeerId;
/// A validator's session keys (Aura and GRANDPA public keys).
pub type SessionKeys = runtime_types::medchain_runtime::opaque::SessionKeys;

/// What can go wrong with peer ids and session keys.
#[derive(Debug, thiserror::Error)]
pub enum ConsortiumError {
	/// The text is not a libp2p peer id.
	#[error(
		"'{0}' is not a libp2p peer id (the base58 text a node prints as 'Local node identity')"
	)]
	BadPeerId(String),
	/// The validator node refused to make session keys.
	#[error("the validator node at {url} did not make session keys: {reason} (it must be the hospital's own node, reached on its local RPC port, which allows unsafe methods)")]
	RotateKeys {
		/// The node's address.
		url: String,
		/// Why.
		reason: String,
	},
	/// The chain refused or could not be reached.
	#[error(transparent)]
	Chain(#[from] ChainError),
}

/// Parse a peer id from its base58 text.
pub fn parse_peer_id(text: &str) -> Result<PeerId, ConsortiumError> {
	let bad = || ConsortiumError::BadPeerId(text.to_owned());
	let bytes = bs58::decode(text).into_vec().map_err(|_| bad())?;
	// A peer id is a multihash: identity (code 0x00) of a small public key, or sha2-256 (0x12).
	let hash = Multihash::<64>::from_bytes(&bytes).map_err(|_| bad())?;
	if !matches!(hash.code(), 0x00 | 0x12) {
		return Err(bad());
	}
	Ok(runtime_types::sp_core::OpaquePeerId(bytes))
}

/// A peer id as base58 text.
pub fn peer_id_text(peer: &PeerId) -> String {
	bs58::encode(&peer.0).into_string()
}

/// The council call that adds `validator` to the validator set. Only a listed validator may
/// publish session keys (`set_keys`); the chain hands it to `pallet-session` at the first
/// session boundary after it did.
pub fn add_validator_call(validator: AccountId32) -> RuntimeCall {
	RuntimeCall::ValidatorSet(ValidatorCall::add_validator { validator })
}

/// The council call that removes `validator` from the validator set.
pub fn remove_validator_call(validator: AccountId32) -> RuntimeCall {
	RuntimeCall::ValidatorSet(ValidatorCall::remove_validator { validator })
}

/// The council call that authorizes the node `peer`, run by `owner`.
pub fn authorize_node_call(peer: PeerId, owner: AccountId32) -> RuntimeCall {
	let owner = subxt::utils::MultiAddress::Id(owner);
	RuntimeCall::NodeAuthorization(NodeCall::add_well_known_node { node: peer, owner })
}

/// The council call that withdraws the authorization of the node `peer`.
pub fn remove_node_call(peer: PeerId) -> RuntimeCall {
	RuntimeCall::NodeAuthorization(NodeCall::remove_well_known_node { node: peer })
}

/// The validator lists.
pub struct Validators {
	/// The council's list: who validates from the next planned session on.
	pub planned: Vec<AccountId32>,
	/// Who validates in the current session.
	pub active: Vec<AccountId32>,
	/// The current session's index.
	pub session: u32,
	/// Session length in blocks.
	pub session_period: u32,
}

/// An authorized node of the consortium network.
pub struct WellKnownNode {
	/// Its libp2p peer id.
	pub peer: PeerId,
	/// The account that owns it, if any.
	pub owner: Option<AccountId32>,
}

/// The consortium of one chain.
#[derive(Clone, Copy)]
pub struct Consortium<'a> {
	chain: &'a Chain,
}

impl<'a> Consortium<'a> {
	pub(crate) fn new(chain: &'a Chain) -> Self {
		Self { chain }
	}

	/// The council's validator list and the current session's validators.
	pub async fn validators(self) -> Result<Validators, ChainError> {
		let chain = self.chain;
		let planned = chain.fetch(&runtime::storage().validator_set().validators(), ()).await?;
		let session = runtime::storage().session();
		Ok(Validators {
			planned: planned.map(|list| list.0).unwrap_or_default(),
			active: chain.fetch(&session.validators(), ()).await?.unwrap_or_default(),
			session: chain.fetch(&session.current_index(), ()).await?.unwrap_or_default(),
			session_period: chain
				.fetch(&runtime::storage().validator_set().session_period(), ())
				.await?
				.unwrap_or_default(),
		})
	}

	/// The authorized nodes and their owners.
	pub async fn well_known_nodes(self) -> Result<Vec<WellKnownNode>, ChainError> {
		let storage = runtime::storage().node_authorization();
		let nodes = self.chain.fetch(&storage.well_known_nodes(), ()).await?.unwrap_or_default();
		let mut listed = Vec::new();
		for peer in nodes {
			let owner = self.chain.fetch(&storage.owners(), (peer.clone(),)).await?;
			listed.push(WellKnownNode { peer, owner });
		}
		Ok(listed)
	}

	/// Make new session keys in the keystore of the validator node at `validator_rpc` (its
	/// `author_rotateKeysWithOwner`, an unsafe RPC method) and publish them on chain for
	/// `validator` (`session.set_keys`, with the node's proof that `validator` holds them).
	/// Returns the keys as the node encoded them.
	pub async fn set_session_keys(
		self,
		validator: &Account,
		validator_rpc: &str,
	) -> Result<Vec<u8>, ConsortiumError> {
		let failed =
			|reason: String| ConsortiumError::RotateKeys { url: validator_rpc.to_owned(), reason };
		let rpc =
			RpcClient::from_insecure_url(validator_rpc).await.map_err(|e| failed(e.to_string()))?;
		let owner = validator.account_id().encode();
		let generated: Generated = rpc
			.request("author_rotateKeysWithOwner", rpc_params![crate::views::hex(&owner)])
			.await
			.map_err(|e| failed(e.to_string()))?;
		let keys_bytes = from_hex(&generated.keys).map_err(failed)?;
		let proof = from_hex(generated.proof.as_deref().unwrap_or("0x")).map_err(failed)?;
		let keys: SessionKeys = codec::Decode::decode(&mut &keys_bytes[..])
			.map_err(|e| failed(format!("keys do not decode as MedChain session keys: {e}")))?;
		let set_keys = runtime::transactions().session().set_keys(keys, proof);
		self.chain.submit(&set_keys, validator).await?;
		Ok(keys_bytes)
	}
}

/// `author_rotateKeysWithOwner`'s answer.
#[derive(serde::Deserialize)]
struct Generated {
	keys: String,
	proof: Option<String>,
}

fn from_hex(text: &str) -> Result<Vec<u8>, String> {
	hex::decode(text.trim_start_matches("0x")).map_err(|e| format!("bad hex from the node: {e}"))
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn peer_ids_round_trip_and_bad_ones_are_refused() {
		// The peer id of the development node key 0x00…01.
		let text = "12D3KooWEyoppNCUx8Yx66oV9fJnriXwCcXwDDUA2kj6vnc6iDEp";
		let peer = parse_peer_id(text).unwrap();
		assert_eq!(peer.0.len(), 38);
		assert_eq!(peer_id_text(&peer), text);
		for bad in ["", "hello", "0OIl", "12D3KooWEyoppNCUx8Yx66oV9fJnriXwCcXwDDUA2kj6vnc6iDE"] {
			assert!(matches!(parse_peer_id(bad), Err(ConsortiumError::BadPeerId(_))), "{bad}");
		}
	}
}

//! Access to a MedChain node over JSON-RPC with subxt, typed from the runtime metadata in
//! `client/metadata/medchain.scale` (regenerate it with `scripts/update-metadata.sh`).
//!
//! MedChain's own transaction extensions (`CheckAccess`, `CheckMortality`) carry no data beyond
//! the standard ones, so subxt's default Substrate configuration builds valid transactions.
//!
//! [`Chain`] keeps the connection, submission and reads. The domain calls live in rooms of
//! their own, one view per area, borrowed from the connection:
//!
//! | view | what |
//! |---|---|
//! | [`Chain::records`] ([`Records`]) | consent and scope keys, record content, co-signed changes |
//! | [`Chain::roles`] ([`Roles`]) | encryption keys, roles, patients, hospitals |
//! | [`Chain::council`] ([`Council`]) | council motions, votes, runtime upgrades |
//! | [`Chain::consortium`] ([`Consortium`]) | validators, session keys, well-known nodes |

use crate::{
	consortium::Consortium, council::Council, keys::Account, records::Records, roles::Roles,
};
use medchain_primitives::gate;
use std::sync::Arc;
use subxt::{
	backend::LegacyBackend,
	error::{DispatchError, TransactionEventsError},
	rpcs::RpcClient,
	transactions::{Payload, Signer, TransactionStatus},
	utils::{AccountId32, MultiSignature, H256},
	OnlineClient, SubstrateConfig,
};

/// The typed interface generated from MedChain's runtime metadata.
/// The co-signature payload and the change it names also derive SCALE `Encode`/`Decode`: the
/// patient signs that encoding, and co-signatures travel as it. Session keys decode from the
/// bytes a validator node makes for them.
#[subxt::subxt(
	runtime_metadata_path = "metadata/medchain.scale",
	derive_for_type(
		path = "pallet_records::types::CosignPayload",
		derive = "::codec::Encode, ::codec::Decode",
		recursive
	),
	derive_for_type(path = "pallet_records::types::RecordChange", derive = "Clone, PartialEq"),
	derive_for_type(path = "sp_core::OpaquePeerId", derive = "Clone"),
	derive_for_type(
		path = "medchain_runtime::opaque::SessionKeys",
		derive = "::codec::Decode",
		recursive
	)
)]
pub mod runtime {}

/// Any call of the runtime (for batches and council motions).
pub type RuntimeCall = runtime::runtime_types::medchain_runtime::RuntimeCall;

/// The subxt configuration MedChain uses.
pub type Config = SubstrateConfig;
/// Events of one applied extrinsic.
pub type Events = subxt::extrinsics::ExtrinsicEvents<Config>;

/// What can go wrong talking to the chain, each as one sentence.
#[derive(Debug, thiserror::Error)]
pub enum ChainError {
	/// The node cannot be reached.
	#[error("the MedChain node at {url} is unreachable: {reason}")]
	Unreachable {
		/// The node's address.
		url: String,
		/// Why.
		reason: String,
	},
	/// A pallet refused the call.
	#[error("{description} ({pallet}.{name})")]
	Refused {
		/// The pallet.
		pallet: String,
		/// The error's name.
		name: String,
		/// The error's documentation: one sentence.
		description: String,
	},
	/// The transaction pool refused the transaction before it reached a block.
	#[error("the node refused the transaction: {0}")]
	Rejected(String),
	/// Anything else (decoding, connection lost, ...).
	#[error("chain request failed: {0}")]
	Other(String),
}

impl ChainError {
	pub(crate) fn other(error: impl std::fmt::Display) -> Self {
		ChainError::Other(error.to_string())
	}

	fn from_dispatch(error: DispatchError) -> Self {
		if let DispatchError::Module(module) = &error {
			if let Ok(details) = module.details() {
				let description = details.variant.docs.join(" ").trim().to_owned();
				return ChainError::Refused {
					pallet: details.pallet.name().to_owned(),
					name: details.variant.name.clone(),
					description,
				};
			}
		}
		ChainError::Other(error.to_string())
	}

	/// The pallet error's name, for a refused call.
	pub fn pallet_error(&self) -> Option<&str> {
		match self {
			ChainError::Refused { name, .. } => Some(name),
			_ => None,
		}
	}
}

/// The transaction pool's refusal, with the codes of MedChain's transaction gate explained.
fn explain_rejection(message: String) -> ChainError {
	let lower = message.to_lowercase();
	let code = lower.find("custom error: ").and_then(|at| {
		let digits: String = lower[at + 14..].chars().take_while(|c| c.is_ascii_digit()).collect();
		digits.parse::<u8>().ok()
	});
	let reason = match code {
		Some(gate::UNKNOWN_ACCOUNT) => {
			"the account is not registered with MedChain (it holds no role), or it is suspended"
		},
		Some(gate::OVER_BUDGET) => {
			"the account used up its transaction budget for now; it refills within a few blocks"
		},
		Some(gate::CALL_NOT_ALLOWED) => "the account's role may not send this call",
		Some(gate::BATCH_TOO_LARGE) => "the batch holds too many calls, or a batch inside a batch",
		Some(gate::TOO_LARGE) => "the transaction is larger than the account's whole budget",
		Some(gate::IMMORTAL) => "immortal transactions are refused; sign a mortal one",
		Some(gate::UNSIGNED_NOT_ALLOWED) => "unsigned transactions of this kind are refused",
		_ => return ChainError::Rejected(message),
	};
	ChainError::Rejected(reason.to_owned())
}

impl Signer<Config> for Account {
	fn account_id(&self) -> AccountId32 {
		Account::account_id(self)
	}

	fn sign(&self, payload: &[u8]) -> MultiSignature {
		MultiSignature::Sr25519(Account::sign(self, payload).0)
	}
}

/// A connection to a MedChain node.
#[derive(Clone)]
pub struct Chain {
	/// For transactions: subxt's default backend, whose transaction watch reports why a node
	/// refused one (the transaction gate's reason).
	api: OnlineClient<Config>,
	/// For reads: the node's request-response methods (see [`Chain::connect`]).
	reads: OnlineClient<Config>,
}

impl Chain {
	/// Connect to the node at `url` (for example `ws://127.0.0.1:9944`).
	///
	/// Reads go through the node's request-response methods (`state_*`, `chain_*`), not the
	/// `chainHead_v1_*` subscription: there, a read's answer comes as a response followed by a
	/// notification, and the node's RPC server leaves Nagle's algorithm on its sockets, so the
	/// notification waits for the client's delayed acknowledgement of the response, about 40 ms
	/// per read (measured by `medchain-bench`: a 1 MiB `record get` made five reads).
	pub async fn connect(url: &str) -> Result<Self, ChainError> {
		let unreachable = |reason: String| ChainError::Unreachable { url: url.to_owned(), reason };
		let api =
			OnlineClient::<Config>::from_url(url).await.map_err(|e| unreachable(e.to_string()))?;
		let rpc = RpcClient::from_url(url).await.map_err(|e| unreachable(e.to_string()))?;
		let backend = LegacyBackend::builder().build(rpc);
		let reads = OnlineClient::<Config>::from_backend(Arc::new(backend))
			.await
			.map_err(|e| unreachable(e.to_string()))?;
		Ok(Self { api, reads })
	}

	/// Consent and scope keys, record content, co-signed changes.
	pub fn records(&self) -> Records<'_> {
		Records::new(self)
	}

	/// Encryption keys, roles, patients and hospitals.
	pub fn roles(&self) -> Roles<'_> {
		Roles::new(self)
	}

	/// The hospital council: motions, votes, runtime upgrades.
	pub fn council(&self) -> Council<'_> {
		Council::new(self)
	}

	/// Validators, their session keys, and the well-known nodes.
	pub fn consortium(&self) -> Consortium<'_> {
		Consortium::new(self)
	}

	/// The subxt client, for anything this type does not wrap.
	pub fn api(&self) -> &OnlineClient<Config> {
		&self.api
	}

	/// The chain's genesis hash.
	pub fn genesis_hash(&self) -> H256 {
		self.api.genesis_hash()
	}

	/// Sign `call` with `signer`, submit it and wait until it is in a finalized block. Returns
	/// its events, or the pallet's refusal.
	pub async fn submit<Call: Payload>(
		&self,
		call: &Call,
		signer: &Account,
	) -> Result<Events, ChainError> {
		let at = self.api.at_current_block().await.map_err(ChainError::other)?;
		let progress = at
			.transactions()
			.sign_and_submit_then_watch_default(call, signer)
			.await
			.map_err(|e| explain_rejection(e.to_string()))?;
		Self::finalized(progress).await
	}

	/// Submit `call` unsigned (only calls their pallet validates themselves, such as
	/// `system.apply_authorized_upgrade`) and wait until it is in a finalized block.
	pub async fn submit_unsigned<Call: Payload>(&self, call: &Call) -> Result<Events, ChainError> {
		let at = self.api.at_current_block().await.map_err(ChainError::other)?;
		let progress = at
			.transactions()
			.create_v4_unsigned(call)
			.map_err(ChainError::other)?
			.submit_and_watch()
			.await
			.map_err(|e| explain_rejection(e.to_string()))?;
		Self::finalized(progress).await
	}

	/// Follow a submitted transaction until it is in a finalized block.
	async fn finalized(
		mut progress: subxt::transactions::TransactionProgress<
			Config,
			subxt::client::OnlineClientAtBlockImpl<Config>,
		>,
	) -> Result<Events, ChainError> {
		while let Some(status) = progress.next().await {
			match status.map_err(ChainError::other)? {
				TransactionStatus::InFinalizedBlock(in_block) => {
					return in_block.wait_for_success().await.map_err(|e| match e {
						TransactionEventsError::ExtrinsicFailed(error) => {
							ChainError::from_dispatch(error)
						},
						other => ChainError::other(other),
					});
				},
				TransactionStatus::Error { message }
				| TransactionStatus::Invalid { message }
				| TransactionStatus::Dropped { message } => return Err(explain_rejection(message)),
				_ => continue,
			}
		}
		Err(ChainError::Other("the node stopped reporting the transaction's progress".into()))
	}

	/// Read the storage entry `address` at `keys` at the latest finalized block (`None`: no value
	/// stored).
	pub async fn fetch<A: subxt::storage::Address>(
		&self,
		address: &A,
		keys: A::KeyParts,
	) -> Result<Option<A::Value>, ChainError> {
		let at = self.at().await?;
		let entry = at.storage().entry(address).map_err(ChainError::other)?;
		match entry.try_fetch(keys).await.map_err(ChainError::other)? {
			Some(value) => value.decode().map(Some).map_err(ChainError::other),
			None => Ok(None),
		}
	}

	/// The chain at the latest finalized block, for several reads of the same state.
	pub async fn at(&self) -> Result<subxt::client::OnlineClientAtBlock<Config>, ChainError> {
		self.reads.at_current_block().await.map_err(ChainError::other)
	}

	/// The number of the latest finalized block.
	pub async fn finalized_number(&self) -> Result<u32, ChainError> {
		let at = self.at().await?;
		Ok(at.block_number() as u32)
	}

	/// The runtime's spec version at the latest finalized block.
	pub async fn spec_version(&self) -> Result<u32, ChainError> {
		let at = self.at().await?;
		Ok(at.spec_version())
	}

	/// Call a runtime API at the latest finalized block.
	pub async fn query<P: subxt::runtime_apis::Payload>(
		&self,
		payload: P,
	) -> Result<P::ReturnType, ChainError> {
		let at = self.at().await?;
		at.runtime_apis().call(payload).await.map_err(ChainError::other)
	}
}

//! The pin agent: keeps this daemon's pins equal to the chain's live records.
//!
//! It follows finalized blocks of the MedChain node and, block by block, in order:
//! - `RecordAdded` and `RecordUpdated`: pins the new CID (fetching it from the swarm when this
//!   daemon does not have it). The previous CID stays pinned: it is part of the record's history.
//! - `HistoryPruned`: unpins the CID that left the history.
//! - `RecordDeleted`: unpins the record's CID and its history, then collects garbage, so the
//!   encrypted blocks leave this daemon's disk.
//!
//! Its position (genesis hash and next block) is written to `pin-agent.json` in the data folder
//! after every block, so a restarted daemon resumes where it stopped. On first start, on another
//! chain, or when the blocks it missed are no longer available from the node (state pruning), it
//! pins every live CID from a snapshot of the chain's state and follows from there. A pin whose
//! content cannot be fetched in time is kept in the position's `pending` list and retried.

use crate::RunArgs;
use anyhow::Context;
use ipld_core::cid::Cid;
use rust_ipfs::Ipfs;
use serde::{Deserialize, Serialize};
use std::{
	collections::BTreeSet,
	future::IntoFuture,
	path::PathBuf,
	time::{Duration, Instant},
};
use subxt::{OnlineClient, SubstrateConfig};

#[subxt::subxt(runtime_metadata_path = "../client/metadata/medchain.scale")]
mod runtime {}

use runtime::records::events::{HistoryPruned, RecordAdded, RecordDeleted, RecordUpdated};

/// How often pins that failed are tried again.
const RETRY_INTERVAL: Duration = Duration::from_secs(60);
/// How long to wait before reconnecting to the node.
const RECONNECT_DELAY: Duration = Duration::from_secs(3);
/// A block further than this behind the finalized head may have had its state pruned by the node
/// (its default keeps 256 blocks); when its events cannot be read the agent takes a snapshot.
const PRUNING_MARGIN: u64 = 200;

/// Where the agent is, persisted in `<data-dir>/pin-agent.json`.
#[derive(Serialize, Deserialize, Default, Debug, PartialEq)]
struct Position {
	/// Genesis hash of the chain followed (hex).
	genesis: String,
	/// The next finalized block to process; `None` until the first snapshot.
	next_block: Option<u64>,
	/// CIDs whose pin has not succeeded yet.
	pending: BTreeSet<String>,
}

/// Pin and unpin work found in one block.
#[derive(Default)]
struct Changes {
	pin: Vec<Vec<u8>>,
	unpin: Vec<Vec<u8>>,
}

/// The pin agent.
pub struct PinAgent {
	ipfs: Ipfs,
	node: String,
	path: PathBuf,
	pin_timeout: Duration,
}

impl PinAgent {
	/// An agent pinning into `ipfs` for the node and data folder of `args`.
	pub fn new(ipfs: Ipfs, args: &RunArgs) -> Self {
		Self {
			ipfs,
			node: args.node.clone(),
			path: args.data_dir.join("pin-agent.json"),
			pin_timeout: args.pin_timeout,
		}
	}

	/// Follow the chain for as long as the daemon runs, reconnecting when the node goes away.
	pub async fn run(self) {
		loop {
			match self.follow().await {
				Ok(()) => {
					tracing::warn!(node = %self.node, "the node closed the block subscription")
				},
				Err(error) => tracing::warn!(node = %self.node, "pin agent: {error:#}"),
			}
			tokio::time::sleep(RECONNECT_DELAY).await;
		}
	}

	fn load(&self) -> anyhow::Result<Position> {
		match std::fs::read(&self.path) {
			Ok(bytes) => serde_json::from_slice(&bytes)
				.with_context(|| format!("{} is damaged", self.path.display())),
			Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(Position::default()),
			Err(error) => Err(error.into()),
		}
	}

	fn save(&self, position: &Position) -> anyhow::Result<()> {
		let temporary = self.path.with_extension("json.tmp");
		std::fs::write(&temporary, serde_json::to_vec_pretty(position)?)?;
		std::fs::rename(&temporary, &self.path)?;
		Ok(())
	}

	async fn follow(&self) -> anyhow::Result<()> {
		let api = OnlineClient::<SubstrateConfig>::from_insecure_url(&self.node)
			.await
			.with_context(|| format!("cannot reach the node at {}", self.node))?;
		let genesis = format!("{:?}", api.genesis_hash());
		let mut position = self.load()?;
		if position.genesis != genesis {
			if !position.genesis.is_empty() {
				tracing::warn!(%genesis, previous = %position.genesis, "following a different chain");
			}
			position = Position { genesis, ..Default::default() };
		}
		tracing::info!(node = %self.node, next_block = ?position.next_block, "pin agent following finalized blocks");
		let mut last_retry = Instant::now();
		let mut blocks = api.stream_blocks().await?;
		while let Some(block) = blocks.next().await {
			let finalized = block?.number();
			let next = match position.next_block {
				Some(next) => next,
				None => {
					self.snapshot(&api, finalized, &mut position).await?;
					continue;
				},
			};
			for number in next..=finalized {
				match block_changes(&api, number).await {
					Ok(changes) => self.apply(changes, &mut position).await,
					Err(error) if finalized - number > PRUNING_MARGIN => {
						tracing::warn!(block = number, "events no longer available ({error:#})");
						self.snapshot(&api, finalized, &mut position).await?;
						break;
					},
					Err(error) => return Err(error),
				}
				position.next_block = Some(number + 1);
				self.save(&position)?;
			}
			if !position.pending.is_empty() && last_retry.elapsed() >= RETRY_INTERVAL {
				last_retry = Instant::now();
				let pending = std::mem::take(&mut position.pending);
				let pin = pending.iter().filter_map(|text| Cid::try_from(text.as_str()).ok());
				for cid in pin.collect::<Vec<_>>() {
					self.pin(cid, &mut position).await;
				}
				self.save(&position)?;
			}
		}
		Ok(())
	}

	/// Pin every live CID of the chain state at block `at` and continue after it.
	async fn snapshot(
		&self,
		api: &OnlineClient<SubstrateConfig>,
		at: u64,
		position: &mut Position,
	) -> anyhow::Result<()> {
		tracing::info!(block = at, "pinning every live record from the chain state");
		let state = api.at_block(at).await?;
		let mut cids = Vec::new();
		let records = state.storage().entry(runtime::storage().records().records())?;
		let mut entries = records.iter(()).await?;
		while let Some(entry) = entries.next().await {
			cids.push(entry?.value().decode()?.cid.0);
		}
		let history = state.storage().entry(runtime::storage().records().history())?;
		let mut entries = history.iter(()).await?;
		while let Some(entry) = entries.next().await {
			cids.extend(entry?.value().decode()?.0.into_iter().map(|item| item.cid.0));
		}
		let count = cids.len();
		self.apply(Changes { pin: cids, unpin: Vec::new() }, position).await;
		position.next_block = Some(at + 1);
		self.save(position)?;
		tracing::info!(
			block = at,
			cids = count,
			pending = position.pending.len(),
			"snapshot pinned"
		);
		Ok(())
	}

	async fn apply(&self, changes: Changes, position: &mut Position) {
		for bytes in changes.pin.into_iter().filter(|bytes| !bytes.is_empty()) {
			match Cid::try_from(bytes.as_slice()) {
				Ok(cid) => self.pin(cid, position).await,
				Err(error) => tracing::warn!(cid = hex::encode(&bytes), %error, "not a CID"),
			}
		}
		let mut removed = false;
		for bytes in changes.unpin.into_iter().filter(|bytes| !bytes.is_empty()) {
			let Ok(cid) = Cid::try_from(bytes.as_slice()) else { continue };
			position.pending.remove(&cid.to_string());
			match self.ipfs.is_pinned(cid).await {
				Ok(true) => match self.ipfs.remove_pin(cid).recursive().await {
					Ok(()) => {
						removed = true;
						tracing::info!(%cid, "unpinned");
					},
					Err(error) => tracing::warn!(%cid, %error, "unpin failed"),
				},
				Ok(false) => {},
				Err(error) => tracing::warn!(%cid, %error, "pin state unknown"),
			}
		}
		if removed {
			match self.ipfs.gc().await {
				Ok(blocks) => tracing::info!(blocks = blocks.len(), "garbage collected"),
				Err(error) => tracing::warn!(%error, "garbage collection failed"),
			}
		}
	}

	async fn pin(&self, cid: Cid, position: &mut Position) {
		let pinning = self.ipfs.insert_pin(cid).recursive();
		match tokio::time::timeout(self.pin_timeout, pinning.into_future()).await {
			Ok(Ok(())) => {
				position.pending.remove(&cid.to_string());
				tracing::info!(%cid, "pinned");
			},
			Ok(Err(error)) => {
				tracing::warn!(%cid, %error, "pin failed; will retry");
				position.pending.insert(cid.to_string());
			},
			Err(_) => {
				tracing::warn!(%cid, "content not found in time; will retry");
				position.pending.insert(cid.to_string());
			},
		}
	}
}

/// The pins and unpins block `number` asks for, in event order.
async fn block_changes(
	api: &OnlineClient<SubstrateConfig>,
	number: u64,
) -> anyhow::Result<Changes> {
	let events = api.at_block(number).await?.events().fetch().await?;
	let mut changes = Changes::default();
	for event in events.iter() {
		let event = event?;
		if let Some(added) = event.decode_fields_as::<RecordAdded>() {
			changes.pin.push(added?.cid.0);
		} else if let Some(updated) = event.decode_fields_as::<RecordUpdated>() {
			changes.pin.push(updated?.cid.0);
		} else if let Some(pruned) = event.decode_fields_as::<HistoryPruned>() {
			changes.unpin.push(pruned?.cid.0);
		} else if let Some(deleted) = event.decode_fields_as::<RecordDeleted>() {
			let deleted = deleted?;
			changes.unpin.push(deleted.cid.0);
			changes.unpin.extend(deleted.history.0.into_iter().map(|cid| cid.0));
		}
	}
	Ok(changes)
}

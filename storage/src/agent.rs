//! The pin agent: keeps this daemon's pins equal to what the chain's live records reference.
//!
//! ## References, not events
//!
//! A CID is kept while anything on chain names it: the current CID of an active record, or an
//! entry of a record's history. Two records may name the same CID (the chain accepts any CID,
//! and a revert brings an old one back), so the agent counts references per CID and unpins a CID
//! only when its count falls to zero. It follows finalized blocks and applies each block's events
//! in their order:
//! - `RecordAdded`: one more reference to its CID;
//! - `RecordUpdated`: one more reference to the new CID (the previous one moved into the history
//!   and stays referenced);
//! - `HistoryPruned`: one fewer reference to the CID that left the history;
//! - `RecordDeleted`: one fewer reference to the record's CID and to each CID of its history.
//!
//! After a block, every CID it touched is settled: referenced ones are pinned (fetched from the
//! swarm when missing), unreferenced ones unpinned, and garbage is collected so their blocks leave
//! this daemon's disk.
//!
//! ## Pinning off the block loop
//!
//! Fetching and pinning run in their own tasks, each attempt bounded by `--pin-timeout` (and
//! every block by it), retried with exponential backoff (up to [`MAX_RETRY_DELAY`]) for as long
//! as the CID stays referenced. First attempts take one of [`PIN_WORKERS`] permits, retries one
//! of [`RETRY_WORKERS`], so CIDs nobody can fetch never hold up new ones, and an unfetchable
//! CID never delays later blocks or deletions. A pin succeeds only when every block of its DAG
//! arrived. Garbage collection runs in a task of its own: it waits (at most a pin attempt's
//! limit, then tries again later) for the pin attempts and uploads in progress and holds new
//! ones back while it runs ([`Collection`]), so the blocks a pin or an upload stored so far are never collected
//! under it.
//!
//! ## Reconciling with the chain
//!
//! On every start (and reconnect) the agent counts the references in the chain state at the
//! finalized head and reconciles the daemon's pins with them: referenced CIDs not pinned are
//! pinned, pins no record references are released. A deletion made while the daemon was stopped,
//! or in blocks the node no longer has state for, is therefore never missed, and a daemon moved to
//! another chain releases the old chain's content. Content the daemon received through its API
//! (`add`, `pin/add`; see [`Uploads`]) that no record names yet is kept for the upload grace
//! period (`--upload-grace`) and released after it; the reconciliation runs again every
//! [`RECONCILE_INTERVAL`] (or every half grace period when that is shorter).
//!
//! `<data-dir>/pin-agent.json` holds the chain's genesis hash and the next block to process. It
//! is written atomically (write, fsync, rename, fsync of the folder); a damaged file is
//! reported, kept as `pin-agent.json.damaged` and rebuilt from the chain.

use crate::{
	api::Collection,
	uploads::{write_atomically, Uploads},
	RunArgs,
};
use anyhow::Context;
use ipld_core::cid::Cid;
use rust_ipfs::{Ipfs, PinMode};
use serde::{Deserialize, Serialize};
use std::{
	collections::{BTreeSet, HashMap, HashSet},
	future::IntoFuture,
	path::PathBuf,
	sync::Arc,
	time::Duration,
};
use subxt::{OnlineClient, SubstrateConfig};
use tokio::{
	sync::{Notify, Semaphore},
	task::JoinHandle,
};

#[subxt::subxt(runtime_metadata_path = "../client/metadata/medchain.scale")]
mod runtime {}

use runtime::records::events::{HistoryPruned, RecordAdded, RecordDeleted, RecordUpdated};

/// How many first pin attempts may fetch content at the same time (they mostly wait on the
/// network).
pub const PIN_WORKERS: usize = 16;
/// How many retries may fetch content at the same time.
pub const RETRY_WORKERS: usize = 4;
/// When garbage collection that could not run is tried again.
const COLLECT_RETRY: Duration = Duration::from_secs(60);
/// The wait before the first retry of a failed pin; doubled after every failure.
const FIRST_RETRY_DELAY: Duration = Duration::from_secs(5);
/// The longest wait between two attempts of one pin.
pub const MAX_RETRY_DELAY: Duration = Duration::from_secs(600);
/// How often pins are reconciled with the references (at most).
pub const RECONCILE_INTERVAL: Duration = Duration::from_secs(600);
/// How long to wait before reconnecting to the node.
const RECONNECT_DELAY: Duration = Duration::from_secs(3);
/// A block further than this behind the finalized head may have had its state pruned by the node
/// (its default keeps 256 blocks); when its events cannot be read the agent counts again from
/// the chain state at the head.
const PRUNING_MARGIN: u64 = 200;

/// What the agent keeps across restarts, in `<data-dir>/pin-agent.json`.
#[derive(Serialize, Deserialize, Default, Debug, PartialEq)]
struct Position {
	/// Genesis hash of the chain followed (hex).
	genesis: String,
	/// The next finalized block to process.
	next_block: Option<u64>,
}

/// The pin agent.
pub struct PinAgent {
	ipfs: Ipfs,
	node: String,
	path: PathBuf,
	pin_timeout: Duration,
	upload_grace: Duration,
	uploads: Arc<Uploads>,
	/// One permit per first pin attempt in progress.
	workers: Arc<Semaphore>,
	/// One permit per retry in progress.
	retries: Arc<Semaphore>,
	/// Shared by each pin attempt, taken alone by garbage collection.
	collection: Collection,
	/// Wakes the garbage collector.
	collect: Arc<Notify>,
}

/// One change to a CID's reference count.
struct Reference {
	cid: Vec<u8>,
	added: bool,
}

/// The agent's view of one chain while it follows it.
struct Follower<'a> {
	agent: &'a PinAgent,
	api: OnlineClient<SubstrateConfig>,
	position: Position,
	/// How many live records and history entries name each CID.
	references: HashMap<Cid, u32>,
	/// The pin tasks still running, by CID.
	pinning: HashMap<Cid, JoinHandle<()>>,
}

impl PinAgent {
	/// An agent pinning into `ipfs` for the node and data folder of `args`.
	pub fn new(ipfs: Ipfs, collection: Collection, uploads: Arc<Uploads>, args: &RunArgs) -> Self {
		Self {
			ipfs,
			node: args.node.clone(),
			path: args.data_dir.join("pin-agent.json"),
			pin_timeout: args.pin_timeout,
			upload_grace: args.upload_grace,
			uploads,
			workers: Arc::new(Semaphore::new(PIN_WORKERS)),
			retries: Arc::new(Semaphore::new(RETRY_WORKERS)),
			collection,
			collect: Arc::new(Notify::new()),
		}
	}

	/// Follow the chain for as long as the daemon runs, reconnecting when the node goes away.
	pub async fn run(self) {
		tokio::spawn(collect_garbage(
			self.ipfs.clone(),
			self.collection.clone(),
			self.collect.clone(),
			self.pin_timeout,
		));
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

	/// The saved position; a damaged file is set aside and the agent starts over from the chain.
	fn load(&self) -> Position {
		let bytes = match std::fs::read(&self.path) {
			Ok(bytes) => bytes,
			Err(error) => {
				if error.kind() != std::io::ErrorKind::NotFound {
					tracing::warn!(path = %self.path.display(), %error, "cannot read the position; starting over from the chain");
				}
				return Position::default();
			},
		};
		match serde_json::from_slice(&bytes) {
			Ok(position) => position,
			Err(error) => {
				let aside = self.path.with_extension("json.damaged");
				let _ = std::fs::rename(&self.path, &aside);
				tracing::warn!(path = %self.path.display(), kept = %aside.display(), %error, "the position file is damaged; starting over from the chain");
				Position::default()
			},
		}
	}

	async fn follow(&self) -> anyhow::Result<()> {
		let api = OnlineClient::<SubstrateConfig>::from_insecure_url(&self.node)
			.await
			.with_context(|| format!("cannot reach the node at {}", self.node))?;
		let genesis = format!("{:?}", api.genesis_hash());
		let mut position = self.load();
		if position.genesis != genesis {
			if !position.genesis.is_empty() {
				tracing::warn!(%genesis, previous = %position.genesis, "following a different chain: the previous chain's content is released");
			}
			position.genesis = genesis;
			position.next_block = None;
		}
		let mut follower = Follower {
			agent: self,
			api,
			position,
			references: HashMap::new(),
			pinning: HashMap::new(),
		};
		let result = follower.follow().await;
		for (_, task) in follower.pinning.drain() {
			task.abort();
		}
		result
	}

	/// Pin `cid` in a task of its own, retrying with backoff until it succeeds or is aborted.
	fn spawn_pin(&self, cid: Cid) -> JoinHandle<()> {
		let (ipfs, timeout) = (self.ipfs.clone(), self.pin_timeout);
		let (workers, retries) = (self.workers.clone(), self.retries.clone());
		let collection = self.collection.clone();
		tokio::spawn(async move {
			let mut delay = FIRST_RETRY_DELAY;
			for attempt in 1u32.. {
				let permits = if attempt == 1 { &workers } else { &retries };
				let Ok(permit) = permits.acquire().await else { return };
				let result = {
					let _pinning = collection.read().await;
					tokio::time::timeout(timeout, pin_whole(&ipfs, cid, timeout)).await
				};
				drop(permit);
				match result {
					Ok(Ok(())) => {
						tracing::info!(%cid, attempt, "pinned");
						return;
					},
					Ok(Err(error)) => {
						tracing::warn!(%cid, attempt, retry_in = ?delay, %error, "pin failed")
					},
					Err(_) => {
						tracing::warn!(%cid, attempt, retry_in = ?delay, "content not found in time")
					},
				}
				tokio::time::sleep(delay).await;
				delay = (delay * 2).min(MAX_RETRY_DELAY);
			}
		})
	}

	/// How often pins are reconciled with the references.
	fn reconcile_interval(&self) -> Duration {
		(self.upload_grace / 2).clamp(Duration::from_secs(1), RECONCILE_INTERVAL)
	}
}

impl Follower<'_> {
	async fn follow(&mut self) -> anyhow::Result<()> {
		let agent = self.agent;
		tracing::info!(node = %agent.node, next_block = ?self.position.next_block, "pin agent following finalized blocks");
		let mut blocks = self.api.stream_blocks().await?;
		let mut reconcile = tokio::time::interval(agent.reconcile_interval());
		reconcile.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
		reconcile.reset();
		let mut counted = false;
		loop {
			tokio::select! {
				block = blocks.next() => {
					let Some(block) = block else { return Ok(()) };
					let finalized = block?.number();
					if !counted {
						self.count(finalized).await?;
						counted = true;
						continue;
					}
					self.blocks_up_to(finalized).await?;
				},
				_ = reconcile.tick(), if counted => self.reconcile().await?,
			}
		}
	}

	/// Process the blocks from the next one up to `finalized`.
	async fn blocks_up_to(&mut self, finalized: u64) -> anyhow::Result<()> {
		let next = self.position.next_block.unwrap_or(finalized);
		for number in next..=finalized {
			match block_references(&self.api, number).await {
				Ok(references) => self.apply(references).await?,
				Err(error) if finalized - number > PRUNING_MARGIN => {
					tracing::warn!(block = number, "events no longer available ({error:#})");
					return self.count(finalized).await;
				},
				Err(error) => return Err(error),
			}
			self.position.next_block = Some(number + 1);
			self.save()?;
		}
		Ok(())
	}

	/// Count every reference in the chain state at block `at`, reconcile the pins with them and
	/// continue after it.
	async fn count(&mut self, at: u64) -> anyhow::Result<()> {
		tracing::info!(block = at, "counting the references of every live record");
		let state = self.api.at_block(at).await?;
		let mut references = HashMap::<Cid, u32>::new();
		let mut add = |bytes: Vec<u8>| {
			if let Some(cid) = parse_cid(&bytes) {
				*references.entry(cid).or_default() += 1;
			}
		};
		let records = state.storage().entry(runtime::storage().records().records())?;
		let mut entries = records.iter(()).await?;
		while let Some(entry) = entries.next().await {
			add(entry?.value().decode()?.cid.0);
		}
		let history = state.storage().entry(runtime::storage().records().history())?;
		let mut entries = history.iter(()).await?;
		while let Some(entry) = entries.next().await {
			for item in entry?.value().decode()?.0 {
				add(item.cid.0);
			}
		}
		self.references = references;
		self.position.next_block = Some(at + 1);
		self.reconcile().await?;
		tracing::info!(
			block = at,
			cids = self.references.len(),
			pinning = self.pinning.len(),
			"references counted"
		);
		Ok(())
	}

	/// Make the pins match the references: pin what is referenced, release what is not (after
	/// the upload grace period for content received through the API).
	async fn reconcile(&mut self) -> anyhow::Result<()> {
		let agent = self.agent;
		let mut pinned = HashSet::new();
		let mut pins = agent.ipfs.list_pins(Some(PinMode::Recursive)).await;
		while let Some(pin) = futures::StreamExt::next(&mut pins).await {
			pinned.insert(pin?.0);
		}
		// Pins still running for CIDs no longer referenced (a recount dropped them) stop.
		let stale: Vec<Cid> = self
			.pinning
			.keys()
			.filter(|cid| !self.references.contains_key(*cid))
			.copied()
			.collect();
		for cid in stale {
			if let Some(task) = self.pinning.remove(&cid) {
				task.abort();
			}
		}
		self.pinning.retain(|_, task| !task.is_finished());
		let missing: Vec<Cid> = self
			.references
			.keys()
			.filter(|cid| !pinned.contains(*cid) && !self.pinning.contains_key(*cid))
			.copied()
			.collect();
		for cid in missing {
			self.pinning.insert(cid, agent.spawn_pin(cid));
		}
		let grace = agent.upload_grace.as_secs();
		let unused: Vec<Cid> =
			pinned.into_iter().filter(|cid| !self.references.contains_key(cid)).collect();
		let mut released = false;
		for cid in unused {
			if !agent.uploads.recent(&cid, grace) {
				released |= self.unpin(cid).await;
			}
		}
		let references = &self.references;
		let named = |text: &str| Cid::try_from(text).is_ok_and(|cid| references.contains_key(&cid));
		agent.uploads.expire(grace, named)?;
		if released {
			agent.collect.notify_one();
		}
		self.save()
	}

	/// Apply one block's reference changes in order, then settle the CIDs they touched.
	async fn apply(&mut self, changes: Vec<Reference>) -> anyhow::Result<()> {
		let mut touched = BTreeSet::new();
		for Reference { cid, added } in changes {
			let Some(cid) = parse_cid(&cid) else { continue };
			let count = self.references.entry(cid).or_default();
			if added {
				*count += 1;
			} else {
				*count = count.saturating_sub(1);
			}
			touched.insert(cid);
		}
		let mut released = false;
		for cid in touched {
			if self.references.get(&cid).is_some_and(|count| *count > 0) {
				let running = self.pinning.get(&cid).is_some_and(|task| !task.is_finished());
				if !running && !pinned_recursively(&self.agent.ipfs, cid).await {
					self.pinning.insert(cid, self.agent.spawn_pin(cid));
				}
			} else {
				self.references.remove(&cid);
				released |= self.unpin(cid).await;
			}
		}
		if released {
			self.agent.collect.notify_one();
		}
		Ok(())
	}

	/// Stop pinning `cid` and remove its pin; whether a pin was removed.
	async fn unpin(&mut self, cid: Cid) -> bool {
		if let Some(task) = self.pinning.remove(&cid) {
			task.abort();
			let _ = task.await;
		}
		if !pinned_recursively(&self.agent.ipfs, cid).await {
			return false;
		}
		match self.agent.ipfs.remove_pin(cid).recursive().await {
			Ok(()) => {
				tracing::info!(%cid, "unpinned");
				true
			},
			Err(error) => {
				tracing::warn!(%cid, %error, "unpin failed");
				false
			},
		}
	}

	fn save(&self) -> anyhow::Result<()> {
		write_atomically(&self.agent.path, &serde_json::to_vec_pretty(&self.position)?)
			.with_context(|| format!("cannot write {}", self.agent.path.display()))
	}
}

/// Collect garbage whenever asked, between pin attempts and uploads; once at the start too, for
/// what an earlier run left unpinned. It waits at most `wait` (a pin attempt's limit) for those
/// in progress; new ones wait behind it meanwhile.
async fn collect_garbage(ipfs: Ipfs, collection: Collection, collect: Arc<Notify>, wait: Duration) {
	let mut first = true;
	loop {
		if !std::mem::take(&mut first) {
			collect.notified().await;
		}
		let Ok(_alone) =
			tokio::time::timeout(wait + Duration::from_secs(5), collection.write()).await
		else {
			tracing::info!("pins or uploads in progress: garbage collection later");
			collect_later(&collect);
			continue;
		};
		match ipfs.gc().await {
			Ok(blocks) => tracing::info!(blocks = blocks.len(), "garbage collected"),
			Err(error) => {
				tracing::warn!(%error, "garbage collection failed; trying again later");
				collect_later(&collect);
			},
		}
	}
}

/// Wake the garbage collector again after [`COLLECT_RETRY`].
fn collect_later(collect: &Arc<Notify>) {
	let again = collect.clone();
	tokio::spawn(async move {
		tokio::time::sleep(COLLECT_RETRY).await;
		again.notify_one();
	});
}

/// Pin the DAG of `cid` recursively, failing unless every block arrived (each within `timeout`).
pub async fn pin_whole(ipfs: &Ipfs, cid: Cid, timeout: Duration) -> anyhow::Result<()> {
	ipfs.insert_pin(cid).recursive().timeout(timeout).exit_on_error().into_future().await
}

/// Whether `cid` has a recursive pin of its own (a block inside another pinned DAG does not;
/// rust-ipfs answers a CID without such a pin with an error).
async fn pinned_recursively(ipfs: &Ipfs, cid: Cid) -> bool {
	ipfs.query_pins(vec![cid], Some(PinMode::Recursive)).await.is_ok_and(|pins| !pins.is_empty())
}

fn parse_cid(bytes: &[u8]) -> Option<Cid> {
	if bytes.is_empty() {
		return None;
	}
	match Cid::try_from(bytes) {
		Ok(cid) => Some(cid),
		Err(error) => {
			tracing::warn!(cid = hex::encode(bytes), %error, "not a CID");
			None
		},
	}
}

/// The reference changes of block `number`, in event order.
async fn block_references(
	api: &OnlineClient<SubstrateConfig>,
	number: u64,
) -> anyhow::Result<Vec<Reference>> {
	let events = api.at_block(number).await?.events().fetch().await?;
	let mut changes = Vec::new();
	let mut change = |cid: Vec<u8>, added: bool| changes.push(Reference { cid, added });
	for event in events.iter() {
		let event = event?;
		if let Some(added) = event.decode_fields_as::<RecordAdded>() {
			change(added?.cid.0, true);
		} else if let Some(updated) = event.decode_fields_as::<RecordUpdated>() {
			change(updated?.cid.0, true);
		} else if let Some(pruned) = event.decode_fields_as::<HistoryPruned>() {
			change(pruned?.cid.0, false);
		} else if let Some(deleted) = event.decode_fields_as::<RecordDeleted>() {
			let deleted = deleted?;
			change(deleted.cid.0, false);
			for cid in deleted.history.0 {
				change(cid.0, false);
			}
		}
	}
	Ok(changes)
}

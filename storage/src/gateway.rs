//! The public gateway: signed access to records, the read audit and its anchoring.
//!
//! Clients, the web portal and hospital systems use this HTTP API; the Kubo RPC API stays on
//! loopback for administration. Put the gateway behind a reverse proxy that terminates TLS and
//! passes the path and query unchanged.
//!
//! | request | who | does |
//! |---|---|---|
//! | `GET /v1/info` | anyone | the gateway's service account, hospital, log length and anchor |
//! | `POST /v1/records` | an active doctor | stores the body (a record's ciphertext, at most `--max-upload` bytes, streamed) and answers its CID |
//! | `GET /v1/records/{patient}/{record}?purpose=` | whoever `can_access` the record at the finalized head | streams the record's ciphertext; logged, and so is every refusal |
//! | `GET /v1/audit?patient=…&anchored=…` (or `reader=`) | that patient (or reader) | the entries of the read log about them, with the proof that leads to the anchored head |
//! | anything else | anyone | the files of `--static-dir` (the web portal), if given |
//!
//! ## Signed requests
//!
//! Every request but `/v1/info` and static files carries `x-medchain-account` (SS58 or `0x`
//! hex), `x-medchain-timestamp` (milliseconds since 1970) and `x-medchain-signature` (sr25519,
//! `0x` hex) over [`request_message`]: method, path, query, the body's SHA-256 (declared in
//! `x-medchain-content-sha256` when there is a body), the timestamp and this gateway's service
//! account. A request signed more than [`FRESHNESS`] from the gateway's clock, signed for
//! another gateway, badly signed or seen before is refused with 401 and the reason; an
//! authenticated caller the chain does not authorize gets 403 and the reason.
//!
//! ## The read log and its anchors
//!
//! Every authenticated request for a record appends an entry ([`AuditLog`]) before anything
//! is answered: served, or refused with the reason. Every `--anchor-interval` the service
//! account hands the leaves appended since the last anchor to `audit.anchor` (at most
//! `MaxLeavesPerAnchor` at a time, waiting for finalization), unless the log no longer leads
//! to the anchored head, which the daemon then reports on every attempt.

use crate::{
	api::{self, ApiError, Collection, Ingest},
	audit::{AuditLog, Party},
	uploads::Uploads,
	RunArgs,
};
use anyhow::Context;
use axum::{
	body::Body,
	extract::{DefaultBodyLimit, Path, Query, State},
	http::{HeaderMap, HeaderValue, Method, StatusCode, Uri},
	response::{IntoResponse, Response},
	routing::{get, post},
	Json, Router,
};
use futures::StreamExt;
use ipld_core::cid::Cid;
use medchain_crypto::{
	audit::{Entry, EMPTY_HEAD, MAX_REASON_LENGTH, PURPOSES, REFUSED, SERVED},
	gateway::{
		request_message, wrapped, ACCOUNT_HEADER, CONTENT_HASH_HEADER, SIGNATURE_HEADER,
		TIMESTAMP_HEADER,
	},
};
use rust_ipfs::Ipfs;
use serde::Deserialize;
use serde_json::json;
use sha2::{Digest, Sha256};
use std::{
	collections::{BTreeSet, HashMap, HashSet},
	str::FromStr,
	sync::{Arc, Mutex},
	time::{Duration, SystemTime, UNIX_EPOCH},
};
use subxt::{utils::AccountId32, OnlineClient, SubstrateConfig};
use subxt_signer::sr25519;

#[subxt::subxt(runtime_metadata_path = "../client/metadata/medchain.scale")]
mod runtime {}

use runtime::runtime_types::{
	bounded_collections::bounded_vec::BoundedVec, pallet_records::types::RecordStatus,
};

/// How far a request's timestamp may be from the gateway's clock.
pub const FRESHNESS: Duration = Duration::from_secs(30);
/// Most requests the replay cache holds (those of the last freshness window).
const MAX_REMEMBERED: usize = 1_000_000;
/// Refused reads one account may have logged per minute.
const REFUSALS_PER_ACCOUNT: u32 = 20;
/// Refused reads all accounts unknown to the chain together may have logged per minute: an
/// account costs nothing to make, a disk does.
const UNKNOWN_REFUSALS: u32 = 120;
/// The purpose an entry records when the reader gives none.
const DEFAULT_PURPOSE: &str = "treatment";

/// A gateway refusal: a status and one sentence.
#[derive(Debug)]
pub struct Refusal {
	status: StatusCode,
	message: String,
}

impl Refusal {
	fn new(status: StatusCode, message: impl Into<String>) -> Self {
		Self { status, message: message.into() }
	}

	fn unauthorized(message: impl Into<String>) -> Self {
		Self::new(StatusCode::UNAUTHORIZED, message)
	}

	fn forbidden(message: impl Into<String>) -> Self {
		Self::new(StatusCode::FORBIDDEN, message)
	}

	fn bad_request(message: impl Into<String>) -> Self {
		Self::new(StatusCode::BAD_REQUEST, message)
	}

	fn unavailable(error: impl std::fmt::Display) -> Self {
		Self::new(
			StatusCode::SERVICE_UNAVAILABLE,
			format!("the gateway cannot reach its node: {error}"),
		)
	}

	fn internal(error: impl std::fmt::Display) -> Self {
		Self::new(StatusCode::INTERNAL_SERVER_ERROR, error.to_string())
	}
}

impl From<ApiError> for Refusal {
	fn from(error: ApiError) -> Self {
		Self::new(error.status, error.message)
	}
}

impl IntoResponse for Refusal {
	fn into_response(self) -> Response {
		let body = json!({ "error": self.message, "status": self.status.as_u16() });
		(self.status, Json(body)).into_response()
	}
}

/// The node connection, made on first use and again after a failure.
struct Node {
	url: String,
	client: tokio::sync::Mutex<Option<OnlineClient<SubstrateConfig>>>,
}

type AtBlock = subxt::client::ClientAtBlock<
	SubstrateConfig,
	subxt::client::OnlineClientAtBlockImpl<SubstrateConfig>,
>;

impl Node {
	async fn api(&self) -> Result<OnlineClient<SubstrateConfig>, Refusal> {
		let mut client = self.client.lock().await;
		if let Some(api) = client.as_ref() {
			return Ok(api.clone());
		}
		let api = OnlineClient::<SubstrateConfig>::from_insecure_url(&self.url)
			.await
			.map_err(Refusal::unavailable)?;
		*client = Some(api.clone());
		Ok(api)
	}

	/// The state at the finalized head.
	async fn finalized(&self) -> Result<AtBlock, Refusal> {
		let api = self.api().await?;
		match api.at_current_block().await {
			Ok(at) => Ok(at),
			Err(error) => {
				*self.client.lock().await = None;
				Err(Refusal::unavailable(error))
			},
		}
	}
}

/// The requests (the hash of account and signed message) seen in the last freshness window,
/// with their timestamps in order so that the expired ones leave as new ones come. Keyed by
/// the message, not the signature: sr25519 signs randomly, so one request signed twice is
/// still one request.
#[derive(Default)]
struct Replays {
	seen: HashSet<[u8; 32]>,
	by_time: BTreeSet<(u64, [u8; 32])>,
}

impl Replays {
	/// Remember `request` (signed at `timestamp`); false if it was seen before.
	fn first_time(&mut self, request: [u8; 32], timestamp: u64, now: u64) -> Result<bool, Refusal> {
		// A timestamp is at most one window from `now`: older ones can no longer be replayed.
		let horizon = now.saturating_sub(FRESHNESS.as_millis() as u64);
		while let Some(&(at, old)) = self.by_time.first() {
			if at >= horizon {
				break;
			}
			self.by_time.pop_first();
			self.seen.remove(&old);
		}
		if self.seen.contains(&request) {
			return Ok(false);
		}
		if self.seen.len() >= MAX_REMEMBERED {
			return Err(Refusal::new(
				StatusCode::SERVICE_UNAVAILABLE,
				"the gateway is busy; try again shortly",
			));
		}
		self.seen.insert(request);
		self.by_time.insert((timestamp, request));
		Ok(true)
	}
}

/// Refused reads logged in the current minute, per account and for unknown accounts together.
#[derive(Default)]
struct RefusalBudget {
	minute: u64,
	per_account: HashMap<[u8; 32], u32>,
	unknown: u32,
}

impl RefusalBudget {
	/// Whether one more refusal of `account` (`known`: it has a member record on chain) may be
	/// logged now.
	fn allow(&mut self, account: &AccountId32, known: bool, now: u64) -> bool {
		let minute = now / 60_000;
		if minute != self.minute {
			*self = Self { minute, ..Default::default() };
		}
		let count = self.per_account.entry(account.0).or_default();
		if *count >= REFUSALS_PER_ACCOUNT || (!known && self.unknown >= UNKNOWN_REFUSALS) {
			return false;
		}
		*count += 1;
		if !known {
			self.unknown += 1;
		}
		true
	}
}

/// The gateway's shared state.
pub struct Gateway {
	ipfs: Ipfs,
	collection: Collection,
	uploads: Arc<Uploads>,
	log: Arc<AuditLog>,
	node: Node,
	service: sr25519::Keypair,
	identity: [u8; 32],
	replays: Mutex<Replays>,
	refusals: Mutex<RefusalBudget>,
	max_upload: u64,
}

fn now_ms() -> u64 {
	SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_millis() as u64).unwrap_or_default()
}

/// An account given as SS58 or as `0x` and 64 hex digits.
pub fn parse_account(text: &str) -> Option<AccountId32> {
	match text.strip_prefix("0x") {
		Some(hex) => hex::decode(hex).ok()?.try_into().ok().map(AccountId32),
		None => AccountId32::from_str(text).ok(),
	}
}

fn account_hex(account: &AccountId32) -> String {
	format!("0x{}", hex::encode(account.0))
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Result<&'a str, Refusal> {
	headers
		.get(name)
		.ok_or_else(|| {
			Refusal::unauthorized(format!("the request is not signed: no {name} header"))
		})?
		.to_str()
		.map_err(|_| Refusal::unauthorized(format!("the {name} header is not text")))
}

/// The service account's key pair: the secret URI (a phrase, a `0x` seed, with derivation
/// paths) in `file` (default `<data_dir>/service.key`, created with a random seed
/// and mode 0600 on first start). A key file others can read is refused.
pub fn service_key(
	data_dir: &std::path::Path,
	file: Option<&std::path::Path>,
) -> anyhow::Result<sr25519::Keypair> {
	let path =
		file.map(std::path::Path::to_path_buf).unwrap_or_else(|| data_dir.join("service.key"));
	if !path.exists() {
		let seed =
			zeroize::Zeroizing::new(format!("0x{}\n", hex::encode(rand::random::<[u8; 32]>())));
		crate::ipfs::write_private(&path, seed.as_bytes())?;
		tracing::info!(path = %path.display(), "created the service account's key");
	}
	let secret = crate::read_private(&path, "the service account's key")?;
	let uri = subxt_signer::SecretUri::from_str(secret.trim())
		.with_context(|| format!("{} does not hold a secret URI", path.display()))?;
	sr25519::Keypair::from_uri(&uri)
		.with_context(|| format!("{} does not hold an sr25519 secret", path.display()))
}

impl Gateway {
	/// The gateway of this daemon.
	pub fn new(
		ipfs: Ipfs,
		collection: Collection,
		uploads: Arc<Uploads>,
		log: Arc<AuditLog>,
		service: sr25519::Keypair,
		args: &RunArgs,
	) -> Self {
		let identity = service.public_key().0;
		Self {
			ipfs,
			collection,
			uploads,
			log,
			node: Node { url: args.node.clone(), client: Default::default() },
			service,
			identity,
			replays: Default::default(),
			refusals: Default::default(),
			max_upload: args.max_upload,
		}
	}

	/// The service account.
	pub fn service_account(&self) -> AccountId32 {
		AccountId32(self.identity)
	}

	/// Check a signed request; returns the caller. `body_hash` is the body's SHA-256 (hex) as
	/// declared or computed.
	fn authenticate(
		&self,
		method: &Method,
		uri: &Uri,
		headers: &HeaderMap,
		body_hash: &str,
	) -> Result<AccountId32, Refusal> {
		let account_text = header(headers, ACCOUNT_HEADER)?;
		let account = parse_account(account_text).ok_or_else(|| {
			Refusal::unauthorized(format!("'{account_text}' is not an account (SS58 or 0x hex)"))
		})?;
		let timestamp: u64 = header(headers, TIMESTAMP_HEADER)?
			.parse()
			.map_err(|_| Refusal::unauthorized("the timestamp is not a number of milliseconds"))?;
		let now = now_ms();
		let skew = now.abs_diff(timestamp);
		if skew > FRESHNESS.as_millis() as u64 {
			return Err(Refusal::unauthorized(format!(
				"the request was signed {} s away from the gateway's clock (at most {} s): sign it again",
				skew / 1000,
				FRESHNESS.as_secs()
			)));
		}
		let signature: [u8; 64] =
			hex::decode(header(headers, SIGNATURE_HEADER)?.trim_start_matches("0x"))
				.ok()
				.and_then(|bytes| bytes.try_into().ok())
				.ok_or_else(|| Refusal::unauthorized("the signature is not 64 bytes of hex"))?;
		let message = request_message(
			method.as_str(),
			uri.path(),
			uri.query().unwrap_or(""),
			body_hash,
			timestamp,
			&self.identity,
		);
		let public = sr25519::PublicKey(account.0);
		let signed = sr25519::Signature(signature);
		if !sr25519::verify(&signed, &message, &public)
			&& !sr25519::verify(&signed, wrapped(&message), &public)
		{
			return Err(Refusal::unauthorized(format!(
				"the signature does not match this request by {account} to the gateway of service account {}",
				self.service_account()
			)));
		}
		let request: [u8; 32] =
			Sha256::new().chain_update(account.0).chain_update(&message).finalize().into();
		let mut replays = self.replays.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
		if !replays.first_time(request, timestamp, now)? {
			return Err(Refusal::unauthorized(
				"this signed request was sent before (replay refused)",
			));
		}
		Ok(account)
	}

	/// Log a refused read, within the refusal budget; past it the request is refused with 429
	/// and not logged.
	async fn log_refusal(
		&self,
		at: &AtBlock,
		reader: &AccountId32,
		entry: Entry,
	) -> Result<(), Refusal> {
		let known = at
			.storage()
			.try_fetch(runtime::storage().roles().members(), (*reader,))
			.await
			.map_err(Refusal::internal)?
			.is_some();
		let allowed = self.refusals.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).allow(
			reader,
			known,
			now_ms(),
		);
		if !allowed {
			tracing::warn!(%reader, known, "refusal not logged: over the refusal budget");
			return Err(Refusal::new(
				StatusCode::TOO_MANY_REQUESTS,
				"too many refused requests; wait a minute",
			));
		}
		self.log(entry).await
	}

	/// Append `entry` to the read log, off the async threads (it waits for the disk).
	async fn log(&self, entry: Entry) -> Result<(), Refusal> {
		let log = self.log.clone();
		tokio::task::spawn_blocking(move || log.append(&entry))
			.await
			.map_err(Refusal::internal)?
			.map(|_| ())
			.map_err(|error| {
				tracing::error!("{error:#}");
				Refusal::internal("the gateway cannot write its audit log; nothing is served")
			})
	}
}

/// The gateway's routes.
pub fn router(gateway: Arc<Gateway>, args: &RunArgs) -> anyhow::Result<Router> {
	let mut router = Router::new()
		.route("/v1/info", get(info))
		.route("/v1/records", post(upload))
		.route("/v1/records/{patient}/{record}", get(read))
		.route("/v1/audit", get(audit))
		// Uploads stream into the block store and are bounded by `--max-upload`.
		.layer(DefaultBodyLimit::disable())
		.with_state(gateway);
	if let Some(folder) = &args.static_dir {
		router = router.fallback_service(tower_http::services::ServeDir::new(folder));
	}
	if !args.cors_origins.is_empty() {
		let origins = args
			.cors_origins
			.iter()
			.map(|origin| {
				HeaderValue::from_str(origin).with_context(|| format!("bad CORS origin '{origin}'"))
			})
			.collect::<anyhow::Result<Vec<_>>>()?;
		let cors = tower_http::cors::CorsLayer::new()
			.allow_origin(origins)
			.allow_methods([Method::GET, Method::POST])
			.allow_headers([
				axum::http::header::CONTENT_TYPE,
				axum::http::HeaderName::from_static(ACCOUNT_HEADER),
				axum::http::HeaderName::from_static(TIMESTAMP_HEADER),
				axum::http::HeaderName::from_static(SIGNATURE_HEADER),
				axum::http::HeaderName::from_static(CONTENT_HASH_HEADER),
			]);
		router = router.layer(cors);
	}
	Ok(router)
}

async fn info(State(gateway): State<Arc<Gateway>>) -> Result<Response, Refusal> {
	let at = gateway.node.finalized().await?;
	let hospital = at
		.storage()
		.try_fetch(runtime::storage().roles().service_accounts(), (gateway.service_account(),))
		.await
		.map_err(Refusal::internal)?
		.map(|value| value.decode())
		.transpose()
		.map_err(Refusal::internal)?;
	let anchor = match hospital {
		Some(hospital) => anchored(&at, hospital).await?,
		None => None,
	};
	Ok(Json(json!({
		"service_account": gateway.service_account().to_string(),
		"hospital": hospital,
		"log_length": gateway.log.len(),
		"anchored_length": anchor.map(|(length, _, _)| length).unwrap_or(0),
		"finalized_block": at.block_number(),
	}))
	.into_response())
}

/// `hospital`'s anchor at `at`: length, head and block.
async fn anchored(at: &AtBlock, hospital: u32) -> Result<Option<(u64, [u8; 32], u32)>, Refusal> {
	let anchor = at
		.storage()
		.try_fetch(runtime::storage().audit().anchors(), (hospital,))
		.await
		.map_err(Refusal::internal)?;
	match anchor {
		Some(value) => {
			let anchor = value.decode().map_err(Refusal::internal)?;
			Ok(Some((anchor.length, anchor.head, anchor.block)))
		},
		None => Ok(None),
	}
}

async fn upload(
	State(gateway): State<Arc<Gateway>>,
	method: Method,
	uri: Uri,
	headers: HeaderMap,
	body: Body,
) -> Result<Response, Refusal> {
	let declared = header(&headers, CONTENT_HASH_HEADER)
		.map_err(|_| {
			Refusal::bad_request(format!("an upload declares its SHA-256 in {CONTENT_HASH_HEADER}"))
		})?
		.to_ascii_lowercase();
	let caller = gateway.authenticate(&method, &uri, &headers, &declared)?;
	let at = gateway.node.finalized().await?;
	let doctor = at
		.runtime_apis()
		.call(runtime::runtime_apis().records_api().may_add_records(caller))
		.await
		.map_err(Refusal::internal)?;
	if !doctor {
		return Err(Refusal::forbidden(format!(
			"{caller} may not upload records: only doctors of an active hospital add records"
		)));
	}
	let length = headers
		.get(axum::http::header::CONTENT_LENGTH)
		.and_then(|value| value.to_str().ok()?.parse::<u64>().ok());
	let too_large = || {
		Refusal::new(
			StatusCode::PAYLOAD_TOO_LARGE,
			format!("a record may have at most {} bytes at this gateway", gateway.max_upload),
		)
	};
	if length.is_some_and(|length| length > gateway.max_upload) {
		return Err(too_large());
	}
	let _uploading = gateway.collection.read().await;
	let mut ingest = Ingest::new(&gateway.ipfs);
	let mut hash = Sha256::new();
	let mut stream = body.into_data_stream();
	loop {
		let Ok(next) = tokio::time::timeout(api::UPLOAD_PAUSE, stream.next()).await else {
			return Err(Refusal::bad_request("the upload stalled"));
		};
		let Some(chunk) = next else { break };
		let chunk = chunk
			.map_err(|error| Refusal::bad_request(format!("the upload broke off: {error}")))?;
		if ingest.size() + chunk.len() as u64 > gateway.max_upload {
			return Err(too_large());
		}
		hash.update(&chunk);
		ingest.push(&chunk).await?;
	}
	if hex::encode(hash.finalize()) != declared {
		return Err(Refusal::bad_request(
			"the body does not match its declared SHA-256; nothing was stored",
		));
	}
	let (cid, size) = ingest.finish().await?;
	api::keep_upload(&gateway.ipfs, &gateway.uploads, cid).await?;
	tracing::info!(%caller, %cid, size, "record content uploaded");
	Ok((StatusCode::CREATED, Json(json!({ "cid": cid.to_string(), "size": size }))).into_response())
}

#[derive(Deserialize)]
struct ReadQuery {
	purpose: Option<String>,
}

async fn read(
	State(gateway): State<Arc<Gateway>>,
	Path((patient, record)): Path<(String, u64)>,
	Query(query): Query<ReadQuery>,
	method: Method,
	uri: Uri,
	headers: HeaderMap,
) -> Result<Response, Refusal> {
	if method != Method::GET {
		return Err(Refusal::new(StatusCode::METHOD_NOT_ALLOWED, "records are read with GET"));
	}
	let reader =
		gateway.authenticate(&method, &uri, &headers, &medchain_crypto::gateway::body_hash(b""))?;
	let patient = parse_account(&patient)
		.ok_or_else(|| Refusal::bad_request(format!("'{patient}' is not an account")))?;
	let purpose = query.purpose.unwrap_or_else(|| DEFAULT_PURPOSE.into());
	if !PURPOSES.contains(&purpose.as_str()) {
		return Err(Refusal::bad_request(format!(
			"'{purpose}' is not a purpose of use; one of: {}",
			PURPOSES.join(", ")
		)));
	}
	let at = gateway.node.finalized().await?;
	let apis = runtime::runtime_apis().records_api();
	let details =
		at.runtime_apis().call(apis.record(patient, record)).await.map_err(Refusal::internal)?;
	let mut cid = None;
	let refusal = match details {
		None => Some(format!("{patient} has no record {record}")),
		Some(details) => {
			cid = Cid::try_from(details.record.cid.as_slice()).ok();
			if matches!(details.record.status, RecordStatus::Deleted) {
				Some(format!("record {record} was deleted"))
			} else if !at
				.runtime_apis()
				.call(apis.can_access(reader, patient, record))
				.await
				.map_err(Refusal::internal)?
			{
				Some(format!(
					"{reader} may not read record {record} of {patient}: no live consent or share covers it"
				))
			} else if cid.is_none() {
				Some(format!("record {record} names no valid CID"))
			} else {
				None
			}
		},
	};
	let entry = |outcome: &str, mut reason: String| Entry {
		reason: {
			if reason.len() > MAX_REASON_LENGTH {
				let mut end = MAX_REASON_LENGTH;
				while !reason.is_char_boundary(end) {
					end -= 1;
				}
				reason.truncate(end);
			}
			reason
		},
		time_ms: now_ms(),
		block: at.block_number(),
		reader: account_hex(&reader),
		patient: account_hex(&patient),
		record,
		cid: cid.map(|cid| cid.to_string()).unwrap_or_default(),
		outcome: outcome.into(),
		purpose: purpose.clone(),
		nonce: hex::encode(rand::random::<[u8; 16]>()),
	};
	if let Some(reason) = refusal {
		gateway.log_refusal(&at, &reader, entry(REFUSED, reason.clone())).await?;
		return Err(Refusal::forbidden(reason));
	}
	let cid = cid.expect("checked above");
	match api::content(&gateway.ipfs, cid).await {
		Ok(body) => {
			gateway.log(entry(SERVED, String::new())).await?;
			tracing::info!(%reader, %patient, record, %cid, purpose, "record served");
			Ok(([(axum::http::header::CONTENT_TYPE, "application/octet-stream")], body)
				.into_response())
		},
		Err(error) => {
			tracing::warn!(%cid, record, "content not available: {}", error.message);
			let reason =
				format!("the content of record {record} is not available at this gateway yet");
			gateway.log_refusal(&at, &reader, entry(REFUSED, reason.clone())).await?;
			Err(Refusal::new(StatusCode::BAD_GATEWAY, reason))
		},
	}
}

#[derive(Deserialize)]
struct AuditQuery {
	patient: Option<String>,
	reader: Option<String>,
	anchored: Option<u64>,
}

async fn audit(
	State(gateway): State<Arc<Gateway>>,
	Query(query): Query<AuditQuery>,
	method: Method,
	uri: Uri,
	headers: HeaderMap,
) -> Result<Response, Refusal> {
	let caller =
		gateway.authenticate(&method, &uri, &headers, &medchain_crypto::gateway::body_hash(b""))?;
	let (party, account) = match (&query.patient, &query.reader) {
		(Some(patient), None) => (Party::Patient, patient),
		(None, Some(reader)) => (Party::Reader, reader),
		_ => return Err(Refusal::bad_request("ask for either patient= or reader=")),
	};
	let account = parse_account(account)
		.ok_or_else(|| Refusal::bad_request(format!("'{account}' is not an account")))?;
	if account != caller {
		return Err(Refusal::forbidden(format!(
			"{caller} may see only the entries about its own records (patient=) or its own reads (reader=)"
		)));
	}
	let anchored = query.anchored.unwrap_or(0);
	let log = gateway.log.clone();
	let who = account_hex(&account);
	let answer = tokio::task::spawn_blocking(move || log.answer(party, &who, anchored))
		.await
		.map_err(Refusal::internal)?
		.map_err(Refusal::internal)?;
	Ok(Json(answer).into_response())
}

/// Anchor the read log every `interval`, for as long as the daemon runs.
pub async fn anchor(gateway: Arc<Gateway>, interval: Duration) {
	let mut ticks = tokio::time::interval(interval);
	ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
	let mut reported = None;
	loop {
		ticks.tick().await;
		let outcome = anchor_once(&gateway).await;
		let text = match &outcome {
			Ok(text) => text.clone(),
			Err(refusal) => refusal.message.clone(),
		};
		// Say each state once, not every tick.
		if reported.as_ref() != Some(&text) {
			match outcome {
				Ok(_) => tracing::info!("{text}"),
				Err(_) => tracing::warn!("{text}"),
			}
			reported = Some(text);
		}
	}
}

/// One anchoring round; says what it did.
async fn anchor_once(gateway: &Gateway) -> Result<String, Refusal> {
	let at = gateway.node.finalized().await?;
	let service = gateway.service_account();
	let Some(hospital) = at
		.storage()
		.try_fetch(runtime::storage().roles().service_accounts(), (service,))
		.await
		.map_err(Refusal::internal)?
	else {
		return Ok(format!(
			"not anchoring: no active hospital publishes {service} as its service account (medchain hospital set-services)"
		));
	};
	let hospital = hospital.decode().map_err(Refusal::internal)?;
	let (length, head, block) = anchored(&at, hospital).await?.unwrap_or((0, EMPTY_HEAD, 0));
	if !gateway.log.consistent_with(length, &head) {
		return Err(Refusal::internal(format!(
			"not anchoring: the audit log ({} entries) does not lead to the head hospital {hospital} anchored on chain after {length} entries; the log file was altered or belongs to another chain",
			gateway.log.len()
		)));
	}
	let logged = gateway.log.len();
	if logged == length {
		return Ok(format!("audit log anchored: {length} entries"));
	}
	let interval = at
		.constants()
		.entry(runtime::constants().audit().min_anchor_interval())
		.map_err(Refusal::internal)?;
	if length > 0 && at.block_number() < u64::from(block + interval) {
		return Ok(format!(
			"waiting for the anchor interval: {length} of {logged} entries anchored"
		));
	}
	let most = at
		.constants()
		.entry(runtime::constants().audit().max_leaves_per_anchor())
		.map_err(Refusal::internal)?;
	let leaves = gateway.log.leaves(length, most as usize);
	let added = leaves.len() as u64;
	let call = runtime::transactions().audit().anchor(BoundedVec(leaves));
	let mut transactions = at.transactions();
	transactions
		.sign_and_submit_then_watch_default(&call, &gateway.service)
		.await
		.map_err(Refusal::internal)?
		.wait_for_finalized_success()
		.await
		.map_err(Refusal::internal)?;
	Ok(format!("anchored {added} entries of the audit log: {} of {logged}", length + added))
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn a_request_is_served_once_within_its_window() {
		let mut replays = Replays::default();
		let now = 1_000_000;
		assert!(replays.first_time([1; 32], now, now).unwrap());
		assert!(!replays.first_time([1; 32], now, now + 10).unwrap(), "replayed");
		assert!(replays.first_time([2; 32], now + 5, now + 10).unwrap());
		// Once its timestamp left the window it can no longer be sent, and is forgotten.
		let later = now + FRESHNESS.as_millis() as u64 + 1;
		assert!(replays.first_time([3; 32], later, later).unwrap());
		assert!(!replays.seen.contains(&[1; 32]));
		assert!(replays.seen.contains(&[2; 32]));
	}

	#[test]
	fn refusals_are_logged_within_their_budget() {
		let mut budget = RefusalBudget::default();
		let (known, stranger) = (AccountId32([1; 32]), AccountId32([2; 32]));
		let now = 60_000 * 100;
		for _ in 0..REFUSALS_PER_ACCOUNT {
			assert!(budget.allow(&known, true, now));
		}
		assert!(!budget.allow(&known, true, now), "over the account's budget");
		assert!(budget.allow(&stranger, false, now));
		// Strangers share one budget: fresh accounts do not buy more.
		for n in 0..UNKNOWN_REFUSALS {
			budget.allow(&AccountId32([(n % 200) as u8 + 3; 32]), false, now);
		}
		assert!(!budget.allow(&AccountId32([250; 32]), false, now));
		assert!(budget.allow(&known, true, now + 60_000), "a new minute");
	}
}

//! The Kubo RPC subset MedChain clients use, with Kubo's request and response shapes: every
//! method is a `POST` to `/api/v0/<method>`, arguments in the query string (`arg=<cid>`),
//! answers as JSON, errors as `{"Message", "Code", "Type": "error"}`.
//!
//! | method | does |
//! |---|---|
//! | `add` | stores the multipart file as UnixFS, CIDv1 with raw leaves and 256 KiB chunks (the blocks and CID `ipfs add --cid-version 1` gives, built by `medchain-crypto` as every MedChain client computes them); pins it unless `pin=false` |
//! | `cat?arg=` | streams a file's bytes, fetching missing blocks from the swarm |
//! | `pin/add?arg=` | pins recursively, fetching what is missing |
//! | `pin/rm?arg=` | removes a recursive pin |
//! | `pin/ls[?arg=]` | lists recursive pins, or says whether `arg` is pinned |
//! | `repo/gc` | deletes unpinned blocks |
//! | `id` | this node's peer id and addresses |
//! | `swarm/peers` | connected peers |
//!
//! ## Who may call
//!
//! Like Kubo, the API refuses requests from web browsers (an `Origin`, `Referer` or `Sec-Fetch-*`
//! header, or a browser's `User-Agent`) and requests whose `Host` is not a name it serves
//! (loopback names, the address it listens on, and `--api-host`), both with 403: a web page open
//! on the same machine cannot call it, not even through DNS rebinding. Every call that changes
//! state (`add`, `pin/add`, `pin/rm`, `repo/gc`) needs the API token as
//! `Authorization: Bearer <token>` (Kubo's `API.Authorizations` style), else 401.

use crate::uploads::Uploads;
use axum::{
	body::{Body, Bytes},
	extract::{DefaultBodyLimit, FromRef, Multipart, Query, Request, State},
	http::{header, HeaderMap, StatusCode},
	middleware::{self, Next},
	response::{IntoResponse, Response},
	routing::post,
	Json, Router,
};
use futures::{StreamExt, TryStreamExt};
use ipld_core::cid::Cid;
use rust_ipfs::{Block, Ipfs, PinMode};
use serde::Deserialize;
use serde_json::json;
use std::{net::SocketAddr, sync::Arc, time::Duration};
use subtle::ConstantTimeEq;

/// How long `cat` and `pin/add` wait for each block of content that is not stored locally.
const FETCH_TIMEOUT: Duration = Duration::from_secs(60);
/// How long `pin/add` may take in all.
const PIN_TIMEOUT: Duration = Duration::from_secs(300);
/// How long an upload may pause between two pieces of its body: a stalled client must not hold
/// garbage collection (and, behind it, every pin and upload) back.
pub const UPLOAD_PAUSE: Duration = Duration::from_secs(30);

/// The calls that change the daemon's state: they need the API token.
const WRITES: [&str; 4] = ["/api/v0/add", "/api/v0/pin/add", "/api/v0/pin/rm", "/api/v0/repo/gc"];

/// Who may call the API.
pub struct Access {
	/// The bearer token of the calls that change state.
	token: zeroize::Zeroizing<String>,
	/// The `Host` values served (host, or host:port).
	hosts: Vec<String>,
}

impl Access {
	/// Access with `token` for an API listening on `address`, also answering to `extra` hosts.
	pub fn new(token: zeroize::Zeroizing<String>, address: SocketAddr, extra: &[String]) -> Self {
		let port = address.port();
		let mut hosts = vec![
			format!("127.0.0.1:{port}"),
			format!("localhost:{port}"),
			format!("[::1]:{port}"),
			address.to_string(),
		];
		for host in extra {
			hosts.push(host.clone());
			hosts.push(format!("{host}:{port}"));
		}
		Self { token, hosts }
	}

	/// Why `request` is refused, if it is.
	fn refuse(&self, path: &str, headers: &HeaderMap) -> Option<ApiError> {
		let browser = ["origin", "referer", "sec-fetch-site", "sec-fetch-mode"]
			.iter()
			.any(|name| headers.contains_key(*name))
			|| headers
				.get(header::USER_AGENT)
				.and_then(|agent| agent.to_str().ok())
				.is_some_and(|agent| agent.starts_with("Mozilla/"));
		if browser {
			return Some(ApiError::forbidden("requests from web browsers are refused"));
		}
		let host = headers.get(header::HOST).and_then(|host| host.to_str().ok());
		if !host.is_some_and(|host| self.hosts.iter().any(|served| served == host)) {
			return Some(ApiError::forbidden(format!(
				"host '{}' is not served by this API",
				host.unwrap_or_default()
			)));
		}
		if WRITES.contains(&path) {
			let given = headers
				.get(header::AUTHORIZATION)
				.and_then(|value| value.to_str().ok())
				.and_then(|value| value.strip_prefix("Bearer "))
				.unwrap_or_default();
			if !bool::from(given.as_bytes().ct_eq(self.token.as_bytes())) {
				return Some(ApiError {
					status: StatusCode::UNAUTHORIZED,
					message: format!("{path} needs the API token (Authorization: Bearer)"),
				});
			}
		}
		None
	}
}

async fn guard(State(access): State<Arc<Access>>, request: Request, next: Next) -> Response {
	match access.refuse(request.uri().path(), request.headers()) {
		Some(refused) => {
			tracing::warn!(path = request.uri().path(), "{}", refused.message);
			refused.into_response()
		},
		None => next.run(request).await,
	}
}

/// Held (shared) by whatever must not overlap garbage collection: uploads, pins, and taken
/// (exclusively) around every collection. rust-ipfs's own guard is not enough: a pin or an upload
/// takes it more than once, and a collection waiting in between would wait forever.
pub type Collection = Arc<tokio::sync::RwLock<()>>;

/// What the handlers share.
#[derive(Clone)]
struct Daemon {
	ipfs: Ipfs,
	collection: Collection,
	uploads: Arc<Uploads>,
}

impl FromRef<Daemon> for Ipfs {
	fn from_ref(daemon: &Daemon) -> Ipfs {
		daemon.ipfs.clone()
	}
}

impl FromRef<Daemon> for Arc<Uploads> {
	fn from_ref(daemon: &Daemon) -> Arc<Uploads> {
		daemon.uploads.clone()
	}
}

impl FromRef<Daemon> for Collection {
	fn from_ref(daemon: &Daemon) -> Collection {
		daemon.collection.clone()
	}
}

/// The API's routes, behind `access`.
pub fn router(ipfs: Ipfs, collection: Collection, uploads: Arc<Uploads>, access: Access) -> Router {
	Router::new()
		.route("/api/v0/add", post(add))
		.route("/api/v0/cat", post(cat))
		.route("/api/v0/pin/add", post(pin_add))
		.route("/api/v0/pin/rm", post(pin_rm))
		.route("/api/v0/pin/ls", post(pin_ls))
		.route("/api/v0/repo/gc", post(repo_gc))
		.route("/api/v0/id", post(id))
		.route("/api/v0/swarm/peers", post(swarm_peers))
		// `add` streams its upload into the block store: no size limit, memory stays bounded.
		.layer(DefaultBodyLimit::disable())
		.with_state(Daemon { ipfs, collection, uploads })
		.layer(middleware::from_fn_with_state(Arc::new(access), guard))
}

/// An error in Kubo's shape.
pub struct ApiError {
	pub(crate) status: StatusCode,
	pub(crate) message: String,
}

impl ApiError {
	fn bad_request(message: impl Into<String>) -> Self {
		Self { status: StatusCode::BAD_REQUEST, message: message.into() }
	}

	fn forbidden(message: impl Into<String>) -> Self {
		Self { status: StatusCode::FORBIDDEN, message: message.into() }
	}

	fn internal(message: impl std::fmt::Display) -> Self {
		Self { status: StatusCode::INTERNAL_SERVER_ERROR, message: message.to_string() }
	}
}

impl IntoResponse for ApiError {
	fn into_response(self) -> Response {
		let body = json!({ "Message": self.message, "Code": 0, "Type": "error" });
		(self.status, Json(body)).into_response()
	}
}

type ApiResult = Result<Response, ApiError>;

#[derive(Deserialize)]
struct AddQuery {
	#[serde(rename = "cid-version")]
	cid_version: Option<u8>,
	#[serde(rename = "raw-leaves")]
	raw_leaves: Option<bool>,
	pin: Option<bool>,
}

#[derive(Deserialize)]
struct ArgQuery {
	arg: Option<String>,
}

fn parse_cid(arg: Option<&str>) -> Result<Cid, ApiError> {
	let arg = arg.ok_or_else(|| ApiError::bad_request("argument \"arg\" is required"))?;
	let text = arg.strip_prefix("/ipfs/").unwrap_or(arg);
	Cid::try_from(text).map_err(|_| ApiError::bad_request(format!("invalid CID: {arg}")))
}

async fn add(
	State(ipfs): State<Ipfs>,
	State(collection): State<Collection>,
	State(uploads): State<Arc<Uploads>>,
	Query(query): Query<AddQuery>,
	mut multipart: Multipart,
) -> ApiResult {
	if query.cid_version.unwrap_or(1) != 1 {
		return Err(ApiError::bad_request("this node adds CIDv1 only (cid-version=1)"));
	}
	if query.raw_leaves == Some(false) {
		return Err(ApiError::bad_request("this node adds raw leaves only (raw-leaves=true)"));
	}
	let mut field = multipart
		.next_field()
		.await
		.map_err(|error| ApiError::bad_request(error.to_string()))?
		.ok_or_else(|| ApiError::bad_request("the request has no file"))?;
	let name = field.file_name().or(field.name()).unwrap_or_default().to_string();

	// Garbage collection waits for the upload.
	let _uploading = collection.read().await;
	let mut ingest = Ingest::new(&ipfs);
	loop {
		let Ok(piece) = tokio::time::timeout(UPLOAD_PAUSE, field.chunk()).await else {
			return Err(ApiError::bad_request("the upload stalled"));
		};
		match piece {
			Ok(Some(chunk)) => ingest.push(&chunk).await?,
			Ok(None) => break,
			Err(error) => return Err(ApiError::bad_request(error.to_string())),
		}
	}
	let (cid, size) = ingest.finish().await?;
	if query.pin.unwrap_or(true) {
		keep_upload(&ipfs, &uploads, cid).await?;
	}
	tracing::debug!(%cid, size, "added");
	let line = json!({ "Name": name, "Hash": cid.to_string(), "Size": size.to_string() });
	Ok(([(header::CONTENT_TYPE, "application/json")], format!("{line}\n")).into_response())
}

/// Content being added: the blocks every MedChain client (and `ipfs add --cid-version 1`)
/// makes of its bytes, put into the block store as they complete. The caller holds a read
/// guard of the [`Collection`] meanwhile.
pub struct Ingest<'a> {
	ipfs: &'a Ipfs,
	blocks: medchain_crypto::UnixfsBlocks,
	size: u64,
}

impl<'a> Ingest<'a> {
	/// Start adding content to `ipfs`.
	pub fn new(ipfs: &'a Ipfs) -> Self {
		Self { ipfs, blocks: Default::default(), size: 0 }
	}

	/// The bytes received so far.
	pub fn size(&self) -> u64 {
		self.size
	}

	/// Add the next bytes.
	pub async fn push(&mut self, chunk: &[u8]) -> Result<(), ApiError> {
		self.size += chunk.len() as u64;
		store(self.ipfs, self.blocks.push(chunk)).await
	}

	/// Store the last blocks; returns the content's CID and size.
	pub async fn finish(self) -> Result<(Cid, u64), ApiError> {
		let (rest, cid) = self.blocks.finish();
		store(self.ipfs, rest).await?;
		Ok((cid, self.size))
	}
}

/// Pin content that arrived through an API and keep it for the upload grace period.
pub async fn keep_upload(ipfs: &Ipfs, uploads: &Uploads, cid: Cid) -> Result<(), ApiError> {
	ipfs.insert_pin(cid).recursive().local().await.map_err(ApiError::internal)?;
	uploads.record(&cid).map_err(ApiError::internal)
}

/// Put `blocks` into the block store.
async fn store(ipfs: &Ipfs, blocks: Vec<(Cid, Vec<u8>)>) -> Result<(), ApiError> {
	for (cid, data) in blocks {
		let block = Block::new(cid, data).map_err(ApiError::internal)?;
		ipfs.put_block(&block).await.map_err(ApiError::internal)?;
	}
	Ok(())
}

/// The bytes of the file `cid` as a response body, fetching missing blocks from the swarm. The
/// first bytes have arrived when this returns, so missing content is an error, not an empty
/// answer.
pub async fn content(ipfs: &Ipfs, cid: Cid) -> Result<Body, ApiError> {
	let mut stream = ipfs.cat_unixfs(cid).timeout(FETCH_TIMEOUT);
	let first = match stream.next().await {
		Some(Ok(bytes)) => bytes,
		Some(Err(error)) => return Err(ApiError::internal(error)),
		None => Bytes::new(),
	};
	let rest = stream.map_err(std::io::Error::other);
	Ok(Body::from_stream(futures::stream::once(async move { Ok(first) }).chain(rest)))
}

async fn cat(State(ipfs): State<Ipfs>, Query(query): Query<ArgQuery>) -> ApiResult {
	let cid = parse_cid(query.arg.as_deref())?;
	Ok(content(&ipfs, cid).await?.into_response())
}

async fn pin_add(
	State(ipfs): State<Ipfs>,
	State(collection): State<Collection>,
	State(uploads): State<Arc<Uploads>>,
	Query(query): Query<ArgQuery>,
) -> ApiResult {
	let cid = parse_cid(query.arg.as_deref())?;
	let pinning = async {
		let _pinning = collection.read().await;
		crate::agent::pin_whole(&ipfs, cid, FETCH_TIMEOUT).await
	};
	match tokio::time::timeout(PIN_TIMEOUT, pinning).await {
		Ok(Ok(())) => {},
		Ok(Err(error)) => return Err(ApiError::internal(error)),
		Err(_) => return Err(ApiError::internal(format!("{cid} was not found in time"))),
	}
	uploads.record(&cid).map_err(ApiError::internal)?;
	Ok(Json(json!({ "Pins": [cid.to_string()] })).into_response())
}

async fn pin_rm(State(ipfs): State<Ipfs>, Query(query): Query<ArgQuery>) -> ApiResult {
	let cid = parse_cid(query.arg.as_deref())?;
	if !ipfs.is_pinned(cid).await.map_err(ApiError::internal)? {
		return Err(ApiError::internal("not pinned or pinned indirectly"));
	}
	ipfs.remove_pin(cid).recursive().await.map_err(ApiError::internal)?;
	Ok(Json(json!({ "Pins": [cid.to_string()] })).into_response())
}

async fn pin_ls(State(ipfs): State<Ipfs>, Query(query): Query<ArgQuery>) -> ApiResult {
	let mut keys = serde_json::Map::new();
	if query.arg.is_some() {
		let cid = parse_cid(query.arg.as_deref())?;
		let pins = ipfs
			.query_pins(vec![cid], Some(PinMode::Recursive))
			.await
			.map_err(|_| ApiError::internal(format!("path '{cid}' is not pinned")))?;
		if pins.is_empty() {
			return Err(ApiError::internal(format!("path '{cid}' is not pinned")));
		}
		keys.insert(cid.to_string(), json!({ "Type": "recursive" }));
	} else {
		let mut pins = ipfs.list_pins(Some(PinMode::Recursive)).await;
		while let Some(pin) = pins.next().await {
			let (cid, _) = pin.map_err(ApiError::internal)?;
			keys.insert(cid.to_string(), json!({ "Type": "recursive" }));
		}
	}
	Ok(Json(json!({ "Keys": keys })).into_response())
}

async fn repo_gc(State(ipfs): State<Ipfs>, State(collection): State<Collection>) -> ApiResult {
	let removed = {
		let _alone = collection.write().await;
		ipfs.gc().await.map_err(ApiError::internal)?
	};
	let body: String = removed
		.iter()
		.map(|cid| format!("{}\n", json!({ "Key": { "/": cid.to_string() } })))
		.collect();
	Ok(([(header::CONTENT_TYPE, "application/json")], body).into_response())
}

async fn id(State(ipfs): State<Ipfs>) -> ApiResult {
	let peer = ipfs.keypair().public().to_peer_id();
	let addresses = ipfs
		.listening_addresses()
		.await
		.map_err(ApiError::internal)?
		.into_iter()
		.map(|address| format!("{address}/p2p/{peer}"))
		.collect::<Vec<_>>();
	Ok(Json(json!({
		"ID": peer.to_string(),
		"Addresses": addresses,
		"AgentVersion": concat!("medchain-storage/", env!("CARGO_PKG_VERSION")),
	}))
	.into_response())
}

async fn swarm_peers(State(ipfs): State<Ipfs>) -> ApiResult {
	let peers = ipfs.connected().await.map_err(ApiError::internal)?;
	let peers = peers.iter().map(|peer| json!({ "Peer": peer.to_string() })).collect::<Vec<_>>();
	Ok(Json(json!({ "Peers": peers })).into_response())
}

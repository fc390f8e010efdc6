//! The Kubo RPC subset MedChain clients use, with Kubo's request and response shapes: every
//! method is a `POST` to `/api/v0/<method>`, arguments in the query string (`arg=<cid>`),
//! answers as JSON, errors as `{"Message", "Code", "Type": "error"}`.
//!
//! | method | does |
//! |---|---|
//! | `add` | stores the multipart file as UnixFS, CIDv1 with raw leaves and 256 KiB chunks (the CID `ipfs add --cid-version 1` gives); pins it unless `pin=false` |
//! | `cat?arg=` | streams a file's bytes, fetching missing blocks from the swarm |
//! | `pin/add?arg=` | pins recursively, fetching what is missing |
//! | `pin/rm?arg=` | removes a recursive pin |
//! | `pin/ls[?arg=]` | lists recursive pins, or says whether `arg` is pinned |
//! | `repo/gc` | deletes unpinned blocks |
//! | `id` | this node's peer id and addresses |
//! | `swarm/peers` | connected peers |

use axum::{
	body::{Body, Bytes},
	extract::{DefaultBodyLimit, Multipart, Query, State},
	http::{header, StatusCode},
	response::{IntoResponse, Response},
	routing::post,
	Json, Router,
};
use futures::{StreamExt, TryStreamExt};
use ipld_core::cid::{Cid, Version};
use rust_ipfs::{unixfs::AddOpt, Ipfs, PinMode};
use serde::Deserialize;
use serde_json::json;
use std::{future::IntoFuture, time::Duration};
use tokio_stream::wrappers::ReceiverStream;

/// How long `cat` waits for the first bytes of content that is not stored locally.
const FETCH_TIMEOUT: Duration = Duration::from_secs(60);

/// The API's routes.
pub fn router(ipfs: Ipfs) -> Router {
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
		.with_state(ipfs)
}

/// An error in Kubo's shape.
pub struct ApiError {
	status: StatusCode,
	message: String,
}

impl ApiError {
	fn bad_request(message: impl Into<String>) -> Self {
		Self { status: StatusCode::BAD_REQUEST, message: message.into() }
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

	let (sender, receiver) = tokio::sync::mpsc::channel::<std::io::Result<Bytes>>(4);
	let opt = AddOpt::Stream(ReceiverStream::new(receiver).boxed());
	let adding = tokio::spawn(IntoFuture::into_future(
		ipfs.add_unixfs(opt)
			.cid_version(Version::V1)
			.raw_leaves(true)
			.pin(query.pin.unwrap_or(true)),
	));
	let mut size = 0u64;
	// The CID every MedChain client computes for these bytes (`medchain-crypto`): the daemon
	// never answers with another one.
	let mut expected = medchain_crypto::CidWriter::new(std::io::sink());
	loop {
		match field.chunk().await {
			Ok(Some(chunk)) => {
				size += chunk.len() as u64;
				std::io::Write::write_all(&mut expected, &chunk).map_err(ApiError::internal)?;
				if sender.send(Ok(chunk)).await.is_err() {
					break;
				}
			},
			Ok(None) => break,
			Err(error) => {
				let message = error.to_string();
				let _ = sender.send(Err(std::io::Error::other(message.clone()))).await;
				return Err(ApiError::bad_request(message));
			},
		}
	}
	drop(sender);
	let path = adding.await.map_err(ApiError::internal)?.map_err(ApiError::internal)?;
	let cid = path.root().cid().ok_or_else(|| ApiError::internal("added content has no CID"))?;
	let (_, expected) = expected.finish();
	if cid.to_bytes() != expected.to_bytes() {
		let _ = ipfs.remove_pin(*cid).recursive().await;
		return Err(ApiError::internal(format!(
			"the IPFS node gave the content CID {cid}, MedChain computes {expected}"
		)));
	}
	tracing::debug!(%cid, size, "added");
	let line = json!({ "Name": name, "Hash": cid.to_string(), "Size": size.to_string() });
	Ok(([(header::CONTENT_TYPE, "application/json")], format!("{line}\n")).into_response())
}

async fn cat(State(ipfs): State<Ipfs>, Query(query): Query<ArgQuery>) -> ApiResult {
	let cid = parse_cid(query.arg.as_deref())?;
	let mut stream = ipfs.cat_unixfs(cid).timeout(FETCH_TIMEOUT);
	// Wait for the first bytes so that missing content is an error, not an empty 200.
	let first = match stream.next().await {
		Some(Ok(bytes)) => bytes,
		Some(Err(error)) => return Err(ApiError::internal(error)),
		None => Bytes::new(),
	};
	let rest = stream.map_err(std::io::Error::other);
	let body = futures::stream::once(async move { Ok(first) }).chain(rest);
	Ok(Body::from_stream(body).into_response())
}

async fn pin_add(State(ipfs): State<Ipfs>, Query(query): Query<ArgQuery>) -> ApiResult {
	let cid = parse_cid(query.arg.as_deref())?;
	ipfs.insert_pin(cid).recursive().timeout(FETCH_TIMEOUT).await.map_err(ApiError::internal)?;
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

async fn repo_gc(State(ipfs): State<Ipfs>) -> ApiResult {
	let removed = ipfs.gc().await.map_err(ApiError::internal)?;
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

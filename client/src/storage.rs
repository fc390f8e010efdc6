//! Off-chain storage of encrypted records over the Kubo RPC API: the MedChain storage daemon, a
//! Kubo node or an IPFS Cluster proxy, addressed by URL (`http://127.0.0.1:5001` by default).
//!
//! Content is added as UnixFS with CIDv1, raw leaves and 256 KiB chunks, the CID
//! `ipfs add --cid-version 1` gives. The client computes that CID itself
//! ([`CidWriter`](crate::crypto::CidWriter)) while it encrypts, checks that the storage answers
//! with the same one, and checks every fetched byte stream against the CID on chain before
//! decrypting it.

use cid::Cid;
use futures::{StreamExt, TryStreamExt};
use std::{
	io::{self, Write},
	path::Path,
	time::Duration,
};
use zeroize::Zeroizing;

/// The Kubo RPC address used when none is given.
pub const DEFAULT_URL: &str = "http://127.0.0.1:5001";
/// The most bytes [`Storage::cat`] accepts for one CID unless told otherwise (16 GiB): a storage
/// that streams without end cannot fill the disk.
pub const DEFAULT_MAX_CONTENT: u64 = 16 << 30;
/// How long connecting to the storage may take.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// How long the storage may stay silent in the middle of an answer.
const READ_TIMEOUT: Duration = Duration::from_secs(120);

/// An HTTP client that may take 10 s to connect and may wait 120 s for the next bytes of an
/// answer: the one every storage and gateway call uses.
pub(crate) fn http_client() -> reqwest::Client {
	reqwest::Client::builder()
		.connect_timeout(CONNECT_TIMEOUT)
		.read_timeout(READ_TIMEOUT)
		.build()
		.unwrap_or_default()
}

/// What can go wrong with the storage, each as one sentence.
#[derive(Debug, thiserror::Error)]
pub enum StorageError {
	/// No answer from the storage.
	#[error("the IPFS storage at {url} is unreachable ({reason})")]
	Unreachable {
		/// Its URL.
		url: String,
		/// What the connection said.
		reason: String,
	},
	/// The storage answered with an error.
	#[error("the IPFS storage refused: {0}")]
	Refused(String),
	/// Content does not have the CID it should have.
	#[error("CID mismatch: expected {expected}, the content has {actual}")]
	CidMismatch {
		/// The CID the chain (or the client) holds.
		expected: String,
		/// The CID of the bytes at hand.
		actual: String,
	},
	/// A hospital's gateway refused the request.
	#[error("the gateway at {url} refused ({status}): {message}")]
	GatewayRefused {
		/// Its URL.
		url: String,
		/// The HTTP status.
		status: u16,
		/// Its reason.
		message: String,
	},
	/// The storage wants its API token.
	#[error(
		"the IPFS storage at {url} needs its API token for this (--ipfs-token-file): {message}"
	)]
	Unauthorized {
		/// Its URL.
		url: String,
		/// What it said.
		message: String,
	},
	/// The storage sent more than the content may have.
	#[error("the IPFS storage sent more than {limit} bytes for {cid}; stopped")]
	TooLarge {
		/// The CID asked for.
		cid: String,
		/// The most bytes accepted.
		limit: u64,
	},
	/// Reading or writing a local file failed.
	#[error(transparent)]
	Io(#[from] io::Error),
}

/// A Kubo RPC endpoint.
#[derive(Clone)]
pub struct Storage {
	http: reqwest::Client,
	url: String,
	token: Option<Zeroizing<String>>,
	max_content: u64,
}

impl std::fmt::Debug for Storage {
	fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
		formatter
			.debug_struct("Storage")
			.field("url", &self.url)
			.field("token", &self.token.as_ref().map(|_| "<redacted>"))
			.field("max_content", &self.max_content)
			.finish()
	}
}

impl Storage {
	/// The endpoint at `url` (`http://host:port`, without `/api/v0`). Connecting may take 10 s
	/// and the storage may stay silent for 120 s within an answer.
	pub fn new(url: &str) -> Self {
		Self {
			http: http_client(),
			url: url.trim_end_matches('/').to_string(),
			token: None,
			max_content: DEFAULT_MAX_CONTENT,
		}
	}

	/// Send `token` (the storage daemon's API token, or Kubo's `API.Authorizations` secret) as
	/// `Authorization: Bearer` with every call.
	pub fn with_token(mut self, token: Zeroizing<String>) -> Self {
		self.token = Some(token);
		self
	}

	/// Accept at most `bytes` from [`Storage::cat`] for one CID.
	pub fn with_max_content(mut self, bytes: u64) -> Self {
		self.max_content = bytes;
		self
	}

	/// The most bytes accepted for one CID.
	pub fn max_content(&self) -> u64 {
		self.max_content
	}

	/// The API token in the file at `path` (its first line).
	pub fn read_token(path: &Path) -> Result<Zeroizing<String>, StorageError> {
		let text = Zeroizing::new(std::fs::read_to_string(path).map_err(|error| {
			io::Error::new(
				error.kind(),
				format!("cannot read the API token {}: {error}", path.display()),
			)
		})?);
		Ok(Zeroizing::new(text.lines().next().unwrap_or_default().trim().to_string()))
	}

	async fn call(
		&self,
		method: &str,
		query: &[(&str, &str)],
		form: Option<reqwest::multipart::Form>,
	) -> Result<reqwest::Response, StorageError> {
		let mut request = self.http.post(format!("{}/api/v0/{method}", self.url)).query(query);
		if let Some(token) = &self.token {
			request = request.bearer_auth(token.as_str());
		}
		if let Some(form) = form {
			request = request.multipart(form);
		}
		let response = request.send().await.map_err(|error| self.unreachable(error))?;
		if response.status().is_success() {
			return Ok(response);
		}
		let status = response.status();
		let text = response.text().await.unwrap_or_default();
		let message = serde_json::from_str::<serde_json::Value>(&text)
			.ok()
			.and_then(|value| value["Message"].as_str().map(str::to_string))
			.unwrap_or_else(|| format!("HTTP {status} {}", text.trim()));
		if status == reqwest::StatusCode::UNAUTHORIZED {
			return Err(StorageError::Unauthorized { url: self.url.clone(), message });
		}
		Err(StorageError::Refused(message))
	}

	fn unreachable(&self, error: reqwest::Error) -> StorageError {
		let mut reason = error.to_string();
		let mut source = std::error::Error::source(&error);
		while let Some(inner) = source {
			reason = inner.to_string();
			source = inner.source();
		}
		StorageError::Unreachable { url: self.url.clone(), reason }
	}

	/// Add the file at `path` (pinned), streaming it; `progress` receives the bytes sent so far.
	/// Returns the CID the storage gives it.
	pub async fn add(
		&self,
		path: &Path,
		mut progress: impl FnMut(u64) + Send + Sync + 'static,
	) -> Result<Cid, StorageError> {
		let file = tokio::fs::File::open(path).await?;
		let length = file.metadata().await?.len();
		let mut sent = 0u64;
		let stream = tokio_util::io::ReaderStream::new(file).inspect_ok(move |chunk| {
			sent += chunk.len() as u64;
			progress(sent);
		});
		let part = reqwest::multipart::Part::stream_with_length(
			reqwest::Body::wrap_stream(stream),
			length,
		)
		.file_name("record");
		let form = reqwest::multipart::Form::new().part("file", part);
		let query = [("cid-version", "1"), ("raw-leaves", "true"), ("pin", "true")];
		let answer = self.call("add", &query, Some(form)).await?;
		let text = answer.text().await.map_err(|error| self.unreachable(error))?;
		// One JSON object per line; the last one names the added file.
		let hash = text
			.lines()
			.filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
			.filter_map(|value| value["Hash"].as_str().map(str::to_string))
			.next_back()
			.ok_or_else(|| StorageError::Refused(format!("unexpected answer to add: {text}")))?;
		Cid::try_from(hash.as_str())
			.map_err(|_| StorageError::Refused(format!("add answered with '{hash}', not a CID")))
	}

	/// Stream the content of `cid` into `out`; returns the bytes written. The bytes are not
	/// verified here: write through a
	/// [`CidWriter`](crate::crypto::CidWriter) to check them. More than the content limit
	/// ([`Storage::with_max_content`]) is an error.
	pub async fn cat(&self, cid: &Cid, out: &mut impl Write) -> Result<u64, StorageError> {
		let response = self.call("cat", &[("arg", &cid.to_string())], None).await?;
		let mut stream = response.bytes_stream();
		let mut written = 0u64;
		while let Some(chunk) = stream.next().await {
			let chunk = chunk.map_err(|error| self.unreachable(error))?;
			written += chunk.len() as u64;
			if written > self.max_content {
				return Err(StorageError::TooLarge {
					cid: cid.to_string(),
					limit: self.max_content,
				});
			}
			out.write_all(&chunk)?;
		}
		Ok(written)
	}

	/// Whether `cid` is pinned recursively.
	pub async fn is_pinned(&self, cid: &Cid) -> Result<bool, StorageError> {
		let text = cid.to_string();
		match self.call("pin/ls", &[("arg", &text), ("type", "recursive")], None).await {
			Ok(answer) => {
				let answer = answer.text().await.map_err(|error| self.unreachable(error))?;
				let pins: serde_json::Value = serde_json::from_str(&answer).map_err(|_| {
					StorageError::Refused(format!("unexpected answer to pin/ls: {answer}"))
				})?;
				Ok(pins["Keys"].get(&text).is_some())
			},
			// Kubo and the daemon answer "not pinned" with an error.
			Err(StorageError::Refused(message)) if message.contains("not pinned") => Ok(false),
			Err(error) => Err(error),
		}
	}
}

/// Where record content goes and comes from: a Kubo RPC API (the storage daemon's admin API,
/// Kubo, an IPFS Cluster proxy) or a hospital's gateway (signed requests, reads audited).
#[derive(Clone, Debug)]
pub enum ContentStore {
	/// A Kubo RPC API.
	Kubo(Storage),
	/// A hospital's gateway.
	Gateway(crate::gateway::Gateway),
}

impl ContentStore {
	/// The most bytes accepted for one record.
	pub fn max_content(&self) -> u64 {
		match self {
			Self::Kubo(storage) => storage.max_content(),
			Self::Gateway(gateway) => gateway.max_content(),
		}
	}

	/// Store the file at `path` (`signer` signs a gateway upload); returns the CID the storage
	/// gives.
	pub async fn add(
		&self,
		signer: &crate::keys::Account,
		path: &Path,
		progress: impl FnMut(u64) + Send + Sync + 'static,
	) -> Result<Cid, StorageError> {
		match self {
			Self::Kubo(storage) => storage.add(path, progress).await,
			Self::Gateway(gateway) => gateway.upload(signer, path, progress).await,
		}
	}

	/// Stream the content `cid` of `patient`'s record `record` into `out` (`signer` signs a
	/// gateway read, for `purpose`); returns the bytes written, not verified.
	pub async fn fetch(
		&self,
		signer: &crate::keys::Account,
		patient: &subxt::utils::AccountId32,
		record: u64,
		cid: &Cid,
		purpose: &str,
		out: &mut impl Write,
	) -> Result<u64, StorageError> {
		match self {
			Self::Kubo(storage) => storage.cat(cid, out).await,
			Self::Gateway(gateway) => gateway.fetch(signer, patient, record, purpose, out).await,
		}
	}
}

/// `Ok` when content whose CID is `actual` is the content `expected` names.
pub fn ensure_cid(expected: &Cid, actual: &Cid) -> Result<(), StorageError> {
	if expected == actual {
		return Ok(());
	}
	Err(StorageError::CidMismatch { expected: expected.to_string(), actual: actual.to_string() })
}

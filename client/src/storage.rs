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
};

/// The Kubo RPC address used when none is given.
pub const DEFAULT_URL: &str = "http://127.0.0.1:5001";

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
	/// Reading or writing a local file failed.
	#[error(transparent)]
	Io(#[from] io::Error),
}

/// A Kubo RPC endpoint.
#[derive(Clone, Debug)]
pub struct Storage {
	http: reqwest::Client,
	url: String,
}

impl Storage {
	/// The endpoint at `url` (`http://host:port`, without `/api/v0`).
	pub fn new(url: &str) -> Self {
		Self { http: reqwest::Client::new(), url: url.trim_end_matches('/').to_string() }
	}

	async fn call(
		&self,
		method: &str,
		query: &[(&str, &str)],
		form: Option<reqwest::multipart::Form>,
	) -> Result<reqwest::Response, StorageError> {
		let mut request = self.http.post(format!("{}/api/v0/{method}", self.url)).query(query);
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
	/// [`CidWriter`](crate::crypto::CidWriter) to check them.
	pub async fn cat(&self, cid: &Cid, out: &mut impl Write) -> Result<u64, StorageError> {
		let response = self.call("cat", &[("arg", &cid.to_string())], None).await?;
		let mut stream = response.bytes_stream();
		let mut written = 0u64;
		while let Some(chunk) = stream.next().await {
			let chunk = chunk.map_err(|error| self.unreachable(error))?;
			out.write_all(&chunk)?;
			written += chunk.len() as u64;
		}
		Ok(written)
	}

	/// Whether `cid` is pinned recursively.
	pub async fn is_pinned(&self, cid: &Cid) -> Result<bool, StorageError> {
		let answer = self.call("pin/ls", &[("type", "recursive")], None).await?;
		let text = answer.text().await.map_err(|error| self.unreachable(error))?;
		let pins: serde_json::Value = serde_json::from_str(&text)
			.map_err(|_| StorageError::Refused(format!("unexpected answer to pin/ls: {text}")))?;
		Ok(pins["Keys"].get(cid.to_string()).is_some())
	}
}

/// `Ok` when content whose CID is `actual` is the content `expected` names.
pub fn ensure_cid(expected: &Cid, actual: &Cid) -> Result<(), StorageError> {
	if expected == actual {
		return Ok(());
	}
	Err(StorageError::CidMismatch { expected: expected.to_string(), actual: actual.to_string() })
}

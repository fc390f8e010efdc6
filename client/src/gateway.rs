//! A hospital's gateway: signed requests for record content and for the read audit.
//!
//! Each hospital's storage daemon serves a public gateway (its URL and service account are on
//! chain, `roles.hospitalServices`). Every request is signed by the caller's account over
//! [`request_message`] (method, path, query, body hash, time and the gateway's service account),
//! so the gateway knows who asks and a captured request is good for nothing else. Reads are
//! authorized by the chain at the gateway and written to its read log; the log's head is
//! anchored on chain, and [`Gateway::audit`] answers carry the proof a client checks with
//! [`crypto::audit::check`](crate::crypto::audit::check).

use crate::{keys::Account, storage::StorageError};
use cid::Cid;
use futures::{StreamExt, TryStreamExt};
use medchain_crypto::{
	audit::Answer,
	gateway::{
		body_hash, request_message, ACCOUNT_HEADER, CONTENT_HASH_HEADER, SIGNATURE_HEADER,
		TIMESTAMP_HEADER,
	},
};
use sha2::{Digest, Sha256};
use std::{io::Write, path::Path};
use subxt::utils::AccountId32;

/// Whose entries of a read log to ask for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Party {
	/// The entries about the caller's own records.
	Patient,
	/// The reads the caller made.
	Reader,
}

/// A hospital's gateway, as one caller uses it.
#[derive(Clone, Debug)]
pub struct Gateway {
	http: reqwest::Client,
	url: String,
	identity: AccountId32,
	max_content: u64,
}

impl Gateway {
	/// The gateway at `url` (scheme, host and port, no path) whose service account is
	/// `identity` (as the chain publishes it).
	pub fn new(url: &str, identity: AccountId32) -> Self {
		Self {
			http: crate::storage::http_client(),
			url: url.trim_end_matches('/').to_string(),
			identity,
			max_content: crate::storage::DEFAULT_MAX_CONTENT,
		}
	}

	/// The gateway at `url`, its service account read from its `/v1/info` (for a gateway given
	/// by URL rather than found on chain).
	pub async fn discover(url: &str) -> Result<Self, StorageError> {
		let gateway = Self::new(url, AccountId32([0; 32]));
		let response = gateway.http.get(format!("{}/v1/info", gateway.url)).send().await;
		let info: serde_json::Value =
			gateway.json(response.map_err(|e| gateway.unreachable(e))?).await?;
		let identity = info["service_account"]
			.as_str()
			.and_then(|text| text.parse().ok())
			.ok_or_else(|| StorageError::Refused(format!("{url} is not a MedChain gateway")))?;
		Ok(Self { identity, ..gateway })
	}

	/// Accept at most `bytes` of one record's content.
	pub fn with_max_content(mut self, bytes: u64) -> Self {
		self.max_content = bytes;
		self
	}

	/// The most bytes accepted for one record.
	pub fn max_content(&self) -> u64 {
		self.max_content
	}

	/// Its URL.
	pub fn url(&self) -> &str {
		&self.url
	}

	/// Its service account.
	pub fn identity(&self) -> &AccountId32 {
		&self.identity
	}

	fn unreachable(&self, error: impl std::fmt::Display) -> StorageError {
		StorageError::Unreachable { url: self.url.clone(), reason: error.to_string() }
	}

	/// The headers that sign a request to this gateway: `method` on `path` with `query` (as
	/// sent, without `?`) and a body whose SHA-256 is `content_hash` (hex), by `signer`, now.
	pub fn signature_headers(
		&self,
		method: &str,
		path: &str,
		query: &str,
		content_hash: &str,
		signer: &Account,
	) -> Vec<(&'static str, String)> {
		let timestamp = std::time::SystemTime::now()
			.duration_since(std::time::UNIX_EPOCH)
			.map(|since| since.as_millis() as u64)
			.unwrap_or_default();
		let message =
			request_message(method, path, query, content_hash, timestamp, &self.identity.0);
		let signature = signer.sign(&message);
		vec![
			(ACCOUNT_HEADER, signer.address()),
			(TIMESTAMP_HEADER, timestamp.to_string()),
			(SIGNATURE_HEADER, format!("0x{}", hex::encode(signature.0))),
		]
	}

	/// A request to `path` with `query`, signed by `signer` over `content_hash`.
	fn signed(
		&self,
		method: reqwest::Method,
		path: &str,
		query: &str,
		content_hash: &str,
		signer: &Account,
	) -> reqwest::RequestBuilder {
		let headers = self.signature_headers(method.as_str(), path, query, content_hash, signer);
		let url = if query.is_empty() {
			format!("{}{path}", self.url)
		} else {
			format!("{}{path}?{query}", self.url)
		};
		headers.into_iter().fold(self.http.request(method, url), |request, (name, value)| {
			request.header(name, value)
		})
	}

	/// The JSON body of `response`.
	async fn json<T: serde::de::DeserializeOwned>(
		&self,
		response: reqwest::Response,
	) -> Result<T, StorageError> {
		let bytes = response.bytes().await.map_err(|error| self.unreachable(error))?;
		serde_json::from_slice(&bytes).map_err(|error| {
			StorageError::Refused(format!(
				"{} answered with something else than expected ({error})",
				self.url
			))
		})
	}

	/// The answer, or the gateway's refusal as one sentence.
	async fn answer(
		&self,
		request: reqwest::RequestBuilder,
	) -> Result<reqwest::Response, StorageError> {
		let response = request.send().await.map_err(|error| self.unreachable(error))?;
		if response.status().is_success() {
			return Ok(response);
		}
		let status = response.status().as_u16();
		let text = response.text().await.unwrap_or_default();
		let message = serde_json::from_str::<serde_json::Value>(&text)
			.ok()
			.and_then(|value| value["error"].as_str().map(str::to_string))
			.unwrap_or(text);
		Err(StorageError::GatewayRefused { url: self.url.clone(), status, message })
	}

	/// Upload the file at `path` (a record's ciphertext) as `signer`, streaming it; returns the
	/// CID the gateway gives. `progress` receives the bytes sent so far.
	pub async fn upload(
		&self,
		signer: &Account,
		path: &Path,
		mut progress: impl FnMut(u64) + Send + Sync + 'static,
	) -> Result<Cid, StorageError> {
		let hash = {
			let mut file = std::fs::File::open(path)?;
			let mut hash = Sha256::new();
			std::io::copy(&mut file, &mut hash)?;
			hex::encode(hash.finalize())
		};
		let file = tokio::fs::File::open(path).await?;
		let length = file.metadata().await?.len();
		let mut sent = 0u64;
		let stream = tokio_util::io::ReaderStream::new(file).inspect_ok(move |chunk| {
			sent += chunk.len() as u64;
			progress(sent);
		});
		let request = self
			.signed(reqwest::Method::POST, "/v1/records", "", &hash, signer)
			.header(CONTENT_HASH_HEADER, &hash)
			.header(reqwest::header::CONTENT_TYPE, "application/octet-stream")
			.header(reqwest::header::CONTENT_LENGTH, length)
			.body(reqwest::Body::wrap_stream(stream));
		let answer: serde_json::Value = self.json(self.answer(request).await?).await?;
		let text = answer["cid"].as_str().unwrap_or_default();
		Cid::try_from(text).map_err(|_| {
			StorageError::Refused(format!("the gateway answered with '{text}', not a CID"))
		})
	}

	/// Stream the content of `patient`'s record `record` into `out` as `signer`, for `purpose`
	/// (recorded in the gateway's read log); returns the bytes written. Not verified here:
	/// write through a [`CidWriter`](crate::crypto::CidWriter) to check them.
	pub async fn fetch(
		&self,
		signer: &Account,
		patient: &AccountId32,
		record: u64,
		purpose: &str,
		out: &mut impl Write,
	) -> Result<u64, StorageError> {
		let path = format!("/v1/records/{patient}/{record}");
		let query = url::form_urlencoded::Serializer::new(String::new())
			.append_pair("purpose", purpose)
			.finish();
		let request = self.signed(reqwest::Method::GET, &path, &query, &body_hash(b""), signer);
		let mut stream = self.answer(request).await?.bytes_stream();
		let mut written = 0u64;
		while let Some(chunk) = stream.next().await {
			let chunk = chunk.map_err(|error| self.unreachable(error))?;
			written += chunk.len() as u64;
			if written > self.max_content {
				return Err(StorageError::TooLarge {
					cid: format!("record {record}"),
					limit: self.max_content,
				});
			}
			out.write_all(&chunk)?;
		}
		Ok(written)
	}

	/// The entries of the gateway's read log about `signer` as `party`, with the proof from
	/// the `anchored` entries on chain on.
	pub async fn audit(
		&self,
		signer: &Account,
		party: Party,
		anchored: u64,
	) -> Result<Answer, StorageError> {
		let who = match party {
			Party::Patient => "patient",
			Party::Reader => "reader",
		};
		let query = format!("{who}={}&anchored={anchored}", signer.address());
		let request =
			self.signed(reqwest::Method::GET, "/v1/audit", &query, &body_hash(b""), signer);
		self.json(self.answer(request).await?).await
	}
}

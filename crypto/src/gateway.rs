//! The message a caller signs for a hospital gateway.
//!
//! Every request to a gateway carries the caller's account, a timestamp and an sr25519
//! signature (Substrate's `substrate` signing context) over [`request_message`]: the method,
//! path, query, the SHA-256 of the body, the timestamp and the gateway's identity (its service
//! account), so a signature is good for one request to one gateway for a short time. Browser
//! extensions sign `<Bytes>message</Bytes>` ([`wrapped`]); gateways accept either form.

use sha2::{Digest, Sha256};

/// Header with the caller's account (SS58 or `0x` hex).
pub const ACCOUNT_HEADER: &str = "x-medchain-account";
/// Header with the time of signing, in milliseconds since the Unix epoch.
pub const TIMESTAMP_HEADER: &str = "x-medchain-timestamp";
/// Header with the 64-byte sr25519 signature, `0x` hex.
pub const SIGNATURE_HEADER: &str = "x-medchain-signature";
/// Header with the SHA-256 of the body, hex (a streamed upload declares it up front; the
/// gateway checks it when the body has arrived). Without it the body must be empty.
pub const CONTENT_HASH_HEADER: &str = "x-medchain-content-sha256";

/// Version tag of the message format.
const TAG: &str = "medchain-gateway-request/1";

/// The SHA-256 of `body`, hex.
pub fn body_hash(body: &[u8]) -> String {
	hex::encode(Sha256::digest(body))
}

/// What the caller signs: one line each for the tag, `method` (upper case), `path`, `query`
/// (without `?`, as sent), the body's SHA-256 (hex), `timestamp_ms` and the gateway's service
/// account (`0x` hex).
pub fn request_message(
	method: &str,
	path: &str,
	query: &str,
	body_sha256: &str,
	timestamp_ms: u64,
	gateway: &[u8; 32],
) -> Vec<u8> {
	format!(
		"{TAG}\n{}\n{path}\n{query}\n{}\n{timestamp_ms}\n0x{}",
		method.to_ascii_uppercase(),
		body_sha256.to_ascii_lowercase(),
		hex::encode(gateway)
	)
	.into_bytes()
}

/// `message` as browser extensions sign raw bytes: between `<Bytes>` and `</Bytes>`.
pub fn wrapped(message: &[u8]) -> Vec<u8> {
	[b"<Bytes>".as_slice(), message, b"</Bytes>"].concat()
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn every_part_changes_the_message() {
		let base = request_message("get", "/v1/x", "a=1", &body_hash(b""), 5, &[1; 32]);
		assert!(String::from_utf8(base.clone()).unwrap().starts_with(TAG));
		assert_eq!(base, request_message("GET", "/v1/x", "a=1", &body_hash(b""), 5, &[1; 32]));
		for other in [
			request_message("POST", "/v1/x", "a=1", &body_hash(b""), 5, &[1; 32]),
			request_message("GET", "/v1/y", "a=1", &body_hash(b""), 5, &[1; 32]),
			request_message("GET", "/v1/x", "a=2", &body_hash(b""), 5, &[1; 32]),
			request_message("GET", "/v1/x", "a=1", &body_hash(b"x"), 5, &[1; 32]),
			request_message("GET", "/v1/x", "a=1", &body_hash(b""), 6, &[1; 32]),
			request_message("GET", "/v1/x", "a=1", &body_hash(b""), 5, &[2; 32]),
		] {
			assert_ne!(other, base);
		}
		assert_eq!(wrapped(b"m"), b"<Bytes>m</Bytes>");
	}
}

//! # MedChain client library
//!
//! The off-chain half of MedChain that the `medchain` CLI and hospital integrations use:
//!
//! - [`crypto`]: record encryption exactly as the design describes — a fresh data key per
//!   record, chunked XChaCha20-Poly1305 (STREAM) with an authenticated header, scope keys per
//!   patient and category with epochs, HPKE (RFC 9180) wrapping to X25519 encryption keys, and
//!   links from each epoch's key to the previous one.
//! - [`keys`]: accounts from secret URIs (sr25519) with their derived X25519 encryption keys,
//!   and passphrase-protected keystore files.
//! - [`chain`]: the node over JSON-RPC with subxt, typed from the runtime metadata, with pallet
//!   refusals as one sentence each.
//! - [`council`]: motions of the hospital council (two-thirds majority): propose, vote, close.
//! - [`consortium`]: validators and their session keys, authorized (well-known) nodes.
//! - [`records`]: consent with the scope keys it needs, revocation with the key rotation in the
//!   same extrinsic, encrypting a record under the current key and opening any record the
//!   account holds a key for; storing and fetching records with CID checks; single-record
//!   shares; updates and deletions co-signed by the patient.
//! - [`storage`]: the Kubo RPC API (the MedChain storage daemon, Kubo or an IPFS Cluster proxy)
//!   and the client-side CID computation.

pub mod chain;
pub mod consortium;
pub mod council;
pub mod crypto;
pub mod keys;
pub mod records;
pub mod storage;

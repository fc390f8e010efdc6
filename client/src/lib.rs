//! # MedChain client library
//!
//! The off-chain half of MedChain that the `medchain` CLI and hospital integrations use. A
//! [`Chain`](chain::Chain) keeps the connection, submission and reads; each area has a view of
//! its own, borrowed from it:
//!
//! | module | view | what |
//! |---|---|---|
//! | [`records`] | `chain.records()` | consent with the scope keys it needs, revocation with the key rotation in the same extrinsic; encrypting, storing, fetching (with CID checks) and opening records; single-record shares; updates and deletions co-signed by the patient; paged lists |
//! | [`roles`] | `chain.roles()` | encryption keys, doctor and staff roles, patients, hospitals |
//! | [`council`] | `chain.council()` | motions of the hospital council: propose, vote, close; runtime upgrades |
//! | [`consortium`] | `chain.consortium()` | validators and their session keys, authorized (well-known) nodes |
//!
//! and beside them:
//!
//! - [`chain`]: the node over JSON-RPC with subxt, typed from the runtime metadata, with pallet
//!   and transaction-pool refusals as one sentence each.
//! - [`crypto`]: the record cryptography (`medchain-crypto`: record format, HPKE wrapping,
//!   epoch links, record-key shares, CIDs), shared with the storage daemon and the web portal.
//! - [`files`]: new files only their owner reads, for keystores and decrypted records.
//! - [`keys`]: accounts from secret URIs (sr25519) with their derived X25519 encryption keys,
//!   and passphrase-protected keystore files.
//! - [`storage`]: the Kubo RPC API (the MedChain storage daemon, Kubo or an IPFS Cluster proxy),
//!   and [`ContentStore`](storage::ContentStore), either that or a gateway.
//! - [`audit`]: "who read my records": every hospital's read log entries about an account,
//!   checked against the heads anchored on chain.
//! - [`gateway`]: a hospital's gateway: signed uploads and reads, and the read audit with its
//!   proofs.
//! - [`views`]: the JSON shape of each object, the same the `records_*` RPC serves.

pub use medchain_crypto as crypto;

pub mod audit;
pub mod chain;
pub mod consortium;
pub mod council;
pub mod files;
pub mod gateway;
pub mod keys;
pub mod records;
pub mod roles;
pub mod storage;
pub mod views;

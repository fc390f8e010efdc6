//! The public development keys (`//Alice` … and the node keys `0x00…01` to `0x00…04`), and the
//! check that stops a validator signing with them where others can reach it.
//!
//! Everyone has the secrets of these keys: a chain whose authorities use them can have blocks
//! authored and finalized by anyone who reaches it, and a node with a development node key can be
//! impersonated. They are for test networks on one machine or one private network. A node
//! started as `--validator` on a chain whose current Aura or GRANDPA authorities include a
//! development key, and any node with a development node key, refuses to start when its P2P or
//! RPC listens beyond loopback or it dials boot or reserved nodes beyond loopback, unless
//! `--allow-public-dev-keys` says that this is a test network. The check runs at start, on the
//! authorities of the best block: keys a validator publishes later are the council's to vet.

use medchain_runtime::{
	genesis_config_presets::{peer_id_from_ed25519, DEV_NODE_PUBLIC_KEYS},
	AuraId, GrandpaId,
};
use sc_network::multiaddr::{Multiaddr, Protocol};
use sc_service::Configuration;
use sp_core::{ed25519, sr25519};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

/// The development name (`//Alice` …) of a 32-byte public key or account, if it is one of the
/// sr25519 or ed25519 development keys.
pub fn key_name(public: &[u8; 32]) -> Option<String> {
	let sr25519 = Sr25519Keyring::iter().find(|k| k.public().0 == *public).map(<&str>::from);
	let ed25519 = || Ed25519Keyring::iter().find(|k| k.public().0 == *public).map(<&str>::from);
	sr25519.or_else(ed25519).map(|name| format!("//{name}"))
}

/// Whether an ed25519 node public key is one of the development node keys.
pub fn is_dev_node_key(public: &[u8; 32]) -> bool {
	DEV_NODE_PUBLIC_KEYS.contains(public)
}

/// Whether a peer id (as bytes) is that of a development node key.
pub fn is_dev_peer_id(peer_id: &[u8]) -> bool {
	DEV_NODE_PUBLIC_KEYS.iter().any(|key| peer_id_from_ed25519(key).0 == peer_id)
}

fn is_loopback(address: &Multiaddr) -> bool {
	match address.iter().next() {
		Some(Protocol::Ip4(ip)) => ip.is_loopback(),
		Some(Protocol::Ip6(ip)) => ip.is_loopback(),
		_ => false,
	}
}

/// Where the node can be reached or reaches out beyond loopback (its P2P and RPC listen
/// addresses, the boot and reserved nodes it dials), as text for the refusal.
fn beyond_loopback(config: &Configuration) -> Vec<String> {
	let network = &config.network;
	let p2p =
		network.listen_addresses.iter().filter(|a| !is_loopback(a)).map(|a| format!("P2P on {a}"));
	let dials = network
		.boot_nodes
		.iter()
		.chain(&network.default_peers_set.reserved_nodes)
		.filter(|n| !is_loopback(&n.multiaddr))
		.map(|n| format!("dialing {}", n.multiaddr));
	let rpc = config
		.rpc
		.addr
		.iter()
		.flatten()
		.filter(|e| !e.listen_addr.ip().is_loopback())
		.map(|e| format!("RPC on {}", e.listen_addr));
	p2p.chain(dials).chain(rpc).collect()
}

/// Refuse a node that would use public development keys where others can reach it: a
/// validator whose chain's current authorities (Aura or GRANDPA) include one, and any node
/// with a development node key.
pub fn refuse_on_network(
	config: &Configuration,
	aura: &[AuraId],
	grandpa: &[GrandpaId],
) -> Result<(), String> {
	let exposed = beyond_loopback(config);
	if exposed.is_empty() {
		return Ok(());
	}
	let mut public = Vec::new();
	if config.role.is_authority() {
		let mut names: Vec<String> = aura
			.iter()
			.filter_map(|a| key_name(&sr25519::Public::from(a.clone()).0))
			.chain(grandpa.iter().filter_map(|g| key_name(&ed25519::Public::from(g.clone()).0)))
			.collect();
		names.sort();
		names.dedup();
		if !names.is_empty() {
			public.push(format!("the validator keys {}", names.join(", ")));
		}
	}
	let node_key = config
		.network
		.node_key
		.clone()
		.into_keypair()
		.map_err(|e| format!("the node key cannot be read: {e}"))?;
	if is_dev_node_key(&node_key.public().to_bytes()) {
		public.push("a development node key (0x00…01 to 0x00…04)".into());
	}
	if public.is_empty() {
		return Ok(());
	}
	Err(format!(
		"refusing to run with public development keys ({}) beyond loopback ({}): anyone can \
		 sign with those keys. Make a consortium chain spec with your own keys (`medchain-node \
		 consortium init`) and a node key of your own, stay on 127.0.0.1, or pass \
		 --allow-public-dev-keys if this is a test network",
		public.join(", "),
		exposed.join(", ")
	))
}

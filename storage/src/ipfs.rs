//! The embedded IPFS node: a persistent peer identity, a file-backed repository, TCP closed by
//! the consortium's private-swarm key (or, on request, public), and the configured peers.

use crate::RunArgs;
use anyhow::Context;
use connexa::prelude::transport::pnet::PreSharedKey;
use rust_ipfs::{builder::DefaultIpfsBuilder, Ipfs, Keypair, Multiaddr};
use std::{fs, io::Write, os::unix::fs::OpenOptionsExt, path::Path};

/// File in the data folder holding the node's libp2p key (protobuf encoding).
const IDENTITY_FILE: &str = "identity.key";

/// Start the IPFS node described by `args`.
pub async fn start(args: &RunArgs) -> anyhow::Result<Ipfs> {
	let keypair = identity(&args.data_dir.join(IDENTITY_FILE))?;
	let mut builder = DefaultIpfsBuilder::with_keypair(&keypair)?
		.with_default()
		.set_path(args.data_dir.join("repo"))
		.enable_tcp();
	for listen in &args.listen {
		let address: Multiaddr =
			listen.parse().with_context(|| format!("'{listen}' is not a multiaddr"))?;
		builder = builder.add_listening_addr(address);
	}
	if args.public_swarm {
		tracing::warn!("public swarm: any IPFS peer can fetch this daemon's content by its CID");
	} else {
		let path = args.swarm_key.clone().unwrap_or_else(|| args.data_dir.join("swarm.key"));
		if !path.exists() {
			anyhow::bail!(
				"no swarm key at {}: give the consortium's key with --swarm-key (make one with \
				 `medchain-storage swarm-key FILE`), or --public-swarm to run in the public network",
				path.display()
			);
		}
		builder = builder.enable_pnet(read_swarm_key(&path)?);
	}
	let ipfs = builder.start().await.context("the IPFS node did not start")?;
	tracing::info!(
		peer = %keypair.public().to_peer_id(),
		private_swarm = !args.public_swarm,
		"IPFS node started"
	);
	let mut peers = Vec::new();
	for peer in &args.peers {
		let address: Multiaddr =
			peer.parse().with_context(|| format!("'{peer}' is not a multiaddr"))?;
		// The peer may start later: keep it as a bootstrap address.
		ipfs.add_bootstrap(address.clone()).await?;
		peers.push(address);
	}
	// Dial the peers without holding up the API: an unreachable one only delays itself.
	if !peers.is_empty() {
		let dialer = ipfs.clone();
		tokio::spawn(async move {
			for address in peers {
				if let Err(error) = dialer.connect(address.clone()).await {
					tracing::warn!(%address, %error, "peer not reachable yet");
				}
			}
			if let Err(error) = dialer.bootstrap().await {
				tracing::warn!(%error, "DHT bootstrap did not run");
			}
		});
	}
	Ok(ipfs)
}

/// The peer id of the daemon whose data folder is `data_dir` (its identity is created there on
/// first use).
pub fn peer_id(data_dir: &Path) -> anyhow::Result<rust_ipfs::PeerId> {
	fs::create_dir_all(data_dir)?;
	Ok(identity(&data_dir.join(IDENTITY_FILE))?.public().to_peer_id())
}

/// The node's libp2p keypair: read from `path`, or created there on first start.
fn identity(path: &Path) -> anyhow::Result<Keypair> {
	if path.exists() {
		let bytes = fs::read(path)?;
		return Keypair::from_protobuf_encoding(&bytes)
			.with_context(|| format!("{} is not a peer identity", path.display()));
	}
	let keypair = Keypair::generate_ed25519();
	write_private(path, &keypair.to_protobuf_encoding()?)?;
	Ok(keypair)
}

/// Read a Kubo-format swarm key (`/key/swarm/psk/1.0.0/`, `/base16/`, 64 hex digits).
pub fn read_swarm_key(path: &Path) -> anyhow::Result<PreSharedKey> {
	let text = fs::read_to_string(path)
		.with_context(|| format!("cannot read the swarm key {}", path.display()))?;
	text.parse::<PreSharedKey>()
		.map_err(|error| anyhow::anyhow!("{} is not a swarm key: {error:?}", path.display()))
}

/// Write a new random swarm key to `path`.
pub fn write_swarm_key(path: &Path) -> anyhow::Result<()> {
	let key = PreSharedKey::new(rand::random());
	write_private(path, key.to_string().as_bytes())
}

/// Create `path` with mode 0600; refuse to overwrite.
pub fn write_private(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
	let mut file = fs::OpenOptions::new()
		.write(true)
		.create_new(true)
		.mode(0o600)
		.open(path)
		.with_context(|| format!("cannot create {}", path.display()))?;
	file.write_all(bytes)?;
	Ok(())
}

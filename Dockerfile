# MedChain node, storage daemon and CLI in one image (the one docker-compose.yml runs), built
# from source where an image registry is reachable:
#   docker build -t medchain:local .
# Without a registry, scripts/image.sh makes the same image from Debian packages and the
# binaries of scripts/build.sh.
FROM rust:1-bookworm AS build
RUN apt-get update && apt-get install -y --no-install-recommends protobuf-compiler clang \
	&& rm -rf /var/lib/apt/lists/* \
	&& rustup target add wasm32-unknown-unknown && rustup component add rust-src
WORKDIR /medchain
COPY . .
RUN cargo build --locked --release -p medchain-node -p medchain-cli \
	&& cargo build --locked --release --manifest-path storage/Cargo.toml --target-dir target

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates \
	&& rm -rf /var/lib/apt/lists/* \
	&& useradd --create-home --uid 1000 medchain \
	&& mkdir /data /swarm /storage && chown medchain:medchain /data /swarm /storage
COPY --from=build /medchain/target/release/medchain-node /medchain/target/release/medchain-storage \
	/medchain/target/release/medchain /usr/local/bin/
COPY scripts/hospital-node.sh scripts/hospital-storage.sh /usr/local/bin/
USER medchain
WORKDIR /home/medchain
VOLUME ["/data"]
# P2P, public (safe) RPC, Prometheus, IPFS swarm (the storage API stays on loopback)
EXPOSE 30333 9944 9615 4001
CMD ["medchain-node", "--help"]

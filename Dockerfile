# MedChain node, storage daemon and CLI in one image (used by docker-compose.yml).
#   docker build -t medchain .
FROM rust:1-bookworm AS build
RUN apt-get update && apt-get install -y --no-install-recommends protobuf-compiler clang \
	&& rm -rf /var/lib/apt/lists/* \
	&& rustup target add wasm32-unknown-unknown && rustup component add rust-src
WORKDIR /medchain
COPY . .
RUN cargo build --locked --release -p medchain-node -p medchain-cli \
	&& cargo build --locked --release --manifest-path storage/Cargo.toml --target-dir target

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates curl \
	&& rm -rf /var/lib/apt/lists/* \
	&& useradd --create-home --uid 1000 medchain \
	&& mkdir /data /swarm && chown medchain:medchain /data /swarm
COPY --from=build /medchain/target/release/medchain-node /medchain/target/release/medchain-storage \
	/medchain/target/release/medchain /usr/local/bin/
COPY scripts/hospital-node.sh scripts/hospital-storage.sh /usr/local/bin/
USER medchain
VOLUME ["/data"]
# P2P, public (safe) RPC, Prometheus, IPFS swarm, storage API
EXPOSE 30333 9944 9615 4001 5001
CMD ["medchain-node", "--help"]

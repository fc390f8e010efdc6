#!/usr/bin/env bash
# Run MedChain: build the node if needed and start a development chain on ws://127.0.0.1:9944.
# Extra arguments go to medchain-node (for example --base-path to keep the chain between runs).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh

target="${CARGO_TARGET_DIR:-target}"
# The runtime's WASM build looks for Cargo.lock from the target directory; point it here.
export WASM_BUILD_WORKSPACE_HINT="$PWD"
cargo build --locked --release -p medchain-node

cat <<'INFO'

MedChain development chain
  JSON-RPC / WebSocket:  ws://127.0.0.1:9944
  Polkadot.js apps:      https://polkadot.js.org/apps/?rpc=ws%3A%2F%2F127.0.0.1%3A9944#/explorer
  Accounts:              //Alice is validator, council member, sudo and admin of hospital 0
  Stop:                  Ctrl-C (the chain lives in a temporary directory unless --base-path is given)

INFO
exec "$target/release/medchain-node" --dev --rpc-cors all "$@"

#!/usr/bin/env bash
# Run every MedChain test: formatting, pallet and runtime unit tests, the real-node tests, and the
# Polkadot.js compatibility test against a real dev node.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --js

target="${CARGO_TARGET_DIR:-target}"
# The runtime's WASM build looks for Cargo.lock from the target directory; point it here.
export WASM_BUILD_WORKSPACE_HINT="$PWD"

echo "== cargo fmt --check"
cargo fmt --all --check
(cd storage && cargo fmt --check)

echo "== medchain-crypto for the browser (wasm32-unknown-unknown, as the web portal uses it)"
cargo build --locked -p medchain-crypto --target wasm32-unknown-unknown

echo "== storage daemon (a workspace of its own): build and test with real daemons"
# Same target folder, so the workspace tests below find medchain-storage beside medchain-node.
cargo test --locked --release --manifest-path storage/Cargo.toml --target-dir "$target"

echo "== cargo test (release: the node binary is built once for the run command and the tests)"
cargo test --locked --release --workspace -- --show-output

echo "== Polkadot.js compatibility (the node binary the cargo tests just built)"
node_bin="$(realpath "$target")/release/medchain-node"
(cd tests/polkadot-js && MEDCHAIN_NODE="$node_bin" npm test)

#!/usr/bin/env bash
# Regenerate client/metadata/medchain.scale (the runtime metadata the client library's subxt
# interface is generated from) after a runtime change.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
target="${CARGO_TARGET_DIR:-target}"
export WASM_BUILD_WORKSPACE_HINT="$PWD"
cargo build --locked --release -p medchain-node
mkdir -p client/metadata
"$target/release/medchain-node" export-metadata --output client/metadata/medchain.scale
echo "wrote client/metadata/medchain.scale"

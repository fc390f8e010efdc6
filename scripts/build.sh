#!/usr/bin/env bash
# Build what running MedChain needs (medchain-node, medchain, medchain-storage) in release mode,
# installing the prerequisites first; prints the folder holding the binaries.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh >&2

target="$(realpath -m "${CARGO_TARGET_DIR:-target}")"
# The runtime's WASM build looks for Cargo.lock from the target directory; point it here.
export WASM_BUILD_WORKSPACE_HINT="$PWD"
cargo build --locked --release -p medchain-node -p medchain-cli >&2
# The storage daemon has a workspace of its own (see storage/Cargo.toml); same target folder.
cargo build --locked --release --manifest-path storage/Cargo.toml --target-dir "$target" >&2
echo "$target/release"

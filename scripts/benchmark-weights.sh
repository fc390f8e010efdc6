#!/usr/bin/env bash
# Regenerate the weights.rs of MedChain's pallets from their benchmarks (frame-benchmarking v2).
# Builds medchain-node with the runtime-benchmarks feature, then runs `benchmark pallet` for each
# pallet. Run it on the hardware the weights are meant for; numbers from a laptop or a small VM
# are not production weights.
#   scripts/benchmark-weights.sh [pallet_roles|pallet_records|pallet_validator_set|pallet_tx_gate|pallet_governance ...]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh

target="${CARGO_TARGET_DIR:-target}"
# The runtime's WASM build looks for Cargo.lock from the target directory; point it here.
export WASM_BUILD_WORKSPACE_HINT="$PWD"
cargo build --locked --release -p medchain-node --features runtime-benchmarks

pallets=("$@")
[ ${#pallets[@]} -gt 0 ] || pallets=(pallet_roles pallet_records pallet_validator_set pallet_tx_gate pallet_governance)

for pallet in "${pallets[@]}"; do
	dir="pallets/$(echo "${pallet#pallet_}" | tr '_' '-')"
	echo "== $pallet -> $dir/src/weights.rs"
	"$target/release/medchain-node" benchmark pallet \
		--runtime "$(ls "$target"/release/wbuild/medchain-runtime/medchain_runtime.compact.compressed.wasm)" \
		--genesis-builder-preset development \
		--pallet "$pallet" --extrinsic '*' \
		--steps "${STEPS:-50}" --repeat "${REPEAT:-20}" \
		--wasm-execution compiled \
		--heap-pages 4096 \
		--template scripts/frame-weight-template.hbs \
		--output "$dir/src/weights.rs"
done

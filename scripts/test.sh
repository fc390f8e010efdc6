#!/usr/bin/env bash
# Run every MedChain test: formatting, pallet and runtime unit tests, the real-node tests, the
# Polkadot.js compatibility test against a real dev node, and the docker-compose network.
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

echo "== cargo test --workspace: build (release: the node binary is built once for the run command and the tests)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cargo test --locked --release --workspace --no-run --message-format=json-render-diagnostics \
	>"$work/artifacts.json"

# Every test executable Cargo built (run from its package's folder, as `cargo test` does), the
# doc tests and the Polkadot.js test are independent processes, and most of them spend their
# time waiting for blocks: they run side by side, three at a time, the longest first.
node_bin="$(realpath "$target")/release/medchain-node"
{
	node -e '
		const path = require("path");
		const slow = ["consortium", "scenario", "gateway", "attacks", "cli", "chain"];
		const rank = (name) => (slow.includes(name) ? slow.indexOf(name) : slow.length);
		const tests = require("fs").readFileSync(0, "utf8").split("\n").filter(Boolean)
			.map((line) => JSON.parse(line))
			.filter((m) => m.reason === "compiler-artifact" && m.profile.test && m.executable)
			.sort((a, b) => rank(a.target.name) - rank(b.target.name));
		for (const m of tests)
			console.log(`${m.target.name}\t${path.dirname(m.manifest_path)}\t${m.executable} --show-output`);
	' <"$work/artifacts.json"
	printf 'doc tests\t%s\tcargo test --locked --release --workspace --doc\n' "$PWD"
	printf 'polkadot-js\t%s\tenv MEDCHAIN_NODE=%s npm test\n' "$PWD/tests/polkadot-js" "$node_bin"
} >"$work/jobs"

run_job() { # number, name, folder, command: runs it with its output in a log, printed when it
	# ends, and leaves `ok` or `failed` in its status file
	local log="$work/log.$1" start=$SECONDS outcome=ok
	(cd "$3" && eval "$4") >"$log" 2>&1 || outcome=failed
	printf '== %s (%ss): %s\n%s\n' "$outcome" "$((SECONDS - start))" "$2" "$(cat "$log")"
	echo "$outcome" >"$work/status.$1"
}

jobs_total=$(wc -l <"$work/jobs")
echo "== tests: $jobs_total processes, three at a time"
number=0
while IFS=$'\t' read -r name folder command; do
	while [ "$(jobs -rp | wc -l)" -ge 3 ]; do sleep 1; done
	number=$((number + 1))
	run_job "$number" "$name" "$folder" "$command" &
done <"$work/jobs"
wait
passed=$(cat "$work"/status.* 2>/dev/null | grep -c '^ok$' || true)
if [ "$passed" -ne "$jobs_total" ]; then
	echo "== $((jobs_total - passed)) of $jobs_total test processes failed (see \"== failed\" above)"
	exit 1
fi
echo "== docker-compose: the four-hospital network in containers (scripts/compose-test.sh)"
MEDCHAIN_BIN="$(realpath "$target")/release" scripts/compose-test.sh
echo "== all tests passed"

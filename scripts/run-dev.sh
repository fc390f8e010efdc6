#!/usr/bin/env bash
# Run MedChain: build what is missing, then start a development chain on ws://127.0.0.1:9944 and
# the storage daemon (embedded IPFS node, Kubo RPC API on http://127.0.0.1:5001, pin agent, public
# gateway on http://127.0.0.1:8090), and publish that gateway as hospital 0's.
# Extra arguments go to medchain-node (for example --base-path to keep the chain between runs).
set -euo pipefail
cd "$(dirname "$0")/.."
bin="$(scripts/build.sh)"

storage_dir="${MEDCHAIN_STORAGE_DIR:-$PWD/.medchain/storage}"
mkdir -p "$storage_dir"
# The development swarm is private too: its own key, made on first run.
[ -s "$storage_dir/swarm.key" ] || "$bin/medchain-storage" swarm-key "$storage_dir/swarm.key" >/dev/null
# The gateway's service account (its key made on first use, before the daemon reads it).
service="$("$bin/medchain-storage" service-account --data-dir "$storage_dir")"
"$bin/medchain-node" --dev --rpc-cors all "$@" &
node_pid=$!
"$bin/medchain-storage" run --data-dir "$storage_dir" \
	--listen /ip4/127.0.0.1/tcp/4001 --node ws://127.0.0.1:9944 &
storage_pid=$!
trap 'kill -INT $node_pid $storage_pid 2>/dev/null; wait' INT TERM EXIT

# Hospital 0's admin (//Alice on the dev chain) publishes the daemon's gateway and service
# account, once the node answers (a restart with --base-path finds them published already).
for _ in $(seq 1 60); do
	if MEDCHAIN_KEY=//Alice "$bin/medchain" hospital set-services 0 \
		--url http://127.0.0.1:8090 --service-account "$service" >/dev/null 2>&1; then
		break
	fi
	sleep 2
done

cat <<INFO

MedChain development stack
  Node JSON-RPC / WebSocket:  ws://127.0.0.1:9944
  Polkadot.js apps:           https://polkadot.js.org/apps/?rpc=ws%3A%2F%2F127.0.0.1%3A9944#/explorer
  Storage (Kubo RPC API):     http://127.0.0.1:5001   data: $storage_dir
  Gateway of hospital 0:      http://127.0.0.1:8090   service account $service
                              (records go through it; medchain audit shows who read what)
  Storage admin token:        $storage_dir/api.token (Kubo RPC, for --ipfs)
  CLI:                        $bin/medchain --help
  Demo:                       scripts/demo.sh (in another terminal)
  Accounts:                   //Alice is validator, council member, sudo and admin of hospital 0
  Stop:                       Ctrl-C (the chain lives in a temporary directory unless --base-path
                              is given; the storage daemon's pin agent then starts over)

INFO
wait -n $node_pid $storage_pid

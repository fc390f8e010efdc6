#!/usr/bin/env bash
# A local MedChain consortium of four hospitals on this machine, on the `local` chain spec.
# Each hospital runs a validator node (its own node key, keystore and database under its base
# path) and a storage daemon (its own IPFS repo, in one private swarm with the others).
#
#   scripts/local-net.sh start [HOSPITAL...]   start all four (or the named ones) in the background
#   scripts/local-net.sh stop [HOSPITAL...]    stop all (or the named ones); their data stays
#   scripts/local-net.sh status                 per hospital: running or not, best and finalized block
#   scripts/local-net.sh purge                  stop everything and delete the network's data
#
# Hospitals: alice bob charlie dave. Hospital i (0-3) listens on 127.0.0.1 only:
#   node RPC 9944+i, P2P 30333+i, Prometheus 9615+i, storage API 5001+i, storage swarm 4001+i,
#   gateway 8090+i
# (MEDCHAIN_PORT_OFFSET shifts every port). Data: MEDCHAIN_LOCAL_DIR (default .medchain/local).
# Binaries: MEDCHAIN_BIN (a folder holding medchain-node and medchain-storage) or scripts/build.sh.
#
# The node keys are the public development keys 0x00…01 to 0x00…04 that the `local` preset
# authorizes as well-known nodes, and the session keys are //Alice … //Dave: a test network only.
set -euo pipefail
cd "$(dirname "$0")/.."

hospitals=(alice bob charlie dave)
offset="${MEDCHAIN_PORT_OFFSET:-0}"
data="$(realpath -m "${MEDCHAIN_LOCAL_DIR:-.medchain/local}")"

binaries() {
	if [ -n "${MEDCHAIN_BIN:-}" ]; then
		bin="$(realpath "$MEDCHAIN_BIN")"
		return
	fi
	bin="$(scripts/build.sh)"
}

index_of() {
	local i
	for i in "${!hospitals[@]}"; do
		[ "${hospitals[$i]}" = "$1" ] && { echo "$i"; return; }
	done
	echo "unknown hospital '$1' (one of: ${hospitals[*]})" >&2
	exit 1
}

rpc_port() { echo $((9944 + $1 + offset)); }
p2p_port() { echo $((30333 + $1 + offset)); }
api_port() { echo $((5001 + $1 + offset)); }
swarm_port() { echo $((4001 + $1 + offset)); }
gateway_port() { echo $((8090 + $1 + offset)); }

running() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

rpc() {
	curl -s --max-time 5 -H 'Content-Type: application/json' \
		-d "{\"id\":1,\"jsonrpc\":\"2.0\",\"method\":\"$2\",\"params\":[${3:-}]}" \
		"http://127.0.0.1:$(rpc_port "$1")"
}

block_number() {
	local header
	header="$(rpc "$1" chain_getHeader "${2:-}")" || return 1
	printf '%d' "$(sed -n 's/.*"number":"\(0x[0-9a-f]*\)".*/\1/p' <<<"$header")"
}

# The node key file of hospital i (the development key i+1) and its peer id.
node_key() {
	local dir="$data/${hospitals[$1]}"
	mkdir -p "$dir"
	printf '%064x' $(($1 + 1)) >"$dir/node-key"
	echo "$dir/node-key"
}

peer_id() { "$bin/medchain-node" key inspect-node-key --file "$(node_key "$1")" 2>/dev/null; }

start_node() {
	local i="$1" name="${hospitals[$1]}" dir="$data/${hospitals[$1]}"
	node_key "$i" >/dev/null
	local bootnodes=() j
	for j in "${!hospitals[@]}"; do
		[ "$j" = "$i" ] && continue
		bootnodes+=(--bootnodes "/ip4/127.0.0.1/tcp/$(p2p_port "$j")/p2p/$(peer_id "$j")")
	done
	MEDCHAIN_NODE_BIN="$bin/medchain-node" MEDCHAIN_SESSION_SURI="//${name^}" \
		nohup scripts/hospital-node.sh "$dir" local --validator --name "$name" \
		--listen-addr "/ip4/127.0.0.1/tcp/$(p2p_port "$i")" --rpc-port "$(rpc_port "$i")" \
		--prometheus-port $((9615 + i + offset)) --no-mdns --no-telemetry \
		"${bootnodes[@]}" >>"$dir/node.log" 2>&1 &
	echo $! >"$dir/node.pid"
}

start_storage() {
	local i="$1" dir="$data/${hospitals[$1]}" peers=() j
	[ -s "$data/swarm.key" ] || "$bin/medchain-storage" swarm-key "$data/swarm.key" >/dev/null
	# Peer ids come from the other daemons' identities (made on first use), not from their APIs.
	for j in "${!hospitals[@]}"; do
		[ "$j" = "$i" ] && continue
		peers+=("/ip4/127.0.0.1/tcp/$(swarm_port "$j")/p2p/$("$bin/medchain-storage" peer-id \
			--data-dir "$data/${hospitals[$j]}/storage")")
	done
	MEDCHAIN_STORAGE_BIN="$bin/medchain-storage" \
		MEDCHAIN_STORAGE_GATEWAY="127.0.0.1:$(gateway_port "$i")" nohup scripts/hospital-storage.sh \
		"$dir/storage" "$data/swarm.key" "ws://127.0.0.1:$(rpc_port "$i")" \
		"127.0.0.1:$(api_port "$i")" "/ip4/127.0.0.1/tcp/$(swarm_port "$i")" "${peers[@]}" \
		>>"$dir/storage.log" 2>&1 &
	echo $! >"$dir/storage.pid"
}

wait_answers() {
	local i="$1" what="$2" port="$3" n
	for n in $(seq 1 120); do
		if curl -s --max-time 2 -o /dev/null "http://127.0.0.1:$port"; then return 0; fi
		sleep 0.5
	done
	echo "${hospitals[$i]}: $what did not answer on port $port; see $data/${hospitals[$i]}/" >&2
	exit 1
}

start() {
	binaries
	local name i
	for name in "$@"; do
		i="$(index_of "$name")"
		if running "$data/$name/node.pid"; then
			echo "$name: node already running"
		else
			start_node "$i"
			wait_answers "$i" "node RPC" "$(rpc_port "$i")"
			echo "$name: node up, RPC ws://127.0.0.1:$(rpc_port "$i")"
		fi
	done
	for name in "$@"; do
		i="$(index_of "$name")"
		running "$data/$name/storage.pid" && continue
		start_storage "$i"
		wait_answers "$i" "storage API" "$(api_port "$i")"
		echo "$name: storage up, API http://127.0.0.1:$(api_port "$i")"
	done
}

stop_process() {
	local pidfile="$1" pid n
	running "$pidfile" || { rm -f "$pidfile"; return 0; }
	pid="$(cat "$pidfile")"
	kill -INT "$pid"
	for n in $(seq 1 60); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.5
	done
	kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
	rm -f "$pidfile"
}

stop() {
	local name
	for name in "$@"; do
		index_of "$name" >/dev/null
		stop_process "$data/$name/storage.pid"
		stop_process "$data/$name/node.pid"
		echo "$name: stopped (data kept in $data/$name)"
	done
}

status() {
	local i name best finalized
	for i in "${!hospitals[@]}"; do
		name="${hospitals[$i]}"
		if running "$data/$name/node.pid"; then
			best="$(block_number "$i")" || best="?"
			finalized="$(block_number "$i" "\"$(rpc "$i" chain_getFinalizedHead |
				sed -n 's/.*"result":"\(0x[0-9a-f]*\)".*/\1/p')\"")" || finalized="?"
			echo "$name: running, best #$best, finalized #$finalized, RPC ws://127.0.0.1:$(rpc_port "$i")"
		else
			echo "$name: stopped"
		fi
	done
}

command="${1:-}"
shift || true
[ $# -gt 0 ] || set -- "${hospitals[@]}"
case "$command" in
start) start "$@" ;;
stop) stop "$@" ;;
status) status ;;
purge)
	stop "${hospitals[@]}"
	rm -rf "$data"
	echo "deleted $data"
	;;
*)
	sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'
	exit 1
	;;
esac

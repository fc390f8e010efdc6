#!/usr/bin/env bash
# Start one hospital's storage daemon in the consortium's private IPFS swarm, dialing the other
# hospitals' daemons that are already up.
#
#   scripts/hospital-storage.sh DATA_DIR SWARM_KEY NODE_URL API_ADDR LISTEN [PEER...]
#
# DATA_DIR is the daemon's repository, SWARM_KEY the consortium's swarm.key (created there if
# missing), NODE_URL the hospital's node that the pin agent follows, API_ADDR where the Kubo RPC
# API listens, LISTEN the swarm multiaddr. Each PEER is `API_URL=SWARM_MULTIADDR` of another
# hospital's daemon; its peer id is asked from its API, and one that does not answer is left out.
# MEDCHAIN_STORAGE_BIN names the binary (default: medchain-storage on the PATH). Used by
# scripts/local-net.sh and by the container image of docker-compose.yml.
set -euo pipefail
data="$1" swarm_key="$2" node_url="$3" api="$4" listen="$5"
shift 5
storage="${MEDCHAIN_STORAGE_BIN:-medchain-storage}"

[ -s "$swarm_key" ] || "$storage" swarm-key "$swarm_key" >/dev/null
peers=()
for peer in "$@"; do
	id="$(curl -s --max-time 5 -X POST "${peer%%=*}/api/v0/id" | sed -n 's/.*"ID":"\([^"]*\)".*/\1/p')" || true
	[ -n "$id" ] && peers+=(--peer "${peer#*=}/p2p/$id")
done
echo "storage peers: ${#peers[@]} of $#" >&2
exec "$storage" run --data-dir "$data" --swarm-key "$swarm_key" --node "$node_url" \
	--api "$api" --listen "$listen" "${peers[@]}"

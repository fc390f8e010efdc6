#!/usr/bin/env bash
# Start one hospital's storage daemon in the consortium's private IPFS swarm.
#
#   scripts/hospital-storage.sh DATA_DIR SWARM_KEY NODE_URL API_ADDR LISTEN [PEER...]
#
# DATA_DIR is the daemon's repository, SWARM_KEY the consortium's swarm.key (made once by one
# hospital with `medchain-storage swarm-key FILE` and copied to every other one over a secure
# channel; the daemon does not start without it), NODE_URL the hospital's node that the pin agent
# follows, API_ADDR where the Kubo RPC API listens (keep it on loopback), LISTEN the swarm
# multiaddr. Each PEER is another hospital's swarm multiaddr ending in /p2p/<peer id>; a hospital
# learns its own peer id with `medchain-storage peer-id --data-dir DATA_DIR` and sends it to the
# others out of band. Nobody calls another hospital's API.
#
# With MEDCHAIN_STORAGE_PEERS_DIR set (a folder the hospitals share, as the containers of
# docker-compose.yml do), the daemon also writes its own address there
# (MEDCHAIN_STORAGE_ANNOUNCE/p2p/<peer id>) and dials every address the others wrote.
# MEDCHAIN_STORAGE_BIN names the binary (default: medchain-storage on the PATH). Used by
# scripts/local-net.sh and by the container image of docker-compose.yml.
set -euo pipefail
data="$1" swarm_key="$2" node_url="$3" api="$4" listen="$5"
shift 5
storage="${MEDCHAIN_STORAGE_BIN:-medchain-storage}"

if [ ! -s "$swarm_key" ]; then
	echo "no swarm key at $swarm_key: copy the consortium's swarm.key there" >&2
	exit 1
fi
id="$("$storage" peer-id --data-dir "$data")"
peers=()
for peer in "$@"; do peers+=(--peer "$peer"); done
if [ -n "${MEDCHAIN_STORAGE_PEERS_DIR:-}" ]; then
	mkdir -p "$MEDCHAIN_STORAGE_PEERS_DIR"
	if [ -n "${MEDCHAIN_STORAGE_ANNOUNCE:-}" ]; then
		echo "$MEDCHAIN_STORAGE_ANNOUNCE/p2p/$id" >"$MEDCHAIN_STORAGE_PEERS_DIR/$id"
	fi
	for file in "$MEDCHAIN_STORAGE_PEERS_DIR"/*; do
		[ -f "$file" ] && [ "$(basename "$file")" != "$id" ] && peers+=(--peer "$(cat "$file")")
	done
fi
echo "storage $id, peers: $((${#peers[@]} / 2))" >&2
exec "$storage" run --data-dir "$data" --swarm-key "$swarm_key" --node "$node_url" \
	--api "$api" --listen "$listen" "${peers[@]}"

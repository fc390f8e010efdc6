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
# (MEDCHAIN_STORAGE_ANNOUNCE/p2p/<peer id>, which may be /dns4/<name>/…) and dials every address
# the others wrote, resolving /dns4 names when it starts.
# MEDCHAIN_STORAGE_GATEWAY is where the public gateway listens (default 127.0.0.1:8090; put a
# TLS reverse proxy in front of it and publish its URL with medchain hospital set-services).
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
		# Written whole, then renamed: another daemon never reads half an address.
		echo "$MEDCHAIN_STORAGE_ANNOUNCE/p2p/$id" >"$MEDCHAIN_STORAGE_PEERS_DIR/.$id.new"
		mv "$MEDCHAIN_STORAGE_PEERS_DIR/.$id.new" "$MEDCHAIN_STORAGE_PEERS_DIR/$id"
	fi
	for file in "$MEDCHAIN_STORAGE_PEERS_DIR"/*; do
		[ -f "$file" ] && [ "$(basename "$file")" != "$id" ] || continue
		peer="$(cat "$file")"
		# The daemon dials IP addresses only: resolve a /dns4/<name>/ address now (a container's
		# address changes when it is recreated, its name does not).
		if [[ "$peer" =~ ^/dns4/([^/]+)(/.*)$ ]]; then
			ip="$(getent ahostsv4 "${BASH_REMATCH[1]}" | awk 'NR == 1 { print $1 }' || true)"
			[ -n "$ip" ] || { echo "peer ${BASH_REMATCH[1]} does not resolve; skipped" >&2; continue; }
			peer="/ip4/$ip${BASH_REMATCH[2]}"
		fi
		peers+=(--peer "$peer")
	done
fi
echo "storage $id, peers: $((${#peers[@]} / 2))" >&2
exec "$storage" run --data-dir "$data" --swarm-key "$swarm_key" --node "$node_url" \
	--api "$api" --listen "$listen" --gateway "${MEDCHAIN_STORAGE_GATEWAY:-127.0.0.1:8090}" \
	"${peers[@]}"

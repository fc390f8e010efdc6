#!/usr/bin/env bash
# Start one hospital's MedChain node from its base path, preparing what a first start needs:
#   - the node key file <base>/node-key: MEDCHAIN_NODE_KEY (hex) if given, else kept if it
#     exists, else generated (the peer id to authorize is printed);
#   - session keys: MEDCHAIN_SESSION_SURI (a test network's //Name) inserted into an empty
#     keystore; without it a validator makes its keys with `medchain validator set-keys`.
# Then runs `medchain-node --chain <chain> --base-path <base> --node-key-file <base>/node-key`
# with the remaining arguments.
#
#   scripts/hospital-node.sh BASE_PATH CHAIN [medchain-node arguments...]
#
# MEDCHAIN_NODE_BIN names the node binary (default: medchain-node on the PATH). Used by
# scripts/local-net.sh and by the container image of docker-compose.yml.
set -euo pipefail
base="$1"
chain="$2"
shift 2
node="${MEDCHAIN_NODE_BIN:-medchain-node}"
mkdir -p "$base"

key="$base/node-key"
umask 077
if [ -n "${MEDCHAIN_NODE_KEY:-}" ]; then
	printf '%s' "$MEDCHAIN_NODE_KEY" >"$key"
elif [ ! -s "$key" ]; then
	"$node" key generate-node-key --file "$key"
fi
echo "node identity: $("$node" key inspect-node-key --file "$key")" >&2

if [ -n "${MEDCHAIN_SESSION_SURI:-}" ]; then
	if ! compgen -G "$base/chains/*/keystore/*" >/dev/null; then
		# From a file, not the command line (which `ps` shows to everyone on the host).
		suri="$base/.session-suri"
		printf '%s' "$MEDCHAIN_SESSION_SURI" >"$suri"
		"$node" key insert --chain "$chain" --base-path "$base" \
			--scheme sr25519 --suri "$suri" --key-type aura
		"$node" key insert --chain "$chain" --base-path "$base" \
			--scheme ed25519 --suri "$suri" --key-type gran
		rm "$suri"
	fi
fi
unset MEDCHAIN_NODE_KEY MEDCHAIN_SESSION_SURI

exec "$node" --chain "$chain" --base-path "$base" --node-key-file "$key" "$@"

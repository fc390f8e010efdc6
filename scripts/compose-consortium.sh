#!/usr/bin/env bash
# Make the four-hospital consortium that docker-compose.yml runs, with keys of its own (nothing
# from the development keyring): for each hospital (alice bob charlie dave, the compose services)
# a secret phrase whose sr25519 account is its admin, council seat and validator and whose sr25519
# and ed25519 keys are its Aura and GRANDPA session keys, and a node key; then the founders' file
# consortium.toml and the raw chain spec `medchain-node consortium init` makes from it.
#
#   scripts/compose-consortium.sh [DIR]     DIR defaults to .medchain/compose
#
# Writes DIR/consortium.toml, DIR/chain-spec.json and DIR/<hospital>.env (MEDCHAIN_NODE_KEY,
# MEDCHAIN_SESSION_SURI: the hospital's secrets, mode 600; the containers read them from there).
# A DIR that already holds a chain spec is kept as it is: delete it to start a new consortium.
# MEDCHAIN_BIN names a folder holding medchain-node (default: scripts/build.sh builds it).
set -euo pipefail
cd "$(dirname "$0")/.."
dir="$(realpath -m "${1:-.medchain/compose}")"
if [ -s "$dir/chain-spec.json" ]; then
	echo "$dir holds a consortium already" >&2
	exit 0
fi
command -v jq >/dev/null || apt-get install -y -qq jq >/dev/null
node="$(realpath "${MEDCHAIN_BIN:-$(scripts/build.sh)}")/medchain-node"
mkdir -p "$dir"
chmod 700 "$dir"

hospitals=(alice bob charlie dave)
names=("Alice General Hospital" "Bob Community Hospital" "Charlie University Clinic" "Dave Children's Hospital")
{
	echo 'name = "MedChain Compose Consortium"'
	echo 'id = "medchain_compose"'
	echo 'session_minutes = 1'
	echo 'governance_delay_minutes = 1'
} >"$dir/consortium.toml"
council=()
for i in "${!hospitals[@]}"; do
	h="${hospitals[$i]}"
	account="$("$node" key generate --scheme sr25519 --output-type json)"
	phrase="$(jq -r .secretPhrase <<<"$account")"
	address="$(jq -r .ss58Address <<<"$account")"
	# `key inspect` reads the phrase from a file, keeping it off the command line.
	(umask 077 && printf '%s' "$phrase" >"$dir/$h.phrase")
	grandpa="$("$node" key inspect --scheme ed25519 --output-type json "$dir/$h.phrase" | jq -r .ss58PublicKey)"
	rm "$dir/$h.phrase"
	"$node" key generate-node-key --file "$dir/$h.node-key" 2>/dev/null
	peer="$("$node" key inspect-node-key --file "$dir/$h.node-key")"
	council+=("\"$address\"")
	(
		umask 077
		printf 'MEDCHAIN_NODE_KEY=%s\nMEDCHAIN_SESSION_SURI=%s\n' "$(cat "$dir/$h.node-key")" "$phrase" >"$dir/$h.env"
	)
	rm "$dir/$h.node-key"
	cat >>"$dir/consortium.toml" <<-TOML

		[[hospital]]
		name = "${names[$i]}"
		admins = ["$address"]

		[[validator]]
		account = "$address"
		aura = "$address"
		grandpa = "$grandpa"

		[[node]]
		peer_id = "$peer"
		owner = "$address"
		address = "/dns/$h/tcp/30333"
	TOML
done
sed -i "4a council = [$(IFS=,; echo "${council[*]}")]" "$dir/consortium.toml"
"$node" consortium init --config "$dir/consortium.toml" --output "$dir/chain-spec.json"
chmod 644 "$dir/chain-spec.json" "$dir/consortium.toml"
echo "consortium of ${#hospitals[@]} hospitals in $dir" >&2

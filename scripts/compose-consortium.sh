#!/usr/bin/env bash
# Make the four-hospital consortium that docker-compose.yml runs, with keys of its own (nothing
# from the development keyring). For each hospital (alice bob charlie dave, the compose services):
#   - an account phrase: its admin, council seat and validator account (kept out of the
#     containers: <hospital>.account);
#   - a session phrase, whose sr25519 and ed25519 keys are its Aura and GRANDPA session keys, and
#     a node key: what its node container gets (<hospital>.env: MEDCHAIN_SESSION_SURI,
#     MEDCHAIN_NODE_KEY);
# then the founders' file consortium.toml and the raw chain spec chain-spec.json that
# `medchain-node consortium init` makes from it.
#
#   scripts/compose-consortium.sh [DIR]     DIR defaults to .medchain/compose
#
# The secrets files are mode 600. A DIR that already holds a chain spec is kept as it is: to start
# a new consortium, delete DIR and the old one's volumes (`docker-compose down -v`), since a
# node's volume keeps its keystore and its chain. MEDCHAIN_BIN names a folder holding
# medchain-node (default: scripts/build.sh builds it).
set -euo pipefail
cd "$(dirname "$0")/.."
dir="$(realpath -m "${1:-.medchain/compose}")"
if [ -s "$dir/chain-spec.json" ]; then
	echo "$dir holds a consortium already" >&2
	exit 0
fi
if ! command -v jq >/dev/null; then
	apt-get update -qq && apt-get install -y -qq jq >/dev/null
fi
node="$(realpath "${MEDCHAIN_BIN:-$(scripts/build.sh)}")/medchain-node"
if [ ! -d "$dir" ]; then
	mkdir -p "$dir"
	chmod 700 "$dir"
fi
umask 077
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

# new_key SCHEME: a new key pair, as JSON.
new_key() { "$node" key generate --scheme "$1" --output-type json; }

hospitals=(alice bob charlie dave)
names=("Alice General Hospital" "Bob Community Hospital" "Charlie University Clinic" "Dave Children's Hospital")
council=()
blocks=""
for i in "${!hospitals[@]}"; do
	h="${hospitals[$i]}"
	address="$(new_key sr25519 | tee "$scratch/account.json" | jq -r .ss58Address)"
	jq -r .secretPhrase "$scratch/account.json" >"$dir/$h.account"
	session="$(new_key sr25519)"
	aura="$(jq -r .ss58Address <<<"$session")"
	# `key inspect` reads the phrase from a file, keeping it off the command line.
	jq -r .secretPhrase <<<"$session" >"$scratch/session"
	grandpa="$("$node" key inspect --scheme ed25519 --output-type json "$scratch/session" | jq -r .ss58PublicKey)"
	"$node" key generate-node-key --file "$scratch/node-key" 2>"$scratch/peer"
	peer="$("$node" key inspect-node-key --file "$scratch/node-key")"
	printf 'MEDCHAIN_NODE_KEY=%s\nMEDCHAIN_SESSION_SURI=%s\n' \
		"$(cat "$scratch/node-key")" "$(cat "$scratch/session")" >"$dir/$h.env"
	council+=("\"$address\"")
	blocks+="
[[hospital]]
name = \"${names[$i]}\"
admins = [\"$address\"]

[[validator]]
account = \"$address\"
aura = \"$aura\"
grandpa = \"$grandpa\"

[[node]]
peer_id = \"$peer\"
owner = \"$address\"
address = \"/dns/$h/tcp/30333\"
"
done
{
	echo 'name = "MedChain Compose Consortium"'
	echo 'id = "medchain_compose"'
	echo 'session_minutes = 1'
	echo 'governance_delay_minutes = 1'
	echo "council = [$(IFS=,; echo "${council[*]}")]"
	printf '%s' "$blocks"
} >"$dir/consortium.toml"
"$node" consortium init --config "$dir/consortium.toml" --output "$dir/chain-spec.json"
chmod 644 "$dir/chain-spec.json" "$dir/consortium.toml"
echo "consortium of ${#hospitals[@]} hospitals in $dir" >&2

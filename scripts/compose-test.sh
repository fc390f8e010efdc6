#!/usr/bin/env bash
# The docker-compose test: the four-hospital network of docker-compose.yml, on a consortium made
# from the template with keys of its own, in containers of the image scripts/image.sh builds.
#
#   scripts/compose-test.sh
#
# Checks, in order: blocks are produced and finalized; a record added through Alice's published
# RPC (the upload through Alice's storage daemon, inside her container) is readable,
# byte-identical, on every hospital's node through its own storage daemon; with one validator
# stopped finality continues; `down` keeps the volumes and `up` resumes from them (same chain,
# same record). The containers talk only on the network Compose makes for this project; the host
# publishes one loopback port (Alice's RPC). Everything is removed at the end.
#
# Installs and starts what it needs: Docker's engine and Compose (Debian's docker.io and
# docker-compose), debootstrap, jq and curl; builds the binaries (scripts/build.sh) unless
# MEDCHAIN_BIN names their folder. Needs root.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '[compose-test %4ds] %s\n' "$SECONDS" "$*" >&2; }
fail() { log "FAILED: $*"; exit 1; }

need=()
command -v jq >/dev/null || need+=(jq)
command -v curl >/dev/null || need+=(curl)
command -v dockerd >/dev/null || need+=(docker.io)
command -v docker-compose >/dev/null || need+=(docker-compose)
command -v debootstrap >/dev/null || need+=(debootstrap)
if [ ${#need[@]} -gt 0 ]; then
	log "installing ${need[*]}"
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
if ! docker info >/dev/null 2>&1; then
	log "starting the Docker engine"
	(dockerd >/var/log/dockerd.log 2>&1 &)
	for _ in $(seq 60); do docker info >/dev/null 2>&1 && break; sleep 1; done
	docker info >/dev/null 2>&1 || fail "the Docker engine did not start (see /var/log/dockerd.log)"
fi
if docker compose version >/dev/null 2>&1; then compose=(docker compose); else compose=(docker-compose); fi

bin="$(realpath "${MEDCHAIN_BIN:-$(scripts/build.sh)}")"
export MEDCHAIN_BIN="$bin"
image_started=$SECONDS
scripts/image.sh medchain:local
image_seconds=$((SECONDS - image_started))

work="$(mktemp -d)"
project="medchain-test-$$"
export MEDCHAIN_COMPOSE_DIR="$work/consortium"
export MEDCHAIN_COMPOSE_RPC_PORT="$((20000 + $$ % 20000))"
dc() { "${compose[@]}" -p "$project" -f docker-compose.yml "$@"; }
cleanup() {
	dc down -v --remove-orphans >/dev/null 2>&1 || true
	rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

scripts/compose-consortium.sh "$MEDCHAIN_COMPOSE_DIR"

rpc() {
	curl -sf --max-time 5 -H 'Content-Type: application/json' \
		-d "{\"id\":1,\"jsonrpc\":\"2.0\",\"method\":\"$1\",\"params\":[${2:-}]}" \
		"http://127.0.0.1:$MEDCHAIN_COMPOSE_RPC_PORT"
}
best() { rpc chain_getHeader | jq -r '.result.number' | xargs printf '%d\n'; }
finalized() {
	local hash
	hash="$(rpc chain_getFinalizedHead | jq -r .result)"
	rpc chain_getHeader "\"$hash\"" | jq -r '.result.number' | xargs printf '%d\n'
}
# wait_for SECONDS WHAT COMMAND...: until COMMAND succeeds.
wait_for() {
	local timeout="$1" what="$2" start=$SECONDS
	shift 2
	until "$@" 2>/dev/null; do
		[ $((SECONDS - start)) -lt "$timeout" ] || { dc logs --tail 20 >&2 || true; fail "$what within ${timeout}s"; }
		sleep 2
	done
	log "$what ($((SECONDS - start)) s)"
}
finalized_past() { [ "$(finalized)" -ge "$1" ]; }

compose_started=$SECONDS
dc up -d
wait_for 180 "blocks produced and finalized" finalized_past 3

# Accounts: the admin of Alice's hospital (id 0) is the account the consortium generated.
as() { local who="$1"; shift; MEDCHAIN_KEY="$who" "$bin/medchain" --json --node "ws://127.0.0.1:$MEDCHAIN_COMPOSE_RPC_PORT" "$@"; }
new_account() { "$bin/medchain" --json key generate | jq -r .phrase; }
address() { MEDCHAIN_KEY="$1" "$bin/medchain" --json key show | jq -r .address; }
admin="$(cat "$MEDCHAIN_COMPOSE_DIR/alice.account")"
doctor="$(new_account)"
staff="$(new_account)"
patient="$(new_account)"
as "$admin" role assign --hospital 0 --role doctor "$(address "$doctor")" >/dev/null
as "$admin" role assign --hospital 0 --role staff "$(address "$staff")" >/dev/null
as "$staff" patient register --hospital 0 "$(address "$patient")" >/dev/null
as "$doctor" key publish >/dev/null
as "$patient" key publish >/dev/null
as "$patient" consent grant "$(address "$doctor")" --categories 1 >/dev/null
log "doctor, staff and patient registered through Alice's published RPC; consent granted"

# The record: uploaded through Alice's storage daemon (in her container's network namespace).
in_container() {
	local service="$1" who="$2"
	shift 2
	# The key travels in the environment (`-e NAME` copies it), not on a command line.
	# Through each daemon's admin API (--ipfs): this network publishes no gateways.
	MEDCHAIN_KEY="$who" docker exec -i -e MEDCHAIN_KEY -e MEDCHAIN_IPFS_URL=http://127.0.0.1:5001 \
		-e MEDCHAIN_IPFS_TOKEN_FILE=/storage/api.token \
		"$(dc ps -q "$service")" medchain --json --node ws://127.0.0.1:9944 "$@"
}
head -c 1000000 /dev/urandom >"$work/record.bin"
docker cp "$work/record.bin" "$(dc ps -q alice):/tmp/record.bin"
added="$(in_container alice "$doctor" record add --patient "$(address "$patient")" --category 1 --file /tmp/record.bin)"
record="$(jq -r .record <<<"$added")"
[ "$record" != null ] || fail "record add: $added"
log "record $record added through Alice's node: $(jq -c . <<<"$added")"

# read_back SERVICE: the patient reads the record through SERVICE's node and storage daemon.
read_back() {
	in_container "$1" "$patient" record get "$record" --output /tmp/read.bin >/dev/null &&
		docker cp "$(dc ps -q "$1"):/tmp/read.bin" "$work/$1.bin" &&
		cmp -s "$work/record.bin" "$work/$1.bin"
}
for h in alice bob charlie dave; do
	wait_for 120 "record read back byte-identical on $h's node and storage" read_back "$h"
done

# One validator down: the other three finalize on.
dc stop dave >/dev/null
stopped_at="$(finalized)"
wait_for 120 "finality continues with dave stopped (past #$((stopped_at + 3)))" finalized_past $((stopped_at + 3))

# down keeps the volumes; up resumes from them: the same finalized block, the same record.
hash_at() { rpc chain_getBlockHash "$1" | jq -r .result; }
before="$(finalized)"
before_hash="$(hash_at "$before")"
dc down
volumes="$(docker volume ls -q --filter "name=${project}_" | wc -l)"
[ "$volumes" -eq 9 ] || fail "after down: $volumes volumes of $project, 9 expected"
log "down: $volumes volumes kept"
dc up -d
resumed() { [ "$(best)" -ge "$before" ]; }
wait_for 120 "up: the chain resumed from the volumes (best ≥ #$before)" resumed
[ "$(hash_at "$before")" = "$before_hash" ] || fail "block #$before changed after up"
again="$(finalized)"
wait_for 120 "finality after up (past #$((again + 2)))" finalized_past $((again + 2))
shown="$(as "$patient" record show "$record")"
[ "$(jq -r .cid <<<"$shown")" = "$(jq -r .cid <<<"$added")" ] || fail "record after up: $shown"
wait_for 120 "record $record still on chain and read back byte-identical on bob's storage after up" read_back bob

log "passed: image ${image_seconds}s, compose run $((SECONDS - compose_started))s"

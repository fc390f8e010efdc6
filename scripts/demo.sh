#!/usr/bin/env bash
# Play the founding paper's scenario against the running development stack (scripts/run-dev.sh
# in another terminal), printing what happens at each step. Every run uses fresh accounts.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v jq >/dev/null || { echo "installing jq"; sudo apt-get install -y -qq jq >/dev/null 2>&1 || apt-get install -y -qq jq >/dev/null; }

target="$(realpath -m "${CARGO_TARGET_DIR:-target}")"
medchain="$target/release/medchain"
[ -x "$medchain" ] || { echo "build first: scripts/run-dev.sh" >&2; exit 1; }
# Records go through the gateway of hospital 0, which scripts/run-dev.sh publishes.
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
say() { printf '   %s\n' "$*"; }
# Secrets go through the environment, never on the command line (where `ps` shows them).
as() { local who="$1"; shift; MEDCHAIN_KEY="$who" "$medchain" --json "$@"; }
new_account() { "$medchain" --json key generate | jq -r .phrase; }
address() { as "$1" key show | jq -r .address; }

step "New accounts for this run"
admin="$(new_account)"; doctor="$(new_account)"; other="$(new_account)"
staff="$(new_account)"; patient="$(new_account)"
for who in admin doctor other staff patient; do
	declare "${who}_addr=$(address "${!who}")"
	say "$who: $(address "${!who}")"
done

step "The council (//Alice on the dev chain) registers a hospital"
hospital="$(as //Alice hospital register --name "Demo Hospital $$" --admin "$admin_addr" | jq -r .hospital)"
say "hospital $hospital, admin $admin_addr"

step "Its admin registers two doctors and a staff member; staff registers the patient"
as "$admin" role assign --hospital "$hospital" --role doctor "$doctor_addr" >/dev/null
as "$admin" role assign --hospital "$hospital" --role doctor "$other_addr" >/dev/null
as "$admin" role assign --hospital "$hospital" --role staff "$staff_addr" >/dev/null
as "$staff" patient register --hospital "$hospital" "$patient_addr" >/dev/null
say "doctor, second doctor, staff and patient registered"

step "Everyone publishes an X25519 encryption key"
for who in doctor other patient; do as "${!who}" key publish >/dev/null & done; wait
say "published"

step "The patient grants the doctor category 1 (one constant-size item: the scope key)"
as "$patient" consent grant "$doctor_addr" --categories 1 | jq -c .

step "The doctor encrypts a 5 MB record, stores it on IPFS and adds its CID on chain"
head -c 5242880 /dev/urandom > "$work/scan.bin"
added="$(as "$doctor" record add --patient "$patient_addr" --category 1 --file "$work/scan.bin")"
record="$(jq -r .record <<<"$added")"; cid="$(jq -r .cid <<<"$added")"
say "record $record, CID $cid"

step "Patient and doctor fetch, verify and decrypt it"
as "$patient" record get "$record" --output "$work/patient.bin" | jq -c .
as "$doctor" record get "$record" --patient "$patient_addr" --output "$work/doctor.bin" | jq -c .
cmp "$work/scan.bin" "$work/patient.bin" && cmp "$work/scan.bin" "$work/doctor.bin" && say "both byte-identical"

step "A second doctor without consent is refused"
as "$other" record get "$record" --patient "$patient_addr" --output "$work/other.bin" || true

step "Update, way 1: the patient co-signs the new CID, the doctor submits it"
head -c 100000 /dev/urandom > "$work/v2.bin"
v2="$(as "$doctor" record upload --patient "$patient_addr" --category 1 --file "$work/v2.bin" | jq -r .cid)"
token="$(as "$patient" record cosign "$record" --doctor "$doctor_addr" --cid "$v2" | jq -r .cosignature)"
say "co-signature: ${token:0:40}…"
as "$doctor" record submit --cosignature "$token" | jq -c .

step "Update, way 2: the doctor proposes, the patient approves"
head -c 100000 /dev/urandom > "$work/v3.bin"
as "$doctor" record update "$record" --patient "$patient_addr" --file "$work/v3.bin" | jq -c .
as "$patient" record approve "$record" | jq -c .
as "$patient" record history "$record" | jq -c '{version, cid, history}'

step "The patient revokes the doctor (keys rotate) and consents to the second doctor"
as "$patient" consent revoke "$doctor_addr" | jq -c .
as "$patient" consent grant "$other_addr" --categories 1 | jq -c .
head -c 50000 /dev/urandom > "$work/later.bin"
later="$(as "$other" record add --patient "$patient_addr" --category 1 --file "$work/later.bin" | jq -r .record)"
say "second doctor added record $later"
as "$doctor" record get "$later" --patient "$patient_addr" --output "$work/x.bin" || say "(the revoked doctor cannot read it)"
as "$patient" record get "$later" --output "$work/later-out.bin" | jq -c .

step "Who read the patient's records: every gateway's read log, checked against its anchor"
sleep 40 # the gateway anchors its log every 30 seconds
as "$patient" audit | jq -c '.entries[] | {hospital, reader, record, outcome, anchored}'

step "Deletion needs both: the second doctor proposes, the patient approves"
as "$other" record delete "$later" --patient "$patient_addr" | jq -c .
as "$patient" record approve "$later" | jq -c .
as "$patient" record show "$later" | jq -c '{id, status}'
say "the storage daemon's pin agent unpins the CID once the block is finalized"

step "Done"

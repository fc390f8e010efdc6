#!/usr/bin/env bash
# Install what building and testing MedChain needs. Safe to run again: every step checks first.
#   scripts/setup.sh          build prerequisites (apt packages, Rust wasm target, rust-src)
#   scripts/setup.sh --js     also the npm packages of the Polkadot.js compatibility test
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

as_root() {
	if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
		echo "need root for: $*" >&2; exit 1
	fi
}

# Debian/Ubuntu packages: protoc (libp2p), clang and pkg-config for -sys crates, curl, git.
need_apt=()
command -v protoc >/dev/null || need_apt+=(protobuf-compiler)
command -v clang >/dev/null || need_apt+=(clang)
command -v pkg-config >/dev/null || need_apt+=(pkg-config)
command -v git >/dev/null || need_apt+=(git)
command -v curl >/dev/null || need_apt+=(curl)
command -v cc >/dev/null || need_apt+=(build-essential)
if [ ${#need_apt[@]} -gt 0 ]; then
	say "installing ${need_apt[*]}"
	as_root apt-get update -qq
	DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

command -v cargo >/dev/null || { echo "Rust (rustup, cargo) is required: https://rustup.rs" >&2; exit 1; }
if ! rustup target list --installed | grep -q '^wasm32-unknown-unknown$'; then
	say "adding the wasm32-unknown-unknown target"
	rustup target add wasm32-unknown-unknown
fi
if ! rustup component list --installed | grep -q '^rust-src'; then
	say "adding rust-src"
	rustup component add rust-src
fi

if [ "${1:-}" = "--js" ]; then
	command -v npm >/dev/null || {
		say "installing nodejs and npm"
		as_root apt-get update -qq
		DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq nodejs npm >/dev/null
	}
	if [ ! -d tests/polkadot-js/node_modules/@polkadot/api ]; then
		say "installing the npm packages of tests/polkadot-js"
		(cd tests/polkadot-js && npm ci --no-audit --no-fund --loglevel=error)
	fi
fi

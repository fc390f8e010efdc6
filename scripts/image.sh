#!/usr/bin/env bash
# Build the MedChain container image from Debian packages alone, without an image registry: a
# Debian bookworm base made with debootstrap and `docker import` (once; kept as
# medchain-base:bookworm), then the binaries that scripts/build.sh made (medchain-node,
# medchain-storage, medchain) and the hospital scripts copied in, as user medchain (uid 1000).
# The image is the one the `Dockerfile` builds from source where a registry is reachable.
#
#   scripts/image.sh [IMAGE]        IMAGE defaults to medchain:local (what docker-compose.yml runs)
#
# MEDCHAIN_BIN names a folder holding the binaries (default: scripts/build.sh builds them);
# MEDCHAIN_DEBIAN_MIRROR the Debian mirror (default: deb.debian.org). Needs a running Docker
# engine and root (debootstrap, chroot); installs debootstrap if missing.
set -euo pipefail
cd "$(dirname "$0")/.."
image="${1:-medchain:local}"
base="medchain-base:bookworm"
bin="$(realpath "${MEDCHAIN_BIN:-$(scripts/build.sh)}")"

started=$SECONDS
if ! docker image inspect "$base" >/dev/null 2>&1; then
	if ! command -v debootstrap >/dev/null; then
		apt-get update -qq && apt-get install -y -qq --no-install-recommends debootstrap >/dev/null
	fi
	root="$(mktemp -d)"
	trap 'rm -rf --one-file-system "$root"' EXIT
	echo "debootstrap: Debian bookworm (minbase, ca-certificates) into $root" >&2
	debootstrap --variant=minbase --include=ca-certificates bookworm "$root" \
		"${MEDCHAIN_DEBIAN_MIRROR:-http://deb.debian.org/debian}" >&2
	chroot "$root" apt-get clean
	rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin
	tar -C "$root" --numeric-owner -c . | docker import - "$base" >/dev/null
	echo "base image $base made in $((SECONDS - started)) s" >&2
fi

# One container from the base: copy the binaries and scripts in, add the user and its folders,
# then commit it with the image's settings. The bind mounts are not part of the image.
for binary in medchain-node medchain-storage medchain; do
	[ -x "$bin/$binary" ] || { echo "no $bin/$binary: run scripts/build.sh" >&2; exit 1; }
done
container="$(docker create -v "$bin:/in:ro" -v "$PWD/scripts:/scripts:ro" "$base" sh -c '
	set -e
	cp /in/medchain-node /in/medchain-storage /in/medchain /usr/local/bin/
	cp /scripts/hospital-node.sh /scripts/hospital-storage.sh /usr/local/bin/
	useradd --create-home --uid 1000 medchain
	mkdir -p /data /swarm /storage
	chown medchain:medchain /data /swarm /storage')"
trap 'docker rm -f "$container" >/dev/null 2>&1 || true; [ -z "${root:-}" ] || rm -rf --one-file-system "$root"' EXIT
docker start -a "$container" >&2
# P2P, public (safe) RPC, Prometheus, IPFS swarm (the storage API stays on loopback)
docker commit \
	--change 'USER medchain' \
	--change 'WORKDIR /home/medchain' \
	--change 'ENV PATH=/usr/local/bin:/usr/bin:/bin' \
	--change 'VOLUME ["/data"]' \
	--change 'EXPOSE 30333 9944 9615 4001' \
	--change 'CMD ["medchain-node", "--help"]' \
	"$container" "$image" >/dev/null
echo "image $image built in $((SECONDS - started)) s" >&2

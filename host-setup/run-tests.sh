#!/bin/bash
# The whole test suite on a fresh Debian 12 / Ubuntu 22.04+ host, as root: sets up the host
# (packages, libvirtd), builds the tiny test image, starts the Debian image's build in the
# background (cached in /var/cache/ecsbox/build; DebianGuestIT waits for it), then runs the unit
# tests (*Test) and the integration tests (*IT) that boot real guests; then installs the Debian
# package the build made, checks it through /usr/bin/ecsbox and removes it (deb-smoke.sh).
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$HERE"
[ "$(id -u)" = 0 ] || { echo "run as root: from a root shell, or sudo $0" >&2; exit 1; }

host-setup/setup.sh
images/build-tiny.sh --data-dir /var/lib/ecsbox
# ecsbox-debian-12 (debootstrap, 4-7 min here, about a second when cached) overlaps Maven's build and
# unit tests; DebianGuestIT runs the same script, which waits for this one (a lock) and finds it done.
DEBIAN_LOG=/var/cache/ecsbox/build/build-debian.log
mkdir -p /var/cache/ecsbox/build
images/build-debian.sh --data-dir /var/lib/ecsbox >"$DEBIAN_LOG" 2>&1 &
DEBIAN_BUILD=$!
trap 'kill "$DEBIAN_BUILD" 2>/dev/null && wait "$DEBIAN_BUILD" 2>/dev/null; true' EXIT
echo "==> images/build-debian.sh in the background (log: $DEBIAN_LOG)"
host-setup/probe-kvm.sh
echo "==> mvn verify (unit tests, then integration tests on this host)"
mvn -B -ntp verify "$@"
wait "$DEBIAN_BUILD" || { tail -n 20 "$DEBIAN_LOG"; echo "images/build-debian.sh failed (log: $DEBIAN_LOG)" >&2; exit 1; }
tail -n 1 "$DEBIAN_LOG"
echo "==> the Debian package on this host (install, check, remove)"
host-setup/deb-smoke.sh

#!/bin/bash
# The whole test suite on a fresh Debian 12 / Ubuntu 22.04+ host, as root: sets up the host
# (packages, libvirtd), builds the tiny test image, then runs the unit tests (*Test) and the
# integration tests (*IT) that boot real guests; then installs the Debian package the build made,
# checks it through /usr/bin/ecsbox and removes it (deb-smoke.sh).
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$HERE"
[ "$(id -u)" = 0 ] || { echo "run as root: from a root shell, or sudo $0" >&2; exit 1; }

host-setup/setup.sh
images/build-tiny.sh --data-dir /var/lib/ecsbox
host-setup/probe-kvm.sh
echo "==> mvn verify (unit tests, then integration tests on this host)"
mvn -B -ntp verify "$@"
echo "==> the Debian package on this host (install, check, remove)"
host-setup/deb-smoke.sh

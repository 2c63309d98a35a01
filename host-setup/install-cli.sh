#!/bin/bash
# Builds target/ecsbox.jar if needed and puts an `ecsbox` command on the PATH
# (/usr/local/bin/ecsbox, from bin/ecsbox, runs `java -jar /usr/local/lib/ecsbox/ecsbox.jar`).
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$HERE"
if [ ! -f target/ecsbox.jar ] || [ -n "$(find src pom.xml -newer target/ecsbox.jar -print -quit)" ]; then
  echo "==> building target/ecsbox.jar"
  mvn -B -q -DskipTests package
fi
install -d /usr/local/lib/ecsbox
install -m 0644 target/ecsbox.jar /usr/local/lib/ecsbox/ecsbox.jar
install -m 0755 bin/ecsbox /usr/local/bin/ecsbox
echo "==> ecsbox is on the PATH: $(command -v ecsbox)"
# The daemon's config file, every setting commented out at its default (kept when present).
if [ ! -e /etc/ecsbox/ecsbox.conf ]; then
  install -d /etc/ecsbox
  (umask 077 && /usr/local/bin/ecsbox config template > /etc/ecsbox/ecsbox.conf)
  echo "==> wrote /etc/ecsbox/ecsbox.conf (all settings commented out: the defaults)"
fi

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
# The class-data sharing archive of this jar (/usr/local/lib/ecsbox/ecsbox.jsa): commands start
# in about half the time. A package's postinst runs the same: `/usr/bin/ecsbox --make-cds`.
/usr/local/bin/ecsbox --make-cds
echo "==> ecsbox is on the PATH: $(command -v ecsbox)"

#!/bin/bash
# Builds target/ecsbox.jar if needed and puts an `ecsbox` command on the PATH
# (/usr/local/bin/ecsbox runs `java -jar /usr/local/lib/ecsbox/ecsbox.jar`).
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$HERE"
if [ ! -f target/ecsbox.jar ] || [ -n "$(find src pom.xml -newer target/ecsbox.jar -print -quit)" ]; then
  echo "==> building target/ecsbox.jar"
  mvn -B -q -DskipTests package
fi
install -d /usr/local/lib/ecsbox
install -m 0644 target/ecsbox.jar /usr/local/lib/ecsbox/ecsbox.jar
cat > /usr/local/bin/ecsbox <<'SH'
#!/bin/sh
# The daemon runs for months: a bounded heap with a small collector, and two malloc arenas
# (glibc makes one per thread otherwise). ECSBOX_JAVA_OPTS replaces the JVM options.
if [ "${1:-}" = daemon ]; then
  export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
  exec java ${ECSBOX_JAVA_OPTS:--Xmx256m -XX:+UseSerialGC} -jar /usr/local/lib/ecsbox/ecsbox.jar "$@"
fi
exec java ${ECSBOX_JAVA_OPTS:-} -jar /usr/local/lib/ecsbox/ecsbox.jar "$@"
SH
chmod 0755 /usr/local/bin/ecsbox
echo "==> ecsbox is on the PATH: $(command -v ecsbox)"

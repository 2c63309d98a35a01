#!/bin/bash
# A short smoke run of `ecsbox bench launch` (2 instances) against a throwaway daemon, of
# `ecsbox bench density --count 2` and `ecsbox bench snapshot --quick` (their own private
# daemons), `bench sg --quick`, `bench disk-io --quick` and `bench load --quick` (on its
# private daemon, then on the throwaway one) and `bench footprint --quick` (the throwaway
# one), so the benchmark commands keep
# working; their figures are not a measurement. Cleans up after
# itself: the daemon, its data dir, and (through the benches) every guest and file they made.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
JAR="$HERE/target/ecsbox.jar"
[ -f "$JAR" ] || (cd "$HERE" && mvn -B -q -DskipTests package)
DIR=$(mktemp -d /var/lib/ecsbox-smoke.XXXXXX)
chmod 0711 "$DIR"
mkdir -p "$DIR/images/system"
cp /var/lib/ecsbox/images/system/ecsbox-tiny-x64.json /var/lib/ecsbox/images/system/ecsbox-tiny-x64.qcow2 "$DIR/images/system/"
PORT=$(( 20000 + RANDOM % 10000 ))
# The firewall hooks before the throwaway daemon: the one it adds is removed at the end.
hooks() { iptables-save -t filter | grep -o '^-A FORWARD -j ECSBOX[a-z0-9]*-FWD$' | awk '{print $4}' | sort; }
HOOKS_BEFORE=$(hooks)
java -jar "$JAR" daemon --data-dir "$DIR" --listen "127.0.0.1:$PORT" >"$DIR/daemon.log" 2>&1 &
PID=$!
ids() { java -jar "$JAR" "$1" list -o json 2>/dev/null | grep -o "\"$2\" : \"[^\"]*\"" | cut -d'"' -f4 || true; }
cleanup() {
  # Through the daemon first: it removes what it made on the host (the default VPC's bridge,
  # namespace, DHCP server and firewall chains), which outlive it by design.
  for i in $(ids instance InstanceId); do java -jar "$JAR" instance delete "$i" --force --wait >/dev/null 2>&1 || true; done
  for v in $(ids vswitch VSwitchId); do java -jar "$JAR" vswitch delete "$v" >/dev/null 2>&1 || true; done
  for g in $(ids sg SecurityGroupId); do java -jar "$JAR" sg delete "$g" >/dev/null 2>&1 || true; done
  for v in $(ids vpc VpcId); do java -jar "$JAR" vpc delete "$v" >/dev/null 2>&1 || true; done
  kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null || true
  for d in $(ls "$DIR/instances" 2>/dev/null); do
    virsh -q -c qemu:///system destroy "$d" >/dev/null 2>&1 || true
    virsh -q -c qemu:///system undefine "$d" >/dev/null 2>&1 || true
  done
  rm -rf "$DIR"
  # its security-group hook and chains (empty ones: every daemon makes them), nothing else
  for h in ${SMOKE_HOOKS:-}; do
    p=${h%FWD}
    iptables -D FORWARD -j "$h" 2>/dev/null || true
    for c in $(iptables-save -t filter | grep -o "^:${p}[A-Za-z0-9-]*" | tr -d ':'); do iptables -F "$c"; done
    for c in $(iptables-save -t filter | grep -o "^:${p}[A-Za-z0-9-]*" | tr -d ':'); do iptables -X "$c"; done
  done
}
trap cleanup EXIT
export ECSBOX_DATA_DIR=$DIR ECSBOX_ENDPOINT="http://127.0.0.1:$PORT"
for _ in $(seq 1 60); do
  [ -f "$DIR/admin.credentials" ] && java -jar "$JAR" region list >/dev/null 2>&1 && break
  sleep 0.5
done
SMOKE_HOOKS=$(comm -13 <(echo "$HOOKS_BEFORE") <(hooks)) # the throwaway daemon's, made at its start
echo "==> bench smoke: ecsbox bench launch --count 2"
java -jar "$JAR" bench launch --count 2 --timeout 300
echo "==> bench smoke: ecsbox bench snapshot --quick"
java -jar "$JAR" bench snapshot --quick
echo "==> bench smoke: ecsbox bench density --count 2"
java -jar "$JAR" bench density --count 2 --wave 2 --settle 0
echo "==> bench smoke: ecsbox bench sg --quick"
java -jar "$JAR" bench sg --quick
echo "==> bench smoke: ecsbox bench disk-io --quick"
java -jar "$JAR" bench disk-io --quick --dir "$DIR"
echo "==> bench smoke: ecsbox bench load --quick"
java -jar "$JAR" bench load --quick
echo "==> bench smoke: ecsbox bench load --quick --endpoint (the throwaway daemon)"
java -jar "$JAR" bench load --quick --endpoint "$ECSBOX_ENDPOINT" --data-dir "$DIR"
echo "==> bench smoke: ecsbox bench footprint --quick (the throwaway daemon)"
java -jar "$JAR" bench footprint --quick

#!/bin/bash
# Start-up of the CLI, its JVM options side by side: `ecsbox region list`, `instance list`
# and `--help`, each run RUNS times (default 7) with the options in turn (so a busy host slows
# all of them alike); prints the median wall and CPU time and peak RSS (/usr/bin/time).
# Needs a running daemon, found as the CLI finds it (ECSBOX_ENDPOINT, ECSBOX_DATA_DIR, ...).
# Usage: host-setup/cli-speed.sh [JAR] (default target/ecsbox.jar); RUNS=N to change the count,
# BEFORE=OLD.jar to add that jar run plainly (java -jar) as the first line.
set -euo pipefail
unset ECSBOX_JAR ECSBOX_JAVA_OPTS
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
JAR=$(readlink -f "${1:-$HERE/target/ecsbox.jar}")
RUNS=${RUNS:-7}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
# The launcher and a copy of the jar laid out as installed, with the archive it makes.
mkdir -p "$T/bin" "$T/lib/ecsbox"
cp "$HERE/bin/ecsbox" "$T/bin/ecsbox"
cp "$JAR" "$T/lib/ecsbox/ecsbox.jar"
J=$T/lib/ecsbox/ecsbox.jar
"$T/bin/ecsbox" --make-cds >/dev/null
CDS="-XX:SharedArchiveFile=$T/lib/ecsbox/ecsbox.jsa -Xlog:cds=off,cds+dynamic=off"
FLAGS="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Xmx256m"
declare -A OPTS=(
  [1-plain]=""
  [2-flags]="$FLAGS"
  [3-cds]="$CDS"
  [4-cds+flags]="$FLAGS $CDS"
  [5-cds+flags+xss]="$FLAGS -Xss256k -XX:CICompilerCount=1 $CDS"
)
if [ -n "${BEFORE:-}" ]; then cp "$BEFORE" "$T/before.jar"; OPTS[0-before]="-cp $T/before.jar io.ecsbox.cli.Main"; fi
for cmd in "region list" "instance list" "--help"; do
  : >"$T/times"
  for _ in $(seq 1 "$RUNS"); do
    for v in $(printf '%s\n' "${!OPTS[@]}" | sort) 9-launcher; do
      if [ "$v" = 9-launcher ]; then run=("$T/bin/ecsbox"); else run=(java ${OPTS[$v]} -jar "$J"); fi
      [ "$v" = 0-before ] && run=(java -jar "$T/before.jar")
      # shellcheck disable=SC2086
      /usr/bin/time -o "$T/one" -f "%e %U %S %M" "${run[@]}" $cmd >/dev/null 2>"$T/err" \
        || { echo "ecsbox $cmd failed ($v):" >&2; cat "$T/err" >&2; exit 1; }
      [ -s "$T/err" ] && { echo "ecsbox $cmd wrote to stderr ($v):" >&2; cat "$T/err" >&2; exit 1; }
      echo "$v $(tail -1 "$T/one")" >>"$T/times"
    done
  done
  python3 - "ecsbox $cmd" "$T/times" <<'PY'
import sys, statistics as st
rows = {}
for line in open(sys.argv[2]):
    v, wall, user, sys_, rss = line.split()
    rows.setdefault(v, []).append((float(wall), float(user) + float(sys_), int(rss) / 1024))
print(f"{sys.argv[1]} (median of {len(next(iter(rows.values())))})")
for v in sorted(rows):
    r = rows[v]
    print(f"  {v[2:]:18s} wall {st.median(x[0] for x in r):5.2f} s  cpu {st.median(x[1] for x in r):5.2f} s"
          f"  peak RSS {st.median(x[2] for x in r):4.0f} MiB")
PY
done

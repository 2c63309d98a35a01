#!/bin/bash
# The main job on a fresh Debian 12 / Ubuntu 22.04+ host, as root: set up the host, build
# and install ecsbox, build the tiny test image, start the daemon on its embedded default
# (SQLite under /var/lib/ecsbox, API on 127.0.0.1:18080, Prometheus metrics on
# 127.0.0.1:19090) and launch a first instance, waiting for its ECSBOX-READY line.
set -euo pipefail
METRICS_LISTEN=127.0.0.1:19090 # loopback only: /metrics has no authentication
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$HERE"
[ "$(id -u)" = 0 ] || { echo "run as root: from a root shell, or sudo $0" >&2; exit 1; }

host-setup/setup.sh
host-setup/install-cli.sh
images/build-tiny.sh --data-dir /var/lib/ecsbox
host-setup/probe-kvm.sh

if ecsbox region list >/dev/null 2>&1; then
  echo "==> the daemon is already running"
elif [ "$(cat /proc/1/comm 2>/dev/null)" = systemd ]; then
  echo "==> starting the daemon with systemd (ecsbox.service)"
  install -m 0644 systemd/ecsbox.service /etc/systemd/system/ecsbox.service
  install -d -m 0755 /etc/systemd/system/ecsbox.service.d
  printf '[Service]\nEnvironment=ECSBOX_METRICS_LISTEN=%s\n' "$METRICS_LISTEN" \
    >/etc/systemd/system/ecsbox.service.d/metrics.conf
  systemctl daemon-reload
  systemctl enable --now ecsbox.service
else
  echo "==> starting the daemon in the background (log: /var/log/ecsbox.log)"
  nohup ecsbox daemon --metrics-listen "$METRICS_LISTEN" >>/var/log/ecsbox.log 2>&1 </dev/null &
fi
for _ in $(seq 1 60); do
  ecsbox region list >/dev/null 2>&1 && break
  sleep 1
done
ecsbox doctor || true

echo "==> launching a first instance"
ecsbox instance run --image ecsbox-tiny-x64 --type ecs.t5-lc2m1.nano \
  --name first --hostname first-instance --wait --timeout 300
echo
echo "Metrics: curl -s http://$METRICS_LISTEN/metrics | grep ^ecsbox_"
echo "Next: ecsbox instance list | ecsbox instance console ID | ecsbox instance delete ID --force"

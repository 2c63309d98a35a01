#!/bin/bash
# Decides how guests are accelerated on this host and writes it to /etc/ecsbox/accel
# ("kvm" or "tcg"), which the daemon reads (ECSBOX_ACCEL overrides it). /dev/kvm alone is
# not enough: nested KVM on some cloud VMs starts QEMU but fails to emulate the boot
# loader ("KVM internal error ... emulation failure"), so this boots the tiny image under
# KVM once and keeps KVM only if the guest reaches its READY line.
#
# usage: probe-kvm.sh [IMAGE_QCOW2]   (default /var/lib/ecsbox/images/system/ecsbox-tiny-x64.qcow2)
set -euo pipefail
IMAGE=${1:-/var/lib/ecsbox/images/system/ecsbox-tiny-x64.qcow2}
OUT=/etc/ecsbox/accel
mkdir -p /etc/ecsbox

decide() { echo "$1" > "$OUT.tmp" && mv "$OUT.tmp" "$OUT"; echo "==> guests will run under $1: $2"; }

if [ -n "${ECSBOX_ACCEL:-}" ]; then decide "$ECSBOX_ACCEL" "ECSBOX_ACCEL is set"; exit 0; fi
if [ ! -r /dev/kvm ] || [ ! -w /dev/kvm ]; then decide tcg "no usable /dev/kvm (TCG software emulation is slow)"; exit 0; fi
if [ -f "$OUT" ] && [ "$OUT" -nt "$IMAGE" ]; then echo "==> guests run under $(cat "$OUT") (probed before)"; exit 0; fi
[ -f "$IMAGE" ] || { echo "probe-kvm: no image $IMAGE (run images/build-tiny.sh first)" >&2; exit 1; }

NAME=ecsbox-kvmprobe-$$
WORK=$(mktemp -d /var/lib/ecsbox/tmp-kvmprobe.XXXXXX)
chmod 0711 "$WORK"
cleanup() {
  virsh -q -c qemu:///system destroy "$NAME" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
qemu-img create -q -f qcow2 -F qcow2 -b "$IMAGE" "$WORK/disk.qcow2"
cat > "$WORK/domain.xml" <<XML
<domain type='kvm'>
  <name>$NAME</name>
  <memory unit='MiB'>256</memory><vcpu>1</vcpu>
  <os><type arch='x86_64' machine='pc'>hvm</type><boot dev='hd'/><bios useserial='yes'/></os>
  <features><acpi/></features>
  <cpu mode='host-passthrough'><feature policy='disable' name='arch-capabilities'/></cpu>
  <on_poweroff>destroy</on_poweroff><on_reboot>destroy</on_reboot><on_crash>destroy</on_crash>
  <devices>
    <disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='$WORK/disk.qcow2'/><target dev='vda' bus='virtio'/></disk>
    <serial type='file'><source path='$WORK/console.log'/><target port='0'/></serial>
    <video><model type='none'/></video><memballoon model='none'/>
  </devices>
</domain>
XML
if ! virsh -q -c qemu:///system create "$WORK/domain.xml" >/dev/null 2>"$WORK/err"; then
  decide tcg "KVM guest did not start: $(head -c 200 "$WORK/err")"; exit 0
fi
for _ in $(seq 1 60); do
  if grep -q "ECSBOX-READY" "$WORK/console.log" 2>/dev/null; then decide kvm "a KVM guest booted"; exit 0; fi
  state=$(virsh -q -c qemu:///system domstate "$NAME" 2>/dev/null || echo gone)
  case "$state" in paused*|shut*|gone) break ;; esac
  sleep 0.5
done
decide tcg "KVM is present but a guest failed to boot under it (state: ${state:-timeout}); nested KVM?"

#!/bin/bash
# Boot the tiny image under libvirt the way the daemon does and check it works:
# overlay on the image, NoCloud cidata ISO on virtio-scsi, READY line, user data,
# console shell, ACPI reboot (second READY, file persists), ACPI shutdown, data on disk.
#
# usage: test-boot.sh [--image FILE] [--type auto|kvm|qemu] [--no-reboot] [--no-cidata] [--keep]
#   --no-cidata  empty CD-ROM tray: expect "instance-id=unknown hostname=ecsbox-tiny"
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

PROG=test-boot
DATA_DIR=${ECSBOX_DATA_DIR:-/var/lib/ecsbox}
IMAGE="$DATA_DIR/images/system/ecsbox-tiny-x64.qcow2"
TYPE=auto
REBOOT=1
CIDATA=1
KEEP=0
URI=qemu:///system
READY_DEADLINE=120
STOP_DEADLINE=60
. "$HERE/lib-test.sh"

while [ $# -gt 0 ]; do
    case "$1" in
        --image) IMAGE=${2:?}; shift 2 ;;
        --type) TYPE=${2:?}; shift 2 ;;
        --no-reboot) REBOOT=0; shift ;;
        --no-cidata) CIDATA=0; shift ;;
        --keep) KEEP=1; shift ;;
        -h|--help) sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) die "unknown argument: $1" ;;
    esac
done
check_host virsh qemu-img xorriso debugfs
ensure_libvirtd
resolve_type

new_test_domain
TOKEN="marker-$SUFFIX"
if [ "$CIDATA" = 1 ]; then EXP_IID=$IID EXP_HOST=$NAME; else EXP_IID=unknown EXP_HOST=ecsbox-tiny; fi
OVERLAY="$TMP/system.qcow2"
ISO="$TMP/cidata.iso"

count_ready() { con | grep -c "^ECSBOX-READY instance-id=$EXP_IID hostname=$EXP_HOST\$" || true; }
wait_ready() {   # wait_ready N: until the console shows N READY lines
    local deadline=$(( $(date +%s) + READY_DEADLINE ))
    while [ "$(count_ready)" -lt "$1" ]; do
        [ "$(date +%s)" -lt "$deadline" ] || die "no READY line #$1 within ${READY_DEADLINE}s"
        state=$(virsh -c "$URI" domstate --reason "$NAME" 2>/dev/null) || die "domain $NAME went away before READY #$1"
        case "$state" in paused*) die "guest $state (KVM emulation failure? see /var/log/libvirt/qemu/$NAME.log)" ;; esac
        sleep 0.1
    done
}
wait_off() {
    local deadline=$(( $(date +%s) + STOP_DEADLINE ))
    while state=$(virsh -c "$URI" domstate "$NAME" 2>/dev/null) && [ "$state" != "shut off" ]; do
        [ "$(date +%s)" -lt "$deadline" ] || die "still '$state' ${STOP_DEADLINE}s after shutdown"
        sleep 0.1
    done
}

log "image $IMAGE ($(du -k "$IMAGE" | cut -f1) KiB), domain type $TYPE, name $NAME"
qemu-img create -q -f qcow2 -F qcow2 -b "$IMAGE" "$OVERLAY"
make_cidata "$ISO" <<EOF
#!/bin/sh
echo "ECSBOX-USERDATA $TOKEN product=\$(cat /sys/class/dmi/id/product_name)"
echo "$TOKEN" >/root/userdata-proof
EOF
tiny_domain_xml \
    "<sysinfo type='smbios'><system><entry name='manufacturer'>Alibaba Cloud</entry><entry name='product'>Alibaba Cloud ECS</entry></system></sysinfo>" \
    "    <disk type='file' device='disk'><driver name='qemu' type='qcow2' discard='unmap'/><source file='$OVERLAY'/><target dev='vda' bus='virtio'/></disk>" \
    "$([ "$CIDATA" = 1 ] && echo "$ISO")" >"$TMP/domain.xml"

T0=$(now)
virsh -c "$URI" create "$TMP/domain.xml" >/dev/null || die "virsh create failed"
T_CREATED=$(since "$T0")
wait_ready 1
T_READY=$(since "$T0")
log "boot: create ${T_CREATED}s, READY after ${T_READY}s"
if [ "$CIDATA" = 1 ]; then
    tr -d '\r' <"$CONSOLE" | grep -q "^ECSBOX-USERDATA $TOKEN product=Alibaba Cloud ECS\$" ||
        die "user-data marker (with SMBIOS product) not on the console"
    log "user-data ran (marker and SMBIOS product seen)"
fi

# The serial console is a shell: type a command through `virsh console` (under
# script(1) for a tty), wait for its answer in the console log, then detach (^]).
console_cmd() {   # console_cmd COMMAND EXPECTED_LINE
    local cmd=$1 want=$2
    ( sleep 1; printf '\r%s\r' "$cmd"
      for _ in $(seq 100); do tr -d '\r' <"$CONSOLE" | grep -qxF "$want" && break; sleep 0.1; done
      printf '\035' ) | timeout 20 script -qc "virsh -c $URI console $NAME --force" /dev/null >/dev/null 2>&1 || true
    tr -d '\r' <"$CONSOLE" | grep -qxF "$want"
}
for t in script timeout; do command -v "$t" >/dev/null || die "missing $t"; done
[ "$CIDATA" = 1 ] || TOKEN=none
console_cmd 'echo "PROOF-$(cat /root/userdata-proof 2>/dev/null || echo none)-$(hostname)"' "PROOF-$TOKEN-$EXP_HOST" ||
    die "no answer from the console shell"
log "console shell answers (virsh console)"

if [ "$REBOOT" = 1 ]; then
    T1=$(now)
    virsh -c "$URI" reboot "$NAME" >/dev/null || die "virsh reboot failed"
    wait_ready 2
    log "reboot: second READY after $(since "$T1")s"
    if [ "$CIDATA" = 1 ]; then
        tr -d '\r' <"$CONSOLE" | grep -q "user-data already ran for $IID" || die "user-data ran again after reboot"
    fi
    console_cmd 'echo "AGAIN-$(cat /root/userdata-proof 2>/dev/null || echo none)"' "AGAIN-$TOKEN" ||
        die "file written by user data is gone after reboot"
    log "file written by user data survived the reboot"
fi

T2=$(now)
virsh -c "$URI" shutdown "$NAME" >/dev/null || die "virsh shutdown failed"
wait_off
log "shutdown: shut off after $(since "$T2")s"

# After the clean power-off the file must be on the overlay's disk.
qemu-img dd -f qcow2 -O raw if="$OVERLAY" of="$TMP/root.ext2" bs=1M skip=1 count=256 2>/dev/null ||
    die "cannot read the overlay"
got=$(debugfs -R 'cat /root/userdata-proof' "$TMP/root.ext2" 2>/dev/null || true)
[ "$CIDATA" = 1 ] || got=${got:-none}
[ "$got" = "$TOKEN" ] || die "file not on disk after shutdown (got '$got')"
state=$(debugfs -R 'stats' "$TMP/root.ext2" 2>/dev/null | sed -n 's/^Filesystem state: *//p')
log "file on disk after shutdown; file system state: $state"
log "PASS ($TYPE): READY ${T_READY}s"

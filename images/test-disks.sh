#!/bin/bash
# Boot the tiny image under libvirt with data disks and check the storage side of the
# guest contract: the disk watcher (ECSBOX-DISK add before READY, resize, hot-plug,
# hot-unplug), ecsbox-io from a user-data script (marker, head, direct-write rates),
# and that a 20 MiB/s <iotune> limit throttles direct writes.
#
# usage: test-disks.sh [--image FILE] [--type auto|kvm|qemu] [--mib N] [--keep]
#   --mib N   MiB written by each `ecsbox-io write` (default 32)
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

PROG=test-disks
DATA_DIR=${ECSBOX_DATA_DIR:-/var/lib/ecsbox}
IMAGE="$DATA_DIR/images/system/ecsbox-tiny-x64.qcow2"
TYPE=auto
KEEP=0
MIB=32
URI=qemu:///system
READY_DEADLINE=180
EVENT_DEADLINE=60
LIMIT=20971520          # <total_bytes_sec> of the throttled disk (20 MiB/s)
TIME_DIGITS=2
CONSOLE_TAIL=50
. "$HERE/lib-test.sh"

while [ $# -gt 0 ]; do
    case "$1" in
        --image) IMAGE=${2:?}; shift 2 ;;
        --type) TYPE=${2:?}; shift 2 ;;
        --mib) MIB=${2:?}; shift 2 ;;
        --keep) KEEP=1; shift ;;
        -h|--help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) die "unknown argument: $1" ;;
    esac
done
check_host virsh qemu-img xorriso awk
case "$MIB" in ''|*[!0-9]*|0*) die "--mib needs a positive integer" ;; esac
[ "$MIB" -le 48 ] || die "--mib at most 48 (the data disks have 64 MiB)"
ensure_libvirtd
resolve_type

new_test_domain
SER_DATA="data-$SUFFIX"     # vdb, at boot, starts with a marker
SER_THR="thr-$SUFFIX"       # vdc, at boot, iotune 20 MiB/s
SER_HOT="hot-$SUFFIX"       # vdd, hot-plugged after READY
BOOTMARK="bootmark-$SUFFIX"
UDMARK="udmark-$SUFFIX"
HOTMARK="hotmark-$SUFFIX"
DISK_BYTES=$((64 * 1048576))

# has ERE: does a console line match ERE? (no early-exit pipes: this runs under pipefail)
has() { local c; c=$(con); grep -Eq -- "$1" <<<"$c"; }
# wait_for ERE [DEADLINE]: until a console line matches ERE.
wait_for() {
    local re=$1 deadline=$(( $(date +%s) + ${2:-$EVENT_DEADLINE} )) state
    while ! has "$re"; do
        [ "$(date +%s)" -lt "$deadline" ] || die "no console line matching '$re' within ${2:-$EVENT_DEADLINE}s"
        state=$(virsh -c "$URI" domstate "$NAME" 2>/dev/null) || die "domain $NAME went away"
        [ "$state" = running ] || die "guest is $state"
        sleep 0.1
    done
}
# line_no ERE: number of the first console line matching ERE (0 if none).
line_no() { local c; c=$(con); awk -v re="$1" '$0 ~ re { print NR; f = 1; exit } END { if (!f) print 0 }' <<<"$c"; }
# io_field OP DEV FIELD: a field of the guest's first "ECSBOX-IO dev=DEV op=OP ..." line.
io_field() {
    local c; c=$(con)
    awk -v k="ECSBOX-IO dev=$2 op=$1 " -v f="$3=" '
        i = index($0, k) { n = split(substr($0, i), w, " ")
            for (j = 1; j <= n; j++) if (index(w[j], f) == 1) { print substr(w[j], length(f) + 1); exit } }' <<<"$c"
}
head4k() {   # head4k QCOW2: the marker at offset 0 (up to the first NUL) of a qcow2
    qemu-img dd -U -f qcow2 -O raw if="$1" of="$TMP/head.bin" bs=4096 count=1 2>/dev/null || return 1
    tr '\000' '\n' <"$TMP/head.bin" | sed -n 1p
}

log "image $IMAGE, domain type $TYPE, name $NAME"
qemu-img create -q -f qcow2 -F qcow2 -b "$IMAGE" "$TMP/system.qcow2"
printf '%s\000' "$BOOTMARK" >"$TMP/data.raw"
truncate -s "$DISK_BYTES" "$TMP/data.raw"
qemu-img convert -f raw -O qcow2 "$TMP/data.raw" "$TMP/data.qcow2"
rm -f "$TMP/data.raw"
qemu-img create -q -f qcow2 "$TMP/thr.qcow2" "$DISK_BYTES"
qemu-img create -q -f qcow2 "$TMP/hot.qcow2" "$DISK_BYTES"

# User data: disks seen so far, I/O probes on both boot disks, a marker on vdb; then,
# in the background, wait for the hot-plugged disk's watcher line and mark it.
make_cidata "$TMP/cidata.iso" <<EOF
#!/bin/sh
echo "ECSBOX-TEST disks-before-user-data=\$(grep -c '^ECSBOX-DISK add' /run/ecsbox/disk-events)"
ecsbox-io head vdb
ecsbox-io write vdb $MIB
ecsbox-io write vdc $MIB
ecsbox-io iops vdb 256
ecsbox-io iops vdc 256
ecsbox-io mark vdb $UDMARK
ecsbox-io head vdb
(
    while :; do
        dev=\$(sed -n 's/^ECSBOX-DISK add \(vd[a-z]*\) serial=$SER_HOT .*/\1/p' /run/ecsbox/disk-events)
        [ -n "\$dev" ] && break
        sleep 0.2
    done
    ecsbox-io mark "\$dev" $HOTMARK
    ecsbox-io head "\$dev"
) </dev/null &
EOF
tiny_domain_xml "" "\
    <disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='$TMP/system.qcow2'/><target dev='vda' bus='virtio'/></disk>
    <disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='$TMP/data.qcow2'/><target dev='vdb' bus='virtio'/><serial>$SER_DATA</serial></disk>
    <disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='$TMP/thr.qcow2'/><target dev='vdc' bus='virtio'/><serial>$SER_THR</serial>
      <iotune><total_bytes_sec>$LIMIT</total_bytes_sec></iotune></disk>" "$TMP/cidata.iso" >"$TMP/domain.xml"

# --- boot: the watcher reports vdb and vdc before READY ---
T0=$(now)
virsh -c "$URI" create "$TMP/domain.xml" >/dev/null || die "virsh create failed"
wait_for "^ECSBOX-READY instance-id=$IID hostname=$NAME\$" "$READY_DEADLINE"
log "READY after $(since "$T0")s (user data with the I/O probes included)"
ready_at=$(line_no '^ECSBOX-READY ')
add_b="^ECSBOX-DISK add vdb serial=$SER_DATA size=$DISK_BYTES head=$BOOTMARK\$"
add_c="^ECSBOX-DISK add vdc serial=$SER_THR size=$DISK_BYTES head=\$"
for re in "$add_b" "$add_c"; do
    n=$(line_no "$re")
    [ "$n" -gt 0 ] || die "no line matching '$re'"
    [ "$n" -lt "$ready_at" ] || die "'$re' came after READY"
done
has "^ECSBOX-DISK add vda" && die "the root disk vda was reported"
has 'ECSBOX-TEST disks-before-user-data=2$' || die "user data did not see 2 disks in /run/ecsbox/disk-events"
log "boot: 'ECSBOX-DISK add vdb serial=$SER_DATA size=$DISK_BYTES head=$BOOTMARK' and vdc (head empty) before READY"

# --- user data: head, marker, direct-write rates ---
has "ECSBOX-IO dev=vdb op=head head=$BOOTMARK\$" || die "ecsbox-io head vdb did not show $BOOTMARK"
has "ECSBOX-IO dev=vdb op=head head=$UDMARK\$" || die "ecsbox-io mark/head vdb did not show $UDMARK"
log "user data: ecsbox-io head saw $BOOTMARK, mark + head gave $UDMARK"
for d in vdb vdc; do
    [ -n "$(io_field write $d mbps)" ] && [ -n "$(io_field iops $d iops)" ] || die "no ecsbox-io write/iops line for $d"
done
free_mbps=$(io_field write vdb mbps) free_ms=$(io_field write vdb ms)
thr_mbps=$(io_field write vdc mbps) thr_ms=$(io_field write vdc ms)
log "direct write $MIB MiB: unthrottled vdb ${free_mbps} MiB/s (${free_ms} ms), throttled vdc ${thr_mbps} MiB/s (${thr_ms} ms), limit $((LIMIT / 1048576)) MiB/s"
log "4 KiB direct writes: vdb $(io_field iops vdb iops) IOPS, vdc $(io_field iops vdc iops) IOPS"
# QEMU lets a burst of a tenth of the rate through at once: allow 25 % above the limit.
awk -v t="$thr_mbps" -v l=$((LIMIT / 1048576)) 'BEGIN { exit !(t <= l * 1.25) }' ||
    die "throttled disk wrote at $thr_mbps MiB/s, above the $((LIMIT / 1048576)) MiB/s limit"
awk -v t="$thr_mbps" -v f="$free_mbps" 'BEGIN { exit !(f >= t * 1.5) }' ||
    die "unthrottled disk ($free_mbps MiB/s) not clearly faster than the throttled one ($thr_mbps MiB/s)"

# --- online resize of vdb ---
T1=$(now)
virsh -c "$URI" blockresize "$NAME" vdb 96M >/dev/null || die "virsh blockresize failed"
wait_for "^ECSBOX-DISK resize vdb serial=$SER_DATA size=$((96 * 1048576))\$"
log "resize: 'ECSBOX-DISK resize vdb serial=$SER_DATA size=$((96 * 1048576))' $(since "$T1")s after virsh blockresize"

# --- hot-plug vdd; the background part of the user data marks it ---
T2=$(now)
virsh -c "$URI" attach-disk "$NAME" "$TMP/hot.qcow2" vdd --live --subdriver qcow2 --targetbus virtio \
    --serial "$SER_HOT" >/dev/null || die "virsh attach-disk failed"
T_ATTACH_CMD=$(since "$T2")
wait_for "^ECSBOX-DISK add vdd serial=$SER_HOT size=$DISK_BYTES head=\$"
T_ATTACH=$(since "$T2")
wait_for "ECSBOX-IO dev=vdd op=head head=$HOTMARK\$"
log "hot-plug: virsh attach-disk returned in ${T_ATTACH_CMD}s, 'ECSBOX-DISK add vdd serial=$SER_HOT' after ${T_ATTACH}s; user data marked it ($HOTMARK)"

# --- hot-unplug vdd: the guest must release it ---
T3=$(now)
out=$(virsh -c "$URI" detach-disk "$NAME" vdd --live 2>&1) || die "virsh detach-disk failed: $out"
T_DETACH_CMD=$(since "$T3")
wait_for "^ECSBOX-DISK remove vdd serial=$SER_HOT\$"
T_DETACH=$(since "$T3")
deadline=$(( $(date +%s) + EVENT_DEADLINE ))
while virsh -c "$URI" domblklist "$NAME" | awk '$1 == "vdd" { f = 1 } END { exit !f }'; do
    [ "$(date +%s)" -lt "$deadline" ] || die "vdd still in the domain ${EVENT_DEADLINE}s after detach-disk"
    sleep 0.1
done
T_GONE=$(since "$T3")
log "hot-unplug: virsh detach-disk returned in ${T_DETACH_CMD}s ($(echo "$out" | tr -s '\n' ' ')), 'ECSBOX-DISK remove vdd' after ${T_DETACH}s, gone from the domain after ${T_GONE}s"
qemu-img info "$TMP/hot.qcow2" >/dev/null 2>&1 || die "hot.qcow2 still locked by QEMU after the detach"
got=$(head4k "$TMP/hot.qcow2") || die "cannot read hot.qcow2"
[ "$got" = "$HOTMARK" ] || die "hot.qcow2 starts with '$got', not the marker $HOTMARK"
log "detached file is released and holds the guest's marker '$got'"

virsh -c "$URI" destroy "$NAME" >/dev/null
log "PASS ($TYPE): write unthrottled ${free_mbps} MiB/s, throttled ${thr_mbps} MiB/s; hot-plug ${T_ATTACH}s, unplug ${T_DETACH}s"

#!/bin/bash
# Build ecsbox-debian-12 (and its variant ecsbox-debian-12-aliyun): a Debian 12 (bookworm)
# cloud image made with debootstrap from the configured Debian mirror: systemd, cloud-init,
# openssh-server, the cloud kernel, extlinux, serial console on ttyS0; one compressed qcow2.
#
# usage: build-debian.sh [--data-dir DIR] [--cache-dir DIR] [--force] [--no-install]
#   --data-dir DIR  install into DIR/images/system (default /var/lib/ecsbox)
#   --cache-dir DIR build cache (default /var/cache/ecsbox/build)
#   --force         rebuild even if the stamp matches
#   --no-install    only build (into the cache)
# The mirror is the first Debian URI in the apt sources (ECSBOX_DEBIAN_MIRROR overrides it).
# The build is skipped while this script and the mirror's bookworm package index (the
# Packages hash in its InRelease, which pins every package version) are unchanged.
# ecsbox-debian-12 reads cloud-init data from the NoCloud drive, else the AliYun metadata
# service (100.100.100.200); ecsbox-debian-12-aliyun only from the metadata service.
# Needs root, and: debootstrap, curl, chroot, sfdisk, mkfs.ext4, losetup, extlinux, qemu-img.
set -euo pipefail

IMAGE_ID=ecsbox-debian-12
ALIYUN_ID=ecsbox-debian-12-aliyun
SUITE=bookworm
DATA_DIR=/var/lib/ecsbox
CACHE_DIR=/var/cache/ecsbox/build
INSTALL=1
FORCE=0
DISK_MIB=2048        # virtual size; cloud-init's growpart grows the root to a larger system disk
LABEL=debian-root
# systemd, cloud-init and sshd; udev for devices and NIC names; dbus for hostnamectl/networkctl;
# systemd-resolved for DNS from DHCP (cloud-init's networkd activator restarts it too);
# cloud-guest-utils for growpart; no recommends (debootstrap follows Depends only, and not to
# virtual packages: python3-cryptography needs python3-cffi-backend's python3-cffi-backend-api-*).
PACKAGES="systemd systemd-sysv systemd-resolved udev dbus cloud-init cloud-guest-utils openssh-server
  python3-cffi-backend linux-image-cloud-amd64 e2fsprogs iproute2 ca-certificates"
# The tiny image's idle-friendly options (see build-tiny.sh) but cgroup_disable=memory, which
# systemd uses, and tsc=reliable: a TCG guest starved on a busy host then kept a clock running
# ~10x fast (kernel time 3700 s after 6 min), and systemd failed sshd and logind on timeouts;
# the clocksource watchdog catches that. console=ttyS0 last: systemd and cloud-final print there.
CMDLINE="root=LABEL=$LABEL ro console=tty0 console=ttyS0,115200 quiet no_timer_check nowatchdog psi=0 sysctl.vm.compaction_proactiveness=0 nokaslr mitigations=off"

log() { echo "build-debian: $*"; }
die() { echo "build-debian: ERROR: $*" >&2; exit 1; }

while [ $# -gt 0 ]; do
    case "$1" in
        --data-dir) DATA_DIR=${2:?--data-dir needs a directory}; shift 2 ;;
        --cache-dir) CACHE_DIR=${2:?--cache-dir needs a directory}; shift 2 ;;
        --no-install) INSTALL=0; shift ;;
        --force) FORCE=1; shift ;;
        -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) die "unknown argument: $1 (see --help)" ;;
    esac
done

[ "$(id -u)" = 0 ] || die "run as root (debootstrap, chroot, loop devices)"
for t in debootstrap curl chroot sfdisk mkfs.ext4 losetup extlinux qemu-img sha256sum mount; do
    command -v "$t" >/dev/null || die "missing tool '$t' (run host-setup/setup.sh)"
done
MBR_BIN=
for f in /usr/lib/syslinux/mbr/mbr.bin /usr/lib/EXTLINUX/mbr.bin /usr/share/syslinux/mbr.bin; do
    [ -f "$f" ] && { MBR_BIN=$f; break; }
done
[ -n "$MBR_BIN" ] || die "syslinux mbr.bin not found (install syslinux-common)"

# The Debian mirror apt uses (deb822 URIs: or one-line deb), e.g. http://deb.debian.org/debian.
mirror() {
    [ -n "${ECSBOX_DEBIAN_MIRROR:-}" ] && { echo "$ECSBOX_DEBIAN_MIRROR"; return; }
    local m
    m=$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '/^URIs:/ { for (i = 2; i <= NF; i++) print $i }' |
        grep -E '/debian/?$' | head -n1 || true)
    [ -n "$m" ] || m=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
        awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /^https?:/) { print $i; break } }' |
        grep -E '/debian/?$' | head -n1 || true)
    echo "${m:-http://deb.debian.org/debian}"
}
MIRROR=$(mirror)
MIRROR=${MIRROR%/}

mkdir -p "$CACHE_DIR"
exec 9>"$CACHE_DIR/.debian.lock"
flock 9 || die "cannot lock $CACHE_DIR"

RESULT="$CACHE_DIR/$IMAGE_ID.qcow2"
ALIYUN_RESULT="$CACHE_DIR/$ALIYUN_ID.qcow2"
STAMP="$CACHE_DIR/$IMAGE_ID.stamp"
# The package index: main/binary-amd64/Packages' sha256 from the suite's InRelease.
INDEX=$(curl -fsS --max-time 60 "$MIRROR/dists/$SUITE/InRelease" 2>/dev/null |
    awk '/^SHA256:/ { s = 1; next } /^[^ ]/ { s = 0 } s && $3 == "main/binary-amd64/Packages" { print $1 }') || true
if [ -z "$INDEX" ]; then
    [ -f "$RESULT" ] && [ -f "$ALIYUN_RESULT" ] && [ -f "$STAMP" ] || die "cannot read $MIRROR/dists/$SUITE/InRelease"
    log "WARNING: cannot read $MIRROR/dists/$SUITE/InRelease; using the cached build"
    INPUT_HASH=$(cat "$STAMP")
else
    EXTLINUX_VER=$(dpkg-query -W -f='${Version}' extlinux 2>/dev/null || extlinux --version 2>&1 | head -n1)
    INPUT_HASH=$( { cat "$0"; echo "$SUITE $INDEX extlinux=$EXTLINUX_VER"; sha256sum "$MBR_BIN"; } |
        sha256sum | cut -d' ' -f1)
fi

install_one() {   # install_one ID DESCRIPTION
    local id=$1 desc=$2 sha dir="$DATA_DIR/images/system"
    sha=$(cut -d' ' -f1 "$CACHE_DIR/$id.sha256")
    mkdir -p "$dir"
    if [ -f "$dir/$id.json" ] && grep -q "\"Sha256\":\"$sha\"" "$dir/$id.json" && cmp -s "$CACHE_DIR/$id.qcow2" "$dir/$id.qcow2"; then
        log "$id already installed in $dir"
        return 0
    fi
    cp "$CACHE_DIR/$id.qcow2" "$dir/.$id.qcow2.tmp.$$"
    chmod 0644 "$dir/.$id.qcow2.tmp.$$"
    mv -f "$dir/.$id.qcow2.tmp.$$" "$dir/$id.qcow2"
    cat >"$dir/.$id.json.tmp.$$" <<JSON
{"ImageId":"$id","ImageName":"$id","Description":"$desc","OSType":"linux","OSName":"Debian 12 64 bit","Platform":"Debian","Architecture":"x86_64","Format":"qcow2","SizeGiB":$(( (DISK_MIB + 1023) / 1024 )),"Sha256":"$sha","IsSupportCloudinit":true,"File":"$id.qcow2"}
JSON
    mv -f "$dir/.$id.json.tmp.$$" "$dir/$id.json"
    log "installed $dir/$id.qcow2 and $id.json"
}
install_image() {
    [ "$INSTALL" = 1 ] || return 0
    local info
    info=$(cat "$CACHE_DIR/$IMAGE_ID.info")
    install_one "$IMAGE_ID" "Debian 12 (bookworm) from debootstrap, $info; cloud-init from the NoCloud drive, else the AliYun metadata service; root logs in with the key pair or password"
    install_one "$ALIYUN_ID" "Debian 12 (bookworm) from debootstrap, $info; cloud-init from the AliYun metadata service (100.100.100.200) only; root logs in with the key pair or password"
}

if [ "$FORCE" = 0 ] && [ -f "$RESULT" ] && [ -f "$ALIYUN_RESULT" ] && [ -f "$STAMP" ] &&
    [ "$(cat "$STAMP")" = "$INPUT_HASH" ] && [ -f "$CACHE_DIR/$IMAGE_ID.sha256" ] &&
    [ -f "$CACHE_DIR/$ALIYUN_ID.sha256" ] && [ -f "$CACHE_DIR/$IMAGE_ID.info" ]; then
    log "up to date ($RESULT)"
    install_image
    exit 0
fi

# --- build ---
START=$(date +%s)
WORK="$CACHE_DIR/debian-work"
ROOT="$WORK/root"
LOOP=
MNT=
cleanup() {
    local rc=$?
    for m in "$ROOT/proc" "$ROOT/sys" "$ROOT/dev"; do mountpoint -q "$m" 2>/dev/null && umount -l "$m"; done
    if [ -n "$MNT" ] && mountpoint -q "$MNT"; then umount "$MNT" || umount -l "$MNT" || true; fi
    if [ -n "$LOOP" ]; then losetup -d "$LOOP" 2>/dev/null || true; fi
    if grep -q " $WORK/" /proc/mounts; then   # never rm -rf through a mount (the host's /dev)
        echo "build-debian: leaving $WORK: something is still mounted under it" >&2
    else
        rm -rf "$WORK"
    fi
    [ $rc = 0 ] || echo "build-debian: FAILED (exit $rc)" >&2
    exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM
rm -rf "$WORK"
mkdir -p "$WORK" "$CACHE_DIR/debian-debs"

log "debootstrap $SUITE from $MIRROR (minbase + $(echo $PACKAGES | tr ' ' ','))"
debootstrap --variant=minbase --include="$(echo $PACKAGES | tr ' ' ',')" \
    --cache-dir="$CACHE_DIR/debian-debs" "$SUITE" "$ROOT" "$MIRROR" >"$WORK/debootstrap.log" 2>&1 || {
    cat "$WORK/debootstrap.log" "$ROOT/debootstrap/debootstrap.log" >"$CACHE_DIR/$IMAGE_ID.debootstrap.log" 2>/dev/null
    tail -n 30 "$ROOT/debootstrap/debootstrap.log" >&2
    die "debootstrap failed (log: $CACHE_DIR/$IMAGE_ID.debootstrap.log)"; }
log "debootstrap done in $(( $(date +%s) - START )) s"

# --- configuration ---
in_root() { chroot "$ROOT" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 "$@"; }
mount -t proc proc "$ROOT/proc"
mount -t sysfs sys "$ROOT/sys"
mount --bind /dev "$ROOT/dev"

cat >"$ROOT/etc/apt/sources.list" <<EOF
deb http://deb.debian.org/debian $SUITE main
deb http://deb.debian.org/debian $SUITE-updates main
deb http://deb.debian.org/debian-security $SUITE-security main
EOF
# Small: no documentation or translations from later installs either (copyright files stay).
cat >"$ROOT/etc/dpkg/dpkg.cfg.d/01-ecsbox-nodoc" <<'EOF'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/info/*
path-exclude /usr/share/locale/*
path-include /usr/share/locale/locale.alias
EOF
echo 'APT::Install-Recommends "false";' >"$ROOT/etc/apt/apt.conf.d/01-ecsbox-norecommends"
find "$ROOT/usr/share/doc" -mindepth 1 ! -name copyright ! -type d -delete 2>/dev/null || true
find "$ROOT/usr/share/doc" -mindepth 1 -type d -empty -delete 2>/dev/null || true
rm -rf "$ROOT"/usr/share/man/* "$ROOT"/usr/share/info/* "$ROOT"/var/lib/apt/lists/* "$ROOT"/var/cache/apt/*.bin
find "$ROOT/usr/share/locale" -mindepth 1 -maxdepth 1 ! -name locale.alias -exec rm -rf {} + 2>/dev/null || true

# The initramfs: only what finds the root on virtio-blk/-scsi, and the config drive's CD-ROM
# (virtio-scsi + sr_mod): cloud-init-local does not wait for udev, and under TCG the drive
# would come too late for it (MODULES=most is 3x bigger and slower to unpack under TCG).
cat >"$ROOT/etc/initramfs-tools/conf.d/ecsbox" <<'EOF'
MODULES=list
COMPRESS=zstd
EOF
printf '%s\n' virtio_pci virtio_blk virtio_scsi sd_mod sr_mod ext4 >>"$ROOT/etc/initramfs-tools/modules"

echo "LABEL=$LABEL / ext4 defaults,noatime,errors=remount-ro 0 1" >"$ROOT/etc/fstab"
echo localhost >"$ROOT/etc/hostname"
printf '127.0.0.1\tlocalhost\n::1\t\tlocalhost ip6-localhost ip6-loopback\n' >"$ROOT/etc/hosts"
echo 'LANG=C.UTF-8' >"$ROOT/etc/default/locale"     # cloud-init's locale module then runs no locale-gen
: >"$ROOT/etc/machine-id"                           # systemd makes one on first boot
rm -f "$ROOT/var/lib/dbus/machine-id" "$ROOT"/etc/ssh/ssh_host_*   # cloud-init makes the host keys
ln -sf ../run/systemd/resolve/stub-resolv.conf "$ROOT/etc/resolv.conf"   # not the host's copy

# cloud-init: ECS images log in as root (no default user); network by systemd-networkd.
cat >"$ROOT/etc/cloud/cloud.cfg.d/90-ecsbox.cfg" <<'EOF'
# ecsbox-debian-12: written by ecsbox images/build-debian.sh
datasource_list: [ NoCloud, AliYun, None ]
datasource:
  AliYun:
    timeout: 5
    max_wait: 60
users: []
disable_root: false
system_info:
  network:
    renderers: [ networkd ]
    activators: [ networkd ]
EOF
mkdir -p "$ROOT/etc/ssh/sshd_config.d"
cat >"$ROOT/etc/ssh/sshd_config.d/50-ecsbox.conf" <<'EOF'
# As on ECS images: root logs in (with the key pair, or the instance's Password when set).
PermitRootLogin yes
EOF
# A TCG guest on a busy host can take minutes to its first service: wait for units and devices
# (ttyS0's getty, sshd, logind) instead of failing them after systemd's default 90 s.
mkdir -p "$ROOT/etc/systemd/system.conf.d"
cat >"$ROOT/etc/systemd/system.conf.d/50-ecsbox.conf" <<'EOF2'
[Manager]
DefaultTimeoutStartSec=600s
DefaultDeviceTimeoutSec=600s
EOF2
# network-online (cloud-final waits for it) once any link is configured, not all of them.
mkdir -p "$ROOT/etc/systemd/system/systemd-networkd-wait-online.service.d"
cat >"$ROOT/etc/systemd/system/systemd-networkd-wait-online.service.d/ecsbox.conf" <<'EOF'
[Service]
ExecStart=
ExecStart=/lib/systemd/systemd-networkd-wait-online --any --timeout=60
EOF
in_root systemctl enable systemd-networkd.service systemd-networkd-wait-online.service \
    systemd-resolved.service >/dev/null 2>&1
# Nothing periodic in an idle guest (under TCG every wakeup costs the host).
for u in apt-daily.timer apt-daily-upgrade.timer e2scrub_all.timer e2scrub_reap.service fstrim.timer \
    dpkg-db-backup.timer systemd-tmpfiles-clean.timer; do
    in_root systemctl mask "$u" >/dev/null 2>&1 || true
done

log "initramfs"
in_root update-initramfs -u -k all >"$WORK/initramfs.log" 2>&1 ||
    { tail -n 20 "$WORK/initramfs.log" >&2; die "update-initramfs failed"; }
KVER=$(ls "$ROOT/lib/modules" | head -n1)
[ -f "$ROOT/boot/vmlinuz-$KVER" ] && [ -f "$ROOT/boot/initrd.img-$KVER" ] || die "no kernel/initrd for $KVER in /boot"
mkdir -p "$ROOT/boot/extlinux"
cat >"$ROOT/boot/extlinux/extlinux.conf" <<EOF
DEFAULT debian
PROMPT 0
TIMEOUT 0
LABEL debian
  LINUX /boot/vmlinuz-$KVER
  INITRD /boot/initrd.img-$KVER
  APPEND $CMDLINE
EOF
in_root dpkg-query -W -f='${Package} ${Version}\n' >"$WORK/packages"
CI_VER=$(awk '$1 == "cloud-init" { print $2 }' "$WORK/packages")
KPKG_VER=$(awk -v k="linux-image-$KVER" '$1 == k { print $2 }' "$WORK/packages")
cat >"$ROOT/etc/ecsbox-release" <<EOF
IMAGE_ID=$IMAGE_ID
SUITE=$SUITE
KERNEL=$KVER ($KPKG_VER)
CLOUD_INIT=$CI_VER
BUILT=$(date -u +%Y-%m-%dT%H:%M:%SZ)
EOF
cp "$WORK/packages" "$ROOT/etc/ecsbox-packages"
rm -rf "$ROOT"/var/cache/apt/archives/*.deb "$ROOT"/var/log/* "$ROOT"/tmp/* "$ROOT"/var/tmp/*
rm -f "$ROOT"/var/cache/debconf/*-old "$ROOT"/var/lib/dpkg/*-old
for m in "$ROOT/proc" "$ROOT/sys" "$ROOT/dev"; do umount "$m"; done

# --- disk: MBR + partition 1 (ext4 without 64bit/metadata_csum, which extlinux cannot read) ---
make_disk() {   # make_disk OUT.qcow2: the stage as a compressed qcow2
    local out=$1 raw="$WORK/disk.raw" fs="$WORK/root.ext4" part_mib=$((DISK_MIB - 1))
    rm -f "$raw" "$fs"
    mkfs.ext4 -q -F -L "$LABEL" -O ^64bit,^metadata_csum -m 1 -d "$ROOT" "$fs" "${part_mib}M" >/dev/null ||
        die "mkfs.ext4 failed"
    truncate -s "${DISK_MIB}M" "$raw"
    echo "2048,,83,*" | sfdisk -q --label dos "$raw" >/dev/null || die "sfdisk failed"
    dd if="$fs" of="$raw" bs=1M seek=1 conv=notrunc,sparse status=none
    rm -f "$fs"
    LOOP=$(losetup -f --show -o 1048576 --sizelimit $((part_mib * 1048576)) "$raw") || die "losetup failed"
    MNT="$WORK/mnt"
    mkdir -p "$MNT"
    mount -t ext4 "$LOOP" "$MNT" || die "cannot mount the root file system from $LOOP"
    extlinux --install "$MNT/boot/extlinux" >/dev/null 2>&1 || die "extlinux --install failed"
    sync
    umount "$MNT"
    losetup -d "$LOOP"
    LOOP=
    dd if="$MBR_BIN" of="$raw" bs=440 count=1 conv=notrunc status=none
    qemu-img convert -c -f raw -O qcow2 "$raw" "$out" || die "qemu-img convert failed"
    rm -f "$raw"
}
finish() {   # finish ID: move the built qcow2 and its checksum into the cache
    sha256sum "$WORK/$1.qcow2" | sed "s#  .*#  $1.qcow2#" >"$WORK/$1.sha256"
    mv -f "$WORK/$1.qcow2" "$CACHE_DIR/$1.qcow2"
    mv -f "$WORK/$1.sha256" "$CACHE_DIR/$1.sha256"
}
log "disk $IMAGE_ID: ${DISK_MIB} MiB, root $(du -sm "$ROOT" | cut -f1) MiB"
make_disk "$WORK/$IMAGE_ID.qcow2"
# The variant: the same root, cloud-init reading the metadata service only.
sed -i "s/^datasource_list: .*/datasource_list: [ AliYun, None ]/; s/^# ecsbox-debian-12:/# $ALIYUN_ID:/" \
    "$ROOT/etc/cloud/cloud.cfg.d/90-ecsbox.cfg"
sed -i "s/^IMAGE_ID=.*/IMAGE_ID=$ALIYUN_ID/" "$ROOT/etc/ecsbox-release"
log "disk $ALIYUN_ID"
make_disk "$WORK/$ALIYUN_ID.qcow2"
finish "$IMAGE_ID"
finish "$ALIYUN_ID"
echo "kernel $KVER, cloud-init $CI_VER" >"$CACHE_DIR/$IMAGE_ID.info"
cp "$WORK/packages" "$CACHE_DIR/$IMAGE_ID.packages"
echo "$INPUT_HASH" >"$STAMP"
rm -f "$CACHE_DIR/$IMAGE_ID.debootstrap.log"
log "built $RESULT ($(du -k "$RESULT" | cut -f1) KiB) and $ALIYUN_RESULT in $(( $(date +%s) - START )) s"
install_image

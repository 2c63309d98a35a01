#!/bin/bash
# Build the ecsbox-tiny-x64 test guest: one self-contained bootable qcow2 (MBR,
# one ext2 partition at sector 2048 with extlinux, Debian's cloud kernel, a busybox
# initramfs and a persistent busybox root with the guest side of the contract in
# tiny/rootfs: config drive, disk watcher, ecsbox-io, SSH), made from Debian packages only.
#
# usage: build-tiny.sh [--data-dir DIR] [--no-install] [--out FILE] [--cache-dir DIR] [--force]
#   --data-dir DIR  install into DIR/images/system (default /var/lib/ecsbox)
#   --no-install    only build (into the cache, and --out if given)
#   --out FILE      also copy the qcow2 to FILE
#   --cache-dir DIR build cache (default /var/cache/ecsbox/build)
#   --force         rebuild even if the stamp matches
# Needs root (loop devices), and: apt-get, dpkg-deb, depmod, cpio, gzip, sfdisk,
# mkfs.ext2, losetup, extlinux, syslinux-common (mbr.bin), qemu-img, sha256sum, lz4 (else gzip).
set -euo pipefail

IMAGE_ID=ecsbox-tiny-x64
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
DATA_DIR=/var/lib/ecsbox
CACHE_DIR=/var/cache/ecsbox/build
OUT=
INSTALL=1
FORCE=0
DISK_MIB=1024        # virtual size of the disk
PART_MIB=256         # root partition (kernel + initramfs + busybox root + free space)
KERNEL_META=linux-image-cloud-amd64
# no_timer_check: on a loaded host under TCG the IO-APIC timer check fails and the kernel panics.
# The rest keeps an idle guest asleep (under TCG each guest wakeup costs host CPU, and a
# host runs hundreds of idle guests): tsc=reliable (no clocksource watchdog, 2 HPET reads
# a second), nowatchdog (soft-lockup timer), psi=0 and cgroup_disable=memory (their
# periodic work), kcompactd without proactive compaction (2 wakeups a second), vmstat
# every 10 s. nokaslr: every guest's kernel is the same bytes, so KSM merges it across
# guests; mitigations=off: a throwaway test guest, and TCG pays for retpolines.
CMDLINE=${ECSBOX_TINY_CMDLINE:-"root=/dev/vda1 rootfstype=ext4 console=ttyS0 quiet no_timer_check tsc=reliable nowatchdog psi=0 cgroup_disable=memory sysctl.vm.compaction_proactiveness=0 sysctl.vm.stat_interval=10 nokaslr mitigations=off"}
# In dependency order; every module's own dependencies are added first from modules.dep.
# Built-in ones are skipped: acpiphp (ACPI PCI hot-plug, how disks are hot-plugged into
# and unplugged from the 'pc' machine type) is built into Debian's cloud kernel, and is
# listed so that a kernel without it fails the build instead of hot-plug.
MODULES="virtio_ring virtio virtio_pci_legacy_dev virtio_pci_modern_dev virtio_pci virtio_blk
  ext4 scsi_common scsi_mod virtio_scsi cdrom sr_mod isofs
  failover net_failover virtio_net button evdev virtio_rng virtio_balloon acpiphp"
# The SSH server: Debian's dropbear and the packages its shared libraries come from; the
# build copies only the libraries dropbear and dropbearkey need (readelf NEEDED, recursively).
SSH_PKGS="dropbear-bin libc6 libcrypt1 libtomcrypt1 libtommath1 libgmp10 zlib1g"

log() { echo "build-tiny: $*"; }
die() { echo "build-tiny: ERROR: $*" >&2; exit 1; }

while [ $# -gt 0 ]; do
    case "$1" in
        --data-dir) DATA_DIR=${2:?--data-dir needs a directory}; shift 2 ;;
        --out) OUT=${2:?--out needs a file}; shift 2 ;;
        --cache-dir) CACHE_DIR=${2:?--cache-dir needs a directory}; shift 2 ;;
        --no-install) INSTALL=0; shift ;;
        --force) FORCE=1; shift ;;
        -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) die "unknown argument: $1 (see --help)" ;;
    esac
done

[ "$(id -u)" = 0 ] || die "run as root (needs loop devices and apt-get download)"
for t in apt-get apt-cache dpkg-deb depmod cpio gzip sfdisk mkfs.ext2 losetup extlinux qemu-img sha256sum mount readelf; do
    command -v "$t" >/dev/null || die "missing tool '$t' (run host-setup/setup.sh)"
done
# lz4 (legacy format) unpacks several times faster than gzip under TCG.
if command -v lz4 >/dev/null; then RD_COMPRESS="lz4 -l -9 -q"; else RD_COMPRESS="gzip -9"; fi
MBR_BIN=
for f in /usr/lib/syslinux/mbr/mbr.bin /usr/lib/EXTLINUX/mbr.bin /usr/share/syslinux/mbr.bin; do
    [ -f "$f" ] && { MBR_BIN=$f; break; }
done
[ -n "$MBR_BIN" ] || die "syslinux mbr.bin not found (install syslinux-common)"

mkdir -p "$CACHE_DIR"
exec 9>"$CACHE_DIR/.lock"
flock 9 || die "cannot lock $CACHE_DIR"

# --- resolve package versions: one apt-cache call, remembered until the lists change ---
lists_id() { stat -c '%n %s %Y' /var/lib/apt/lists/*_Packages* 2>/dev/null | sha256sum | cut -d' ' -f1; }
resolve() {
    apt-cache show --no-all-versions "$KERNEL_META" busybox-static 2>/dev/null | awk -v meta="$KERNEL_META" '
        /^Package: / { pkg = $2 }
        /^Version: / { if (pkg == "busybox-static") bb = $2 }
        /^Depends: / && pkg == meta {
            n = split(substr($0, 10), deps, ",")
            for (i = 1; i <= n; i++) if (match(deps[i], /linux-image-[^ ]+ \(= [^)]+\)/)) {
                split(substr(deps[i], RSTART, RLENGTH), f, /[ ()=]+/); kpkg = f[1]; kver = f[2]; break }
        }
        END { if (kpkg != "" && kver != "" && bb != "") print kpkg, kver, bb }'
}
# "pkg=version ..." for SSH_PKGS, in that order, or nothing if one is unknown.
resolve_ssh() {
    apt-cache show --no-all-versions $SSH_PKGS 2>/dev/null | awk -v want="$SSH_PKGS" '
        /^Package: / { pkg = $2 } /^Version: / { ver[pkg] = $2 }
        END { n = split(want, w, " "); out = ""
              for (i = 1; i <= n; i++) { if (!(w[i] in ver)) exit; out = out (i > 1 ? " " : "") w[i] "=" ver[w[i]] }
              print out }'
}
RESOLVED="$CACHE_DIR/resolved"
LISTS_ID=$(lists_id)
if [ -f "$RESOLVED" ] && [ "$(head -n1 "$RESOLVED")" = "$LISTS_ID" ] && [ -n "$(sed -n 3p "$RESOLVED")" ]; then
    read -r KPKG KVER_PKG BB_VER < <(sed -n 2p "$RESOLVED")
    SSH_VERS=$(sed -n 3p "$RESOLVED")
else
    r=$(resolve) ssh=$(resolve_ssh)
    if [ -z "$r" ] || [ -z "$ssh" ]; then
        log "apt lists do not know $KERNEL_META/busybox-static/$SSH_PKGS; running apt-get update"
        apt-get update -qq || die "apt-get update failed"
        LISTS_ID=$(lists_id)
        r=$(resolve) ssh=$(resolve_ssh)
    fi
    [ -n "$r" ] || die "cannot resolve $KERNEL_META and busybox-static (Debian apt sources needed)"
    [ -n "$ssh" ] || die "cannot resolve $SSH_PKGS (Debian apt sources needed)"
    read -r KPKG KVER_PKG BB_VER <<<"$r"
    SSH_VERS=$ssh
    printf '%s\n%s\n%s\n' "$LISTS_ID" "$r" "$ssh" >"$RESOLVED"
fi
EXTLINUX_VER=$(dpkg-query -W -f='${Version}' extlinux 2>/dev/null || extlinux --version 2>&1 | head -n1)
log "kernel $KPKG $KVER_PKG, busybox-static $BB_VER, extlinux $EXTLINUX_VER, ssh: $SSH_VERS"

INPUT_HASH=$( { cat "$0"; (cd "$HERE/tiny" && find . -type f | LC_ALL=C sort | xargs sha256sum)
    (cd "$HERE/tiny" && find . -type f -perm -u+x | LC_ALL=C sort)
    echo "$KPKG=$KVER_PKG busybox-static=$BB_VER extlinux=$EXTLINUX_VER $SSH_VERS $CMDLINE $MODULES $RD_COMPRESS"
    sha256sum "$MBR_BIN"; } | sha256sum | cut -d' ' -f1)
RESULT="$CACHE_DIR/$IMAGE_ID.qcow2"
STAMP="$CACHE_DIR/$IMAGE_ID.stamp"

install_image() {
    local sha size dir="$DATA_DIR/images/system"
    if [ -n "$OUT" ]; then
        if ! cmp -s "$RESULT" "$OUT" 2>/dev/null; then
            mkdir -p "$(dirname "$OUT")"
            cp "$RESULT" "$OUT.tmp.$$" && mv -f "$OUT.tmp.$$" "$OUT"
        fi
        log "output $OUT"
    fi
    [ "$INSTALL" = 1 ] || return 0
    sha=$(cut -d' ' -f1 "$CACHE_DIR/$IMAGE_ID.sha256")
    mkdir -p "$dir"
    if [ -f "$dir/$IMAGE_ID.json" ] && grep -q "\"Sha256\":\"$sha\"" "$dir/$IMAGE_ID.json" &&
        cmp -s "$RESULT" "$dir/$IMAGE_ID.qcow2"; then
        log "already installed in $dir"
        return 0
    fi
    if [ -f "$dir/$IMAGE_ID.qcow2" ]; then
        log "replacing $dir/$IMAGE_ID.qcow2 with a new build (an ecsbox daemon keeps the old build pinned under images/store/ for the instances made from it)"
    fi
    cp "$RESULT" "$dir/.$IMAGE_ID.qcow2.tmp.$$"
    chmod 0644 "$dir/.$IMAGE_ID.qcow2.tmp.$$"
    mv -f "$dir/.$IMAGE_ID.qcow2.tmp.$$" "$dir/$IMAGE_ID.qcow2"
    size=$(( (DISK_MIB + 1023) / 1024 ))
    cat >"$dir/.$IMAGE_ID.json.tmp.$$" <<JSON
{"ImageId":"$IMAGE_ID","ImageName":"$IMAGE_ID","Description":"ecsbox test guest: Debian cloud kernel $KVER_PKG + busybox $BB_VER, NoCloud config drive, ACPI power button, disk watcher (ECSBOX-DISK), ecsbox-io, SSH (dropbear)","OSType":"linux","OSName":"ecsbox tiny (busybox) x64","Platform":"Others Linux","Architecture":"x86_64","Format":"qcow2","SizeGiB":$size,"Sha256":"$sha","IsSupportCloudinit":true,"File":"$IMAGE_ID.qcow2"}
JSON
    mv -f "$dir/.$IMAGE_ID.json.tmp.$$" "$dir/$IMAGE_ID.json"
    log "installed $dir/$IMAGE_ID.qcow2 and $IMAGE_ID.json"
}

if [ "$FORCE" = 0 ] && [ -f "$RESULT" ] && [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$INPUT_HASH" ] &&
    [ -f "$CACHE_DIR/$IMAGE_ID.sha256" ]; then
    log "up to date ($RESULT)"
    install_image
    exit 0
fi

# --- build ---
WORK="$CACHE_DIR/work"
LOOP=
MNT=
cleanup() {
    local rc=$?
    if [ -n "$MNT" ] && mountpoint -q "$MNT"; then umount "$MNT" || umount -l "$MNT" || true; fi
    if [ -n "$LOOP" ]; then losetup -d "$LOOP" 2>/dev/null || true; fi
    rm -rf "$WORK"
    [ $rc = 0 ] || echo "build-tiny: FAILED (exit $rc)" >&2
    exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM
rm -rf "$WORK"
mkdir -p "$WORK" "$CACHE_DIR/debs"

# Download a package version into the cache (reusing apt's own archive cache).
fetch_deb() {
    local pkg=$1 ver=$2 file
    file="${pkg}_$(echo "$ver" | sed 's/:/%3a/')_amd64.deb"
    if [ ! -s "$CACHE_DIR/debs/$file" ]; then
        if [ -s "/var/cache/apt/archives/$file" ]; then
            cp "/var/cache/apt/archives/$file" "$CACHE_DIR/debs/$file"
        else
            log "downloading $pkg=$ver" >&2
            (cd "$CACHE_DIR/debs" && apt-get download -q "$pkg=$ver" >&2) || die "apt-get download $pkg=$ver failed"
        fi
    fi
    [ -s "$CACHE_DIR/debs/$file" ] || die "expected $CACHE_DIR/debs/$file after download"
    echo "$CACHE_DIR/debs/$file"
}
KDEB=$(fetch_deb "$KPKG" "$KVER_PKG")
BBDEB=$(fetch_deb busybox-static "$BB_VER")

log "extracting $(basename "$KDEB") and $(basename "$BBDEB")"
dpkg-deb -x "$KDEB" "$WORK/kernel"
dpkg-deb -x "$BBDEB" "$WORK/busybox"
KVER=$(ls "$WORK/kernel/lib/modules" | head -n1)
[ -f "$WORK/kernel/boot/vmlinuz-$KVER" ] || die "no vmlinuz-$KVER in $KDEB"
BUSYBOX="$WORK/busybox/bin/busybox"
[ -x "$BUSYBOX" ] || die "no bin/busybox in $BBDEB"
depmod -b "$WORK/kernel" "$KVER" || die "depmod failed"
MODDIR="$WORK/kernel/lib/modules/$KVER"

# --- initramfs ---
log "initramfs: busybox + modules for $KVER"
IRD="$WORK/initramfs"
mkdir -p "$IRD"/{bin,dev,proc,sys,newroot,lib/modules}
cp "$BUSYBOX" "$IRD/bin/busybox"
cp "$HERE/tiny/initramfs/init" "$IRD/init"
chmod 755 "$IRD/init" "$IRD/bin/busybox"
: >"$IRD/modules.list"
declare -A SEEN=()
add_module() {   # add_module NAME: its dependencies first, then itself (skip built-ins)
    local name=$1 path deps d
    path=$(sed -n "s#^\(.*/${name//_/[_-]}\.ko[^:]*\):.*#\1#p" "$MODDIR/modules.dep" | head -n1)
    if [ -z "$path" ]; then
        grep -q "/${name//_/[_-]}\.ko" "$MODDIR/modules.builtin" && return 0
        die "module $name neither in modules.dep nor built in"
    fi
    [ -z "${SEEN[$path]:-}" ] || return 0
    deps=$(sed -n "s#^$path: *##p" "$MODDIR/modules.dep")
    # modules.dep lists dependencies deepest-last; load them in reverse order.
    for d in $(echo "$deps" | tr ' ' '\n' | tac); do
        [ -n "$d" ] && add_module "$(basename "${d%%.ko*}")"
    done
    [ -z "${SEEN[$path]:-}" ] || return 0
    SEEN[$path]=1
    case "$path" in *.ko) ;; *) die "compressed module $path is not supported" ;; esac
    cp "$MODDIR/$path" "$IRD/lib/modules/"
    if [ "$name" = scsi_mod ]; then
        echo "$(basename "$path") scan=sync" >>"$IRD/modules.list"
    else
        basename "$path" >>"$IRD/modules.list"
    fi
}
for m in $MODULES; do add_module "$m"; done
log "modules: $(cut -d' ' -f1 "$IRD/modules.list" | sed 's/\.ko$//' | tr '\n' ' ')"
(cd "$IRD" && find . -print0 | LC_ALL=C sort -z | cpio --null -o -H newc --owner=0:0 --quiet) | $RD_COMPRESS >"$WORK/initrd.img"

# --- SSH: dropbear and the shared libraries it needs, from the Debian packages ---
install_ssh() {
    local pv pkg ver deb x lib found todo= done_libs=" "
    mkdir -p "$WORK/ssh" "$ST/usr/sbin" "$ST/usr/bin" "$ST/lib/x86_64-linux-gnu" "$ST/lib64"
    install -d -m 0700 "$ST/etc/dropbear"
    for pv in $SSH_VERS; do
        pkg=${pv%%=*} ver=${pv#*=}
        deb=$(fetch_deb "$pkg" "$ver")
        dpkg-deb -x "$deb" "$WORK/ssh"
    done
    cp "$WORK/ssh/usr/sbin/dropbear" "$ST/usr/sbin/dropbear"
    cp "$WORK/ssh/usr/bin/dropbearkey" "$ST/usr/bin/dropbearkey"
    needed() { readelf -d "$1" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'; }
    todo=$(needed "$ST/usr/sbin/dropbear"; needed "$ST/usr/bin/dropbearkey")
    while [ -n "$todo" ]; do
        set -- $todo; lib=$1; shift; todo="$*"
        case "$done_libs" in *" $lib "*) continue ;; esac
        done_libs="$done_libs$lib "
        found=
        for x in "$WORK/ssh/lib/x86_64-linux-gnu/$lib" "$WORK/ssh/usr/lib/x86_64-linux-gnu/$lib"; do
            [ -e "$x" ] && { found=$x; break; }
        done
        [ -n "$found" ] || die "dropbear needs $lib, which none of $SSH_PKGS holds"
        cp -L "$found" "$ST/lib/x86_64-linux-gnu/$lib"
        todo="$todo $(needed "$found")"
    done
    x=$(readelf -l "$ST/usr/sbin/dropbear" | sed -n 's/.*interpreter: \(.*\)\]/\1/p')
    [ "$x" = /lib64/ld-linux-x86-64.so.2 ] || die "unexpected program interpreter '$x'"
    [ -f "$ST/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2" ] ||   # libc.so.6 needs it: copied above
        cp -L "$WORK/ssh/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2" "$ST/lib/x86_64-linux-gnu/"
    ln -s /lib/x86_64-linux-gnu/ld-linux-x86-64.so.2 "$ST/lib64/ld-linux-x86-64.so.2"
    log "ssh: dropbear $(sed -n 's/^dropbear-bin=//p' <<<"${SSH_VERS// /$'\n'}") with$done_libs"
}

# --- root file system ---
log "root file system"
ST="$WORK/stage"
mkdir -p "$ST"/{bin,sbin,usr/bin,usr/sbin,etc,proc,sys,dev,run,tmp,root,mnt,boot/extlinux,var/log,var/lib/ecsbox-guest,var/run}
chmod 1777 "$ST/tmp"
chmod 0700 "$ST/root"
cp "$BUSYBOX" "$ST/bin/busybox"
chmod 755 "$ST/bin/busybox"
"$BUSYBOX" --list-full | while read -r p; do
    [ -e "$ST/$p" ] || ln -s /bin/busybox "$ST/$p"
done
cp -a "$HERE/tiny/rootfs/." "$ST/"
chmod 0600 "$ST/etc/shadow"
install_ssh
cp "$WORK/kernel/boot/vmlinuz-$KVER" "$ST/boot/vmlinuz"
cp "$WORK/initrd.img" "$ST/boot/initrd.img"
cat >"$ST/boot/extlinux/extlinux.conf" <<EOF
DEFAULT ecsbox
PROMPT 0
TIMEOUT 0
LABEL ecsbox
  LINUX /boot/vmlinuz
  INITRD /boot/initrd.img
  APPEND $CMDLINE
EOF
cat >"$ST/etc/ecsbox-release" <<EOF
IMAGE_ID=$IMAGE_ID
KERNEL=$KVER ($KPKG $KVER_PKG)
BUSYBOX=$BB_VER
BUILT=$(date -u +%Y-%m-%dT%H:%M:%SZ)
EOF

# --- disk: MBR + partition 1 at sector 2048, ext2 made from the stage ---
log "disk: ${DISK_MIB} MiB, partition 1 ${PART_MIB} MiB ext2"
RAW="$WORK/disk.raw"
FS="$WORK/root.ext2"
mkfs.ext2 -q -F -L ecsbox-root -m 0 -d "$ST" "$FS" "${PART_MIB}M" >/dev/null || die "mkfs.ext2 failed"
truncate -s "${DISK_MIB}M" "$RAW"
echo "2048,$((PART_MIB * 2048)),83,*" | sfdisk -q --label dos "$RAW" >/dev/null || die "sfdisk failed"
dd if="$FS" of="$RAW" bs=1M seek=1 conv=notrunc,sparse status=none
LOOP=$(losetup -f --show -o 1048576 --sizelimit $((PART_MIB * 1048576)) "$RAW") || die "losetup failed (loop devices available?)"
MNT="$WORK/mnt"
mkdir -p "$MNT"
mount -t ext2 "$LOOP" "$MNT" || die "cannot mount the root file system from $LOOP"
extlinux --install "$MNT/boot/extlinux" >/dev/null 2>&1 || die "extlinux --install failed"
sync
umount "$MNT"
losetup -d "$LOOP"
LOOP=
dd if="$MBR_BIN" of="$RAW" bs=440 count=1 conv=notrunc status=none
log "converting to qcow2"
qemu-img convert -f raw -O qcow2 "$RAW" "$WORK/$IMAGE_ID.qcow2" || die "qemu-img convert failed"
sha256sum "$WORK/$IMAGE_ID.qcow2" | sed "s#  .*#  $IMAGE_ID.qcow2#" >"$WORK/$IMAGE_ID.sha256"
mv -f "$WORK/$IMAGE_ID.qcow2" "$RESULT"
mv -f "$WORK/$IMAGE_ID.sha256" "$CACHE_DIR/$IMAGE_ID.sha256"
echo "$INPUT_HASH" >"$STAMP"
log "built $RESULT ($(du -k "$RESULT" | cut -f1) KiB on disk, ${DISK_MIB} MiB virtual)"
install_image

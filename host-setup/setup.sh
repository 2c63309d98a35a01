#!/bin/bash
# Prepare a Debian 12 / Ubuntu 22.04+ host for ecsbox (run as root; idempotent, and
# fast when everything is in place): packages, virtlogd + libvirtd, IP forwarding,
# br_netfilter, the kernel limits guests take from, KSM, /var/lib/ecsbox. One line per step.
#
# usage: setup.sh [--no-java] [--no-ksm]
#   --no-java  do not install the build tools (JDK, Maven, asciidoctor) even if missing
#   --no-ksm   leave KSM as it is (see the KSM step: merging pages across tenants' guests
#              opens a timing side channel between them; a lab host wants the memory)
set -euo pipefail

DATA_DIR=/var/lib/ecsbox
URI=qemu:///system
WANT_JAVA=1
WANT_KSM=1
for a in "$@"; do
    case "$a" in
        --no-java) WANT_JAVA=0 ;;
        --no-ksm) WANT_KSM=0 ;;
        -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "setup: unknown argument $a" >&2; exit 2 ;;
    esac
done

step() { echo "setup: $*"; }
warn() { echo "setup: WARNING: $*" >&2; }
die() { echo "setup: ERROR: $*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || die "run as root"
[ -r /etc/os-release ] && . /etc/os-release
case "${ID:-}:${ID_LIKE:-}" in
    debian:*|ubuntu:*|*:*debian*) step "host: ${PRETTY_NAME:-unknown}" ;;
    *) die "unsupported distribution '${PRETTY_NAME:-unknown}' (Debian 12 or Ubuntu 22.04+ expected)" ;;
esac

# --- packages ---
# Runtime: libvirt + QEMU, qcow2 tools, firewall and DHCP, ISO (config drive) tooling.
# Image build (images/build-tiny.sh): loop/partition/ext2 tools, extlinux, cpio, lz4,
# kmod (depmod); the kernel and busybox come as .deb files it downloads itself.
# VPC data plane: iproute2 (netns, bridges, veths) and dnsmasq-base (DHCP); the network
# ITs use busybox-static (udhcpc, ping) inside namespaces that stand in for guests;
# security-group ITs probe TCP/UDP with netcat-openbsd (nc -v -z); conntrack ends the open
# connections of an EIP that is unassociated. The consoles in the browser serve noVNC (novnc)
# and xterm.js (node-xterm: Debian 12's libjs-xterm has no browser bundle) from these packages.
# images/build-debian.sh: debootstrap, curl; the Debian guest IT logs in with openssh-client.
PKGS="libvirt-daemon-system libvirt-clients qemu-system-x86 qemu-utils iptables ipset dnsmasq-base
  xorriso genisoimage extlinux syslinux-common fdisk e2fsprogs cpio lz4 kmod util-linux bsdutils
  iproute2 busybox-static netcat-openbsd conntrack novnc node-xterm debootstrap curl openssh-client"
if [ "$WANT_JAVA" = 1 ]; then
    command -v java >/dev/null || PKGS="$PKGS openjdk-17-jdk-headless"
    command -v mvn >/dev/null || PKGS="$PKGS maven"
    # the build turns the man pages' AsciiDoc into roff with it (src/deb/stage.sh)
    command -v asciidoctor >/dev/null || PKGS="$PKGS asciidoctor"
    # ConsoleIT opens the console pages in headless Chromium
    command -v chromium >/dev/null || PKGS="$PKGS chromium"
fi
missing=
for p in $PKGS; do
    dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed$' || missing="$missing $p"
done
if [ -z "$missing" ]; then
    step "packages: all present"
else
    step "packages: installing$missing"
    export DEBIAN_FRONTEND=noninteractive
    # apt-get update only when the lists are empty or the install fails (stale lists).
    if ! ls /var/lib/apt/lists/ 2>/dev/null | grep -q '_Packages'; then
        step "apt-get update (no package lists yet)"
        apt-get update -qq || die "apt-get update failed"
    fi
    # shellcheck disable=SC2086
    if ! apt-get install -y -qq --no-install-recommends $missing >/dev/null; then
        step "apt-get update (install failed, refreshing lists)"
        apt-get update -qq || die "apt-get update failed"
        # shellcheck disable=SC2086
        apt-get install -y -qq --no-install-recommends $missing >/dev/null || die "apt-get install$missing failed"
    fi
fi

# --- virtlogd + libvirtd ---
if virsh -c "$URI" version >/dev/null 2>&1; then
    step "libvirtd: answering on $URI"
else
    if [ "$(ps -p 1 -o comm= 2>/dev/null)" = systemd ]; then
        step "libvirtd: systemctl enable --now virtlogd libvirtd"
        systemctl enable --now virtlogd.socket virtlogd.service >/dev/null 2>&1 || systemctl start virtlogd || true
        systemctl enable --now libvirtd.service >/dev/null 2>&1 || systemctl start libvirtd ||
            die "cannot start libvirtd (systemctl status libvirtd)"
    else
        step "libvirtd: no systemd as PID 1, starting daemons by hand"
        pgrep -x virtlogd >/dev/null || virtlogd -d || die "virtlogd -d failed"
        pgrep -x libvirtd >/dev/null || libvirtd -d || die "libvirtd -d failed"
    fi
    deadline=$(( $(date +%s) + 30 ))
    until virsh -c "$URI" version >/dev/null 2>&1; do
        [ "$(date +%s)" -lt "$deadline" ] || die "libvirtd does not answer on $URI after 30 s"
        sleep 0.2
    done
    step "libvirtd: answering on $URI"
fi
# /dev/kvm without udev (containers, some cloud VMs) is root:root 0600. QEMU then runs as
# libvirt-qemu without KVM, while libvirt's root probe saw KVM: libvirt finds its QEMU
# capability cache "KVM was enabled when probing, but it is not available now" on every
# call and re-probes QEMU each time (defineXML took 30-60 s instead of 13 ms). Give it
# the owner Debian's udev rule gives it (root:kvm 0660); libvirt-qemu is in group kvm.
if [ -c /dev/kvm ] && getent group kvm >/dev/null && [ "$(stat -c '%G %a' /dev/kvm)" = "root 600" ]; then
    chgrp kvm /dev/kvm && chmod 0660 /dev/kvm &&
        step "accelerator: /dev/kvm was root:root 0600 (no udev); now root:kvm 0660 as udev makes it"
fi
if [ -d /sys/module/kvm_pvm ] && [ ! -d /sys/module/kvm_intel ] && [ ! -d /sys/module/kvm_amd ]; then
    warn "accelerator: /dev/kvm is kvm-pvm (runs only PVM-aware guest kernels); use domain type qemu (TCG)"
elif [ -e /dev/kvm ] && [ -r /dev/kvm ] && [ -w /dev/kvm ]; then
    step "accelerator: /dev/kvm usable (domain type kvm)"
else
    warn "accelerator: no usable /dev/kvm, guests run under TCG (domain type qemu, slow)"
fi

# --- kernel settings ---
if [ "$(cat /proc/sys/net/ipv4/ip_forward 2>/dev/null)" = 1 ]; then
    step "sysctl: net.ipv4.ip_forward=1 already"
elif sysctl -qw net.ipv4.ip_forward=1 >/dev/null 2>&1; then
    step "sysctl: net.ipv4.ip_forward=1"
else
    warn "sysctl: cannot set net.ipv4.ip_forward=1 (container?)"
fi
if [ ! -e /proc/sys/net/bridge/bridge-nf-call-iptables ]; then
    if modprobe br_netfilter 2>/dev/null; then
        step "module: br_netfilter loaded"
    else
        warn "module: cannot load br_netfilter (container?); bridged traffic bypasses iptables"
    fi
fi
if [ "$(cat /proc/sys/net/bridge/bridge-nf-call-iptables 2>/dev/null)" = 1 ]; then
    step "sysctl: net.bridge.bridge-nf-call-iptables=1 already"
elif sysctl -qw net.bridge.bridge-nf-call-iptables=1 >/dev/null 2>&1; then
    step "sysctl: net.bridge.bridge-nf-call-iptables=1"
else
    warn "sysctl: cannot set net.bridge.bridge-nf-call-iptables=1"
fi

# Kernel AIO events: each QEMU whose disks use io='native' takes 1,024 of them, and the default
# fs.aio-max-nr (65,536) stops the 65th guest ("Unable to use native AIO"). Room for every guest
# the memory could ever hold (64 MiB each at least, two AIO contexts each), and at least 1,048,576.
mem_mib=$(awk '/^MemTotal:/ {print int($2 / 1024)}' /proc/meminfo 2>/dev/null || echo 0)
aio_want=$(( mem_mib / 64 * 2048 ))
[ "$aio_want" -ge 1048576 ] || aio_want=1048576
aio_now=$(cat /proc/sys/fs/aio-max-nr 2>/dev/null || echo 0)
if [ "$aio_now" -ge "$aio_want" ]; then
    step "sysctl: fs.aio-max-nr=$aio_now already (at least $aio_want)"
elif sysctl -qw fs.aio-max-nr="$aio_want" >/dev/null 2>&1; then
    step "sysctl: fs.aio-max-nr=$aio_want (was $aio_now: the 65th guest could not start)"
else
    warn "sysctl: cannot set fs.aio-max-nr=$aio_want (container?); at most $(( aio_now / 1024 )) guests can start"
    aio_want=$aio_now
fi

# PTYs: one per guest (its serial console). The default kernel.pty.max (4,096) binds before
# the memory of a big host does (64 MiB per guest at least).
pty_want=$(( mem_mib / 64 + 1024 ))
[ "$pty_want" -ge 4096 ] || pty_want=4096
pty_now=$(cat /proc/sys/kernel/pty/max 2>/dev/null || echo 0)
if [ "$pty_now" -ge "$pty_want" ]; then
    step "sysctl: kernel.pty.max=$pty_now already (at least $pty_want)"
elif sysctl -qw kernel.pty.max="$pty_want" >/dev/null 2>&1; then
    step "sysctl: kernel.pty.max=$pty_want (was $pty_now)"
else
    warn "sysctl: cannot set kernel.pty.max=$pty_want; at most $pty_now guests can start"
    pty_want=$pty_now
fi

# Neighbour (ARP) entries: one table for every namespace, one entry per guest NIC in its
# vRouter's namespace; past gc_thresh3 (1,024 by default) the kernel drops new neighbours.
neigh_want=$(( mem_mib / 64 * 2 ))
[ "$neigh_want" -ge 2048 ] || neigh_want=2048
neigh_now=$(cat /proc/sys/net/ipv4/neigh/default/gc_thresh3 2>/dev/null || echo 0)
neigh_thresh2=$(cat /proc/sys/net/ipv4/neigh/default/gc_thresh2 2>/dev/null || echo 512)
if [ "$neigh_now" -ge "$neigh_want" ]; then
    step "sysctl: net.ipv4.neigh.default.gc_thresh3=$neigh_now already (at least $neigh_want)"
elif sysctl -qw net.ipv4.neigh.default.gc_thresh3="$neigh_want" net.ipv4.neigh.default.gc_thresh2="$(( neigh_want / 2 ))" \
    >/dev/null 2>&1; then
    step "sysctl: net.ipv4.neigh.default.gc_thresh3=$neigh_want, gc_thresh2=$(( neigh_want / 2 )) (was $neigh_now)"
    neigh_thresh2=$(( neigh_want / 2 ))
else
    warn "sysctl: cannot set net.ipv4.neigh.default.gc_thresh3=$neigh_want; about $neigh_now guests can have neighbours"
    neigh_want=$neigh_now
fi

# Open files: libvirtd and virtlogd each hold 4 per running guest (measured), and systemd's
# default soft limit (1,024) stops virtlogd near 250 guests. Raise the running daemons'
# limits (prlimit) and, under systemd, persist them in a drop-in.
nofile_want=$(( mem_mib / 64 * 4 + 4096 ))
[ "$nofile_want" -ge 8192 ] || nofile_want=8192
for d in libvirtd virtlogd; do
    pid=$(pgrep -xo "$d" || true)
    if [ -n "$pid" ]; then
        cur=$(awk '/^Max open files/ {print $4}' "/proc/$pid/limits" 2>/dev/null || echo 0)
        if [ "$cur" = unlimited ] || [ "${cur:-0}" -ge "$nofile_want" ]; then
            step "$d: open files limit $cur already (at least $nofile_want)"
        elif out=$(prlimit --pid "$pid" --nofile="$nofile_want:$nofile_want" 2>&1); then
            step "$d: open files limit $nofile_want (was $cur: about $(( cur / 4 )) guests)"
        else
            warn "$d: cannot raise its open files limit from $cur to $nofile_want ($out): about $(( cur / 4 )) guests"
        fi
    fi
    if [ -d /run/systemd/system ]; then
        dropin=/etc/systemd/system/$d.service.d/90-ecsbox.conf
        if [ "$(cat "$dropin" 2>/dev/null)" != "$(printf '[Service]\nLimitNOFILE=%s' "$nofile_want")" ]; then
            mkdir -p "$(dirname "$dropin")" && printf '[Service]\nLimitNOFILE=%s\n' "$nofile_want" >"$dropin" &&
                systemctl daemon-reload && step "persist: wrote $dropin"
        fi
    fi
done

# Persist across host reboots (written only when the content differs).
persist() {   # persist FILE CONTENT
    if [ "$(cat "$1" 2>/dev/null)" != "$2" ]; then
        mkdir -p "$(dirname "$1")" && printf '%s\n' "$2" >"$1" && step "persist: wrote $1"
    fi
}

# KSM: the kernel merges identical pages of guests (QEMU marks guest memory mergeable): every
# tiny guest holds the same kernel and initramfs. At the kernel's default rate (100 pages every
# 20 ms, 20 MB/s) one pass over 100 tiny guests takes some 10 minutes and ksmd uses 2.6% of a
# core (measured); ecsbox asks for one pass over the host's memory in about 5 minutes, at most
# 1,250 pages per wakeup (a third of a core on any host). Persisted through systemd-tmpfiles.
KSM=/sys/kernel/mm/ksm/run
ksm_pages=$(( mem_mib * 256 / (300 * 50) ))
[ "$ksm_pages" -ge 100 ] || ksm_pages=100
[ "$ksm_pages" -le 1250 ] || ksm_pages=1250
if [ "$WANT_KSM" = 0 ]; then
    step "KSM: left as it is (--no-ksm): run=$(cat "$KSM" 2>/dev/null || echo absent)"
elif [ ! -e "$KSM" ]; then
    step "KSM: this kernel has none"
else
    if [ "$(cat "$KSM")" = 1 ]; then
        step "KSM: running already"
    elif echo 1 2>/dev/null >"$KSM"; then
        step "KSM: started (identical guest pages are merged)"
    else
        warn "KSM: cannot start it ($KSM is read-only here)"
    fi
    scan=/sys/kernel/mm/ksm/pages_to_scan
    if [ "$(cat "$scan" 2>/dev/null)" = "$ksm_pages" ]; then
        step "KSM: $ksm_pages pages per wakeup already"
    elif echo "$ksm_pages" 2>/dev/null >"$scan"; then
        step "KSM: $ksm_pages pages per wakeup (one pass over the memory in about 5 minutes)"
    fi
    persist /etc/tmpfiles.d/ecsbox-ksm.conf "w $KSM - - - - 1
w $scan - - - - $ksm_pages"
fi
persist /etc/sysctl.d/90-ecsbox.conf "net.ipv4.ip_forward = 1
net.bridge.bridge-nf-call-iptables = 1
fs.aio-max-nr = $aio_want
kernel.pty.max = $pty_want
net.ipv4.neigh.default.gc_thresh2 = $neigh_thresh2
net.ipv4.neigh.default.gc_thresh3 = $neigh_want"
persist /etc/modules-load.d/ecsbox.conf "br_netfilter"

# --- state directory ---
# 0711, not 0700: QEMU runs as libvirt-qemu and must traverse it to open disks
# under images/ and instances/ (it cannot list it).
if [ -d "$DATA_DIR" ] && [ "$(stat -c %a "$DATA_DIR")" = 711 ]; then
    step "state dir: $DATA_DIR (0711) exists"
else
    mkdir -p "$DATA_DIR"
    chmod 0711 "$DATA_DIR"
    step "state dir: $DATA_DIR created/fixed (0711)"
fi
step "done"

# Sourced by test-boot.sh and test-disks.sh: host checks, one throw-away tiny-guest
# domain (name, temp dir, cidata ISO, domain XML) and its cleanup.
# The caller sets PROG, URI, TYPE, KEEP and IMAGE first; optional: TIME_DIGITS (since),
# CONSOLE_TAIL (console lines shown on failure).

log() { echo "$PROG: $*"; }
die() { echo "$PROG: FAIL: $*" >&2; exit 1; }

# check_host TOOL...: root, the image exists (IMAGE made absolute), the tools are there.
check_host() {
    [ "$(id -u)" = 0 ] || die "run as root"
    [ -f "$IMAGE" ] || die "image $IMAGE not found (run images/build-tiny.sh)"
    IMAGE=$(readlink -f "$IMAGE")
    for t in "$@"; do command -v "$t" >/dev/null || die "missing $t"; done
}

ensure_libvirtd() {
    virsh -c "$URI" version >/dev/null 2>&1 && return
    log "libvirtd not answering; starting virtlogd and libvirtd"
    pgrep -x virtlogd >/dev/null || virtlogd -d
    pgrep -x libvirtd >/dev/null || libvirtd -d
    for _ in $(seq 60); do virsh -c "$URI" version >/dev/null 2>&1 && break; sleep 0.5; done
    virsh -c "$URI" version >/dev/null 2>&1 || die "libvirtd does not answer on $URI"
}

# resolve_type: TYPE=auto becomes kvm or qemu.
resolve_type() {
    if [ "$TYPE" = auto ]; then
        # kvm_pvm alone (no kvm_intel/kvm_amd) only runs PVM-aware guest kernels: use TCG.
        if [ -d /sys/module/kvm_pvm ] && [ ! -d /sys/module/kvm_intel ] && [ ! -d /sys/module/kvm_amd ]; then
            log "/dev/kvm is kvm-pvm here (stock kernels cannot boot on it); using TCG"
            TYPE=qemu
        elif [ -r /dev/kvm ] && [ -w /dev/kvm ] && virsh -c "$URI" domcapabilities --virttype kvm >/dev/null 2>&1; then
            TYPE=kvm
        else
            TYPE=qemu
        fi
    fi
    case "$TYPE" in kvm|qemu) ;; *) die "--type must be auto, kvm or qemu" ;; esac
}

# new_test_domain: sets SUFFIX, NAME, IID, TMP (under $DATA_DIR/tmp) and CONSOLE, and
# traps EXIT to destroy the domain and remove TMP (kept with KEEP=1).
new_test_domain() {
    SUFFIX=$(head -c 4 /dev/urandom | od -An -tx1 | tr -d ' \n')
    NAME="ecsbox-test-$SUFFIX"
    IID="i-test$SUFFIX"
    mkdir -p "$DATA_DIR/tmp"
    TMP=$(mktemp -d "$DATA_DIR/tmp/$NAME.XXXX")
    chmod 0755 "$TMP"
    CONSOLE="$TMP/console.log"
    trap cleanup EXIT
    trap 'exit 130' INT TERM
}
cleanup() {
    local rc=$? lines=${CONSOLE_TAIL:-40}
    if virsh -c "$URI" domstate "$NAME" >/dev/null 2>&1; then
        virsh -c "$URI" destroy "$NAME" >/dev/null 2>&1 || true
    fi
    if [ $rc != 0 ] && [ -f "$CONSOLE" ]; then
        echo "---- console log (last $lines lines) ----" >&2
        tail -n "$lines" "$CONSOLE" | tr -d '\r' >&2
    fi
    if [ "$KEEP" = 1 ]; then log "kept $TMP"; else rm -rf "$TMP"; fi
    exit $rc
}

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" -v d="${TIME_DIGITS:-1}" 'BEGIN { printf "%." d "f", b - a }'; }
con() { tr -d '\r' <"$CONSOLE" 2>/dev/null || true; }

# make_cidata ISO: a NoCloud cidata ISO for $IID/$NAME, the user data read from stdin.
make_cidata() {
    mkdir -p "$TMP/cidata"
    printf 'instance-id: %s\nlocal-hostname: %s\n' "$IID" "$NAME" >"$TMP/cidata/meta-data"
    cat >"$TMP/cidata/user-data"
    xorriso -as mkisofs -quiet -V cidata -J -r -o "$1" "$TMP/cidata" 2>/dev/null || die "xorriso failed"
}

# tiny_domain_xml SYSINFO DISKS ISO: the tiny guest's domain (256 MiB, 1 vCPU, pc, ACPI,
# ttyS0 logged to $CONSOLE). SYSINFO: a <sysinfo> element used for SMBIOS, or empty;
# DISKS: the virtio <disk> lines; ISO: the CD-ROM's medium on virtio-scsi, or empty.
tiny_domain_xml() {
    local sysinfo=$1 disks=$2 iso=$3 smbios=
    [ -z "$sysinfo" ] || { sysinfo="  $sysinfo"$'\n'; smbios="<smbios mode='sysinfo'/>"; }
    cat <<EOF
<domain type='$TYPE'>
  <name>$NAME</name>
  <memory unit='MiB'>256</memory><vcpu>1</vcpu>
${sysinfo}  <os><type arch='x86_64' machine='pc'>hvm</type><boot dev='hd'/>$smbios<bios useserial='yes'/></os>
  <features><acpi/></features>
  <clock offset='utc'/>
  <on_poweroff>destroy</on_poweroff><on_reboot>restart</on_reboot><on_crash>destroy</on_crash>
  <devices>
$disks
    <controller type='scsi' index='0' model='virtio-scsi'/>
    <disk type='file' device='cdrom'><driver name='qemu' type='raw'/>${iso:+<source file='$iso'/>}<target dev='sda' bus='scsi'/><readonly/></disk>
    <serial type='pty'><log file='$CONSOLE' append='off'/><target port='0'/></serial>
    <console type='pty'><target type='serial' port='0'/></console>
    <video><model type='none'/></video>
    <memballoon model='none'/>
  </devices>
</domain>
EOF
}

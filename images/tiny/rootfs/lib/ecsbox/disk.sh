# Shared by /sbin/ecsbox-diskwatch and /sbin/ecsbox-io (sourced; busybox ash).

# ROOT_DISK: the disk holding the root partition (root=/dev/vda1 -> vda), else vda.
ROOT_DISK=vda
read -r _cmdline </proc/cmdline
for _a in $_cmdline; do
    case "$_a" in
        root=/dev/vd*) _r=${_a#root=/dev/}; ROOT_DISK=${_r%%[0-9]*} ;;
    esac
done
unset _cmdline _a _r

# disk_head DEV: the first 48 bytes of DEV up to the first NUL or newline, printable
# ASCII only (empty for a zeroed disk). Read with O_DIRECT so that it shows what is on
# the device, not a stale page cache.
disk_head() {
    { dd if="$1" bs=4096 count=1 iflag=direct 2>/dev/null || dd if="$1" bs=4096 count=1 2>/dev/null; } |
        head -c 48 | tr '\000' '\n' | head -n 1 | tr -cd ' -~'
}

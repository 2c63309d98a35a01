# Shared by rcS and /sbin/ecsbox-diskwatch (sourced; busybox ash): the one kernel uevent
# listener, busybox `uevent`, which runs /sbin/ecsbox-hotplug for every event.
UEVENT_PID=/run/ecsbox/uevent.pid

# ensure_uevent: start the listener unless it runs (its pid in $UEVENT_PID, named uevent).
ensure_uevent() {
    _p= _c=
    [ -f "$UEVENT_PID" ] && read -r _p <"$UEVENT_PID"
    [ -n "$_p" ] && read -r _c 2>/dev/null </proc/"$_p"/comm
    [ "$_c" = uevent ] && return 0
    uevent /sbin/ecsbox-hotplug </dev/null >/dev/null 2>&1 &
    echo $! >"$UEVENT_PID"
}

# SSH login (sourced by /etc/init.d/ecsbox-cloud and /sbin/ecsbox-netreport): dropbear's
# host keys per instance, root's authorized_keys from the config drive or the metadata
# service, root's password hash from user data. Busybox sh and awk only.
SSH_DIR=/etc/dropbear
AUTH_KEYS=/root/.ssh/authorized_keys
KEYS_FROM_METADATA=/run/ecsbox/keys-from-metadata
PW_APPLIED=/var/lib/ecsbox-guest/root-password.applied

# ssh_host_key ID: the host keys belong to one instance id; dropbear (-R) makes the one a
# client asks for (ed25519 for OpenSSH) at the first connection, not at boot.
ssh_host_key() {
    if [ "$(cat "$SSH_DIR/instance-id" 2>/dev/null)" != "$1" ]; then
        rm -f "$SSH_DIR"/dropbear_*_host_key
        echo "$1" >"$SSH_DIR/instance-id"
    fi
}

# meta_public_keys FILE: the meta-data's public-keys, one a line: a YAML list (block or
# flow), a single string, or a map of name: key.
meta_public_keys() {
    awk '
    function emit(v) {
        sub(/^[ \t]+/, "", v); sub(/[ \t]+$/, "", v)
        if (v ~ /^".*"$/ || v ~ /^\047.*\047$/) v = substr(v, 2, length(v) - 2)
        if (v != "") print v
    }
    { sub(/\r$/, "") }
    /^public-keys[ \t]*:/ {
        v = $0; sub(/^public-keys[ \t]*:[ \t]*/, "", v)
        if (v ~ /^\[/) { sub(/^\[/, "", v); sub(/\][ \t]*$/, "", v); n = split(v, a, ","); for (i = 1; i <= n; i++) emit(a[i]) }
        else if (v != "" && v !~ /^[|>]/) emit(v)
        else inkeys = 1
        next
    }
    inkeys && /^[ \t]*$/ { next }
    inkeys && /^[ \t]+- / { v = $0; sub(/^[ \t]+- /, "", v); emit(v); next }
    inkeys && /^[ \t]+[^ \t:]+:[ \t]/ { v = $0; sub(/^[ \t]+[^ \t:]+:[ \t]*/, "", v); emit(v); next }
    inkeys && /^[ \t]+[^ \t]/ { emit($0); next }
    { inkeys = 0 }' "$1"
}

# write_authorized_keys FROM: root's authorized_keys from stdin (replaced, never appended).
# Shell builtins only: it runs before READY on every boot.
write_authorized_keys() {
    [ -d /root/.ssh ] || mkdir -m 700 /root/.ssh
    n=0
    umask 077
    while read -r k; do
        case "$k" in ssh-*|ecdsa-*|sk-*) echo "$k"; n=$((n + 1)) ;; esac
    done >"$AUTH_KEYS.new"
    umask 022
    mv -f "$AUTH_KEYS.new" "$AUTH_KEYS"
    say "SSH authorized_keys: $n key(s) from $1"
}

# keys_from_metadata: root's key from the metadata service, by whichever of ecsbox-cloud
# (no config drive) and ecsbox-netreport (a NIC reached the service) comes second: the
# first to remove the flag file fetches. netreport appends to net-events before it looks
# for the flag, and ecsbox-cloud makes the flag before it looks in net-events.
keys_from_metadata() {
    rm "$KEYS_FROM_METADATA" 2>/dev/null || return 0
    timeout 5 wget -q -O - http://100.100.100.200/latest/meta-data/public-keys/0/openssh-key 2>/dev/null |
        write_authorized_keys "the metadata service"
}

# cloud_config_root_password FILE: root's password hash from a cloud-config's chpasswd
# (users: entries in flow or block style, or the old list: of user:hash lines).
cloud_config_root_password() {
    awk '
    function unq(v) {
        sub(/^[ \t]+/, "", v); sub(/[ \t]+$/, "", v)
        if (v ~ /^".*"$/ || v ~ /^\047.*\047$/) v = substr(v, 2, length(v) - 2)
        return v
    }
    function flush() { if (name == "root" && pw != "" && (type == "hash" || (type == "" && pw ~ /^\$/))) found = pw; name = pw = type = "" }
    function field(kv,   k, v) {
        k = kv; sub(/:.*/, "", k); k = unq(k)
        v = kv; sub(/^[^:]*:/, "", v); v = unq(v)
        if (k == "name") name = v; else if (k == "password") pw = v; else if (k == "type") type = v
    }
    { sub(/\r$/, "") }
    /^chpasswd[ \t]*:/ { inc = 1; next }
    inc && /^[^ \t#]/ { flush(); inc = 0 }
    !inc { next }
    /^[ \t]*- *\{/ {
        flush(); v = $0; sub(/^[^{]*\{/, "", v); sub(/\}[ \t]*$/, "", v)
        n = split(v, a, ","); for (i = 1; i <= n; i++) field(a[i]); flush(); next
    }
    /^[ \t]*- / { flush(); v = $0; sub(/^[ \t]*- /, "", v); if (v ~ /^root:\$/) { found = substr(v, 6); next } field(v); next }
    /^[ \t]*(name|password|type)[ \t]*:/ { field($0); next }
    /^[ \t]*root:\$/ { v = $0; sub(/^[ \t]*root:/, "", v); found = unq(v); next }
    END { flush(); if (found != "") print found }' "$1"
}

# set_root_password HASH: into /etc/shadow, unless it is the one applied last (so a
# password changed inside the guest stays until user data brings a new one).
set_root_password() {
    case "$1" in *[!A-Za-z0-9./\$=,+-]*|"") say "root password: not a crypt hash, ignored"; return 1 ;; esac
    case "$1" in \$*) ;; *) say "root password: not a crypt hash, ignored"; return 1 ;; esac
    [ "$(cat "$PW_APPLIED" 2>/dev/null)" = "$1" ] && return 0
    sed "s|^root:[^:]*:|root:$1:|" /etc/shadow >/etc/shadow.new &&
        chmod 600 /etc/shadow.new && mv -f /etc/shadow.new /etc/shadow &&
        echo "$1" >"$PW_APPLIED" && say "root password set from user data"
}

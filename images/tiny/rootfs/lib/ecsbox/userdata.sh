# User data (sourced by /etc/init.d/ecsbox-cloud): a #! script, a #cloud-config, or a
# MIME multipart of text/x-shellscript and text/cloud-config parts (base64 or plain).

# split_user_data FILE DIR: one DIR/N.type (the part's media type) and DIR/N.body per
# part, in order. A FILE that is not multipart becomes a single part. Busybox awk.
split_user_data() {
    mkdir -p "$2"
    rm -f "$2"/*
    first=
    read -r first <"$1"
    case "$first" in
        "#!"*) cp "$1" "$2/1.body"; echo text/x-shellscript >"$2/1.type"; return 0 ;;  # the usual case, no awk
    esac
    awk -v dir="$2" '
    function lc(s) { return tolower(s) }
    function hdr(line, k) {    # a header line of the current block: remember type/encoding
        k = lc(line); sub(/:.*/, "", k)
        v = line; sub(/^[^:]*:[ \t]*/, "", v)
        if (k == "content-type") ctype = v
        else if (k == "content-transfer-encoding") cenc = lc(v)
        lastk = k
    }
    function media(t) { t = lc(t); sub(/;.*/, "", t); gsub(/[ \t]/, "", t); return t }
    { sub(/\r$/, "") }
    NR == 1 && !/^[A-Za-z-]+:/ { single = 1 }
    single { print > (dir "/1.body"); next }
    state == 0 {    # the message headers
        if ($0 == "") {
            if (media(ctype) !~ /^multipart\//) { print media(ctype) > (dir "/1.type"); state = 3; next }
            b = ctype; sub(/.*[Bb][Oo][Uu][Nn][Dd][Aa][Rr][Yy]=/, "", b)
            if (b ~ /^"/) { b = substr(b, 2); sub(/".*/, "", b) } else sub(/[; \t].*/, "", b)
            state = 1; next
        }
        if ($0 ~ /^[ \t]/ && lastk == "content-type") ctype = ctype " " $0; else hdr($0)
        next
    }
    state == 3 { print > (dir "/1.body"); next }
    $0 == "--" b "--" { state = 9; next }
    $0 == "--" b { n++; state = 2; ctype = ""; cenc = ""; next }
    state == 2 {    # the headers of a part
        if ($0 == "") {
            print media(ctype) > (dir "/" n ".type"); if (cenc == "base64") print "base64" > (dir "/" n ".enc")
            printf "" > (dir "/" n ".body"); state = 1; next
        }
        if ($0 ~ /^[ \t]/) next
        hdr($0); next
    }
    state == 1 && n > 0 { print > (dir "/" n ".body") }' "$1"
    for enc in "$2"/*.enc; do
        [ -f "$enc" ] || continue
        p=${enc%.enc}
        base64 -d <"$p.body" >"$p.dec" 2>/dev/null && mv -f "$p.dec" "$p.body"
    done
    # a part without a Content-Type (or a single file) is known by its first line
    for body in "$2"/*.body; do
        [ -f "$body" ] || continue
        t=${body%.body}.type type= first=
        [ -f "$t" ] && read -r type <"$t"
        [ -z "$type" ] || [ "$type" = text/plain ] || continue
        read -r first <"$body"
        case "$first" in
            "#!"*) echo text/x-shellscript >"$t" ;;
            "#cloud-config"*) echo text/cloud-config >"$t" ;;
            *) [ -n "$type" ] || echo unknown >"$t" ;;
        esac
    done
}

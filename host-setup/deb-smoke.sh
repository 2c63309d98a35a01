#!/bin/bash
# The Debian package, for real on this host (run-tests.sh runs it after the test suite; as root):
# installs target/ecsbox_*_all.deb with apt-get, checks what a user gets through /usr/bin/ecsbox
# (the version line of the build, man pages, bash/zsh completion that completes, the systemd
# unit's command, `ecsbox doctor` on this host), then removes and purges the package and checks
# that the store (/var/lib/ecsbox) and a set-up install (/usr/local/bin/ecsbox) are as they were.
# Leaves the package installed only if it was before. About 30 s; starts no daemon.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$HERE"
[ "$(id -u)" = 0 ] || { echo "run as root: from a root shell, or sudo $0" >&2; exit 1; }
say() { echo "deb-smoke: $*"; }
fail() { echo "deb-smoke: FAIL: $*" >&2; exit 1; }
export DEBIAN_FRONTEND=noninteractive

debs=(target/ecsbox_*_all.deb)
[ -f "${debs[0]}" ] || fail "no target/ecsbox_*_all.deb (mvn package makes it)"
[ "${#debs[@]}" = 1 ] || fail "more than one package in target/: ${debs[*]}"
deb=${debs[0]}
was_installed=0
dpkg-query -W -f='${Status}\n' ecsbox 2>/dev/null | grep -q '^install ok installed$' && was_installed=1
# What must survive the package: the store (a marker file of this run stands for its contents,
# which a running daemon may change meanwhile) and a set-up install of the command.
mkdir -p /var/lib/ecsbox
marker=/var/lib/ecsbox/.deb-smoke.$$
echo "deb-smoke $(date -u +%FT%TZ)" >"$marker"
installed_here=0
cleanup() {
  rm -f "$marker"
  if [ "$installed_here" = 1 ] && [ "$was_installed" = 0 ]; then # a failed check: take it off again
    apt-get remove -y -qq ecsbox >/dev/null 2>&1 || true
  fi
}
trap cleanup EXIT
setup_cmd() { sha256sum /usr/local/bin/ecsbox 2>/dev/null || echo "no /usr/local/bin/ecsbox"; }
setup_before=$(setup_cmd)

say "apt-get install ./$deb"
if ! apt-get install -y -qq "./$deb" >/tmp/deb-smoke.apt.log 2>&1; then
  apt-get update -qq && apt-get install -y -qq "./$deb" >/tmp/deb-smoke.apt.log 2>&1 ||
    { cat /tmp/deb-smoke.apt.log >&2; fail "apt-get install ./$deb"; }
fi
installed_here=1

want=$(java -jar target/ecsbox.jar --version)
got=$(/usr/bin/ecsbox --version)
[ "$got" = "$want" ] || fail "/usr/bin/ecsbox --version says '$got', the build says '$want'"
echo "$got" | grep -Eq '^ecsbox [^ ]+ \(commit [0-9a-f]{7}(-dirty)?\) ' || fail "no commit in '$got'"
say "version: $got"

[ -f /usr/share/man/man1/ecsbox.1.gz ] || fail "the package has no /usr/share/man/man1/ecsbox.1.gz"
page=$(man -w ecsbox) || fail "man ecsbox: no page"
page=$(readlink -f "$page") # Debian's /usr/local/man is a link to /usr/local/share/man
case "$page" in /usr/share/man/*|/usr/local/share/man/*) ;; *) fail "man ecsbox found $page" ;; esac
MANPAGER=cat MANWIDTH=100 man ecsbox-instance-run 2>/dev/null | grep -q -- '--image=IMAGE_ID' ||
  fail "man ecsbox-instance-run lacks --image"
say "man: $(dpkg -L ecsbox | grep -c '/man1/.*\.1\.gz$') pages, ecsbox(1) at $page"

bash_comp=/usr/share/bash-completion/completions/ecsbox
[ -f "$bash_comp" ] && [ -f /usr/share/zsh/vendor-completions/_ecsbox ] || fail "completion files missing"
# bash: the function the script registers, as bash calls it on <TAB>
words=$(bash -c 'source "$1"; COMP_LINE="ecsbox instance re"; COMP_POINT=${#COMP_LINE}
  COMP_WORDS=(ecsbox instance re); COMP_CWORD=2; _complete_ecsbox; printf "%s\n" "${COMPREPLY[@]}"' \
  _ "$bash_comp" 2>/dev/null | sort | tr '\n' ' ')
echo "$words" | grep -qw reboot && echo "$words" | grep -qw resize || fail "bash completion of 'ecsbox instance re' gave: '$words'"
say "completion (bash): 'ecsbox instance re<TAB>' -> $words"
if command -v zsh >/dev/null; then # zsh: a real interactive shell on a pseudo-terminal
  out=$(timeout 30 zsh -f -c 'zmodload zsh/zpty; zpty z zsh -f -i
    zpty -w z "autoload -U compinit; compinit -u"; sleep 1
    zpty -w -n z "ecsbox instance re"$'"'"'\t'"'"'; sleep 3
    all=; while zpty -r -t z chunk; do all+=$chunk; done; zpty -d z; print -r -- "$all"' 2>&1)
  echo "$out" | grep -q 'reboot .*resize' || fail "zsh completion of 'ecsbox instance re' gave: $out"
  say "completion (zsh): 'ecsbox instance re<TAB>' -> reboot resize"
else
  say "completion (zsh): not checked, zsh is not installed"
fi

unit=/lib/systemd/system/ecsbox.service
exe=$(sed -n 's/^ExecStart=\([^ ]*\).*/\1/p' "$unit" | head -1)
[ "$exe" = /usr/bin/ecsbox ] || fail "$unit runs '$exe', not /usr/bin/ecsbox"
say "unit: $unit runs $exe"

/usr/bin/ecsbox doctor >/tmp/deb-smoke.doctor.log 2>&1 || { cat /tmp/deb-smoke.doctor.log >&2; fail "ecsbox doctor"; }
say "doctor: $(grep -c '^OK' /tmp/deb-smoke.doctor.log) OK, $(grep -c '^WARN' /tmp/deb-smoke.doctor.log) WARN, no FAIL"

if [ "$was_installed" = 1 ]; then
  say "the package was installed before this run: left installed (upgraded to $deb)"
  exit 0
fi
say "apt-get remove ecsbox"
apt-get remove -y -qq ecsbox >/tmp/deb-smoke.apt.log 2>&1 || { cat /tmp/deb-smoke.apt.log >&2; fail "apt-get remove"; }
installed_here=0
[ ! -e /usr/bin/ecsbox ] && [ ! -e "$bash_comp" ] || fail "apt-get remove left the package's files"
[ -f "$marker" ] || fail "removing the package removed /var/lib/ecsbox's files"
[ "$(setup_cmd)" = "$setup_before" ] || fail "installing or removing the package changed /usr/local/bin/ecsbox"
apt-get purge -y -qq ecsbox >/tmp/deb-smoke.apt.log 2>&1 || { cat /tmp/deb-smoke.apt.log >&2; fail "apt-get purge"; }
[ -f "$marker" ] || fail "purging the package removed /var/lib/ecsbox's files"
say "removed and purged; /var/lib/ecsbox and /usr/local/bin/ecsbox are as they were"

#!/bin/bash
# Builds target/ecsbox.jar if needed and puts an `ecsbox` command on the PATH
# (/usr/local/bin/ecsbox, from bin/ecsbox, runs `java -jar /usr/local/lib/ecsbox/ecsbox.jar`),
# with its bash and zsh completion and man pages under /usr/local/share (made by the build
# from the same command tree). It leaves an installed ecsbox .deb (/usr/bin) alone.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$HERE"
if [ ! -f target/ecsbox.jar ] || [ ! -f target/docs/completion/ecsbox ] ||
    [ -n "$(find src pom.xml -newer target/ecsbox.jar -print -quit)" ]; then
  echo "==> building target/ecsbox.jar"
  mvn -B -q -DskipTests package
fi
install -d /usr/local/lib/ecsbox
install -m 0644 target/ecsbox.jar /usr/local/lib/ecsbox/ecsbox.jar
install -m 0755 bin/ecsbox /usr/local/bin/ecsbox
install -D -m 0644 target/docs/completion/ecsbox /usr/local/share/bash-completion/completions/ecsbox
install -D -m 0644 target/docs/completion/_ecsbox /usr/local/share/zsh/site-functions/_ecsbox
if [ -d target/deb/man1 ]; then
  install -d /usr/local/share/man/man1
  install -m 0644 target/deb/man1/*.1.gz /usr/local/share/man/man1/
else
  echo "==> no man pages: asciidoctor was missing at build time (host-setup/setup.sh installs it)" >&2
fi
# The class-data sharing archive of this jar (/usr/local/lib/ecsbox/ecsbox.jsa): commands start
# in about half the time. A package's postinst runs the same: `/usr/bin/ecsbox --make-cds`.
/usr/local/bin/ecsbox --make-cds
echo "==> ecsbox is on the PATH: $(command -v ecsbox)"
# The daemon's config file, every setting commented out at its default (kept when present).
if [ ! -e /etc/ecsbox/ecsbox.conf ]; then
  install -d /etc/ecsbox
  (umask 077 && /usr/local/bin/ecsbox config template > /etc/ecsbox/ecsbox.conf)
  echo "==> wrote /etc/ecsbox/ecsbox.conf (all settings commented out: the defaults)"
fi

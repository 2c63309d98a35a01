#!/bin/sh
# Build step (pom, prepare-package): the files of the Debian package that need more than a copy,
# staged in TARGET/deb. The man pages' AsciiDoc (TARGET/docs/man-adoc, from BuildDocs) becomes roff
# with asciidoctor when it is installed; the systemd units, written for set-up's /usr/local
# install, get the package's paths (/usr/bin/ecsbox, /usr/share/doc/ecsbox).
# usage: stage.sh TARGET
set -eu
target=$1
base=$(cd "$(dirname "$0")/../.." && pwd)
stage=$target/deb
rm -rf "$stage"
mkdir -p "$stage/systemd"
for unit in "$base"/systemd/*.service; do
  [ -e "$unit" ] || continue
  sed 's|/usr/local/|/usr/|g' "$unit" >"$stage/systemd/$(basename "$unit")"
done
if command -v asciidoctor >/dev/null 2>&1; then
  mkdir -p "$stage/man1"
  asciidoctor -b manpage -D "$stage/man1" "$target"/docs/man-adoc/*.adoc
  gzip -9n "$stage"/man1/*
else
  echo "WARNING: asciidoctor is not installed, so the package has no man pages" \
    "(apt-get install asciidoctor; host-setup/setup.sh installs it with the build tools)" >&2
fi

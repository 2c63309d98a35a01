#!/bin/sh
# Build step (pom, generate-resources): which commit this build is made from, for
# `ecsbox --version`, in OUT as git.commit.id.abbrev, git.dirty (tracked files changed) and
# git.build.version. Outside git (a source tarball) only the version is written and the
# commit reads "unknown". git-commit-id-maven-plugin would do this but reads a linked
# worktree's main checkout (its open issue 882): the wrong commit in every `git worktree`.
# usage: git-properties.sh BASEDIR VERSION OUT
set -eu
base=$1 version=$2 out=$3
mkdir -p "$(dirname "$out")"
{
  echo "git.build.version=$version"
  if commit=$(git -C "$base" rev-parse --short=7 HEAD 2>/dev/null); then
    echo "git.commit.id.abbrev=$commit"
    if [ -n "$(git -C "$base" status --porcelain --untracked-files=no 2>/dev/null)" ]; then
      echo "git.dirty=true"
    else
      echo "git.dirty=false"
    fi
  fi
} >"$out.tmp"
mv "$out.tmp" "$out"

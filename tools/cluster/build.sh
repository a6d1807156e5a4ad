#!/usr/bin/env bash
# Builds kube-apiserver and etcd from the Go module proxy into a cache folder outside the
# repo, keyed by version, and prints that folder. A second run with the same versions only
# checks that the binaries exist.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
# Versions are pinned in the wrapper modules' go.mod files; the cache key follows them.
required() { # go.mod module -> the version it requires, in a require line or block
  awk -v m="$2" '($1=="require" && $2==m) {print $3} ($1==m) {print $2}' "$1" | head -n 1
}
kube_version=$(required "$here/go/kube-apiserver/go.mod" k8s.io/kubernetes)
etcd_version=$(required "$here/go/etcd/go.mod" go.etcd.io/etcd/server/v3)
if [ -z "$kube_version" ] || [ -z "$etcd_version" ]; then
  echo "cannot read the pinned versions from tools/cluster/go/*/go.mod" >&2
  exit 1
fi
cache_root=${WEIR_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/weir}
out="$cache_root/cluster/kube-$kube_version-etcd-$etcd_version"

build() { # name module-dir ldflags
  local name=$1 dir=$2 ldflags=$3
  if [ -x "$out/$name" ]; then return; fi
  echo "building $name (once per version; a cold build takes several minutes)" >&2
  local start=$SECONDS
  (cd "$dir" && GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS=-mod=mod \
    go build -p "$(nproc)" -trimpath -ldflags "-s -w $ldflags" -o "$out/$name.tmp" .)
  mv "$out/$name.tmp" "$out/$name"
  echo "built $name in $((SECONDS - start))s" >&2
}

mkdir -p "$out"
# Several test runs on one machine (worktrees, a person and CI) may ask at once: one builds,
# the others wait for it instead of compiling the same thing again into the same file.
exec 9>"$out/.build.lock"
flock 9
git_version="-X k8s.io/component-base/version.gitVersion=$kube_version -X k8s.io/client-go/pkg/version.gitVersion=$kube_version"
git_version="$git_version -X k8s.io/component-base/version.gitMajor=1 -X k8s.io/component-base/version.gitMinor=$(echo "$kube_version" | cut -d. -f2)"
build etcd "$here/go/etcd" ""
build kube-apiserver "$here/go/kube-apiserver" "$git_version"
echo "$out"

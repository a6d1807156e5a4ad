#!/usr/bin/env bash
# Builds kube-apiserver and etcd from the Go module proxy into a cache folder outside the
# repo, keyed by version, and prints that folder. A second run with the same versions only
# checks that the binaries exist.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
# Versions are pinned in the wrapper modules' go.mod files; the cache key follows them.
kube_version=$(awk '$1=="require" && $2=="k8s.io/kubernetes" {print $3}' "$here/go/kube-apiserver/go.mod")
etcd_version=$(awk '$1=="require" && $2=="go.etcd.io/etcd/server/v3" {print $3}' "$here/go/etcd/go.mod")
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
git_version="-X k8s.io/component-base/version.gitVersion=$kube_version -X k8s.io/client-go/pkg/version.gitVersion=$kube_version"
git_version="$git_version -X k8s.io/component-base/version.gitMajor=1 -X k8s.io/component-base/version.gitMinor=$(echo "$kube_version" | cut -d. -f2)"
build etcd "$here/go/etcd" ""
build kube-apiserver "$here/go/kube-apiserver" "$git_version"
echo "$out"

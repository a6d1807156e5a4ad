#!/usr/bin/env bash
# Builds istioctl (and analyze-files, istio's analyzers over files including Services, Pods and
# Namespaces) from the Go module proxy into a cache folder outside the repo, keyed by version,
# and prints that folder. A second run with the same version only checks that the binaries
# exist. Same pattern as tools/cluster/build.sh.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
# The version is pinned in the wrapper module's go.mod; the cache key follows it.
version=$(awk '($1=="istio.io/istio") {print $2} ($1=="require" && $2=="istio.io/istio") {print $3}' \
  "$here/go/go.mod" | head -n 1)
if [ -z "$version" ]; then
  echo "cannot read the pinned istio.io/istio version from tools/istioctl/go/go.mod" >&2
  exit 1
fi
cache_root=${WEIR_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/weir}
out="$cache_root/istioctl/$version"

# The pseudo-version's last part is the upstream commit; istio's VERSION file names the release
# line (1.31 for the pinned commit), so `istioctl version` says which build this is.
revision=${version##*-}
pkg=istio.io/istio/pkg/version
ldflags="-s -w -X $pkg.buildVersion=1.31-dev+$revision -X $pkg.buildGitRevision=$revision"
ldflags="$ldflags -X $pkg.buildTag=$version -X $pkg.buildStatus=Clean"

build() { # name package [source file that invalidates the cached binary]
  local name=$1 package=$2 source=${3:-}
  if [ -x "$out/$name" ] && { [ -z "$source" ] || [ ! "$source" -nt "$out/$name" ]; }; then return; fi
  echo "building $name $version (once per version; a cold build takes about 5-10 minutes on 2 cores)" >&2
  local start=$SECONDS
  (cd "$here/go" && GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS=-mod=mod \
    go build -p 2 -trimpath -ldflags "$ldflags" -o "$out/$name.tmp" "$package")
  mv "$out/$name.tmp" "$out/$name"
  echo "built $name in $((SECONDS - start))s" >&2
}

mkdir -p "$out"
# The wrapper module names istioctl's own main package with a `tool` directive, so the binary
# is upstream's main unchanged.
build istioctl istio.io/istio/istioctl/cmd/istioctl
build analyze-files ./analyze-files "$here/go/analyze-files/main.go"
echo "$out"

#!/usr/bin/env bash
# Builds Helm (v4, the current major; charts with apiVersion v2 such as Weir's install with Helm 3
# too) from the Go module proxy into a cache folder outside the repo, keyed by version, and prints
# that folder. A second run with the same version only checks that the binary exists. Same
# pattern as tools/istioctl/build.sh.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=../go-wrapper.sh
source "$here/../go-wrapper.sh"
# The version is pinned in the wrapper module's go.mod; the cache key follows it.
version=$(pinned_version helm.sh/helm/v4 "$here/go")
out="$weir_cache_root/helm/$version"

if [ ! -x "$out/helm" ]; then
  echo "building helm $version (once per version; a cold build takes a few minutes on 2 cores)" >&2
  start=$SECONDS
  mkdir -p "$out"
  pkg=helm.sh/helm/v4/internal/version
  (cd "$here/go" && GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS=-mod=mod \
    go build -p "${WEIR_GO_PARALLEL:-2}" -trimpath -ldflags "-s -w -X $pkg.version=$version" \
      -o "$out/helm.tmp" helm.sh/helm/v4/cmd/helm)
  mv "$out/helm.tmp" "$out/helm"
  echo "built helm in $((SECONDS - start))s" >&2
fi
echo "$out"

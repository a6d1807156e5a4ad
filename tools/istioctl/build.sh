#!/usr/bin/env bash
# Builds Istio's tools from the Go module proxy into a cache folder outside the repo, keyed by
# version, and prints that folder. A second run with the same version only checks that the
# binaries exist. Same pattern as tools/cluster/build.sh.
#
#   bash tools/istioctl/build.sh                    # every tool below
#   bash tools/istioctl/build.sh validate-config    # only the named ones
#
# `npm test` (tools/setup.sh) builds only what its tests run, so a cold machine compiles no
# more of istio.io/istio than it needs: istioctl itself is for tools/istioctl/compare.ts.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=../go-wrapper.sh
source "$here/../go-wrapper.sh"
# The version is pinned in the wrapper module's go.mod; the cache key follows it.
version=$(pinned_version istio.io/istio "$here/go")
out="$weir_cache_root/istioctl/$version"

# The pseudo-version's last part is the upstream commit; istio's VERSION file names the release
# line (1.31 for the pinned commit), so `istioctl version` says which build this is.
revision=${version##*-}
pkg=istio.io/istio/pkg/version
ldflags="-s -w -X $pkg.buildVersion=1.31-dev+$revision -X $pkg.buildGitRevision=$revision"
ldflags="$ldflags -X $pkg.buildTag=$version -X $pkg.buildStatus=Clean"

wanted=("$@")
build() { # name package [source file that invalidates the cached binary]
  local name=$1 package=$2 source=${3:-}
  if [ ${#wanted[@]} -gt 0 ] && [[ " ${wanted[*]} " != *" $name "* ]]; then return; fi
  if [ -x "$out/$name" ] && { [ -z "$source" ] || [ ! "$source" -nt "$out/$name" ]; }; then return; fi
  echo "building $name $version (once per version; a cold build takes about 5-10 minutes on 2 cores)" >&2
  local start=$SECONDS
  # WEIR_GO_PARALLEL=1 leaves a core to others when the machine is shared.
  # A package of tests only (trace-oracle) is built as a test binary: istio's simulation takes a *testing.T.
  local command=(build -ldflags "$ldflags")
  if ! ls "$here/go/${package#./}"/*.go 2>/dev/null | grep -qv '_test\.go$'; then command=(test -c -vet=off); fi
  (cd "$here/go" && GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS=-mod=mod \
    go "${command[@]}" -p "${WEIR_GO_PARALLEL:-2}" -trimpath -o "$out/$name.tmp" "$package")
  mv "$out/$name.tmp" "$out/$name"
  echo "built $name in $((SECONDS - start))s" >&2
}

mkdir -p "$out"
# The wrapper module names istioctl's own main package with a `tool` directive, so the binary
# is upstream's main unchanged.
build istioctl istio.io/istio/istioctl/cmd/istioctl
build analyze-files ./analyze-files "$here/go/analyze-files/main.go"
# Istio's admission validation (what istiod's webhook refuses) over manifest files: the oracle
# lib/validate/admission is tested against (lib/validate/admission/oracle.test.ts).
build validate-config ./validate-config "$here/go/validate-config/main.go"
# istiod's own Envoy configuration for manifests, and the listener, virtual host, route and
# clusters a request meets in it: the oracle lib/trace is tested against (trace.test.ts).
build trace-oracle ./trace-oracle "$here/go/trace-oracle/oracle_test.go"
for name in "${wanted[@]}"; do
  [ -x "$out/$name" ] || { echo "build.sh: no tool named $name" >&2; exit 1; }
done
echo "$out"

#!/usr/bin/env bash
# Puts Prometheus and its promtool (which checks rule files) into a cache folder outside the
# repo, keyed by version, and prints that folder.
# Debian's own build (bookworm: 2.42, kept patched by Debian's security team), unpacked from its
# package without installing it: no service is started, no root is needed, and nothing is
# compiled (a build from the Go module proxy pulls every service-discovery SDK — cloud vendors,
# Kubernetes — and takes long minutes on 2 cores). Weir's queries (rate, sum by, histogram_quantile)
# need nothing newer than Prometheus 2.0. A second run with the same version only checks that the
# binary exists.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=../go-wrapper.sh
source "$here/../go-wrapper.sh"

command -v apt-get >/dev/null || {
  echo "Prometheus for the traffic tests comes from Debian's package; without apt, put a prometheus binary (2.x or 3.x) at \$WEIR_CACHE_DIR/prometheus/<version>/prometheus" >&2
  found=$(ls -d "$weir_cache_root"/prometheus/*/ 2>/dev/null | head -n 1)
  [ -n "$found" ] && [ -x "$found/prometheus" ] && { echo "${found%/}"; exit 0; }
  exit 1
}
version=$(apt-cache policy prometheus 2>/dev/null | awk '$1 == "Candidate:" {print $2}')
if [ -z "$version" ] || [ "$version" = "(none)" ]; then
  echo "apt knows no prometheus package: run apt-get update first" >&2
  exit 1
fi
key=${version//[^A-Za-z0-9.+_-]/_}
out="$weir_cache_root/prometheus/$key"

if [ ! -x "$out/prometheus" ] || [ ! -x "$out/promtool" ]; then
  echo "unpacking Debian's prometheus $version (once per version)" >&2
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  # apt-get download runs as any user; as root it warns that the _apt user cannot write here.
  (cd "$work" && apt-get download -qq "prometheus=$version" 2>/dev/null)
  dpkg-deb -x "$work"/prometheus_*.deb "$work/root"
  mkdir -p "$out"
  # Only what is missing: a cache from before promtool keeps the prometheus a test may be running.
  for bin in prometheus promtool; do
    [ -x "$out/$bin" ] && continue
    cp "$work/root/usr/bin/$bin" "$out/$bin.tmp"
    mv "$out/$bin.tmp" "$out/$bin"
  done
fi
echo "$out"

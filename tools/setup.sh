#!/usr/bin/env bash
# Installs what Weir's tests need on a fresh machine: npm packages, Debian's Chromium, and the
# local Kubernetes API's binaries (built once per version into ~/.cache/weir). Each step is
# skipped when already done.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing npm packages"
  # Not `npm ci`: npm 11 leaves other platforms' optional packages (biome, next/swc,
  # tailwind's oxide) out of the lock file and then refuses it in `ci`. `install` keeps to
  # the locked versions all the same.
  npm install --no-audit --no-fund
fi

chromium=${WEIR_CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$chromium" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "setup: installing Debian's chromium for the browser tests"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "setup: browser tests need Chromium at $chromium (Debian: sudo apt-get install chromium)" >&2
    exit 1
  fi
fi

command -v go >/dev/null || { echo "setup: the local Kubernetes API is built with Go 1.26+; install Go first" >&2; exit 1; }
command -v openssl >/dev/null || { echo "setup: openssl is needed for the local cluster's certificates" >&2; exit 1; }
bash tools/cluster/build.sh >/dev/null
# Istio's own admission validation and istiod's own routes, the oracles lib/validate/admission
# and lib/trace are tested against; only these, not istioctl (a cold build compiles a part of
# istio.io/istio: minutes on 2 cores).
bash tools/istioctl/build.sh validate-config trace-oracle >/dev/null
# Helm, for the chart's tests (helm lint, helm template, dry runs): built once per version.
bash tools/helm/build.sh >/dev/null
# Prometheus, which the traffic tests start beside tools/traffic (Debian's build, unpacked once).
bash tools/prometheus/build.sh >/dev/null

#!/usr/bin/env bash
# `npm test`: every check and test, against the real local Kubernetes API and Chromium.
# Ends with one summary line `weir: N passed, N failed, N skipped` and a non-zero exit on
# any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh || exit 1

results=.weir/results
rm -rf "$results" && mkdir -p "$results"
status=0

echo "== lint and types"
npx biome ci . || { status=1; echo "lint: failed" > "$results/lint.failed"; }
npx tsc --noEmit -p . || { status=1; echo "types: failed" > "$results/types.failed"; }

echo "== unit and integration tests (Vitest)"
npx vitest run --reporter=default --reporter=json --outputFile.json="$results/vitest.json" || status=1

echo "== production build"
npx next build > "$results/next-build.log" 2>&1 || { status=1; echo "build: failed" > "$results/build.failed"; cat "$results/next-build.log"; }

echo "== browser tests (Playwright, Debian's Chromium)"
if [ -f .next/BUILD_ID ]; then
  CI=1 npm run --silent test:e2e || status=1
fi

echo "== scale benchmark, small (it must finish; the figures are for bench/scale.ts 10000)"
if [ -f .next/BUILD_ID ]; then
  RUNS=1 SAMPLES=2 npx tsx --conditions=react-server bench/scale.ts 50 > "$results/scale-bench.jsonl" 2> "$results/scale-bench.log" \
    || { status=1; echo "scale benchmark: failed" > "$results/scale-bench.failed"; tail -40 "$results/scale-bench.log"; }
fi

node tools/test/summary.mjs "$results" || status=1
exit $status

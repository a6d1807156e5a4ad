import { describe, expect, it } from 'vitest';
import { agreement, istioAnswers, oracleBuilt, oraclePath, traceCases } from './trace-oracle';

// Weir's tracer (lib/trace) against istiod's own Envoy configuration for the same YAML
// (trace-oracle, built by `bash tools/istioctl/build.sh trace-oracle`, which tools/setup.sh runs
// for npm test): the demo and every corpus file, with requests drawn from each file's own
// matches and near misses.
const built = oracleBuilt();
// Per proxy and port; trace-agreement.ts asks more.
const REQUESTS = Number(process.env.WEIR_TRACE_REQUESTS ?? 40);

if (!built)
  console.warn(
    `trace.test: SKIPPED, ${oraclePath()} is not built (bash tools/istioctl/build.sh trace-oracle)`,
  );

describe.skipIf(!built)('the tracer against istiod’s own routes', () => {
  const cases = traceCases(REQUESTS);
  const answers = istioAnswers(cases);
  const results = cases.map((c) => agreement(c, answers));

  it.each(results.map((r) => [r.id, r] as const))('agrees request by request on %s', (_id, r) => {
    expect(r.differences).toEqual([]);
  });

  it('asks questions with every kind of answer, so agreeing says something', () => {
    const outcomes = new Map<string, number>();
    for (const r of results) for (const [k, n] of r.outcomes) outcomes.set(k, (outcomes.get(k) ?? 0) + n);
    // Weighted splits, a single destination, 404s, https redirects, redirects, direct responses and
    // closed ports all occur.
    for (const kind of [
      'routed: split',
      'routed: one',
      'not-found',
      'https-redirect',
      'redirect',
      'direct-response',
      'closed',
    ])
      expect(outcomes.get(kind) ?? 0, kind).toBeGreaterThan(0);
  });
});

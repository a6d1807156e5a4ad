import { percent } from './edge-text';

// Envoy's response flags, as Istio's istio_requests_total carries them (Envoy's access-log
// documentation, "%RESPONSE_FLAGS%"): why a request failed or was changed on its way. Those
// that point at a cause an operator can act on, in the words of the traffic finding.
const CAUSES: Record<string, string> = {
  UH: 'no healthy upstream — every pod behind it unready or ejected by outlier detection',
  UO: 'upstream overflow — the DestinationRule connection pool (circuit breaker) turned requests away',
  URX: 'retry limit exceeded — retries (or connect attempts) gave up',
  UF: 'upstream connection failure',
  UT: 'upstream request timeout — the route timeout',
  UC: 'upstream connection terminated',
  UR: 'upstream reset the request',
  LR: 'connection reset locally',
  NR: 'no route configured',
  NC: 'no cluster for the destination (a subset no DestinationRule defines)',
  FI: 'fault injection (the route aborts requests)',
  DI: 'fault injection (the route delays requests)',
  RL: 'rate limited',
  DC: 'the client went away',
};

/** Below this share of an edge's requests, a flag is noise, not a cause. */
const MIN_SHARE = 0.01;

/**
 * What Envoy's flags say about an edge's requests, most frequent first: `UO on 4.2% (upstream
 * overflow — …)`; empty when none stands out. A request can carry several flags (`UO,URX`).
 */
export function flagCauses(flags: Readonly<Record<string, number>> | undefined, rps: number): string[] {
  if (!flags || rps <= 0) return [];
  const perFlag = new Map<string, number>();
  for (const [combined, value] of Object.entries(flags))
    for (const flag of combined.split(','))
      if (flag in CAUSES) perFlag.set(flag, (perFlag.get(flag) ?? 0) + value);
  return [...perFlag]
    .filter(([, value]) => value / rps >= MIN_SHARE)
    .sort((a, b) => b[1] - a[1])
    .map(([flag, value]) => `${flag} on ${percent(Math.min(1, value / rps))} (${CAUSES[flag]})`);
}

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { istioVerdicts, oracleBuilt, oraclePath } from './admission';

// What Istio's own validation (validate-config: the webhook's checks) says about the outbound
// rules' fixtures: nothing. Every object of each positive and negative fixture is admitted, so
// these rules are Weir's reading of istiod's behaviour (tools/istioctl/outbound-oracle.test.ts,
// trace-egress.test.ts, and the istiod sources named in docs/validation.md), never a
// restatement of a webhook refusal. (istioctl analyze has no analyzer for them either; the
// analyze-files helper is not built in this cache, see the note.)
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const built = oracleBuilt();
if (!built) console.warn(`outbound-admission.test: SKIPPED, ${oraclePath()} is not built`);

const RULES = [
  'OUTBOUND_HOST_BLOCKED',
  'SIDECAR_HIDES_HOST',
  'SE_PORT_PROTOCOL_MISMATCH',
  'VS_GATEWAY_ROUTE_NOT_SERVED',
];

describe.skipIf(!built)('Istio’s validation on the outbound rules’ fixtures', () => {
  it.each(RULES.flatMap((rule) => ['positive', 'negative'].map((which) => [rule, which] as const)))(
    '%s %s: every Istio object admitted',
    (rule, which) => {
      const text = readFileSync(path.join(repoRoot, 'lib/validate/fixtures', rule, `${which}.yaml`), 'utf8');
      const verdicts = istioVerdicts(text);
      expect(verdicts.length).toBeGreaterThan(0);
      expect(
        verdicts.filter((v) => v.refuse).map((v) => `${v.kind} ${v.name}: ${v.reasons.join('; ')}`),
      ).toEqual([]);
    },
  );
});

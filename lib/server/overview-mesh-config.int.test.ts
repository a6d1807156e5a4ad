import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as getFindings } from '@/app/api/findings/route';
import { GET as getOverviewEvents } from '@/app/api/overview/events/route';
import { GET as getOverview } from '@/app/api/overview/route';
import type { FindingsAnswer } from '@/lib/api/graph';
import type { OverviewAnswer, OverviewPatch } from '@/lib/api/overview';
import { applyManifests, deleteManifests } from '@/lib/kube/apply-manifests';
import { createTestNamespace, kubeConfigAs } from '@/tools/test/kube';
import { sseMessages } from '@/tools/test/sse-messages';
import { useTestCluster, weirRequest } from '@/tools/test/weir-routes';
import { until } from '../../tools/test/until';
import { closeStore, getStore } from './store';

// The overview's problem counts are the findings of each namespace's own view as the person
// sees it: for an auditor, who may list every route but not get istio-system/istio, the
// outbound policy is unknown there (VS_EXTERNAL_HOST_UNKNOWN, a warning), so the counts must
// not be Weir's (OUTBOUND_HOST_BLOCKED, an error, under the REGISTRY_ONLY it may read): one
// bit of a policy the auditor may not read.
const ISTIO = 'networking.istio.io/v1';
const MESH_CONFIG = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'istio', namespace: 'istio-system' },
  data: { mesh: 'outboundTrafficPolicy:\n  mode: REGISTRY_ONLY\n' },
};
const AUDITOR = { 'x-forwarded-user': 'ada.auditor', 'x-forwarded-groups': 'weir:auditors' };
const OPERATOR = { 'x-forwarded-user': 'olivia.operator', 'x-forwarded-groups': 'weir:operators' };
type Person = Record<string, string>;

describe('overview problem counts and the mesh config a person may not read (WEIR_AUTH=header)', () => {
  let ns: string;
  const external = (name: string, host: string) => ({
    apiVersion: ISTIO,
    kind: 'VirtualService',
    metadata: { name, namespace: ns },
    // Its own namespace alone: exported everywhere, the rule also weighs the Sidecar mode of
    // every other namespace (other tests leave REGISTRY_ONLY ones), which the whole mesh the
    // counts start from holds and a namespace's view does not: a gap of its own, not this one.
    spec: { hosts: [host], exportTo: ['.'], http: [{ route: [{ destination: { host } }] }] },
  });

  const overviewAs = async (person: Person) => {
    const response = await getOverview(weirRequest('/api/overview', { headers: person }));
    expect(response.status).toBe(200);
    return (await response.json()) as OverviewAnswer;
  };
  /** What the namespace's own view (`/?namespace=`) says, summed as the overview sums it. */
  const viewFindingsAs = async (person: Person) => {
    const response = await getFindings(weirRequest(`/api/findings?namespace=${ns}`, { headers: person }));
    expect(response.status).toBe(200);
    const { findings } = (await response.json()) as FindingsAnswer;
    const mine = findings.filter((finding) => finding.ref.namespace === ns);
    return {
      codes: mine.map((finding) => finding.code).sort(),
      counts: {
        errors: mine.filter((finding) => finding.severity === 'error').length,
        warnings: mine.filter((finding) => finding.severity === 'warning').length,
      },
    };
  };
  const problemsIn = (overview: Pick<OverviewAnswer, 'namespaces'>) =>
    overview.namespaces.find((summary) => summary.name === ns)?.problems;

  beforeAll(async () => {
    useTestCluster('header');
    ns = await createTestNamespace('ov-mesh');
    await applyManifests(kubeConfigAs('admin'), [MESH_CONFIG, external('partner', 'api.partner.example')]);
    const { store } = await getStore();
    await until('the REGISTRY_ONLY mesh config and the route in the cache', () => {
      const config = store.get({ kind: 'ConfigMap', namespace: 'istio-system', name: 'istio' });
      return (
        config?.kind === 'ConfigMap' &&
        config.spec.outboundTrafficPolicy?.mode === 'REGISTRY_ONLY' &&
        store.get({ kind: 'VirtualService', namespace: ns, name: 'partner' }) !== undefined
      );
    });
  });
  afterAll(async () => {
    await closeStore();
    await deleteManifests(kubeConfigAs('admin'), [MESH_CONFIG]);
  });

  it('the operator (who may read it) counts the blocked host as an error, as their view says', async () => {
    const view = await viewFindingsAs(OPERATOR);
    expect(view.codes).toContain('OUTBOUND_HOST_BLOCKED');
    expect(problemsIn(await overviewAs(OPERATOR))).toEqual(view.counts);
  });

  it('the auditor (who may not) is counted what their view says: the unknown-policy warning, no error', async () => {
    const view = await viewFindingsAs(AUDITOR);
    expect(view.codes).toContain('VS_EXTERNAL_HOST_UNKNOWN');
    expect(view.codes).not.toContain('OUTBOUND_HOST_BLOCKED');
    expect(view.counts.errors).toBe(0);
    expect(problemsIn(await overviewAs(AUDITOR))).toEqual(view.counts);
  });

  it("the auditor's overview stream sends the counts of their view after a change", async () => {
    const held = await overviewAs(AUDITOR);
    const response = await getOverviewEvents(
      weirRequest(`/api/overview/events?after=${held.sequence}`, { headers: AUDITOR }),
    );
    expect(response.status).toBe(200);
    const stream = sseMessages(response.body as ReadableStream<Uint8Array>);
    try {
      await applyManifests(kubeConfigAs('admin'), [external('second', 'api.second.example')]);
      let patched: OverviewPatch | undefined;
      const deadline = Date.now() + 15_000;
      while (!problemsIn(patched ?? { namespaces: [] }) && Date.now() < deadline) {
        const message = await stream.next(deadline - Date.now());
        if (!message) break;
        expect(message.event).toBe('message');
        const patch = JSON.parse(message.data) as OverviewPatch;
        if (problemsIn(patch)) patched = patch;
      }
      if (!patched) throw new Error(`no message with ${ns}'s entry within 15 s`);
      const view = await viewFindingsAs(AUDITOR);
      expect(view.codes.filter((code) => code === 'VS_EXTERNAL_HOST_UNKNOWN')).toHaveLength(2);
      expect(problemsIn(patched)).toEqual(view.counts);
      // And the operator's, read after, still counts both blocked.
      const operator = await viewFindingsAs(OPERATOR);
      expect(operator.codes.filter((code) => code === 'OUTBOUND_HOST_BLOCKED')).toHaveLength(2);
      expect(problemsIn(await overviewAs(OPERATOR))).toEqual(operator.counts);
    } finally {
      stream.cancel();
    }
  }, 30_000);

  it("answers the auditor any query with 200 (their view's counts) or a 422 naming it, never a 5xx, writing nothing", async () => {
    const view = (await viewFindingsAs(AUDITOR)).counts;
    const { store } = await getStore();
    const sequence = store.sequence();
    const value = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom('', '0', '-1', '1e3', ns, 'istio-system', '\u0000', 'x'.repeat(300), '__proto__'),
    );
    const query = fc.array(
      fc.tuple(
        fc.oneof(fc.constantFrom('after', 'namespace', 'at', 'q', ''), fc.string({ maxLength: 6 })),
        value,
      ),
      { maxLength: 3 },
    );
    const seen = new Set<number>();
    await fc.assert(
      fc.asyncProperty(query, fc.boolean(), async (pairs, stream) => {
        const search = new URLSearchParams(pairs).toString();
        const path = `/api/overview${stream ? '/events' : ''}${search ? `?${search}` : ''}`;
        const response = await (stream ? getOverviewEvents : getOverview)(
          weirRequest(path, { headers: AUDITOR }),
        );
        seen.add(response.status);
        expect([200, 422]).toContain(response.status);
        if (response.status === 422) {
          const body = (await response.json()) as { error?: { message?: string } };
          expect(body.error?.message).toMatch(/^(after|namespace|at): /);
        } else if (stream) {
          await response.body?.cancel();
        } else {
          expect(problemsIn((await response.json()) as OverviewAnswer)).toEqual(view);
        }
      }),
      { numRuns: 80 },
    );
    expect([...seen].sort()).toEqual([200, 422]);
    expect(store.sequence()).toBe(sequence);
  }, 60_000);
});

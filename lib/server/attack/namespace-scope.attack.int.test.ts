import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as getHistory } from '@/app/api/history/route';
import { GET as getLocks } from '@/app/api/locks/route';
import { GET as getSession } from '@/app/api/session/route';
import { GET as getSnapshot } from '@/app/api/snapshot/route';
import { applyManifests } from '@/lib/kube/apply-manifests';
import { kubeRequest } from '@/lib/kube/request';
import { canaryVirtualService, createTestNamespace, kubeConfigAs } from '@/tools/test/kube';
import { until } from '@/tools/test/until';
import { useTestCluster, weirRequest } from '@/tools/test/weir-routes';
import { closeStore, getStore } from '../store';
import { send, type WriteEndpoint } from './attack-kit';

// WEIR_NAMESPACES: Weir watches, writes and records history in the listed namespaces only.
// The operator may change routing everywhere (RBAC); through a Weir limited to one namespace,
// no write elsewhere gets through, whatever is sent, and nothing there is written.
describe('a Weir limited to some namespaces (WEIR_NAMESPACES) writes nowhere else', () => {
  let inside = '';
  let outside = '';
  const admin = () => kubeConfigAs('admin');
  const vsPath = (ns: string) => `/apis/networking.istio.io/v1/namespaces/${ns}/virtualservices`;
  const versionOf = async (ns: string) =>
    (
      await kubeRequest<{ metadata: { resourceVersion: string } }>(admin(), {
        method: 'GET',
        path: `${vsPath(ns)}/reviews`,
      })
    ).metadata.resourceVersion;
  const objectsIn = async (ns: string) => {
    const list = await kubeRequest<{ items: Array<{ metadata: { name: string; resourceVersion: string } }> }>(
      admin(),
      {
        method: 'GET',
        path: vsPath(ns),
      },
    );
    const changes = await kubeRequest<{ items: unknown[] }>(admin(), {
      method: 'GET',
      path: `/apis/weir.dev/v1alpha1/namespaces/${ns}/routingchanges`,
    });
    return JSON.stringify([
      list.items.map((i) => [i.metadata.name, i.metadata.resourceVersion]),
      changes.items.length,
    ]);
  };

  beforeAll(async () => {
    inside = await createTestNamespace('scope-in');
    outside = await createTestNamespace('scope-out');
    await applyManifests(admin(), [canaryVirtualService(inside), canaryVirtualService(outside)]);
    useTestCluster('local', 'operator');
    process.env.WEIR_NAMESPACES = ` ${inside} ,`;
    await closeStore();
    const { store } = await getStore();
    await until('the inside VirtualService in the watch cache', () =>
      store.get({ kind: 'VirtualService', namespace: inside, name: 'reviews' }),
    );
  });
  afterAll(async () => {
    delete process.env.WEIR_NAMESPACES;
    await closeStore();
  });

  it('shows and offers only the listed namespaces; history and locks answer', async () => {
    const snapshot = await (await getSnapshot(weirRequest('/api/snapshot'))).json();
    const namespaces = new Set(
      Object.keys(snapshot.objects).map((key) => key.split('/')[1] || key.split('/')[2]),
    );
    expect([...namespaces]).toEqual([inside]);
    const session = await (await getSession(weirRequest('/api/session'))).json();
    expect(session.writableNamespaces).toEqual([inside]);
    expect((await getHistory(weirRequest('/api/history'))).status).toBe(200);
    expect((await getLocks(weirRequest('/api/locks'))).status).toBe(200);
  });

  it('refuses every write outside them (403 naming WEIR_NAMESPACES), never a 5xx, writes nothing there', {
    timeout: 120_000,
  }, async () => {
    const before = await objectsIn(outside);
    const target = fc.record({
      kind: fc.constantFrom('VirtualService', 'DestinationRule'),
      namespace: fc.oneof(fc.constant(outside), fc.stringMatching(/^[a-z][a-z0-9-]{0,20}[a-z0-9]$/)),
      name: fc.constantFrom('reviews', 'fuzzed'),
    });
    const body: fc.Arbitrary<{ change: { kind: string } }> = fc.oneof(
      fc.tuple(target, fc.integer({ min: 0, max: 100 })).map(([t, w]) => ({
        change: { kind: 'SetWeights', target: t, routeKind: 'http', routeIndex: 0, weights: [w, 100 - w] },
        resourceVersion: '<current>',
      })),
      target.map((t) => ({
        change: {
          kind: 'CreateObject',
          target: t,
          object: { ...canaryVirtualService(t.namespace, t.name), kind: t.kind },
        },
      })),
      target.map((t) => ({ change: { kind: 'DeleteObject', target: t }, resourceVersion: '<current>' })),
    );
    const paths: WriteEndpoint[] = ['/api/changes', '/api/preview', '/api/export'];
    const current = await versionOf(outside);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths), body, async (path, value) => {
        const { status, json } = await send(path, JSON.stringify(value).replaceAll('<current>', current));
        expect(status, JSON.stringify(json)).toBeGreaterThanOrEqual(400);
        expect(status, JSON.stringify(json)).toBeLessThan(500);
        // A well-formed change is refused by the scope itself (others may fail their schema first).
        if (path === '/api/changes' && value.change.kind === 'SetWeights') {
          expect(status).toBe(403);
          expect(json.error?.message).toMatch(/limited to namespace .*WEIR_NAMESPACES/);
        }
      }),
      { numRuns: Number(process.env.WEIR_FUZZ_RUNS ?? 60) },
    );
    expect(await objectsIn(outside)).toBe(before);

    // Inside, the same operator's change goes through.
    const { status } = await send(
      '/api/changes',
      JSON.stringify({
        change: {
          kind: 'SetWeights',
          target: { kind: 'VirtualService', namespace: inside, name: 'reviews' },
          routeKind: 'http',
          routeIndex: 0,
          weights: [50, 50],
        },
        resourceVersion: await versionOf(inside),
      }),
    );
    expect(status).toBe(200);
  });
});

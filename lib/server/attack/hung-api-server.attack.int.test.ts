import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { POST as postChange } from '@/app/api/changes/route';
import { applyManifests } from '@/lib/kube/apply-manifests';
import { controlApiServer } from '@/tools/cluster/control-server';
import { canaryVirtualService, createTestNamespace, kubeConfigAs } from '@/tools/test/kube';
import { until } from '@/tools/test/until';
import { useTestCluster, weirRequest } from '@/tools/test/weir-routes';
import { closeStore, getStore } from '../store';

// The control server is there only when this run started the cluster (not a reused one).
const control = inject('control');

describe.skipIf(!control)('a hung API server (SIGSTOP, item 4)', () => {
  let ns: string;
  beforeAll(async () => {
    useTestCluster('local', 'operator');
    ns = await createTestNamespace('hung');
    await applyManifests(kubeConfigAs('admin'), [canaryVirtualService(ns, 'reviews')]);
    const { store } = await getStore();
    await until(`Weir's watch to see VirtualService ${ns}/reviews`, () =>
      store.get({ kind: 'VirtualService', namespace: ns, name: 'reviews' }),
    );
  });
  afterAll(async () => {
    await controlApiServer(control, 'resume');
    await closeStore();
  });

  it('a write is answered within its deadline, never as done: unknown or unavailable', {
    timeout: 60_000,
  }, async () => {
    const { store } = await getStore();
    const held = store.get({ kind: 'VirtualService', namespace: ns, name: 'reviews' });
    await controlApiServer(control, 'pause');
    const started = Date.now();
    const response = await postChange(
      weirRequest('/api/changes', {
        method: 'POST',
        body: {
          change: {
            kind: 'SetWeights',
            target: { kind: 'VirtualService', namespace: ns, name: 'reviews' },
            routeKind: 'http',
            routeIndex: 0,
            weights: [50, 50],
          },
          resourceVersion: held?.metadata.resourceVersion,
        },
      }),
    );
    const took = Date.now() - started;
    await controlApiServer(control, 'resume');
    const { error } = await response.json();
    // 504 when the write had reached the API server (it may apply it once it runs again),
    // 503 when it never got there; never 200, never a refusal that claims it was not applied
    // for a reason of its own.
    expect([503, 504], JSON.stringify(error)).toContain(response.status);
    expect(error.message).toMatch(/outcome of this write is unknown|timed out after 10 s/);
    expect(took).toBeLessThan(25_000);
  });
});

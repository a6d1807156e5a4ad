import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { ClientRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { canaryVirtualService, createTestNamespace, kubeConfigAs } from '../../tools/test/kube';
import { until } from '../../tools/test/until';
import { applyManifests } from '../kube/apply-manifests';
import { kubeRequest } from '../kube/request';
import { createKubeStore } from '../store/kube/kube-store';
import { RecentVersions } from './recent-versions';
import type { StoreHandle } from './store';
import { submitChange } from './submit-change';

// What happened, in order: the requests Weir started and each run of the rules.
const happened: string[] = [];
// The query each request was started with, by method and path.
const queries = new Map<string, URLSearchParams>();

// The rules run as they are; each run is only noted.
vi.mock('../validate', async (original) => {
  const actual = await original<typeof import('../validate')>();
  return {
    ...actual,
    validate: (...args: Parameters<typeof actual.validate>) => {
      happened.push('validate');
      return actual.validate(...args);
    },
  };
});

const noteRequest = (message: unknown) => {
  const { request } = message as { request: ClientRequest };
  const [path = '', query] = request.path.split('?');
  happened.push(`${request.method} ${path}`);
  queries.set(`${request.method} ${path}`, new URLSearchParams(query));
};

// A write asks the API server for the controllers that could own the object (Argo Rollouts,
// Flagger Canaries) while its gate runs the rules: those lists must be on their way before the
// rules start, or the write pays the gate, the lists and the PUT one after another. They are
// read from the API server's watch cache: a consistent list of a resource that saw no event
// lately waits for etcd's progress notice (50–90 ms at 10,000 VirtualServices).
describe('a write overlaps its lock check with its gate (local API server)', () => {
  let operator: StoreHandle;
  let ns: string;

  beforeAll(async () => {
    ns = await createTestNamespace('overlap');
    const store = createKubeStore({ kc: kubeConfigAs('operator') });
    await store.start();
    operator = { store, versions: new RecentVersions(store), kube: kubeConfigAs('operator') };
    subscribe('http.client.request.start', noteRequest);
  });
  afterAll(async () => {
    unsubscribe('http.client.request.start', noteRequest);
    await operator.store.stop();
  });

  it('sends the Rollout and Canary lists (from the watch cache) before the rules run, and still writes the change', async () => {
    await applyManifests(kubeConfigAs('admin'), [canaryVirtualService(ns, 'overlap', [90, 10])]);
    const path = `/apis/networking.istio.io/v1/namespaces/${ns}/virtualservices/overlap`;
    const { metadata } = await kubeRequest<{ metadata: { resourceVersion: string } }>(kubeConfigAs('admin'), {
      method: 'GET',
      path,
    });
    await until(
      'the VirtualService in the cache',
      () =>
        operator.store.get({ kind: 'VirtualService', namespace: ns, name: 'overlap' })?.metadata
          .resourceVersion === metadata.resourceVersion,
    );
    happened.length = 0;
    await submitChange(
      operator,
      { user: 'olivia.operator' },
      {
        change: {
          kind: 'SetWeights',
          target: { kind: 'VirtualService', namespace: ns, name: 'overlap' },
          routeKind: 'http',
          routeIndex: 0,
          weights: [70, 30],
        },
        resourceVersion: metadata.resourceVersion,
      },
    );
    const firstRules = happened.indexOf('validate');
    const rollouts = happened.indexOf('GET /apis/argoproj.io/v1alpha1/rollouts');
    const canaries = happened.indexOf('GET /apis/flagger.app/v1beta1/canaries');
    const put = happened.indexOf(`PUT ${path}`);
    expect(firstRules, happened.join(', ')).toBeGreaterThanOrEqual(0);
    expect(rollouts, happened.join(', ')).toBeGreaterThanOrEqual(0);
    expect(canaries, happened.join(', ')).toBeGreaterThanOrEqual(0);
    expect(rollouts, happened.join(', ')).toBeLessThan(firstRules);
    expect(canaries, happened.join(', ')).toBeLessThan(firstRules);
    for (const list of ['GET /apis/argoproj.io/v1alpha1/rollouts', 'GET /apis/flagger.app/v1beta1/canaries'])
      expect(queries.get(list)?.get('resourceVersion'), list).toBe('0');
    // The gate still comes before the write.
    expect(put, happened.join(', ')).toBeGreaterThan(firstRules);
    const written = await kubeRequest<{ spec: { http: Array<{ route: Array<{ weight: number }> }> } }>(
      kubeConfigAs('admin'),
      { method: 'GET', path },
    );
    expect(written.spec.http[0]?.route.map((r) => r.weight)).toEqual([70, 30]);
  });
});

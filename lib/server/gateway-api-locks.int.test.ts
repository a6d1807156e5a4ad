import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as postChange } from '@/app/api/changes/route';
import { GET as getLocks } from '@/app/api/locks/route';
import { applyManifests } from '@/lib/kube/apply-manifests';
import { kubeRequest } from '@/lib/kube/request';
import { createTestNamespace, kubeConfigAs } from '@/tools/test/kube';
import { sessionCookieOf } from '@/tools/test/sign-in';
import { useTestCluster, weirRequest } from '@/tools/test/weir-routes';
import { until } from '../../tools/test/until';
import { closeStore, getStore } from './store';

// An HTTPRoute whose weights Argo Rollouts' Gateway API plugin manages is locked through the
// real API server: /api/locks says so for the auditor, and the operator's slider write is
// refused with 409 and the reason, leaving the weights as they were.

interface RawRoute {
  metadata: { resourceVersion: string };
  spec: { rules: Array<{ backendRefs: Array<{ weight?: number }> }> };
}

describe('Gateway API routes locked by the controller that owns their weights (WEIR_AUTH=token)', () => {
  let ns: string;
  let operator: string;
  let auditor: string;
  const admin = () => kubeConfigAs('admin');
  const read = (name: string) =>
    kubeRequest<RawRoute>(admin(), {
      method: 'GET',
      path: `/apis/gateway.networking.k8s.io/v1/namespaces/${ns}/httproutes/${name}`,
    });

  beforeAll(async () => {
    useTestCluster('token');
    ns = await createTestNamespace('gw-locks');
    await getStore();
    operator = await sessionCookieOf('operator');
    auditor = await sessionCookieOf('auditor');
  });
  afterAll(async () => {
    await closeStore();
  });

  it("locks the HTTPRoute a Rollout's Gateway API plugin names, and refuses the slider's write", async () => {
    await applyManifests(admin(), [
      {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'HTTPRoute',
        metadata: { name: 'rolled', namespace: ns },
        spec: {
          parentRefs: [{ name: 'edge' }],
          rules: [
            {
              backendRefs: [
                { name: 'stable', port: 8080, weight: 100 },
                { name: 'canary', port: 8080, weight: 0 },
              ],
            },
          ],
        },
      },
      {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Rollout',
        metadata: { name: 'rolled', namespace: ns },
        spec: {
          strategy: {
            canary: {
              canaryService: 'canary',
              stableService: 'stable',
              trafficRouting: {
                plugins: { 'argoproj-labs/gatewayAPI': { httpRoute: 'rolled', namespace: ns } },
              },
            },
          },
        },
      },
    ]);
    const { resourceVersion } = (await read('rolled')).metadata;
    const { store } = await getStore();
    await until('the route in the cache', () =>
      store.get({ kind: 'HTTPRoute', namespace: ns, name: 'rolled' })?.metadata.resourceVersion ===
      resourceVersion
        ? true
        : undefined,
    );
    const lock = await until('the lock', async () => {
      const answer = await (await getLocks(weirRequest('/api/locks', { cookie: auditor }))).json();
      return answer.locks[`HTTPRoute/${ns}/rolled`];
    });
    expect(lock).toMatchObject({ controller: 'argo-rollouts', owner: `Rollout ${ns}/rolled` });
    expect(lock.reason).toMatch(/Gateway API plugin/);

    const response = await postChange(
      weirRequest('/api/changes', {
        method: 'POST',
        cookie: operator,
        body: {
          change: {
            kind: 'SetBackendWeights',
            target: { kind: 'HTTPRoute', namespace: ns, name: 'rolled' },
            routeKind: 'rules',
            routeIndex: 0,
            weights: [50, 50],
          },
          resourceVersion,
        },
      }),
    );
    expect(response.status).toBe(409);
    const body = await response.json();
    expect(body.error.details.lock.controller).toBe('argo-rollouts');
    expect((await read('rolled')).spec.rules[0]?.backendRefs.map((b) => b.weight)).toEqual([100, 0]);

    // Adding or removing a backend is refused the same way: the controller owns the rule.
    const target = { kind: 'HTTPRoute', namespace: ns, name: 'rolled' };
    for (const change of [
      {
        kind: 'AddBackend',
        target,
        routeKind: 'rules',
        routeIndex: 0,
        backendRef: { name: 'extra', port: 8080 },
      },
      { kind: 'RemoveBackend', target, routeKind: 'rules', routeIndex: 0, backendIndex: 1 },
    ]) {
      const refused = await postChange(
        weirRequest('/api/changes', { method: 'POST', cookie: operator, body: { change, resourceVersion } }),
      );
      expect(refused.status, change.kind).toBe(409);
      expect((await refused.json()).error.details.lock.controller).toBe('argo-rollouts');
      // A person without update rights is refused before any lock is looked at.
      const forbidden = await postChange(
        weirRequest('/api/changes', { method: 'POST', cookie: auditor, body: { change, resourceVersion } }),
      );
      expect(forbidden.status, change.kind).toBe(403);
    }
    expect((await read('rolled')).spec.rules[0]?.backendRefs).toHaveLength(2);
  });
});

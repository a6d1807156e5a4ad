import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as postChange } from '@/app/api/changes/route';
import { GET as getSession } from '@/app/api/session/route';
import { GET as getSnapshot } from '@/app/api/snapshot/route';
import { applyManifests } from '@/lib/kube/apply-manifests';
import { kubeRequest } from '@/lib/kube/request';
import { canaryVirtualService, createTestNamespace, kubeConfigAs } from '@/tools/test/kube';
import { useTestCluster, weirRequest } from '@/tools/test/weir-routes';
import { until } from '../../../tools/test/until';
import { closeStore, getStore } from '../store';

describe('identity from a trusted proxy (WEIR_AUTH=header): Weir impersonates the person', () => {
  let ns: string;
  const as = (user: string, groups: string[] = []) => ({
    'x-forwarded-user': user,
    ...(groups.length > 0 && { 'x-forwarded-groups': groups.join(', ') }),
  });

  beforeAll(async () => {
    useTestCluster('header');
    ns = await createTestNamespace('proxied');
    await applyManifests(kubeConfigAs('admin'), [canaryVirtualService(ns, 'reviews')]);
    const { store } = await getStore();
    await until('the VirtualService reviews in the cache', () =>
      store.get({ kind: 'VirtualService', namespace: ns, name: 'reviews' }),
    );
  });
  afterAll(async () => {
    await closeStore();
  });

  it('answers 401 when the proxy sent no user', async () => {
    expect((await getSnapshot(weirRequest('/api/snapshot'))).status).toBe(401);
  });

  it('shows an impersonated user without rights nothing, and one with the operators group everything', async () => {
    // A user no binding names (another test grants oscar.outsider one namespace).
    const nobody = await (
      await getSnapshot(weirRequest('/api/snapshot', { headers: as('nora.nobody') }))
    ).json();
    expect(Object.keys(nobody.objects)).toEqual([]);
    const operator = await getSnapshot(
      weirRequest('/api/snapshot', { headers: as('olivia.operator', ['weir:operators']) }),
    );
    expect(Object.keys((await operator.json()).objects)).toContain(`VirtualService/${ns}/reviews`);
    const session = await (
      await getSession(weirRequest('/api/session', { headers: as('olivia.operator', ['weir:operators']) }))
    ).json();
    expect(session).toMatchObject({
      user: 'olivia.operator',
      groups: ['weir:operators'],
      auth: 'header',
      writableNamespaces: 'all',
    });
  });

  it('with WEIR_AUTH_PROXY_SECRET, refuses a request that did not come through the proxy', async () => {
    process.env.WEIR_AUTH_PROXY_SECRET = 'shared-with-the-proxy';
    try {
      const headers = as('olivia.operator', ['weir:operators']);
      expect((await getSnapshot(weirRequest('/api/snapshot', { headers }))).status).toBe(401);
      const through = { ...headers, 'x-weir-proxy-secret': 'shared-with-the-proxy' };
      expect((await getSnapshot(weirRequest('/api/snapshot', { headers: through }))).status).toBe(200);
    } finally {
      delete process.env.WEIR_AUTH_PROXY_SECRET;
    }
  });

  it('writes as the impersonated person, so managedFields and RBAC see them, not Weir', async () => {
    const path = `/apis/networking.istio.io/v1/namespaces/${ns}/virtualservices/reviews`;
    const { metadata } = await kubeRequest<{ metadata: { resourceVersion: string } }>(kubeConfigAs('admin'), {
      method: 'GET',
      path,
    });
    const change = {
      change: {
        kind: 'SetWeights',
        target: { kind: 'VirtualService', namespace: ns, name: 'reviews' },
        routeKind: 'http',
        routeIndex: 0,
        weights: [50, 50],
      },
      resourceVersion: metadata.resourceVersion,
    };
    const refused = await postChange(
      weirRequest('/api/changes', { method: 'POST', body: change, headers: as('nora.nobody') }),
    );
    expect(refused.status).toBe(403);
    const written = await postChange(
      weirRequest('/api/changes', {
        method: 'POST',
        body: change,
        headers: as('olivia.operator', ['weir:operators']),
      }),
    );
    expect(written.status).toBe(200);
    const after = await kubeRequest<{ spec: { http: Array<{ route: Array<{ weight: number }> }> } }>(
      kubeConfigAs('admin'),
      {
        method: 'GET',
        path,
      },
    );
    expect(after.spec.http[0]?.route.map((r) => r.weight)).toEqual([50, 50]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as getOverview } from '@/app/api/overview/route';
import { GET as getSearch } from '@/app/api/search/route';
import type { OverviewAnswer, SearchAnswer } from '@/lib/api/overview';
import { applyManifests } from '@/lib/kube/apply-manifests';
import { canaryVirtualService, createTestNamespace, kubeConfigAs } from '@/tools/test/kube';
import { sessionCookieOf } from '@/tools/test/sign-in';
import { useTestCluster, weirRequest } from '@/tools/test/weir-routes';
import { until } from '../../tools/test/until';
import { closeStore, getStore } from './store';

const service = (namespace: string, name: string) => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace },
  spec: { selector: { app: name }, ports: [{ name: 'http', port: 80 }] },
});

describe('the overview and the search show each person only what they may list (WEIR_AUTH=token)', () => {
  let visible: string;
  let hidden: string;
  const cookies: Partial<Record<'outsider' | 'operator', string>> = {};

  const signInAs = async (user: 'outsider' | 'operator') => {
    cookies[user] = await sessionCookieOf(user);
  };
  const overviewAs = async (user: 'outsider' | 'operator') => {
    const response = await getOverview(weirRequest('/api/overview', { cookie: cookies[user] }));
    expect(response.status).toBe(200);
    return (await response.json()) as OverviewAnswer;
  };
  const searchAs = async (user: 'outsider' | 'operator', q: string) => {
    const response = await getSearch(
      weirRequest(`/api/search?q=${encodeURIComponent(q)}`, { cookie: cookies[user] }),
    );
    expect(response.status).toBe(200);
    return (await response.json()) as SearchAnswer;
  };

  beforeAll(async () => {
    useTestCluster('token');
    visible = await createTestNamespace('ovseen');
    hidden = await createTestNamespace('ovunseen');
    const secret = canaryVirtualService(hidden, 'secret');
    // The hidden namespace routes into the visible one: the outsider's view of it holds that route.
    (secret.spec as { http: { route: { destination: { host: string } }[] }[] }).http[0]?.route.forEach(
      (r) => {
        r.destination.host = `reviews.${visible}.svc.cluster.local`;
      },
    );
    await applyManifests(kubeConfigAs('admin'), [
      service(visible, 'reviews'),
      service(hidden, 'secret'),
      canaryVirtualService(visible, 'reviews'),
      secret,
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: { name: 'outsider-reads', namespace: visible },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'weir-reader' },
        subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'oscar.outsider' }],
      },
    ]);
    const { store } = await getStore();
    await until('both namespaces in the cache', () =>
      Boolean(
        store.get({ kind: 'VirtualService', namespace: visible, name: 'reviews' }) &&
          store.get({ kind: 'VirtualService', namespace: hidden, name: 'secret' }),
      ),
    );
    await signInAs('outsider');
    await signInAs('operator');
  });
  afterAll(async () => {
    await closeStore();
  });

  it('sums only the namespaces and kinds the outsider may list, and tells no problem count over hidden objects', async () => {
    const overview = await overviewAs('outsider');
    // Other tests' namespaces may be listed too (those the outsider was given), never the hidden one.
    expect(overview.namespaces.map((summary) => summary.name)).toContain(visible);
    const seen = overview.namespaces.find((summary) => summary.name === visible);
    expect(seen?.counts).toMatchObject({ virtualServices: 1, services: 1 });
    // Its view holds the hidden namespace's route into it: a count over it would tell of it.
    expect(seen?.problems).toBeUndefined();
    expect(overview.links.filter((link) => link.target === visible)).toEqual([]);
    expect(JSON.stringify(overview)).not.toContain(hidden);
  });

  it('shows the operator both, the link between them, and the problem counts', async () => {
    const overview = await overviewAs('operator');
    const names = overview.namespaces.map((summary) => summary.name);
    expect(names).toEqual(expect.arrayContaining([visible, hidden]));
    expect(overview.links).toContainEqual({ source: hidden, target: visible, kind: 'route', count: 2 });
    expect(overview.namespaces.find((summary) => summary.name === visible)?.problems).toBeDefined();
  });

  it('finds for the outsider only what they may list', async () => {
    expect((await searchAs('outsider', 'secret')).hits).toEqual([]);
    const reviews = (await searchAs('outsider', 'reviews')).hits.map((hit) => `${hit.kind} ${hit.namespace}`);
    expect(reviews).toEqual(expect.arrayContaining([`VirtualService ${visible}`, `Service ${visible}`]));
    expect(reviews.join()).not.toContain(hidden);
    expect((await searchAs('operator', 'secret')).hits.map((hit) => hit.namespace)).toContain(hidden);
  });
});

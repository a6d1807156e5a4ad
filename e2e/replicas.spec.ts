import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { applyManifests } from '../lib/kube/apply-manifests';
import { kubeRequest } from '../lib/kube/request';
import type { StoreEvent } from '../lib/store/types';
import { renderChart } from '../tools/helm/helm';
import { startRoundRobinProxy } from '../tools/test/round-robin-proxy';
import { until } from '../tools/test/until';
import { startWeir, type WeirServer } from '../tools/test/weir-server';
import { clusterAs } from './support/cluster';
import { E2E_PORTS } from './support/ports';
import { tokenOf } from './support/tokens';
import { metric, openEventStream, post, signIn, standaloneFolder } from './support/weir-http';

// Issue 15's "Done when": two production Weir processes (the standalone server the image runs)
// against one API server, with token sign-in and sessions kept as Secrets, as the chart
// installs them with replicaCount > 1: each runs in-cluster as the chart's ServiceAccount
// (bound by the chart's rendered RBAC, its token from a TokenRequest mounted where a pod has
// it, no kubeconfig), in the release's namespace.
const suffix = randomBytes(3).toString('hex');
const sessions = `weir-system-${suffix}`;
const release = `weir-${suffix}`;
const shop = `replicas-${suffix}`;
const vsPath = `/apis/networking.istio.io/v1/namespaces/${shop}/virtualservices/reviews`;
const [portA, portB, portProxy] = [E2E_PORTS.own, E2E_PORTS.own + 1, E2E_PORTS.own + 2];
const weirA = `http://127.0.0.1:${portA}`;
const weirB = `http://127.0.0.1:${portB}`;

interface Vs {
  metadata: { resourceVersion: string };
  spec: { http: Array<{ route: Array<{ weight?: number }> }> };
}
interface RoutingChangeList {
  items: Array<{
    metadata: { name: string };
    spec: { object: { name: string }; source: string; user: string; summary: string };
  }>;
}

const readVs = () => kubeRequest<Vs>(clusterAs('admin'), { method: 'GET', path: vsPath });
const historyOf = async () =>
  (
    await kubeRequest<RoutingChangeList>(clusterAs('admin'), {
      method: 'GET',
      path: `/apis/weir.dev/v1alpha1/namespaces/${shop}/routingchanges`,
    })
  ).items.map((item) => ({ ...item.spec, name: item.metadata.name }));

function setWeights(weights: number[], resourceVersion: string) {
  return {
    change: {
      kind: 'SetWeights',
      target: { kind: 'VirtualService', namespace: shop, name: 'reviews' },
      routeKind: 'http',
      routeIndex: 0,
      weights,
    },
    resourceVersion,
  };
}

type StoreEventObject = Extract<StoreEvent, { type: 'put' }>['object'];
const showsWeights = (weights: number[]) => (event: StoreEvent) =>
  event.type === 'put' &&
  event.object.kind === 'VirtualService' &&
  event.object.metadata.namespace === shop &&
  JSON.stringify((event.object.spec as Vs['spec']).http[0]?.route.map((r) => r.weight)) ===
    JSON.stringify(weights);

/** Whether `weir`'s watch cache holds reviews with these weights (its snapshot, as the session sees it). */
async function holds(weir: string, cookie: string, weights: number[]): Promise<boolean> {
  const answer = await fetch(`${weir}/api/snapshot?namespace=${shop}`, { headers: { cookie } });
  const { objects } = (await answer.json()) as { objects: Record<string, StoreEventObject> };
  return Object.values(objects).some((object) =>
    showsWeights(weights)({ type: 'put', object } as StoreEvent),
  );
}

const REVIEWS = {
  apiVersion: 'networking.istio.io/v1',
  kind: 'VirtualService',
  metadata: { name: 'reviews', namespace: shop },
  spec: {
    hosts: ['reviews'],
    http: [
      {
        route: [
          { destination: { host: 'reviews', subset: 'v1' }, weight: 90 },
          { destination: { host: 'reviews', subset: 'v2' }, weight: 10 },
        ],
      },
    ],
  },
};

/**
 * The chart (token sign-in, two replicas, sessions in the cluster) in `sessions`: its
 * ServiceAccount and RBAC applied, and a folder holding what the kubelet mounts for a pod.
 */
async function installChartIdentity(): Promise<string> {
  const manifests = renderChart({ auth: { mode: 'token' }, replicaCount: 2 }, sessions, release);
  const rbac = manifests.filter((m) =>
    ['ServiceAccount', 'ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'].includes(m.kind),
  );
  await applyManifests(clusterAs('admin'), rbac);
  const serviceAccount = rbac.find((m) => m.kind === 'ServiceAccount')?.metadata.name ?? '';
  const { status } = await kubeRequest<{ status: { token: string } }>(clusterAs('admin'), {
    method: 'POST',
    path: `/api/v1/namespaces/${sessions}/serviceaccounts/${serviceAccount}/token`,
    body: { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: { expirationSeconds: 3600 } },
  });
  const folder = mkdtempSync(path.join(os.tmpdir(), 'weir-pod-'));
  writeFileSync(path.join(folder, 'token'), status.token);
  writeFileSync(path.join(folder, 'namespace'), sessions);
  copyFileSync(clusterAs('admin').getCurrentCluster()?.caFile ?? '', path.join(folder, 'ca.crt'));
  return folder;
}

let pod = '';

function startReplica(port: number): WeirServer {
  const apiServer = new URL(clusterAs('admin').getCurrentCluster()?.server ?? '');
  return startWeir(
    port,
    {
      // What Kubernetes sets in every pod; HOME without a ~/.kube/config of this machine's.
      KUBERNETES_SERVICE_HOST: apiServer.hostname,
      KUBERNETES_SERVICE_PORT: apiServer.port,
      HOME: pod,
      WEIR_CONTEXT: '',
      WEIR_AUTH: 'token',
      WEIR_SESSION_NAMESPACE: sessions,
      WEIR_LOG_LEVEL: 'warn',
    },
    { standalone: standaloneFolder(), serviceAccount: pod, readyPath: '/readyz' },
  );
}

test.describe('two replicas behind a round-robin proxy behave as one Weir', () => {
  let replicas: WeirServer[] = [];

  test.beforeAll(async () => {
    await applyManifests(clusterAs('admin'), [
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: sessions } },
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: shop } },
    ]);
    pod = await installChartIdentity();
    replicas = [startReplica(portA), startReplica(portB)];
    await Promise.all(replicas.map((replica) => replica.ready));
  });

  test.afterAll(async () => {
    await Promise.all(replicas.map((replica) => replica.terminate()));
  });

  test('sessions, writes, events, history and metrics span both replicas and restarts', async ({
    browser,
  }) => {
    test.setTimeout(120_000);
    // Signed in through A; A's event stream open.
    const cookie = await signIn(weirA, tokenOf('operator'));
    const eventsOnA = await openEventStream(weirA, cookie);
    // Created while both replicas (and the run's other Weirs) watch: recorded once all the same.
    await applyManifests(clusterAs('admin'), [REVIEWS]);
    for (const weir of [weirA, weirB])
      await until(`reviews in ${weir}'s watch cache`, () => holds(weir, cookie, [90, 10]));
    // Each reads the cluster in-cluster, as the pod's ServiceAccount: no kubeconfig.
    const { sync } = await (await fetch(`${weirB}/api/snapshot`, { headers: { cookie } })).json();
    expect(sync.source).toMatch(/^inClusterContext /);

    // A weight changed through B reaches A's event stream.
    let response = await post(
      weirB,
      cookie,
      '/api/changes',
      setWeights([70, 30], (await readVs()).metadata.resourceVersion),
    );
    expect(response.status, await response.text()).toBe(200);
    await eventsOnA.waitFor('the change made through B on A\u2019s event stream', showsWeights([70, 30]));
    eventsOnA.close();
    // And one through A, so each replica has made a write.
    response = await post(
      weirA,
      cookie,
      '/api/changes',
      setWeights([50, 50], (await readVs()).metadata.resourceVersion),
    );
    expect(response.status, await response.text()).toBe(200);

    // /metrics on each shows the write it made.
    expect(await metric(weirA, 'weir_writes_total{outcome="applied"}')).toBe(1);
    expect(await metric(weirB, 'weir_writes_total{outcome="applied"}')).toBe(1);

    // A change made outside Weir, seen by both replicas' watches, is recorded once too.
    const outside = await readVs();
    outside.spec.http[0]?.route.forEach((destination, i) => {
      destination.weight = [40, 60][i];
    });
    await kubeRequest(clusterAs('admin'), {
      method: 'PUT',
      path: vsPath,
      query: { fieldManager: 'kubectl-edit' },
      body: outside,
    });
    let recorded: Awaited<ReturnType<typeof historyOf>> = [];
    await until('the outside change in the history', async () => {
      recorded = await historyOf();
      return recorded.length >= 4;
    }).catch((error: Error) => {
      throw new Error(
        `${error.message}; recorded: ${JSON.stringify(recorded.map((e) => [e.source, e.user, e.summary]))}`,
      );
    });
    // Both replicas have seen it (their watch caches hold it) before the count is taken again.
    for (const weir of [weirA, weirB])
      await until(`the outside change in ${weir}'s watch cache`, () => holds(weir, cookie, [40, 60]));
    const history = await historyOf();
    expect(
      history.map((entry) => [entry.source, entry.user]).sort(),
      JSON.stringify(history, null, 1),
    ).toEqual([
      ['external', 'kubectl-edit'],
      ['external', 'weir-seed'],
      ['weir', 'olivia.operator'],
      ['weir', 'olivia.operator'],
    ]);

    // Both restarted (SIGTERM: they drain and exit 0): still signed in, on either.
    expect(await Promise.all(replicas.map((replica) => replica.terminate()))).toEqual([0, 0]);
    replicas = [startReplica(portA), startReplica(portB)];
    await Promise.all(replicas.map((replica) => replica.ready));
    for (const weir of [weirA, weirB]) {
      const session = await fetch(`${weir}/api/session`, { headers: { cookie } });
      expect(session.status).toBe(200);
      expect(await session.json()).toMatchObject({ user: 'olivia.operator' });
    }

    // A browser through the round-robin proxy: pages, assets, snapshot and stream come from
    // both replicas, and the person is signed in and sees the current weights.
    const proxy = await startRoundRobinProxy(portProxy, [weirA, weirB]);
    try {
      const context = await browser.newContext();
      await context.addCookies([
        {
          name: 'weir_session',
          value: cookie.split('=')[1] ?? '',
          url: proxy.url,
          httpOnly: true,
          sameSite: 'Strict',
        },
      ]);
      const page = await context.newPage();
      await page.goto(`${proxy.url}/?namespace=${shop}`);
      await expect(page.getByTestId('signed-in-user')).toHaveText('olivia.operator');
      await expect(page.getByTestId(`weight:VirtualService/${shop}/reviews/http/0/1`)).toHaveText('60%');
      expect(proxy.served.every((count) => count > 0)).toBe(true);
      await context.close();
    } finally {
      await proxy.close();
    }

    // Signed out through B: refused on A within a second.
    response = await post(weirB, cookie, '/api/auth/sign-out');
    expect(await response.json()).toEqual({ signedOut: true });
    const signedOutAt = Date.now();
    await until(
      'A refusing the session signed out on B',
      async () => (await fetch(`${weirA}/api/snapshot`, { headers: { cookie } })).status === 401,
      { timeoutMs: 5_000 },
    );
    expect(Date.now() - signedOutAt).toBeLessThan(1_000);
  });
});

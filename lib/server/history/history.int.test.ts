import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as postChange } from '@/app/api/changes/route';
import { GET as getHistory } from '@/app/api/history/route';
import { GET as getLocks } from '@/app/api/locks/route';
import { GET as getReport } from '@/app/api/report/route';
import { GET as getSnapshot } from '@/app/api/snapshot/route';
import { applyManifests } from '@/lib/kube/apply-manifests';
import { kubeRequest } from '@/lib/kube/request';
import type { HistoryEntry } from '@/lib/mesh/history';
import { canaryVirtualService, createTestNamespace, kubeConfigAs } from '@/tools/test/kube';
import { sessionCookieOf } from '@/tools/test/sign-in';
import { useTestCluster, weirRequest } from '@/tools/test/weir-routes';
import { until } from '../../../tools/test/until';
import { closeStore, getStore } from '../store';

interface RawVs {
  metadata: { resourceVersion: string };
  spec: { http: Array<{ route: Array<{ weight?: number }> }> };
}

describe('history of changes, restore, and controller locks (WEIR_AUTH=token)', () => {
  let ns: string;
  let operator: string;
  let auditor: string;
  const admin = () => kubeConfigAs('admin');
  const read = (name: string) =>
    kubeRequest<RawVs>(admin(), {
      method: 'GET',
      path: `/apis/networking.istio.io/v1/namespaces/${ns}/virtualservices/${name}`,
    });
  const weights = async (name: string) => (await read(name)).spec.http[0]?.route.map((r) => r.weight);
  const held = async (name: string, resourceVersion: string) => {
    const { store } = await getStore();
    return until(`${name}@${resourceVersion} in the cache`, () =>
      store.get({ kind: 'VirtualService', namespace: ns, name })?.metadata.resourceVersion === resourceVersion
        ? true
        : undefined,
    );
  };
  const setWeights = (
    cookie: string,
    name: string,
    values: number[],
    resourceVersion: string,
    note?: string,
  ) =>
    postChange(
      weirRequest('/api/changes', {
        method: 'POST',
        cookie,
        body: {
          change: {
            kind: 'SetWeights',
            target: { kind: 'VirtualService', namespace: ns, name },
            routeKind: 'http',
            routeIndex: 0,
            weights: values,
          },
          resourceVersion,
          ...(note && { note }),
        },
      }),
    );
  const historyOf = async (cookie: string, name: string): Promise<HistoryEntry[]> => {
    const response = await getHistory(
      weirRequest(`/api/history?namespace=${ns}&kind=VirtualService&name=${name}`, { cookie }),
    );
    expect(response.status).toBe(200);
    return (await response.json()).entries;
  };

  beforeAll(async () => {
    useTestCluster('token');
    ns = await createTestNamespace('history');
    await getStore();
    operator = await sessionCookieOf('operator');
    auditor = await sessionCookieOf('auditor');
  });
  afterAll(async () => {
    await closeStore();
  });

  it("records the operator's change with their name and note, for the auditor to read", async () => {
    await applyManifests(admin(), [canaryVirtualService(ns, 'catalog', [90, 10])]);
    const { resourceVersion } = (await read('catalog')).metadata;
    await held('catalog', resourceVersion);
    const response = await setWeights(operator, 'catalog', [75, 25], resourceVersion, 'canary step 2');
    expect(response.status).toBe(200);
    // Recorded just after the answer; a read of history waits for it.
    expect((await response.json()).history).toMatchObject({ pending: true });

    const [entry] = await historyOf(auditor, 'catalog');
    expect(entry).toMatchObject({
      user: 'olivia.operator',
      source: 'weir',
      note: 'canary step 2',
      summary: 'catalog http[0]: v1 90% → 75%, v2 10% → 25%',
      object: { kind: 'VirtualService', namespace: ns, name: 'catalog' },
    });
    expect(entry?.routes[0]?.before.map((d) => d.weight)).toEqual([90, 10]);
    expect(entry?.routes[0]?.after.map((d) => d.weight)).toEqual([75, 25]);
    expect(entry?.before?.resourceVersion).toBe(resourceVersion);

    // Durable: a RoutingChange resource in the object's namespace, readable with kubectl.
    const list = await kubeRequest<{ items: Array<{ spec: { user: string } }> }>(kubeConfigAs('auditor'), {
      method: 'GET',
      path: `/apis/weir.dev/v1alpha1/namespaces/${ns}/routingchanges`,
    });
    expect(list.items.map((item) => item.spec.user)).toContain('olivia.operator');
  });

  it('restores the earlier weights as a new change, through the same checks', async () => {
    const [change] = await historyOf(operator, 'catalog');
    const before = change?.routes[0]?.before.map((d) => d.weight) as number[];
    const current = (await read('catalog')).metadata.resourceVersion;
    await held('catalog', current);
    const refused = await setWeights(auditor, 'catalog', before, current);
    expect(refused.status).toBe(403);
    const response = await setWeights(operator, 'catalog', before, current, `restore of ${change?.id}`);
    expect(response.status).toBe(200);
    expect(await weights('catalog')).toEqual([90, 10]);
    const [restore] = await historyOf(auditor, 'catalog');
    expect(restore).toMatchObject({ user: 'olivia.operator', note: `restore of ${change?.id}` });
    expect(restore?.summary).toBe('catalog http[0]: v1 75% → 90%, v2 25% → 10%');
  });

  it("exports the auditor's evidence: routing as it stands and the period's changes, as JSON and Markdown", async () => {
    const from = new Date(Date.now() - 3_600_000).toISOString();
    const json = await getReport(
      weirRequest(`/api/report?namespace=${ns}&from=${from}&format=json`, { cookie: auditor }),
    );
    expect(json.status).toBe(200);
    const report = await json.json();
    expect(report.generatedBy).toBe('arthur.auditor');
    expect(report.virtualServices.map((vs: { name: string }) => vs.name)).toContain('catalog');
    expect(report.changes.map((c: HistoryEntry) => [c.user, c.note])).toContainEqual([
      'olivia.operator',
      'canary step 2',
    ]);
    const md = await getReport(weirRequest(`/api/report?namespace=${ns}&format=md`, { cookie: auditor }));
    expect(md.headers.get('content-type')).toMatch(/text\/markdown/);
    expect(await md.text()).toMatch(/\| olivia\.operator \| VirtualService .*\| canary step 2 \|/);
    const future = await getReport(
      weirRequest(`/api/report?namespace=${ns}&from=2999-01-01T00:00:00Z&format=json`, { cookie: auditor }),
    );
    expect((await future.json()).changes).toEqual([]);
  });

  it('records a change made outside Weir, with the field manager that made it', async () => {
    const vs = await read('catalog');
    vs.spec.http[0]?.route.forEach((route, i) => {
      route.weight = [60, 40][i];
    });
    await kubeRequest(admin(), {
      method: 'PUT',
      path: `/apis/networking.istio.io/v1/namespaces/${ns}/virtualservices/catalog`,
      query: { fieldManager: 'kubectl-edit' },
      body: vs,
    });
    const entry = await until('the outside change in history', async () =>
      (await historyOf(auditor, 'catalog')).find((e) => e.source === 'external' && e.user === 'kubectl-edit'),
    );
    expect(entry).toMatchObject({
      user: 'kubectl-edit',
      summary: 'catalog http[0]: v1 90% → 60%, v2 10% → 40%',
    });
  });

  it('locks a VirtualService an Argo Rollout names, and refuses to change it with the reason', async () => {
    await applyManifests(admin(), [
      canaryVirtualService(ns, 'rolled', [100, 0]),
      {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Rollout',
        metadata: { name: 'rolled', namespace: ns },
        spec: {
          strategy: {
            canary: {
              canaryService: 'rolled-canary',
              stableService: 'rolled-stable',
              trafficRouting: { istio: { virtualService: { name: 'rolled', routes: ['primary'] } } },
            },
          },
        },
      },
    ]);
    const { resourceVersion } = (await read('rolled')).metadata;
    await held('rolled', resourceVersion);
    const locks = await until('the lock', async () => {
      const answer = await (await getLocks(weirRequest('/api/locks', { cookie: auditor }))).json();
      return answer.locks[`VirtualService/${ns}/rolled`];
    });
    expect(locks).toMatchObject({ controller: 'argo-rollouts', owner: `Rollout ${ns}/rolled` });

    const response = await setWeights(operator, 'rolled', [50, 50], resourceVersion);
    expect(response.status).toBe(409);
    const body = await response.json();
    expect(body.error.message).toMatch(/Argo Rollouts/);
    expect(body.error.details.lock.controller).toBe('argo-rollouts');
    expect(await weights('rolled')).toEqual([100, 0]);
    // Its creation (by the seed's field manager) is in history; no change by Weir is.
    const entries = await historyOf(auditor, 'rolled');
    expect(entries.map((e) => [e.source, e.user, e.summary])).toEqual([
      ['external', 'weir-seed', 'rolled: created'],
    ]);
  });
  it('shows the routing as it was before a change, read back from the history (?at=)', async () => {
    await applyManifests(admin(), [canaryVirtualService(ns, 'then', [90, 10])]);
    const { resourceVersion } = (await read('then')).metadata;
    await held('then', resourceVersion);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const before = new Date().toISOString();
    const response = await setWeights(operator, 'then', [60, 40], resourceVersion, 'step');
    expect(response.status).toBe(200);
    const key = `VirtualService/${ns}/then`;
    const weightsIn = (body: { objects: Record<string, { spec: RawVs['spec'] }> }) =>
      body.objects[key]?.spec.http[0]?.route.map((r) => r.weight);

    const past = await getSnapshot(
      weirRequest(`/api/snapshot?at=${encodeURIComponent(before)}`, { cookie: auditor }),
    );
    expect(past.status).toBe(200);
    const body = await past.json();
    expect(weightsIn(body)).toEqual([90, 10]);
    expect(body.at).toBe(before);
    expect(body.approximate).not.toContain(key);
    const now = await (await getSnapshot(weirRequest('/api/snapshot', { cookie: auditor }))).json();
    expect(weightsIn(now)).toEqual([60, 40]);
    // Before it was created, it was not there.
    const earlier = new Date(Date.now() - 3_600_000).toISOString();
    const older = await (
      await getSnapshot(weirRequest(`/api/snapshot?at=${encodeURIComponent(earlier)}`, { cookie: auditor }))
    ).json();
    expect(older.objects[key]).toBeUndefined();
    const bad = await getSnapshot(weirRequest('/api/snapshot?at=yesterday-ish', { cookie: auditor }));
    expect(bad.status).toBe(422);
  });

  it("records a create and a delete made through Weir as the person's, and the delete only once", async () => {
    await applyManifests(admin(), [
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'wish', namespace: ns },
        spec: { ports: [{ name: 'http', port: 80 }], selector: { app: 'wish' } },
      },
    ]);
    const { store } = await getStore();
    await until('the Service in the cache', () =>
      store.get({ kind: 'Service', namespace: ns, name: 'wish' }),
    );
    const target = { kind: 'VirtualService', namespace: ns, name: 'wish' };
    const post = (cookie: string, body: unknown) =>
      postChange(weirRequest('/api/changes', { method: 'POST', cookie, body }));
    const object = {
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService',
      metadata: { name: 'wish', namespace: ns },
      spec: { hosts: ['wish'], http: [{ route: [{ destination: { host: 'wish' } }] }] },
    };
    expect((await post(auditor, { change: { kind: 'CreateObject', target, object } })).status).toBe(403);
    const created = await post(operator, { change: { kind: 'CreateObject', target, object } });
    expect(created.status).toBe(200);
    const { resourceVersion } = (await created.json()).object.metadata;
    await held('wish', resourceVersion);
    const deleted = await post(operator, { change: { kind: 'DeleteObject', target }, resourceVersion });
    expect(deleted.status).toBe(200);
    await until(
      'the delete in the cache',
      () => !store.get({ kind: 'VirtualService', namespace: ns, name: 'wish' }),
    );
    // An outside delete would be recorded by now too (the recorder sees the same event).
    await new Promise((resolve) => setTimeout(resolve, 500));
    const entries = await historyOf(auditor, 'wish');
    expect(entries.map((e) => [e.source, e.user, e.summary])).toEqual([
      ['weir', 'olivia.operator', `${ns}/wish: VirtualService deleted`],
      ['weir', 'olivia.operator', `${ns}/wish: VirtualService created`],
    ]);
  });
});

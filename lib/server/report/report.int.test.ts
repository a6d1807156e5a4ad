import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as postChange } from '@/app/api/changes/route';
import { GET as getReport } from '@/app/api/report/route';
import { applyManifests } from '@/lib/kube/apply-manifests';
import { kubeRequest } from '@/lib/kube/request';
import { canaryVirtualService, createTestNamespace, kubeConfigAs } from '@/tools/test/kube';
import { sessionCookieOf } from '@/tools/test/sign-in';
import { useTestCluster, weirRequest } from '@/tools/test/weir-routes';
import { until } from '../../../tools/test/until';
import { closeStore, getStore } from '../store';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

describe('the report of a past time, with its graph as SVG and PNG (WEIR_AUTH=token)', () => {
  let ns: string;
  let before: string;
  const cookies: Record<'operator' | 'auditor' | 'outsider', string> = {
    operator: '',
    auditor: '',
    outsider: '',
  };
  const report = (who: keyof typeof cookies, query: string) =>
    getReport(weirRequest(`/api/report?namespace=${ns}&${query}`, { cookie: cookies[who] }));

  beforeAll(async () => {
    useTestCluster('token');
    ns = await createTestNamespace('report');
    await applyManifests(kubeConfigAs('admin'), [canaryVirtualService(ns, 'catalog', [90, 10])]);
    const { store } = await getStore();
    await until('catalog in the cache', () =>
      Boolean(store.get({ kind: 'VirtualService', namespace: ns, name: 'catalog' })),
    );
    for (const who of ['operator', 'auditor', 'outsider'] as const) {
      cookies[who] = await sessionCookieOf(who);
    }
    // History times are compared with the past time asked for: keep the two apart.
    await pause(1_100);
    before = new Date().toISOString();
    await pause(1_100);
    const vs = await kubeRequest<{ metadata: { resourceVersion: string } }>(kubeConfigAs('admin'), {
      method: 'GET',
      path: `/apis/networking.istio.io/v1/namespaces/${ns}/virtualservices/catalog`,
    });
    const changed = await postChange(
      weirRequest('/api/changes', {
        method: 'POST',
        cookie: cookies.operator,
        body: {
          change: {
            kind: 'SetWeights',
            target: { kind: 'VirtualService', namespace: ns, name: 'catalog' },
            routeKind: 'http',
            routeIndex: 0,
            weights: [70, 30],
          },
          resourceVersion: vs.metadata.resourceVersion,
          note: 'canary step 3',
        },
      }),
    );
    expect(changed.status).toBe(200);
  });
  afterAll(async () => {
    await closeStore();
  });

  it('draws the graph as it was before the change, and says it is rebuilt from the history', async () => {
    const response = await report('auditor', `format=svg&at=${encodeURIComponent(before)}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(response.headers.get('content-disposition')).toMatch(/attachment; filename="weir-graph-.*\.svg"/);
    const svg = await response.text();
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svg).toContain(`data-node="vs:${ns}/catalog"`);
    expect(svg).toContain(`Routing graph · ${ns}`);
    expect(svg).toContain(`Routing as of ${before}, rebuilt from the recorded history`);
    expect(svg).toContain('Services, pods and their labels are not recorded in the history');
    expect(svg).toContain('>90%</text>');
    expect(svg).toContain('>10%</text>');
    expect(svg).not.toContain('>30%</text>');

    const now = await (await report('auditor', 'format=svg')).text();
    expect(now).toContain('>70%</text>');
    expect(now).toContain('>30%</text>');
    expect(now).toContain('as it stood');
  });

  it('renders the same graph as a PNG', async () => {
    const response = await report('auditor', `format=png&at=${encodeURIComponent(before)}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    const png = new Uint8Array(await response.arrayBuffer());
    expect([...png.subarray(0, 8)]).toEqual(PNG_MAGIC);
    expect(png.length).toBeGreaterThan(5_000);
    const view = new DataView(png.buffer, png.byteOffset);
    expect(view.getUint32(16)).toBeGreaterThan(400); // IHDR width
    expect(view.getUint32(20)).toBeGreaterThan(100); // IHDR height
  });

  it('reports the routing of the past time, the changes of the period, and where its graph is', async () => {
    const at = encodeURIComponent(before);
    const json = await (
      await report('auditor', `format=json&at=${at}&to=${new Date().toISOString()}`)
    ).json();
    expect(json.asOf).toBe(before);
    expect(json.past.complete).toBe(true);
    expect(json.virtualServices[0].routes[0].destinations.map((d: { weight: number }) => d.weight)).toEqual([
      90, 10,
    ]);
    expect(json.changes.map((c: { note?: string }) => c.note)).toContain('canary step 3');
    expect(json.graph.svg).toBe(
      `/api/report?format=svg&namespace=${ns}&at=${at}&to=${encodeURIComponent(json.period.to)}`,
    );
    expect(json.graph.nodes).toBeGreaterThan(2);

    const md = await (await report('auditor', `format=md&at=${at}&from=${at}`)).text();
    expect(md).toContain(`- Routing as of: ${before} (rebuilt from the recorded history)`);
    expect(md).toMatch(/\| catalog \/ v1 \| 90% \|/);
    // The period ends at the past time: the later change is not in it.
    expect(md).toContain('None recorded in the period.');
    expect(md).toMatch(/\n\[graph\]: data:image\/png;base64,iVBORw0KGgo[A-Za-z0-9+/=]+\n/);
  });

  it('shows a person no object of a namespace they may not list, in any format', async () => {
    const svg = await (await report('outsider', `format=svg&at=${encodeURIComponent(before)}`)).text();
    expect(svg).not.toContain('catalog');
    expect(svg).toContain('Nothing to draw');
    const json = await (await report('outsider', 'format=json')).json();
    expect(json.virtualServices).toEqual([]);
    expect(json.changes).toEqual([]);
  });

  it('refuses a past time that is not a date, naming it', async () => {
    const response = await report('auditor', 'format=svg&at=not-a-time');
    expect(response.status).toBe(422);
    expect(JSON.stringify(await response.json())).toContain('at is not a date and time: not-a-time');
  });

  it('refuses a namespace that is not a namespace name, so no markup reaches the report', async () => {
    const response = await report(
      'auditor',
      `namespace=${encodeURIComponent('<img src=x onerror=alert(1)>')}`,
    );
    expect(response.status).toBe(422);
    expect(JSON.stringify(await response.json())).toContain('namespace is a Kubernetes namespace name');
  });
});

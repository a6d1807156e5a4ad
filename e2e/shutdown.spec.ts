import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { applyManifests } from '../lib/kube/apply-manifests';
import { kubeRequest } from '../lib/kube/request';
import { until } from '../tools/test/until';
import { startWeir, type WeirServer } from '../tools/test/weir-server';
import { apiServer, clusterAs } from './support/cluster';
import { E2E_PORTS } from './support/ports';
import { openEventStream, post, standaloneFolder } from './support/weir-http';

// SIGTERM as Kubernetes sends it to a pod: readiness fails first, event streams get a retry
// hint and close, a write under way finishes, and the process exits 0 within the grace period.
const shop = `shutdown-${randomBytes(3).toString('hex')}`;
const vsPath = `/apis/networking.istio.io/v1/namespaces/${shop}/virtualservices/reviews`;
const port = E2E_PORTS.own + 3;
const weir = `http://127.0.0.1:${port}`;
const DELAY_SECONDS = 1;

interface Vs {
  metadata: { resourceVersion: string };
  spec: { http: Array<{ route: Array<{ weight?: number }> }> };
}
const readVs = () => kubeRequest<Vs>(clusterAs('admin'), { method: 'GET', path: vsPath });
const weights = async () => (await readVs()).spec.http[0]?.route.map((r) => r.weight);

function setWeights(values: number[], resourceVersion: string) {
  return {
    change: {
      kind: 'SetWeights',
      target: { kind: 'VirtualService', namespace: shop, name: 'reviews' },
      routeKind: 'http',
      routeIndex: 0,
      weights: values,
    },
    resourceVersion,
  };
}

test.describe('graceful shutdown on SIGTERM', () => {
  let server: WeirServer | undefined;

  test.beforeAll(async () => {
    await applyManifests(clusterAs('admin'), [
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: shop } },
      {
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
      },
    ]);
  });

  test.afterAll(async () => {
    await apiServer('resume');
    await server?.terminate();
  });

  test('readiness fails first, streams get a retry hint, the write under way finishes, exit 0', async () => {
    test.setTimeout(90_000);
    server = startWeir(
      port,
      {
        KUBECONFIG: process.env.WEIR_E2E_KUBECONFIG ?? '',
        WEIR_CONTEXT: 'operator',
        WEIR_SHUTDOWN_DELAY_SECONDS: String(DELAY_SECONDS),
        WEIR_SHUTDOWN_WRITES_SECONDS: '20',
        WEIR_LOG_LEVEL: 'warn',
      },
      { standalone: standaloneFolder(), readyPath: '/readyz' },
    );
    await server.ready;
    // A first write, so who the operator is and their right to write are known (cached):
    // the write under way below then waits on the API server only inside the write itself.
    const stream = await openEventStream(weir);
    let response = await post(
      weir,
      '',
      '/api/changes',
      setWeights([80, 20], (await readVs()).metadata.resourceVersion),
    );
    expect(response.status, await response.text()).toBe(200);
    await stream.waitFor(
      'the first write on the stream',
      (event) => event.type === 'put' && event.object.metadata.namespace === shop,
    );

    // The API server freezes, so the next write is under way when SIGTERM comes.
    const { resourceVersion } = (await readVs()).metadata;
    await apiServer('pause');
    const write = post(weir, '', '/api/changes', setWeights([60, 40], resourceVersion));
    await new Promise((resolve) => setTimeout(resolve, 500));
    const signalledAt = Date.now();
    const exit = server.terminate();

    // Readiness fails at once; the process is still alive.
    await until('/readyz failing after SIGTERM', async () => (await fetch(`${weir}/readyz`)).status === 503, {
      timeoutMs: 500,
    });
    expect((await fetch(`${weir}/healthz`)).status).toBe(200);
    // After the delay the stream is told when to come back (to another replica) and closed.
    await stream.closed;
    expect(Date.now() - signalledAt).toBeGreaterThanOrEqual(DELAY_SECONDS * 1000 - 50);
    expect(stream.text().match(/^retry: \d+$/gm)?.length).toBe(2);

    // The write is still under way; once the API server answers, it finishes, then the process exits.
    await apiServer('resume');
    response = await write;
    expect(response.status, await response.text()).toBe(200);
    expect(await weights()).toEqual([60, 40]);
    expect(await exit).toBe(0);
    expect(Date.now() - signalledAt).toBeLessThan(15_000);
  });

  test('exits after logging a thousand requests (its stdout is read, not left to fill)', async () => {
    test.setTimeout(120_000);
    // The default log level: one line per request on stdout. Before, nothing read the harness's
    // stdout pipe; once it filled, the SIGTERM'd server blocked writing and stayed alive.
    server = startWeir(
      port,
      { KUBECONFIG: process.env.WEIR_E2E_KUBECONFIG ?? '', WEIR_CONTEXT: 'operator' },
      { standalone: standaloneFolder(), readyPath: '/readyz' },
    );
    await server.ready;
    for (let i = 0; i < 1_000; i++) expect((await fetch(`${weir}/api/session`)).status).toBe(200);
    const signalledAt = Date.now();
    expect(await server.terminate()).toBe(0);
    expect(Date.now() - signalledAt).toBeLessThan(15_000);
  });
});

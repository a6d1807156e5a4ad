import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { parseAllDocuments } from 'yaml';
import { applyManifests, type Manifest } from '../lib/kube/apply-manifests';
import { kubeRequest } from '../lib/kube/request';
import { clusterAs } from './support/cluster';
import { E2E_PORTS } from './support/ports';
import { steadyBox } from './support/steady-box';

// The Gateway API on the canvas against the real API server: the project's own HTTP, gRPC and
// TCP routing examples (../shared/corpus/gateway-api) each in a namespace of its own, and a
// 90/10 HTTPRoute split moved to 70/30 with its slider.
const shots = '.weir/screenshots/gateway-api';
const corpus = path.resolve(process.cwd(), '..', 'shared', 'corpus', 'gateway-api');

function example(namespace: string, ...files: string[]): Manifest[] {
  return files.flatMap((file) =>
    parseAllDocuments(readFileSync(path.join(corpus, file), 'utf8'))
      .map((doc) => doc.toJS() as Manifest)
      .filter(Boolean)
      .map((m) => ({ ...m, metadata: { ...m.metadata, namespace } })),
  );
}

const namespaces = ['gw-http', 'gw-grpc', 'gw-tcp', 'gw-canary'];
const canaryPath = '/apis/gateway.networking.k8s.io/v1/namespaces/gw-canary/httproutes/cart';
const canary: Manifest = {
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: { name: 'cart', namespace: 'gw-canary' },
  spec: {
    hostnames: ['shop.example.com'],
    rules: [
      {
        matches: [{ path: { type: 'PathPrefix', value: '/cart' } }],
        backendRefs: [
          { name: 'cart-v1', port: 8080, weight: 90 },
          { name: 'cart-v2', port: 8080, weight: 10 },
        ],
      },
    ],
  },
};

async function weightsInCluster(): Promise<Array<number | undefined>> {
  const route = await kubeRequest<{ spec: { rules: Array<{ backendRefs: Array<{ weight?: number }> }> } }>(
    clusterAs('admin'),
    { method: 'GET', path: canaryPath },
  );
  return route.spec.rules[0]?.backendRefs.map((b) => b.weight) ?? [];
}

test.describe('the Gateway API on the canvas', () => {
  test.beforeAll(async () => {
    const admin = clusterAs('admin');
    await applyManifests(
      admin,
      namespaces.map((name) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } })),
    );
    await applyManifests(admin, [
      ...example(
        'gw-http',
        'http-routing-gateway.yaml',
        'http-routing-foo-httproute.yaml',
        'http-routing-bar-httproute.yaml',
      ),
      ...example(
        'gw-grpc',
        'grpc-routing-gateway.yaml',
        'grpc-routing-foo-grpcroute.yaml',
        'grpc-routing-bar-grpcroute.yaml',
      ),
      ...example('gw-tcp', 'tcp-routing-gateway.yaml', 'tcp-routing-tcp-route.yaml'),
    ]);
  });

  test.beforeEach(async () => {
    await applyManifests(clusterAs('admin'), [canary]);
  });

  test('draws Gateways, routes, rules and backends with their shares', async ({ page }) => {
    await page.goto('/?namespace=gw-http&namespace=gw-grpc&namespace=gw-tcp');
    const canvas = page.locator('.react-flow');
    await expect(canvas.getByText('foo-route').first()).toBeVisible();
    // Listeners, hostnames and parents, the gRPC method match and the header match.
    await expect(canvas.getByText('http 80/HTTP *').first()).toBeVisible();
    await expect(canvas.getByText('com.example/Login').first()).toBeVisible();
    await expect(canvas.getByText('header env=canary').first()).toBeVisible();
    await expect(canvas.getByText(/^HTTPRoute · gw-http$/).first()).toBeVisible();
    await expect(canvas.getByText(/^TCPRoute · gw-tcp$/).first()).toBeVisible();
    await expect(canvas.getByText('status: waiting for a controller').first()).toBeVisible();
    await page.screenshot({ path: `${shots}/http-grpc-tcp.png` });
  });

  test('a 90/10 HTTPRoute split dragged to 70/30 is written to the API server', async ({ page }) => {
    await page.goto('/?namespace=gw-canary');
    const label = page.getByTestId('weight:HTTPRoute/gw-canary/cart/rules/0/1');
    await expect(label).toHaveText('10%');
    await label.click();
    const slider = page.getByRole('slider', { name: /cart-v2.*gw-canary\/cart rules\[0\]/ }).first();
    await expect(slider).toHaveAttribute('aria-valuenow', '10');
    const box = await steadyBox(page, slider);
    const y = box.y + box.height / 2;
    await page.mouse.move(box.x + box.width * 0.1, y);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.2, y, { steps: 4 });
    await page.mouse.move(box.x + box.width * 0.3, y, { steps: 4 });
    await page.mouse.up();
    // The drag lands wherever the handle was let go: set exactly 30 with the keyboard after it.
    // Editable once the person's rights are read (keys on a disabled slider do nothing).
    await expect(slider).toBeEnabled();
    await slider.focus();
    let now = Number(await slider.getAttribute('aria-valuenow'));
    while (now !== 30) {
      await page.keyboard.press(now < 30 ? 'ArrowUp' : 'ArrowDown');
      await expect(slider).not.toHaveAttribute('aria-valuenow', String(now));
      now = Number(await slider.getAttribute('aria-valuenow'));
    }
    await expect.poll(weightsInCluster).toEqual([70, 30]);
    await expect(page.getByTestId('weight:HTTPRoute/gw-canary/cart/rules/0/0')).toHaveText('70%');
    // Recorded in history with the shares that moved, shown with the route.
    await expect(
      page.getByText(/cart rules\[0\]: cart-v1:8080 \d+% → 70%, cart-v2:8080 \d+% → 30%/).first(),
    ).toBeVisible();
    await page.screenshot({ path: `${shots}/canary-70-30.png` });
  });

  test('the auditor sees the same graph read-only, and the server refuses their write', async ({
    page,
    request,
  }) => {
    const auditor = `http://127.0.0.1:${E2E_PORTS.auditor}`;
    await page.goto(`${auditor}/?namespace=gw-canary`);
    await expect(page.getByTestId('weight:HTTPRoute/gw-canary/cart/rules/0/1')).toHaveText('10%');
    await expect(page.getByText('read-only', { exact: true })).toBeVisible();
    await page.getByTestId('weight:HTTPRoute/gw-canary/cart/rules/0/1').click();
    await expect(page.getByRole('slider')).toHaveCount(0);

    const snapshot = await (await request.get(`${auditor}/api/snapshot?namespace=gw-canary`)).json();
    const route = snapshot.objects['HTTPRoute/gw-canary/cart'];
    const crafted = await request.post(`${auditor}/api/changes`, {
      headers: { 'x-weir-csrf': '1' },
      data: {
        change: {
          kind: 'SetBackendWeights',
          target: { kind: 'HTTPRoute', namespace: 'gw-canary', name: 'cart' },
          routeKind: 'rules',
          routeIndex: 0,
          weights: [0, 100],
        },
        resourceVersion: route.metadata.resourceVersion,
      },
    });
    expect(crafted.status()).toBe(403);
    expect(await weightsInCluster()).toEqual([90, 10]);
  });
});

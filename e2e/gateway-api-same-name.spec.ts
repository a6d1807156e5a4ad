import { expect, test } from '@playwright/test';
import { applyManifests, type Manifest } from '../lib/kube/apply-manifests';
import { kubeRequest } from '../lib/kube/request';
import { clusterAs } from './support/cluster';

// An HTTPRoute and a GRPCRoute both called frontend in one namespace, against the real API
// server: moving one's slider writes that route alone. The other's weights stay as they are
// on screen (no draft of the first shows on it, nor its write status) and in the API server.
// A route's key names its object's kind (routeAddressKey), so two routes never share them.
const shots = '.weir/screenshots/gateway-api-same-name';
const ns = 'gw-samename';
const group = '/apis/gateway.networking.k8s.io/v1/namespaces';
const httpPath = `${group}/${ns}/httproutes/frontend`;
const grpcPath = `${group}/${ns}/grpcroutes/frontend`;

const service = (name: string): Manifest => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace: ns },
  spec: { ports: [{ name: 'http', port: 8080 }], selector: { app: name } },
});
const split = (v1: string, v2: string, w1: number, w2: number) => [
  { name: v1, port: 8080, weight: w1 },
  { name: v2, port: 8080, weight: w2 },
];
const httpRoute: Manifest = {
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: { name: 'frontend', namespace: ns },
  spec: {
    parentRefs: [{ name: 'edge' }],
    hostnames: ['frontend.example.com'],
    rules: [{ backendRefs: split('web-v1', 'web-v2', 90, 10) }],
  },
};
const grpcRoute: Manifest = {
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'GRPCRoute',
  metadata: { name: 'frontend', namespace: ns },
  spec: {
    parentRefs: [{ name: 'edge' }],
    hostnames: ['frontend.example.com'],
    rules: [{ backendRefs: split('rpc-v1', 'rpc-v2', 60, 40) }],
  },
};
const seed: Manifest[] = [
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } },
  ...['web-v1', 'web-v2', 'rpc-v1', 'rpc-v2'].map(service),
  {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    metadata: { name: 'edge', namespace: ns },
    spec: {
      gatewayClassName: 'istio',
      listeners: [{ name: 'http', port: 80, protocol: 'HTTP', hostname: '*.example.com' }],
    },
  },
];

async function weightsAt(path: string): Promise<Array<number | undefined>> {
  const route = await kubeRequest<{ spec: { rules: Array<{ backendRefs: Array<{ weight?: number }> }> } }>(
    clusterAs('admin'),
    { method: 'GET', path },
  );
  return route.spec.rules[0]?.backendRefs.map((b) => b.weight) ?? [];
}

test.describe('an HTTPRoute and a GRPCRoute of the same name', () => {
  test.beforeAll(async () => {
    await applyManifests(clusterAs('admin'), seed);
  });
  test.beforeEach(async () => {
    await applyManifests(clusterAs('admin'), [httpRoute, grpcRoute]);
    await expect.poll(() => weightsAt(httpPath)).toEqual([90, 10]);
    await expect.poll(() => weightsAt(grpcPath)).toEqual([60, 40]);
  });

  test("moving the HTTPRoute's slider leaves the GRPCRoute's weights, drafts and status alone", async ({
    page,
  }) => {
    await page.goto(`/?namespace=${ns}`);
    const http = (i: number) => page.getByTestId(`weight:HTTPRoute/${ns}/frontend/rules/0/${i}`);
    const grpc = (i: number) => page.getByTestId(`weight:GRPCRoute/${ns}/frontend/rules/0/${i}`);
    await expect(http(0)).toHaveText('90%');
    await expect(http(1)).toHaveText('10%');
    await expect(grpc(0)).toHaveText('60%');
    await expect(grpc(1)).toHaveText('40%');

    await http(1).click();
    const slider = page
      .getByRole('slider', {
        name: /web-v2.* in HTTPRoute gw-samename\/frontend rules\[0\]/,
      })
      .first();
    await expect(slider).toHaveAttribute('aria-valuenow', '10');
    // Editable once the person's rights are read (keys on a disabled slider do nothing).
    await expect(slider).toBeEnabled();
    await slider.focus();
    let now = 10;
    while (now !== 30) {
      await page.keyboard.press('ArrowUp');
      await expect(slider).not.toHaveAttribute('aria-valuenow', String(now));
      now = Number(await slider.getAttribute('aria-valuenow'));
      // The HTTPRoute's draft (shown at once, before its write lands) is never the GRPCRoute's.
      await expect(http(1)).toHaveText(`${now}%`);
      await expect(grpc(0)).toHaveText('60%');
      await expect(grpc(1)).toHaveText('40%');
    }
    // The write's status shows on the HTTPRoute's labels, never on the GRPCRoute's.
    await expect(
      http(0)
        .locator('..')
        .getByRole('img', { name: /^(saving…|saved)$/ }),
    ).toBeVisible();
    await expect(
      grpc(0)
        .locator('..')
        .getByRole('img', { name: /^(saving…|saved)$/ }),
    ).toHaveCount(0);
    await page.screenshot({ path: `${shots}/http-moved.png` });

    await expect.poll(() => weightsAt(httpPath)).toEqual([70, 30]);
    expect(await weightsAt(grpcPath)).toEqual([60, 40]);
    await expect(http(0)).toHaveText('70%');
    await expect(grpc(0)).toHaveText('60%');
    await expect(grpc(1)).toHaveText('40%');
    await expect(
      grpc(0)
        .locator('..')
        .getByRole('img', { name: /^(saving…|saved|failed)$/ }),
    ).toHaveCount(0);
  });
});

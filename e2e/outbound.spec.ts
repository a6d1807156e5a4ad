import { mkdirSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { applyManifests, deleteManifests, type Manifest } from '../lib/kube/apply-manifests';
import { clusterAs } from './support/cluster';
import { readObject } from './support/routing-objects';

const SHOTS = '.weir/screenshots/outbound';
mkdirSync(SHOTS, { recursive: true });
const ISTIO = 'networking.istio.io/v1';

// Istio's egress gateway as its default profile installs it: a Service and a pod in istio-system.
const egressInstall: Manifest[] = [
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'istio-system' } },
  {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'istio-egressgateway', namespace: 'istio-system' },
    spec: {
      selector: { app: 'istio-egressgateway', istio: 'egressgateway' },
      ports: [
        { name: 'http2', port: 80 },
        { name: 'https', port: 443 },
      ],
    },
  },
  {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: 'istio-egressgateway-1',
      namespace: 'istio-system',
      labels: { app: 'istio-egressgateway', istio: 'egressgateway' },
    },
    spec: { containers: [{ name: 'istio-proxy', image: 'proxyv2' }] },
  },
];
const ref = (kind: string, name: string, namespace = 'shop'): Manifest => ({
  apiVersion: ISTIO,
  kind,
  metadata: { name, namespace },
});
const created = [
  ref('ServiceEntry', 'new-external-host'),
  ref('Gateway', 'egress-api-example-com'),
  ref('DestinationRule', 'egressgateway-for-api-example-com'),
  ref('VirtualService', 'api-example-com-through-egress-gateway'),
];

async function previewAndApply(page: Page, kind: string, name: string) {
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  const editor = inspector.getByRole('region', { name: `New ${kind}` });
  await editor.getByRole('button', { name: 'Preview' }).click();
  await expect(editor.getByTestId('review-summary')).toContainText(`shop/${name}: ${kind} created`);
  await editor.getByRole('button', { name: 'Apply' }).click();
  await expect(editor.getByTestId('review-applied')).toBeVisible();
}

test.describe('outbound traffic', () => {
  test.beforeAll(async () => applyManifests(clusterAs('admin'), egressInstall));
  test.afterAll(async () => {
    await deleteManifests(clusterAs('admin'), [
      ...created,
      ref('Sidecar', 'default'),
      ref('VirtualService', 'partner-api'),
      ref('ServiceEntry', 'partner-api'),
      ...egressInstall.slice(1),
    ]).catch(() => {});
  });

  test('creates a ServiceEntry, then sends its host through an egress gateway: one chain on the graph', async ({
    page,
  }) => {
    await page.goto('/?namespace=shop');
    await page.getByRole('searchbox', { name: 'Search by host or name' }).fill('catalog');
    await page.locator('.react-flow__node[data-id="vs:shop/catalog"]').click();
    const inspector = page.getByRole('complementary', { name: 'Inspector' });
    await inspector.getByRole('button', { name: 'New ServiceEntry' }).click();
    await previewAndApply(page, 'ServiceEntry', 'new-external-host');
    await expect
      .poll(async () => (await readObject('serviceentries', 'shop', 'new-external-host')).spec)
      .toMatchObject({ hosts: ['api.example.com'], resolution: 'DNS' });

    await page.getByRole('searchbox', { name: 'Search by host or name' }).fill('api.example.com');
    await page.locator('.react-flow__node[data-id="se:shop/new-external-host"]').click();
    await inspector.getByRole('button', { name: 'Send this host through an egress gateway' }).click();
    await previewAndApply(page, 'Gateway', 'egress-api-example-com');
    await previewAndApply(page, 'DestinationRule', 'egressgateway-for-api-example-com');
    await previewAndApply(page, 'VirtualService', 'api-example-com-through-egress-gateway');

    // sidecar → egress gateway → api.example.com → its ServiceEntry, with the hop's TLS said.
    const hop = page.locator('[data-testid="hop-label"]', {
      hasText: '443/TLS · SNI api.example.com · PASSTHROUGH',
    });
    await expect(hop).toBeVisible();
    await expect(page.locator('.react-flow__node[data-id="gw:shop/egress-api-example-com"]')).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/egress-chain.png` });
    // Laid out afresh (kept positions never move, so a live update leaves the Gateway where it
    // was first drawn): the chain left to right.
    await page.reload();
    await page.getByRole('searchbox', { name: 'Search by host or name' }).fill('api.example.com');
    await expect(hop).toBeVisible();
    const x = async (id: string) =>
      (await page.locator(`.react-flow__node[data-id="${id}"]`).boundingBox())?.x ?? Number.NaN;
    const chain = [
      'route:shop/api-example-com-through-egress-gateway/tls/0',
      'gw:shop/egress-api-example-com',
      'route:shop/api-example-com-through-egress-gateway/tls/1',
      'se:shop/new-external-host',
    ];
    const xs = [];
    for (const id of chain) xs.push(await x(id));
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    await page.screenshot({ path: `${SHOTS}/egress-chain-fresh.png` });
  });

  test('a REGISTRY_ONLY finding appears with a Sidecar and clears with a ServiceEntry', async ({ page }) => {
    const admin = clusterAs('admin');
    await applyManifests(admin, [
      {
        ...ref('VirtualService', 'partner-api'),
        spec: {
          hosts: ['partner.example.org'],
          http: [{ timeout: '3s', route: [{ destination: { host: 'partner.example.org' } }] }],
        },
      },
    ]);
    await page.goto('/?namespace=shop');
    await page.getByRole('button', { name: /Problems/ }).click();
    const problems = page.getByLabel('Problems', { exact: true });
    await expect(problems.locator('li', { hasText: 'VS_EXTERNAL_HOST_UNKNOWN' }).first()).toBeVisible();

    await applyManifests(admin, [
      { ...ref('Sidecar', 'default'), spec: { outboundTrafficPolicy: { mode: 'REGISTRY_ONLY' } } },
    ]);
    await expect(problems.locator('li', { hasText: 'OUTBOUND_HOST_BLOCKED' }).first()).toBeVisible();
    await page.getByRole('button', { name: /Namespaces/ }).click();
    await expect(page.getByTestId('outbound-shop')).toContainText('REGISTRY_ONLY from Sidecar shop/default');
    await page.screenshot({ path: `${SHOTS}/registry-only.png` });

    await applyManifests(admin, [
      {
        ...ref('ServiceEntry', 'partner-api'),
        spec: {
          hosts: ['partner.example.org'],
          ports: [{ number: 80, name: 'http', protocol: 'HTTP' }],
          resolution: 'DNS',
        },
      },
    ]);
    await expect(problems.locator('li', { hasText: 'OUTBOUND_HOST_BLOCKED' })).toHaveCount(0);
  });
});

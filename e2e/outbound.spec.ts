import { mkdirSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { applyManifests, deleteManifests, type Manifest } from '../lib/kube/apply-manifests';
import { clusterAs } from './support/cluster';
import { E2E_PORTS } from './support/ports';
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
  ref('ServiceEntry', 'api-example'),
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

// sidecar route → egress Gateway → the gateway's route → the ServiceEntry, by x positions.
async function leftToRight(page: Page) {
  const x = async (id: string) =>
    (await page.locator(`.react-flow__node[data-id="${id}"]`).boundingBox())?.x ?? Number.NaN;
  const chain = [
    'route:shop/api-example-com-through-egress-gateway/tls/0',
    'gw:shop/egress-api-example-com',
    'route:shop/api-example-com-through-egress-gateway/tls/1',
    'se:shop/api-example',
  ];
  await expect
    .poll(async () => {
      const xs: number[] = [];
      for (const id of chain) xs.push(await x(id));
      return xs.every((v, i) => i === 0 || v > (xs[i - 1] as number));
    })
    .toBe(true);
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

  test('creates a ServiceEntry through its form, then sends its host through an egress gateway as one change: one chain on the graph', async ({
    page,
  }) => {
    await page.goto('/?namespace=shop');
    await page.getByRole('searchbox', { name: 'Search by host or name' }).fill('catalog');
    await page.locator('.react-flow__node[data-id="vs:shop/catalog"]').click();
    const inspector = page.getByRole('complementary', { name: 'Inspector' });
    await inspector.getByRole('button', { name: 'New ServiceEntry' }).click();
    // The form, not the YAML tab: name, hosts, a port with its protocol, resolution, location, exportTo.
    const form = inspector.getByRole('form', { name: 'ServiceEntry' });
    await form.getByLabel('Name', { exact: true }).fill('api-example');
    await form.getByLabel('Hosts', { exact: true }).fill('api.example.com');
    await form.getByLabel('Location').selectOption('MESH_EXTERNAL');
    await form.getByLabel('Resolution').selectOption('DNS');
    await expect(form.getByText('looked up by DNS')).toBeVisible();
    const port = form.getByRole('group', { name: 'Port 1' });
    await port.getByLabel('Port', { exact: true }).fill('443');
    await port.getByLabel('Protocol').selectOption('TLS');
    // A wrong field is told beside it and holds Preview back; put right, it lets it go.
    await form.getByRole('button', { name: 'Add endpoint' }).click();
    await expect(form.getByRole('alert').filter({ hasText: 'an endpoint needs an address' })).toBeVisible();
    await expect(form.getByRole('button', { name: 'Preview' })).toBeDisabled();
    await form
      .getByRole('group', { name: 'Endpoint 1' })
      .getByRole('button', { name: 'Remove endpoint' })
      .click();
    await form.getByLabel('Export to').fill('.');
    await page.screenshot({ path: `${SHOTS}/service-entry-form.png` });
    await previewAndApply(page, 'ServiceEntry', 'api-example');
    await expect
      .poll(async () => (await readObject('serviceentries', 'shop', 'api-example')).spec)
      .toEqual({
        hosts: ['api.example.com'],
        location: 'MESH_EXTERNAL',
        resolution: 'DNS',
        ports: [{ number: 443, name: 'tls', protocol: 'TLS' }],
        exportTo: ['.'],
      });

    await page.getByRole('searchbox', { name: 'Search by host or name' }).fill('api.example.com');
    await page.locator('.react-flow__node[data-id="se:shop/api-example"]').click();
    await inspector.getByRole('button', { name: 'Send this host through an egress gateway' }).click();
    // One review for the three objects of Istio's task, one Apply.
    const set = inspector.getByRole('region', { name: 'Send api.example.com through an egress gateway' });
    await set.getByRole('button', { name: 'Preview' }).click();
    const summary = set.getByTestId('review-summary');
    await expect(summary).toContainText('shop/egress-api-example-com: Gateway created');
    await expect(summary).toContainText('shop/egressgateway-for-api-example-com: DestinationRule created');
    await expect(summary).toContainText(
      'shop/api-example-com-through-egress-gateway: VirtualService created',
    );
    await expect(set.getByTestId('apply-words')).toContainText('these 3 objects');
    await page.screenshot({ path: `${SHOTS}/egress-one-change.png` });
    await set.getByRole('button', { name: 'Apply' }).click();
    await expect(set.getByTestId('review-applied')).toBeVisible();
    for (const [plural, name] of [
      ['gateways', 'egress-api-example-com'],
      ['destinationrules', 'egressgateway-for-api-example-com'],
      ['virtualservices', 'api-example-com-through-egress-gateway'],
    ] as const) {
      await expect.poll(async () => (await readObject(plural, 'shop', name)).metadata.name).toBe(name);
    }

    // sidecar → egress gateway → api.example.com → its ServiceEntry, with the hop's TLS said.
    const hop = page.locator('[data-testid="hop-label"]', {
      hasText: '443/TLS · SNI api.example.com · PASSTHROUGH',
    });
    // The chain now reaches right of what was in view (the Gateway laid out again as a hop).
    // Fit View once the page holds all three objects and has placed the whole chain (nine
    // nodes in this search; the overview map draws every placed node, in view or not): the
    // cluster holding them says nothing of the page, whose watches bring each kind on its own
    // and whose layout takes a moved node off the canvas until its new place is known. Pressed
    // before that, it fits the part drawn so far, the view then stays put (positions and view
    // never follow a change) and the rest of the chain lands right of it, not rendered.
    await expect(page.locator('.react-flow__minimap-node')).toHaveCount(9);
    await page.getByRole('button', { name: 'Fit View' }).click();
    await expect(hop).toBeVisible();
    await expect(page.locator('.react-flow__node[data-id="gw:shop/egress-api-example-com"]')).toBeVisible();
    // Without a reload: the Gateway drawn before it became a hop is laid out again, right of the route.
    await leftToRight(page);
    await page.screenshot({ path: `${SHOTS}/egress-chain.png` });

    // Undone as one: the three objects gone; redone as one: back.
    const egressObjects = [
      ['gateways', 'egress-api-example-com'],
      ['destinationrules', 'egressgateway-for-api-example-com'],
      ['virtualservices', 'api-example-com-through-egress-gateway'],
    ] as const;
    const present = async () => {
      const found = await Promise.all(
        egressObjects.map(([plural, name]) =>
          readObject(plural, 'shop', name).then(
            () => 1,
            () => 0,
          ),
        ),
      );
      return found.reduce<number>((a, b) => a + b, 0);
    };
    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    await expect.poll(present).toBe(0);
    await expect(page.locator('.react-flow__node[data-id="gw:shop/egress-api-example-com"]')).toHaveCount(0);
    await page.getByRole('button', { name: 'Redo', exact: true }).click();
    await expect.poll(present).toBe(3);
    // As above: the page has placed the chain again before Fit View takes it in.
    await expect(page.locator('.react-flow__minimap-node')).toHaveCount(9);
    await page.getByRole('button', { name: 'Fit View' }).click();
    await expect(hop).toBeVisible();
    // Laid out afresh after a reload: the same order.
    await page.reload();
    await page.getByRole('searchbox', { name: 'Search by host or name' }).fill('api.example.com');
    await expect(hop).toBeVisible();
    await leftToRight(page);
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

// The auditor's Weir runs with the auditor's credential, which may not read the mesh config
// (tools/cluster/rbac.yaml: the weir-mesh-config Role names operators and Weir only).
test('where Weir may not read the mesh config, a namespace without a Sidecar mode shows its policy as unknown', async ({
  page,
}) => {
  await page.goto(`http://127.0.0.1:${E2E_PORTS.auditor}/?namespace=payments`);
  await page.getByRole('button', { name: /Namespaces/ }).click();
  const payments = page.getByTestId('outbound-payments');
  await expect(payments).toContainText('unknown (Weir may not read istio-system/istio)');
  await expect(payments.getByText('unknown', { exact: true })).toHaveAttribute('title', /Weir does not know/);
  await expect(page.getByTestId('outbound-unknown-count')).toHaveText('· outbound policy unknown');
  // The root namespace (whose Sidecar would be the default) is the mesh config's to name: assumed, and said so.
  await expect(page.getByTestId('root-assumed-payments')).toHaveText(
    'root namespace assumed: istio-system (the mesh config names it and is not known)',
  );
  // Laid out and in sync, so the picture shows the panel over a drawn graph.
  await expect(page.locator('.react-flow__node').first()).toBeVisible();
  await expect(page.getByText('Laying out', { exact: false })).toHaveCount(0);
  await page.screenshot({ path: `${SHOTS}/policy-unknown.png` });
  // The operator's Weir may read it: Istio's default, known.
  await page.goto(`http://127.0.0.1:${E2E_PORTS.operator}/?namespace=payments`);
  await page.getByRole('button', { name: /Namespaces/ }).click();
  await expect(page.getByTestId('outbound-payments')).toContainText('ALLOW_ANY');
  await expect(page.getByTestId('outbound-unknown-count')).toHaveCount(0);
  await expect(page.getByTestId('root-assumed-payments')).toHaveCount(0);
});

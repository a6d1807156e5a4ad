import { expect, type Locator, type Page, test } from '@playwright/test';
import { kubeRequest } from '../lib/kube/request';
import { clusterAs } from './support/cluster';
import { type RawObject, readObject, restoreSpec } from './support/routing-objects';

// Screens of each form, looked at by a person (the task asks for them at 1440×900).
const SHOTS = process.env.WEIR_E2E_SHOTS ?? '.weir/screenshots/editor-forms';

const saved: Array<[Parameters<typeof restoreSpec>[0], RawObject]> = [];
async function keep(plural: Parameters<typeof restoreSpec>[0], name: string) {
  saved.push([plural, await readObject(plural, 'shop', name)]);
}

// The demo mesh has no TCP or TLS route: this VirtualService brings one of each.
const L4_VS = 'cart-l4';
const vsPath = `/apis/networking.istio.io/v1/namespaces/shop/virtualservices`;
const l4VirtualService = {
  apiVersion: 'networking.istio.io/v1',
  kind: 'VirtualService',
  metadata: { name: L4_VS, namespace: 'shop' },
  spec: {
    // Istio wants each SNI host within the VirtualService's hosts (validateTLSMatch), also the
    // ones the SNI journey enters.
    hosts: ['cart', 'cart.example.com', '*.cart.example.com'],
    tls: [
      {
        match: [{ sniHosts: ['cart.example.com'], port: 443 }],
        route: [{ destination: { host: 'cart', subset: 'v1' } }],
      },
    ],
    tcp: [{ match: [{ port: 31400 }], route: [{ destination: { host: 'cart', subset: 'v1' } }] }],
  },
};

interface L4Spec {
  tcp: Array<Record<string, unknown>>;
  tls: Array<{ match: Array<{ sniHosts: string[]; port?: number }> }>;
}
async function l4Spec(): Promise<L4Spec> {
  return (await readObject('virtualservices', 'shop', L4_VS)).spec as unknown as L4Spec;
}

async function select(page: Page, nodeId: string): Promise<Locator> {
  await page.goto('/?namespace=shop');
  await page.locator(`.react-flow__node[data-id="${nodeId}"]`).click();
  const editor = page.getByTestId('object-editor');
  await expect(editor).toBeVisible();
  return editor;
}

/** The collapsible section titled `title` directly in `scope` (opened if closed). */
async function open(scope: Locator, title: string): Promise<Locator> {
  const details = scope
    .locator('details')
    .filter({ has: scope.page().locator('summary', { hasText: title }) })
    .last();
  if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open)))
    await details.locator('summary').first().click();
  return details;
}

/** The inspector as seen, the whole page, and the inspector scrolled to the editor's end. */
async function shoot(page: Page, name: string) {
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  await inspector.screenshot({ path: `${SHOTS}/${name}.png` });
  await page.screenshot({ path: `${SHOTS}/${name}-page.png` });
  const editor = page.getByTestId('object-editor');
  const box = await editor.boundingBox();
  const scrolled = box !== null && box.y + box.height > 900;
  await editor.evaluate((el) => el.scrollIntoView({ block: 'end' }));
  if (scrolled) await inspector.screenshot({ path: `${SHOTS}/${name}-end.png` });
}

async function previewAndApply(page: Page, editor: Locator, summary: string | RegExp, shot: string) {
  await editor.getByRole('button', { name: 'Preview' }).last().click();
  const review = page.getByTestId('review-panel');
  await expect(review.getByTestId('review-summary')).toContainText(summary);
  await shoot(page, `${shot}-review`);
  await review.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByTestId('review-applied')).toBeVisible();
}

test.describe('editor forms', () => {
  test.beforeAll(async () => {
    await kubeRequest(clusterAs('admin'), { method: 'POST', path: vsPath, body: l4VirtualService });
  });
  test.afterAll(async () => {
    await kubeRequest(clusterAs('admin'), { method: 'DELETE', path: `${vsPath}/${L4_VS}` });
  });
  test.afterEach(async () => {
    for (const [plural, object] of saved.splice(0)) await restoreSpec(plural, object);
  });

  test("a TCP route's port match and weights", async ({ page }) => {
    await keep('virtualservices', L4_VS);
    const editor = await select(page, `route:shop/${L4_VS}/tcp/0`);
    await expect(editor.getByRole('form', { name: 'Route tcp[0]' })).toBeVisible();
    const match = await open(editor, 'Match');
    await match.getByLabel('Port').fill('31401');
    const destinations = await open(editor, 'Destinations');
    await destinations.getByRole('button', { name: 'Add destination' }).click();
    await destinations.getByLabel('Subset').nth(1).fill('v2');
    await destinations.getByLabel('Weight').nth(0).fill('70');
    await destinations.getByLabel('Weight').nth(1).fill('30');
    await shoot(page, 'tcp-route');
    await previewAndApply(
      page,
      editor,
      'tcp[0]: match port 31400 → port 31401, destinations v1 → v1 70%, v2 30%',
      'tcp-route',
    );
    await expect
      .poll(async () => (await l4Spec()).tcp[0])
      .toEqual({
        match: [{ port: 31401 }],
        route: [
          { destination: { host: 'cart', subset: 'v1' }, weight: 70 },
          { destination: { host: 'cart', subset: 'v2' }, weight: 30 },
        ],
      });
  });

  test('adds a TCP route from the VirtualService form and moves it first', async ({ page }) => {
    await keep('virtualservices', L4_VS);
    const editor = await select(page, `vs:shop/${L4_VS}`);
    await expect(editor.getByTestId('tcp-route-row-0')).toContainText('for port 31400 → v1');
    await expect(editor.getByTestId('tls-route-row-0')).toContainText(
      'for SNI cart.example.com, port 443 → v1',
    );
    await shoot(page, 'l4-lists');
    await editor.getByRole('button', { name: 'New TCP route' }).click();
    await editor.getByLabel('Position').selectOption({ label: 'last' });
    const match = await open(editor, 'Match');
    await match.getByRole('button', { name: 'Add match block' }).click();
    await match.getByLabel('Port').fill('5432');
    await shoot(page, 'new-tcp-route');
    await previewAndApply(page, editor, 'new route tcp[1] for port 5432 → cart', 'new-tcp-route');
    await expect.poll(async () => (await l4Spec()).tcp.length).toBe(2);
    await editor.getByRole('button', { name: 'Move tcp[1] up' }).click();
    await expect(page.getByTestId('review-summary')).toContainText(/moved route tcp\[\d\] to tcp\[\d\]/);
    await page.getByTestId('review-panel').getByRole('button', { name: 'Apply' }).click();
    await expect
      .poll(async () => (await l4Spec()).tcp)
      .toEqual([
        { match: [{ port: 5432 }], route: [{ destination: { host: 'cart' } }] },
        { match: [{ port: 31400 }], route: [{ destination: { host: 'cart', subset: 'v1' } }] },
      ]);
  });

  test("a TLS route's SNI hosts", async ({ page }) => {
    await keep('virtualservices', L4_VS);
    const editor = await select(page, `route:shop/${L4_VS}/tls/0`);
    const match = await open(editor, 'Match');
    const sni = match.getByLabel('SNI hosts');
    await sni.fill('');
    await expect(match.getByText('a TLS match needs at least one SNI host')).toBeVisible();
    await expect(editor.getByRole('button', { name: 'Preview' })).toBeDisabled();
    await sni.fill('cart.example.com, *.cart.example.com');
    await shoot(page, 'tls-route');
    await previewAndApply(page, editor, 'SNI cart.example.com, *.cart.example.com', 'tls-route');
    await expect
      .poll(async () => (await l4Spec()).tls[0]?.match)
      .toEqual([{ sniHosts: ['cart.example.com', '*.cart.example.com'], port: 443 }]);
  });

  test('a bad CIDR is told beside its field and keeps Preview disabled', async ({ page }) => {
    const before = await readObject('virtualservices', 'shop', L4_VS);
    const editor = await select(page, `route:shop/${L4_VS}/tcp/0`);
    const match = await open(editor, 'Match');
    const subnets = match.getByLabel('Destination subnets');
    await subnets.fill('10.0.0.0/33');
    await expect(subnets).toHaveAttribute('aria-invalid', 'true');
    await expect(match.getByRole('alert')).toHaveText(
      'the prefix length of 10.0.0.0/33 must be a whole number from 0 to 32',
    );
    await expect(editor.getByRole('button', { name: 'Preview' })).toBeDisabled();
    await shoot(page, 'bad-cidr');
    await subnets.fill('10.0.0.0/8, 10.1.2.3');
    await expect(match.getByRole('alert')).toHaveCount(0);
    await expect(editor.getByRole('button', { name: 'Preview' })).toBeEnabled();
    expect((await readObject('virtualservices', 'shop', L4_VS)).metadata.resourceVersion).toBe(
      before.metadata.resourceVersion,
    );
  });

  test('a port-level connection pool on a DestinationRule', async ({ page }) => {
    await keep('destinationrules', 'catalog');
    const editor = await select(page, 'subset:shop/catalog/v1');
    const ports = await open(editor, 'Port-level settings');
    await ports.getByRole('button', { name: 'Add port' }).click();
    const port = editor.getByRole('group', { name: 'Port settings 1' });
    await expect(port.getByText('port-level settings need a port number')).toBeVisible();
    await port.getByLabel('Port', { exact: true }).fill('8080');
    const pool = await open(port, 'Connection pool');
    await pool.getByLabel('TCP max connections').fill('100');
    await pool.getByLabel('HTTP/1 max pending').fill('10');
    await shoot(page, 'port-level');
    await previewAndApply(
      page,
      editor,
      'traffic policy port 8080: new settings (connection pool tcp.maxConnections 100, http.http1MaxPendingRequests 10)',
      'port-level',
    );
    await expect
      .poll(async () => (await readObject('destinationrules', 'shop', 'catalog')).spec.trafficPolicy)
      .toEqual({
        portLevelSettings: [
          {
            port: { number: 8080 },
            connectionPool: { tcp: { maxConnections: 100 }, http: { http1MaxPendingRequests: 10 } },
          },
        ],
      });
  });

  test('a subset-level load balancer on a DestinationRule', async ({ page }) => {
    await keep('destinationrules', 'catalog');
    const editor = await select(page, 'subset:shop/catalog/v1');
    await editor.getByRole('button', { name: /^Traffic policy of subset v2/ }).click();
    const policy = editor.getByRole('group', { name: 'Traffic policy of subset v2' });
    const lb = await open(policy, 'Load balancer');
    await lb.getByLabel('Simple').selectOption('LEAST_REQUEST');
    await shoot(page, 'subset-level');
    await previewAndApply(page, editor, 'subset v2: added load balancer LEAST_REQUEST', 'subset-level');
    await expect
      .poll(async () => (await readObject('destinationrules', 'shop', 'catalog')).spec.subsets)
      .toEqual([
        { name: 'v1', labels: { version: 'v1' } },
        {
          name: 'v2',
          labels: { version: 'v2' },
          trafficPolicy: { loadBalancer: { simple: 'LEAST_REQUEST' } },
        },
      ]);
  });

  test('a Gateway server switched to MUTUAL with a credential name', async ({ page }) => {
    await keep('gateways', 'shop-gateway');
    const editor = await select(page, 'gw:shop/shop-gateway');
    const https = editor.getByRole('group', { name: 'Server 2' });
    await https.getByLabel('TLS mode').selectOption('MUTUAL');
    await expect(https.getByText('asks clients for a certificate')).toBeVisible();
    await expect(https.getByLabel('CA certificates')).toBeVisible();
    await https.getByLabel('Credential name').fill('');
    await expect(https.getByText('MUTUAL needs a credential name')).toBeVisible();
    await expect(editor.getByRole('button', { name: 'Preview' })).toBeDisabled();
    await https.getByLabel('Credential name').fill('shop-mtls');
    await shoot(page, 'gateway-mutual');
    await previewAndApply(page, editor, /server https: .*TLS MUTUAL shop-mtls/, 'gateway-mutual');
    await expect
      .poll(async () => (await readObject('gateways', 'shop', 'shop-gateway')).spec.servers?.[1]?.tls)
      .toEqual({ mode: 'MUTUAL', credentialName: 'shop-mtls' });
  });
});

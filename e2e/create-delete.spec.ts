import { mkdirSync } from 'node:fs';
import { expect, type Locator, type Page, test } from '@playwright/test';
import { applyManifests, deleteManifests, type Manifest } from '../lib/kube/apply-manifests';
import { clusterAs } from './support/cluster';
import { readObject } from './support/routing-objects';

const SHOTS = '.weir/screenshots/create-delete';
mkdirSync(SHOTS, { recursive: true });

// A Service no VirtualService routes yet, with pods of two versions.
const pod = (version: string): Manifest => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: `wishlist-${version}`, namespace: 'shop', labels: { app: 'wishlist', version } },
  spec: { containers: [{ name: 'app', image: 'wishlist' }] },
});
const seed: Manifest[] = [
  {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'wishlist', namespace: 'shop' },
    spec: { ports: [{ name: 'http', port: 8080 }], selector: { app: 'wishlist' } },
  },
  pod('v1'),
  pod('v2'),
];
const created: Manifest[] = ['VirtualService', 'DestinationRule'].map((kind) => ({
  apiVersion: 'networking.istio.io/v1',
  kind,
  metadata: { name: 'wishlist', namespace: 'shop' },
}));

// A second Service with its pod and a DestinationRule for it: created from the templates
// and deleted from the graph below, apart from the wishlist journey.
const gifts: Manifest[] = [
  {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'gifts', namespace: 'shop' },
    spec: { ports: [{ name: 'http', port: 8080 }], selector: { app: 'gifts' } },
  },
  {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'gifts-v1', namespace: 'shop', labels: { app: 'gifts', version: 'v1' } },
    spec: { containers: [{ name: 'app', image: 'gifts' }] },
  },
  {
    apiVersion: 'networking.istio.io/v1',
    kind: 'DestinationRule',
    metadata: { name: 'gifts', namespace: 'shop' },
    spec: { host: 'gifts', subsets: [{ name: 'v1', labels: { version: 'v1' } }] },
  },
];
const fromTemplates: Manifest[] = [
  {
    apiVersion: 'networking.istio.io/v1',
    kind: 'VirtualService',
    metadata: { name: 'gifts', namespace: 'shop' },
  },
  {
    apiVersion: 'networking.istio.io/v1',
    kind: 'Gateway',
    metadata: { name: 'new-gateway', namespace: 'shop' },
  },
];
const giftsVirtualService = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: gifts
  namespace: shop
spec:
  hosts:
    - gifts
  http:
    - route:
        - destination:
            host: gifts
            subset: v1
`;

const gone = (read: Promise<unknown>) =>
  read.then(
    () => 'exists',
    (e: Error) => e.message,
  );

/** Finds a node by searching (new objects may be drawn outside the view), then selects it. */
async function inspect(page: Page, search: string, nodeId: string): Promise<Locator> {
  await page.getByRole('searchbox', { name: 'Search by host or name' }).fill(search);
  await page.locator(`.react-flow__node[data-id="${nodeId}"]`).click();
  return page.getByRole('complementary', { name: 'Inspector' });
}

/** Delete… → the confirmation → Preview delete (checks what Apply will do) → Apply. */
async function deleteFromInspector(inspector: Locator, label: string, shot: string) {
  await inspector.getByRole('button', { name: 'Delete…' }).click();
  const confirm = inspector.getByRole('alertdialog', { name: `Delete ${label}` });
  await confirm.getByRole('button', { name: 'Preview delete' }).click();
  const [kind, where] = label.split(' ');
  await expect(confirm.getByTestId('review-summary')).toContainText(`${where}: ${kind} deleted`);
  await expect(confirm.getByTestId('apply-words')).toContainText(
    new RegExp(`Apply deletes ${label} at version \\d+\\.`),
  );
  await expect(confirm.getByTestId('apply-words')).not.toContainText('writes exactly');
  await expect(confirm.getByTestId('delete-impact')).not.toBeEmpty();
  await inspector.screenshot({ path: `${SHOTS}/${shot}.png` });
  await confirm.getByRole('button', { name: 'Apply' }).click();
}

test.describe('creating and deleting routing objects', () => {
  test.beforeAll(async () => applyManifests(clusterAs('admin'), [...seed, ...gifts]));
  test.afterAll(async () =>
    deleteManifests(clusterAs('admin'), [...created, ...fromTemplates, ...seed, ...gifts]),
  );

  test('routes a service from the graph, then deletes its VirtualService after a confirmation', async ({
    page,
  }) => {
    await page.goto('/?namespace=shop');
    await page.locator('.react-flow__node[data-id="dest:wishlist.shop.svc.cluster.local||"]').click();
    const inspector = page.getByRole('complementary', { name: 'Inspector' });
    await inspector.getByRole('button', { name: 'Route this service' }).click();

    // The DestinationRule gets a subset per pod version; the VirtualService one route to the host.
    for (const kind of ['DestinationRule', 'VirtualService']) {
      const editor = inspector.getByRole('region', { name: `New ${kind}` });
      await expect(editor.getByTestId('yaml-editor')).toContainText('wishlist');
      if (kind === 'DestinationRule') await expect(editor.getByTestId('yaml-editor')).toContainText('v2');
      await editor.getByRole('button', { name: 'Preview' }).click();
      await expect(editor.getByTestId('review-summary')).toContainText(`shop/wishlist: ${kind} created`);
      await inspector.screenshot({ path: `${SHOTS}/new-${kind}.png` });
      await editor.getByRole('button', { name: 'Apply' }).click();
      await expect(editor.getByTestId('review-applied')).toBeVisible();
    }
    const rule = await readObject('destinationrules', 'shop', 'wishlist');
    expect(rule.spec.subsets?.map((s) => s.name)).toEqual(['v1', 'v2']);
    const vs = await readObject('virtualservices', 'shop', 'wishlist');
    expect(vs.spec).toMatchObject({
      hosts: ['wishlist'],
      http: [{ route: [{ destination: { host: 'wishlist' } }] }],
    });

    await page.locator('.react-flow__node[data-id="vs:shop/wishlist"]').click();
    await inspector.getByRole('button', { name: 'Delete…' }).click();
    const confirm = inspector.getByRole('alertdialog', { name: 'Delete VirtualService shop/wishlist' });
    await expect(confirm.getByTestId('delete-impact')).toContainText('Hosts wishlist lose these routes');
    await expect(confirm.getByTestId('delete-impact')).toContainText('http[0] → wishlist');
    await confirm.getByRole('button', { name: 'Preview delete' }).click();
    await expect(confirm.getByTestId('review-summary')).toContainText(
      'shop/wishlist: VirtualService deleted',
    );
    await inspector.screenshot({ path: `${SHOTS}/delete-confirmation.png` });
    await confirm.getByRole('button', { name: 'Apply' }).click();
    await expect
      .poll(() =>
        readObject('virtualservices', 'shop', 'wishlist').then(
          () => 'exists',
          (e: Error) => e.message,
        ),
      )
      .toMatch(/not ?found/i);
  });

  test('creates a VirtualService and a Gateway from the inspector’s templates, then deletes a DestinationRule and the Gateway', async ({
    page,
  }) => {
    await page.goto('/?namespace=shop');
    let inspector = await inspect(page, 'catalog', 'vs:shop/catalog');

    // The blank VirtualService routes to a host no Service defines: refused, with the path.
    await inspector.getByRole('button', { name: 'New VirtualService' }).click();
    const newVs = inspector.getByRole('region', { name: 'New VirtualService' });
    await newVs.getByRole('button', { name: 'Preview' }).click();
    const refused = newVs.getByTestId('review-refused');
    await expect(refused).toContainText('Weir refused this change: nothing was written');
    await expect(refused.getByTestId('refusal-fields')).toContainText(
      'spec.http[0].route[0].destination.host — marked above',
    );
    await expect(newVs.locator('.cm-lintRange-error')).toHaveText('example');
    await inspector.screenshot({ path: `${SHOTS}/new-virtual-service-refused.png` });
    await newVs.getByRole('button', { name: 'Back to editing' }).click();
    await newVs.getByTestId('yaml-editor').locator('.cm-content').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText(giftsVirtualService);
    await newVs.getByRole('button', { name: 'Preview' }).click();
    await expect(newVs.getByTestId('review-summary')).toContainText('shop/gifts: VirtualService created');
    await expect(newVs.getByTestId('apply-words')).toContainText(
      'Apply creates VirtualService shop/gifts exactly as shown.',
    );
    await newVs.getByRole('button', { name: 'Apply' }).click();
    await expect(newVs.getByTestId('review-applied')).toBeVisible();
    await expect
      .poll(async () => (await readObject('virtualservices', 'shop', 'gifts')).spec)
      .toEqual({ hosts: ['gifts'], http: [{ route: [{ destination: { host: 'gifts', subset: 'v1' } }] }] });
    // Once more: it exists now.
    await newVs.getByRole('button', { name: 'Preview' }).click();
    await expect(newVs.getByTestId('review-refused')).toContainText(
      'VirtualService gifts already exists: nothing was written',
    );

    await inspector.getByRole('button', { name: 'New Gateway' }).click();
    const newGateway = inspector.getByRole('region', { name: 'New Gateway' });
    await expect(newGateway.getByTestId('yaml-editor')).toContainText('ingressgateway');
    await newGateway.getByRole('button', { name: 'Preview' }).click();
    await expect(newGateway.getByTestId('review-summary')).toContainText('shop/new-gateway: Gateway created');
    await inspector.screenshot({ path: `${SHOTS}/new-gateway.png` });
    await newGateway.getByRole('button', { name: 'Apply' }).click();
    await expect(newGateway.getByTestId('review-applied')).toBeVisible();
    await expect
      .poll(async () => (await readObject('gateways', 'shop', 'new-gateway')).spec)
      .toEqual({
        selector: { istio: 'ingressgateway' },
        servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['example.com'] }],
      });

    // The subset stands for its DestinationRule: deleting it leaves gifts' route to a subset
    // no rule defines, which the confirmation says.
    inspector = await inspect(page, 'gifts', 'subset:shop/gifts/v1');
    await deleteFromInspector(inspector, 'DestinationRule shop/gifts', 'delete-destination-rule');
    await expect(inspector.getByTestId('delete-impact')).toHaveCount(0);
    await expect.poll(() => gone(readObject('destinationrules', 'shop', 'gifts'))).toMatch(/not ?found/i);
    await expect(page.locator('.react-flow__node[data-id="subset:shop/gifts/v1"]')).toHaveCount(0);

    inspector = await inspect(page, 'new-gateway', 'gw:shop/new-gateway');
    await deleteFromInspector(inspector, 'Gateway shop/new-gateway', 'delete-gateway');
    await expect.poll(() => gone(readObject('gateways', 'shop', 'new-gateway'))).toMatch(/not ?found/i);
    await expect(page.locator('.react-flow__node[data-id="gw:shop/new-gateway"]')).toHaveCount(0);

    // Undo creates again what was deleted; redo deletes it again.
    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    await expect
      .poll(async () => (await readObject('gateways', 'shop', 'new-gateway').catch(() => undefined))?.spec)
      .toEqual({
        selector: { istio: 'ingressgateway' },
        servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['example.com'] }],
      });
    await expect(page.locator('.react-flow__node[data-id="gw:shop/new-gateway"]')).toHaveCount(1);
    await page.getByRole('button', { name: 'Redo', exact: true }).click();
    await expect.poll(() => gone(readObject('gateways', 'shop', 'new-gateway'))).toMatch(/not ?found/i);
  });
});

import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
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

test.describe('creating and deleting routing objects', () => {
  test.beforeAll(async () => applyManifests(clusterAs('admin'), seed));
  test.afterAll(async () => deleteManifests(clusterAs('admin'), [...created, ...seed]));

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
});

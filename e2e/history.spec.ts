import { expect, test } from '@playwright/test';
import { applyManifests, deleteManifests, type Manifest } from '../lib/kube/apply-manifests';
import { changeCatalog, clusterAs, setWeightsInCluster, weightsInCluster } from './support/cluster';
import { pageLive } from './support/page-live';
import { E2E_PORTS } from './support/ports';

const operator = `http://127.0.0.1:${E2E_PORTS.operator}`;
const auditor = `http://127.0.0.1:${E2E_PORTS.auditor}`;
const shots = '.weir/screenshots';
const clock = /\d{2}:\d{2}/;

test.describe('history', () => {
  test.afterEach(async () => {
    await setWeightsInCluster('shop', 'catalog', [90, 10]);
  });

  test("the operator's change appears in the auditor's history, without controls", async ({ page }) => {
    await changeCatalog(page.request, operator, [75, 25], 'canary step 2');
    await page.goto(`${auditor}/`);
    await pageLive(page);
    await page.getByTestId('weight:VirtualService/shop/catalog/http/0/1').click();
    const history = page.getByRole('region', { name: 'History' });
    const line = history.getByText(/^catalog v2: 10% → 25%, by olivia\.operator, /).first();
    await expect(line).toBeVisible();
    await expect(line).toHaveText(
      new RegExp(`catalog v2: 10% → 25%, by olivia\\.operator, ${clock.source}, ‘canary step 2’`),
    );
    await expect(history.getByRole('button', { name: /Restore/ })).toHaveCount(0);
    await expect(page.getByRole('slider')).toHaveCount(0);
    await page
      .getByRole('complementary', { name: 'Inspector' })
      .screenshot({ path: `${shots}/history-auditor.png` });
    await page.screenshot({ path: `${shots}/read-only-view.png` });
  });

  test('restore puts the earlier weights back as a new change', async ({ page }) => {
    await changeCatalog(page.request, operator, [60, 40], 'try 40');
    await page.goto(`${operator}/`);
    await pageLive(page);
    await page.getByTestId('weight:VirtualService/shop/catalog/http/0/1').click();
    const history = page.getByRole('region', { name: 'History' });
    const entry = history
      .getByRole('listitem')
      .filter({ hasText: /10% → 40%.*‘try 40’/ })
      .first();
    await page
      .getByRole('complementary', { name: 'Inspector' })
      .screenshot({ path: `${shots}/history-operator.png` });
    await entry.getByRole('button', { name: 'Restore 90% / 10%' }).click();
    await expect.poll(() => weightsInCluster('shop', 'catalog')).toEqual([90, 10]);
    await expect(
      history.getByText(/^catalog v2: 40% → 10%, by olivia\.operator, .*restore/).first(),
    ).toBeVisible();
  });

  test('a VirtualService an Argo Rollout drives is locked, with what to do instead', async ({ page }) => {
    const rollout: Manifest = {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Rollout',
      metadata: { name: 'catalog', namespace: 'shop' },
      spec: { strategy: { canary: { trafficRouting: { istio: { virtualService: { name: 'catalog' } } } } } },
    };
    await applyManifests(clusterAs('admin'), [rollout]);
    try {
      await expect
        .poll(async () => (await (await page.request.get(`${operator}/api/locks`)).json()).locks)
        .toHaveProperty(['VirtualService/shop/catalog', 'controller'], 'argo-rollouts');
      await page.goto(`${operator}/`);
      await pageLive(page);
      await page.getByTestId('weight:VirtualService/shop/catalog/http/0/1').click();
      const inspector = page.getByRole('complementary', { name: 'Inspector' });
      await expect(inspector.getByTestId('controller-lock')).toContainText('Locked: Rollout shop/catalog');
      await expect(inspector.getByTestId('controller-lock')).toContainText('Promote');
      await expect(inspector.getByRole('slider')).toHaveCount(0);
      await inspector.screenshot({ path: `${shots}/locked.png` });
    } finally {
      await deleteManifests(clusterAs('admin'), [rollout]);
    }
  });
});

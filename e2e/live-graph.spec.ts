import { expect, test } from '@playwright/test';
import { apiServer, setWeightsInCluster } from './support/cluster';

const weight = (vs: string, destination: number) => `weight:VirtualService/${vs}/http/0/${destination}`;

test.describe('the live graph', () => {
  test.afterEach(async () => {
    await setWeightsInCluster('shop', 'catalog', [90, 10]);
  });

  test('draws the demo mesh with its weights', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByTestId(weight('shop/catalog', 0))).toHaveText('90%');
    await expect(page.getByTestId(weight('shop/catalog', 1))).toHaveText('10%');
    await expect(page.getByText('shop-gateway').first()).toBeVisible();
  });

  test('shows a change made with another client without a reload', async ({ page }) => {
    await page.goto('/');
    const canary = page.getByTestId(weight('shop/catalog', 1));
    await expect(canary).toHaveText('10%');
    await page.evaluate(() => {
      (window as unknown as { marker: boolean }).marker = true;
    });
    await setWeightsInCluster('shop', 'catalog', [65, 35]);
    await expect(canary).toHaveText('35%');
    await expect(page.getByTestId(weight('shop/catalog', 0))).toHaveText('65%');
    // Same document: it was patched in place, not reloaded.
    expect(await page.evaluate(() => (window as unknown as { marker?: boolean }).marker)).toBe(true);
  });

  test('says when the cluster cannot be watched, and recovers when it is back', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByTestId(weight('shop/catalog', 0))).toHaveText('90%');
    await apiServer('stop');
    try {
      await expect(page.getByRole('alert').filter({ hasText: 'Live updates interrupted' })).toBeVisible({
        timeout: 15_000,
      });
    } finally {
      await apiServer('start');
    }
    await expect(page.getByRole('alert').filter({ hasText: 'Live updates interrupted' })).toBeHidden({
      timeout: 30_000,
    });
    await setWeightsInCluster('shop', 'catalog', [80, 20]);
    await expect(page.getByTestId(weight('shop/catalog', 1))).toHaveText('20%');
  });
});

import { expect, test } from '@playwright/test';
import { apiServer, setWeightsInCluster, weightsInCluster } from './support/cluster';

const canarySlider = 'Weight of catalog v2 in shop/catalog http[0]';
const UNKNOWN = {
  error: {
    code: 'Unknown',
    message:
      'the API server did not answer within 10 s: the outcome of this write is unknown — check the object before you try again',
  },
};

test.describe('a hung API server (item 4)', () => {
  test.afterEach(async () => {
    await apiServer('resume');
    await setWeightsInCluster('shop', 'catalog', [90, 10]);
  });

  test('frozen, the page goes stale and pauses writes; thawed, it is live and writes again', async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await page.goto('/');
    const status = page.getByRole('status').filter({ hasText: /live|stale|not in sync|connect/ });
    // Live once the page runs (a label clicked before that opens nothing: CI).
    await expect(status).toHaveText('live');
    await page.getByTestId('weight:VirtualService/shop/catalog/http/0/1').click();
    const slider = page.getByRole('slider', { name: canarySlider }).first();
    await expect(slider).toBeEnabled();

    // SIGSTOP: the API server's port still accepts connections; nothing answers.
    await apiServer('pause');
    try {
      // Weir's operator instance runs with an 8 s watch deadline (e2e/support/global-setup.ts).
      await expect(status).toHaveText('stale', { timeout: 25_000 });
      const banner = page.getByRole('alert').filter({ hasText: 'Live updates interrupted' });
      await expect(banner).toBeVisible();
      await expect(banner).toContainText('may be hung');
      await expect(banner).toContainText('Editing is paused');
      await expect(slider).toBeDisabled();
    } finally {
      await apiServer('resume');
    }

    await expect(status).toHaveText('live', { timeout: 30_000 });
    await expect(slider).toBeEnabled();
    await slider.focus();
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => weightsInCluster('shop', 'catalog')).toEqual([89, 11]);

    // Weir's own write shows whatever its watch does; a change made outside Weir shows only
    // through the watch. After the thaw it must arrive, on this page and on a new one.
    await setWeightsInCluster('shop', 'catalog', [65, 35]);
    const label = page.getByTestId('weight:VirtualService/shop/catalog/http/0/1');
    await expect(label, 'an outside change after the thaw reaches the open page').toHaveText('35%', {
      timeout: 15_000,
    });
    await page.reload();
    await expect(label, 'and a page loaded afterwards').toHaveText('35%');
  });

  test('a write answered "outcome unknown" (504) is said to be unknown, never failed, and the object is read again', async ({
    page,
  }) => {
    await page.goto('/');
    await expect(page.getByRole('status').filter({ hasText: /live|stale|not in sync|connect/ })).toHaveText(
      'live',
    );
    await page.getByTestId('weight:VirtualService/shop/catalog/http/0/1').click();
    const slider = page.getByRole('slider', { name: canarySlider }).first();
    await expect(slider).toBeEnabled();
    // Weir's own answer when the API server took the write and never replied.
    await page.route('**/api/changes', (route) =>
      route.fulfill({ status: 504, contentType: 'application/json', body: JSON.stringify(UNKNOWN) }),
    );
    const reread = page.waitForRequest((request) => request.url().includes('/api/snapshot'));
    await slider.focus();
    await page.keyboard.press('ArrowUp');
    const note = page.getByTestId('write-unknown').first();
    await expect(note).toBeVisible();
    await expect(note).toContainText('Outcome unknown');
    await expect(note).toContainText('Check the object');
    await expect(page.getByText('failed', { exact: true })).toHaveCount(0);
    await reread;
  });
});

import { expect, test } from '@playwright/test';
import { kubeRequest } from '../lib/kube/request';
import {
  checkoutPath,
  defaultRoute,
  openDefaultRoute,
  restoreCheckoutAfterEach,
} from './support/checkout-route';
import { clusterAs, readVirtualService } from './support/cluster';

async function subsets() {
  return (await defaultRoute())?.map((r) => r.subset);
}

test.describe('undo and redo of destinations', () => {
  restoreCheckoutAfterEach();

  test('undo an added destination, then redo it', async ({ page }) => {
    const weights = await openDefaultRoute(page);
    await weights.getByRole('button', { name: 'Add destination' }).click();
    await weights.getByRole('button', { name: 'Add', exact: true }).click();
    await expect.poll(subsets).toEqual(['v1', 'v2']);
    await expect(weights.getByText('saving…')).toHaveCount(0);

    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    await expect.poll(subsets).toEqual(['v1']);
    await expect(weights.getByRole('slider', { name: /checkout v2/ })).toHaveCount(0);

    // Undo and Redo wait for the write in flight: the key works once Redo is offered.
    await expect(page.getByRole('button', { name: 'Redo', exact: true })).toBeEnabled();
    await page.keyboard.press('Control+Shift+Z');
    await expect.poll(defaultRoute).toEqual([
      { subset: 'v1', weight: 100 },
      { subset: 'v2', weight: 0 },
    ]);
  });

  test('undo a removed destination brings it back with its weights', async ({ page }) => {
    const weights = await openDefaultRoute(page);
    await weights.getByRole('button', { name: 'Add destination' }).click();
    await weights.getByRole('button', { name: 'Add', exact: true }).click();
    await expect.poll(subsets).toEqual(['v1', 'v2']);
    const canary = weights.getByRole('slider', { name: 'Weight of checkout v2 in shop/checkout http[1]' });
    // Editable once the person's rights are read (keys on a disabled slider do nothing).
    await expect(canary).toBeEnabled();
    await canary.focus();
    await page.keyboard.press('PageUp');
    await page.keyboard.press('PageUp');
    await expect.poll(defaultRoute).toEqual([
      { subset: 'v1', weight: 80 },
      { subset: 'v2', weight: 20 },
    ]);

    await weights.getByRole('button', { name: 'Remove checkout v2' }).click();
    const dialog = page.getByRole('dialog', { name: 'Remove checkout v2?' });
    await dialog.getByRole('button', { name: 'Remove checkout v2' }).click();
    await expect.poll(defaultRoute).toEqual([{ subset: 'v1', weight: 100 }]);
    // The removal is undoable once the browser has its answer, not when the API server has it.
    await expect(weights.getByText('saving…')).toHaveCount(0);

    // Two checked writes: the destination back at 0%, then the weights it had.
    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    await expect.poll(defaultRoute).toEqual([
      { subset: 'v1', weight: 80 },
      { subset: 'v2', weight: 20 },
    ]);

    await page.getByRole('button', { name: 'Redo', exact: true }).click();
    await expect.poll(defaultRoute).toEqual([{ subset: 'v1', weight: 100 }]);
  });

  test('an undo that no longer fits is refused and writes nothing', async ({ page }) => {
    const weights = await openDefaultRoute(page);
    await weights.getByRole('button', { name: 'Add destination' }).click();
    await weights.getByRole('button', { name: 'Add', exact: true }).click();
    await expect.poll(subsets).toEqual(['v1', 'v2']);

    // Someone else removes v2 meanwhile.
    const current = await readVirtualService('shop', 'checkout');
    const http = current.spec.http.map((route, index) =>
      index === 1 ? { ...route, route: [{ destination: { host: 'checkout', subset: 'v1' } }] } : route,
    );
    await kubeRequest(clusterAs('admin'), {
      method: 'PUT',
      path: checkoutPath,
      body: { ...current, spec: { ...current.spec, http } },
    });
    await expect(weights.getByRole('slider', { name: /checkout v2/ })).toHaveCount(0);

    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Not undone' }).first()).toContainText(
      'no longer sends to checkout subset v2',
    );
    expect(await defaultRoute()).toEqual([{ subset: 'v1', weight: undefined }]);
  });
});

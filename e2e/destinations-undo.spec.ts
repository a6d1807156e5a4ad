import { expect, type Page, test } from '@playwright/test';
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

/**
 * Holds the browser's next write (POST /api/changes) until `release` is called: the edit it
 * carries is in flight, "saving…", for as long as the journey needs. `release(refusal)` answers
 * it with that refusal instead of sending it.
 */
async function holdNextWrite(
  page: Page,
): Promise<{ release: (refusal?: { status: number; message: string }) => void }> {
  let release: (refusal?: { status: number; message: string }) => void = () => {};
  const gate = new Promise<{ status: number; message: string } | undefined>((resolve) => {
    release = resolve;
  });
  let held = false;
  await page.route('**/api/changes', async (route) => {
    if (held) return route.continue();
    held = true;
    const refusal = await gate;
    if (!refusal) return route.continue();
    await route.fulfill({
      status: refusal.status,
      json: { error: { code: 'Conflict', message: refusal.message } },
    });
  });
  return { release };
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
    // Undo may be clicked before the browser has the removal's answer: it waits for it.

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

  // The edit is recorded when it is sent: Undo pressed while it is in flight waits for it to
  // land and undoes it, never the edit before it (which it did when edits were recorded on
  // the write's answer).
  test('Undo pressed while a removal is in flight undoes the removal once it lands', async ({ page }) => {
    const weights = await openDefaultRoute(page);
    await weights.getByRole('button', { name: 'Add destination' }).click();
    await weights.getByRole('button', { name: 'Add', exact: true }).click();
    await expect.poll(subsets).toEqual(['v1', 'v2']);
    const canary = weights.getByRole('slider', { name: 'Weight of checkout v2 in shop/checkout http[1]' });
    await expect(canary).toBeEnabled();
    await canary.focus();
    await page.keyboard.press('PageUp');
    await page.keyboard.press('PageUp');
    await expect.poll(defaultRoute).toEqual([
      { subset: 'v1', weight: 80 },
      { subset: 'v2', weight: 20 },
    ]);
    await expect(weights.getByText('saving…')).toHaveCount(0);

    const write = await holdNextWrite(page);
    await weights.getByRole('button', { name: 'Remove checkout v2' }).click();
    const dialog = page.getByRole('dialog', { name: 'Remove checkout v2?' });
    await dialog.getByRole('button', { name: 'Remove checkout v2' }).click();
    await expect(weights.getByText('saving…')).toBeVisible();
    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    // Waiting for the removal: nothing more is offered, nothing is written yet.
    await expect(page.getByRole('button', { name: 'Undo', exact: true })).toBeDisabled();
    expect(await subsets()).toEqual(['v1', 'v2']);
    write.release();

    await expect.poll(defaultRoute).toEqual([
      { subset: 'v1', weight: 80 },
      { subset: 'v2', weight: 20 },
    ]);
    await expect(page.getByRole('alert').filter({ hasText: 'Not undone' })).toHaveCount(0);
    // The removal is what was undone: Redo removes v2 again.
    await page.getByRole('button', { name: 'Redo', exact: true }).click();
    await expect.poll(defaultRoute).toEqual([{ subset: 'v1', weight: 100 }]);
  });

  test('Ctrl+Z while an add is in flight undoes the add once it lands, not the removal before it', async ({
    page,
  }) => {
    const weights = await openDefaultRoute(page);
    await weights.getByRole('button', { name: 'Add destination' }).click();
    await weights.getByRole('button', { name: 'Add', exact: true }).click();
    await expect.poll(subsets).toEqual(['v1', 'v2']);
    await expect(weights.getByText('saving…')).toHaveCount(0);
    await weights.getByRole('button', { name: 'Remove checkout v2' }).click();
    const dialog = page.getByRole('dialog', { name: 'Remove checkout v2?' });
    await dialog.getByRole('button', { name: 'Remove checkout v2' }).click();
    await expect.poll(subsets).toEqual(['v1']);
    await expect(weights.getByText('saving…')).toHaveCount(0);

    const write = await holdNextWrite(page);
    await weights.getByRole('button', { name: 'Add destination' }).click();
    await weights.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(weights.getByText('saving…')).toBeVisible();
    await page.keyboard.press('Control+z');
    await expect(page.getByRole('button', { name: 'Undo', exact: true })).toBeDisabled();
    expect(await subsets()).toEqual(['v1']);
    // The add's answer, the first once it is let go (the cluster holds v2 only for a moment:
    // a poll of it may miss it).
    const added = page.waitForResponse(
      (response) => response.url().endsWith('/api/changes') && response.request().method() === 'POST',
    );
    write.release();

    // The add landed, then its undo: v1 alone, as after the removal.
    expect((await added).status()).toBe(200);
    await expect.poll(defaultRoute).toEqual([{ subset: 'v1', weight: 100 }]);
    await expect(page.getByRole('alert').filter({ hasText: 'Not undone' })).toHaveCount(0);
    // The removal before it is still the next to undo.
    await expect(page.getByRole('button', { name: 'Undo', exact: true })).toBeEnabled();
    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    await expect.poll(subsets).toEqual(['v1', 'v2']);
  });

  test('Undo pressed while a removal is in flight that is then refused says why, and undoes nothing else', async ({
    page,
  }) => {
    const weights = await openDefaultRoute(page);
    await weights.getByRole('button', { name: 'Add destination' }).click();
    await weights.getByRole('button', { name: 'Add', exact: true }).click();
    await expect.poll(subsets).toEqual(['v1', 'v2']);
    await expect(weights.getByText('saving…')).toHaveCount(0);

    const write = await holdNextWrite(page);
    await weights.getByRole('button', { name: 'Remove checkout v2' }).click();
    const dialog = page.getByRole('dialog', { name: 'Remove checkout v2?' });
    await dialog.getByRole('button', { name: 'Remove checkout v2' }).click();
    await expect(weights.getByText('saving…')).toBeVisible();
    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    await expect(page.getByRole('button', { name: 'Undo', exact: true })).toBeDisabled();
    write.release({ status: 409, message: 'VirtualService shop/checkout changed meanwhile' });

    // The removal never happened: Undo says so, writes nothing, and the add stays next to undo.
    const alert = page.getByRole('alert').filter({ hasText: 'Not undone' });
    await expect(alert).toHaveText(
      'Not undone: your last change was not saved, so there was nothing to undo.',
    );
    await page.screenshot({ path: test.info().outputPath('undo-refused-in-flight.png') });
    expect(await subsets()).toEqual(['v1', 'v2']);
    await expect(page.getByRole('button', { name: 'Undo', exact: true })).toBeEnabled();
    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    await expect.poll(subsets).toEqual(['v1']);
  });
});

import { expect, test } from '@playwright/test';
import { defaultRoute, openDefaultRoute, restoreCheckoutAfterEach } from './support/checkout-route';
import { steadyBox } from './support/steady-box';

test.describe('adding and removing destinations', () => {
  restoreCheckoutAfterEach();

  test('add a subset from the inspector, slide it up, then delete its edge', async ({ page }) => {
    await openDefaultRoute(page);
    const weights = page.getByRole('region', { name: 'Weights of shop/checkout http[1]' });
    await weights.getByRole('button', { name: 'Add destination' }).click();
    const pick = weights.getByLabel('Add destination');
    await expect(pick).toHaveValue('checkout|v2|');
    await weights.getByRole('button', { name: 'Add', exact: true }).click();
    await expect.poll(defaultRoute).toEqual([
      { subset: 'v1', weight: 100 },
      { subset: 'v2', weight: 0 },
    ]);

    const canary = weights.getByRole('slider', { name: 'Weight of checkout v2 in shop/checkout http[1]' });
    await expect(canary).toHaveAttribute('aria-valuenow', '0');
    // Editable once the person's rights are read (keys on a disabled slider do nothing).
    await expect(canary).toBeEnabled();
    await canary.focus();
    await page.keyboard.press('PageUp');
    await page.keyboard.press('PageUp');
    await expect.poll(defaultRoute).toEqual([
      { subset: 'v1', weight: 80 },
      { subset: 'v2', weight: 20 },
    ]);

    // Select the new edge on the canvas and press Delete: a confirmation names its traffic.
    await page.getByTestId('weight:VirtualService/shop/checkout/http/1/1').click();
    await page.keyboard.press('Delete');
    const dialog = page.getByRole('dialog', { name: 'Remove checkout v2?' });
    await expect(dialog).toContainText(
      'checkout v2 carries 20% of shop/checkout http[1]; its share goes to the others (checkout v1 80% → 100%).',
    );
    await dialog.getByRole('button', { name: 'Remove checkout v2' }).click();
    await expect(dialog).toBeHidden();
    await expect.poll(defaultRoute).toEqual([{ subset: 'v1', weight: 100 }]);

    // The last destination stays: Delete explains instead of asking.
    await page.getByTestId('weight:VirtualService/shop/checkout/http/1/0').click();
    await page.keyboard.press('Delete');
    const refusal = page.getByRole('dialog', { name: 'checkout v1 cannot be removed' });
    await expect(refusal).toContainText('a route must send its traffic somewhere');
    await refusal.getByRole('button', { name: 'Close' }).click();
    await expect(refusal).toBeHidden();
    expect(await defaultRoute()).toEqual([{ subset: 'v1', weight: 100 }]);
  });

  test('cancelling the confirmation removes nothing', async ({ page }) => {
    await openDefaultRoute(page);
    const weights = page.getByRole('region', { name: 'Weights of shop/checkout http[1]' });
    await weights.getByRole('button', { name: 'Add destination' }).click();
    await weights.getByRole('button', { name: 'Add', exact: true }).click();
    await expect.poll(defaultRoute).toHaveLength(2);
    await weights.getByRole('button', { name: 'Remove checkout v2' }).click();
    const dialog = page.getByRole('dialog', { name: 'Remove checkout v2?' });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    expect(await defaultRoute()).toHaveLength(2);
  });

  test('a subset no DestinationRule defines is refused, with the reason', async ({ page }) => {
    await openDefaultRoute(page);
    const weights = page.getByRole('region', { name: 'Weights of shop/checkout http[1]' });
    await weights.getByRole('button', { name: 'Add destination' }).click();
    await weights.getByLabel('Add destination').selectOption({ label: 'Another host…' });
    await weights.getByRole('textbox', { name: 'Host' }).fill('checkout');
    await weights.getByRole('textbox', { name: 'Subset' }).fill('v9');
    await weights.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(weights.getByRole('alert')).toContainText('v9');
    expect(await defaultRoute()).toEqual([{ subset: 'v1', weight: undefined }]);
  });

  test('drag from a route’s handle onto a subset adds it at 0%', async ({ page }) => {
    await page.goto('/?namespace=shop');
    await page.getByRole('searchbox', { name: 'Search by host or name' }).fill('checkout');
    // The cyan handle, drawn once the person's rights are read (see gateway-api-backends).
    const handle = page
      .locator('.react-flow__node[data-id="route:shop/checkout/http/1"]')
      .getByLabel(/^Add a destination to /);
    const subset = page.locator('.react-flow__node[data-id="subset:shop/checkout/v2"]');
    await expect(handle).toBeVisible();
    await expect(subset).toBeVisible();
    // The search's own view is drawn (the catalog left it), then measured once its fit settled.
    await expect(page.locator('.react-flow__node[data-id^="route:shop/catalog/"]')).toHaveCount(0);
    const from = await steadyBox(page, handle);
    const to = await steadyBox(page, subset);
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 12 });
    await page.mouse.move(to.x + to.width / 2 + 2, to.y + to.height / 2, { steps: 2 });
    // A connection is being drawn (not a pan or a node moved), before the drop.
    await expect(page.locator('.react-flow__connection-path')).toBeVisible();
    await page.mouse.up();
    await expect.poll(defaultRoute).toEqual([
      { subset: 'v1', weight: 100 },
      { subset: 'v2', weight: 0 },
    ]);
    await expect(page.getByTestId('weight:VirtualService/shop/checkout/http/1/1')).toHaveText(/0%/);
  });
});

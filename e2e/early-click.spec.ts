import { expect, test } from '@playwright/test';

// The graph is drawn by the page itself (the server's HTML holds the canvas, not its nodes and
// edges), so a label can only be clicked once the page runs: a click as soon as it shows, on a
// slow machine, must open its slider like any other.
test('a click on a weight label as soon as it shows opens its slider (CPU 4× slower)', async ({ page }) => {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.goto('/', { waitUntil: 'commit' });
  await page.getByTestId('weight:VirtualService/shop/catalog/http/0/1').click();
  await expect(page.getByRole('region', { name: 'Weights of shop/catalog http[0]' })).toBeVisible();
  await expect(
    page.getByRole('slider', { name: 'Weight of catalog v2 in shop/catalog http[0]' }).first(),
  ).toHaveAttribute('aria-valuenow', '10');
});

import { expect, test } from '@playwright/test';
import { setWeightsInCluster, weightsInCluster } from './support/cluster';
import { dragToMiddle } from './support/drag-slider';
import { pageLive } from './support/page-live';
import { steadyBox } from './support/steady-box';

const canarySlider = 'Weight of catalog v2 in shop/catalog http[0]';

test.describe('canary sliders', () => {
  test.afterEach(async () => {
    await setWeightsInCluster('shop', 'catalog', [90, 10]);
  });

  test('moving a weight with the keyboard writes linked weights to the cluster', async ({ page }) => {
    await page.goto('/');
    await pageLive(page);
    await page.getByTestId('weight:VirtualService/shop/catalog/http/0/1').click();
    const slider = page.getByRole('slider', { name: canarySlider }).first();
    await expect(slider).toHaveAttribute('aria-valuenow', '10');
    await expect(slider).toHaveAttribute('aria-valuemin', '0');
    await expect(slider).toHaveAttribute('aria-valuemax', '100');
    // Editable once the person's rights are read (keys on a disabled slider do nothing).
    await expect(slider).toBeEnabled();
    await slider.focus();
    await page.keyboard.press('PageUp');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await expect(slider).toHaveAttribute('aria-valuenow', '22');
    await expect.poll(() => weightsInCluster('shop', 'catalog')).toEqual([78, 22]);
    await expect(page.getByTestId('weight:VirtualService/shop/catalog/http/0/0')).toHaveText('78%');
  });

  test('dragging a slider shifts the canary in the cluster, and never builds the graph again', async ({
    page,
  }) => {
    await page.goto('/');
    await pageLive(page);
    await page.getByTestId('weight:VirtualService/shop/catalog/http/0/1').click();
    const slider = page.getByRole('slider', { name: canarySlider }).first();
    // How often the page validated and built the graph whole, and laid it out, so far.
    const builds = page.locator('[data-graph-builds]');
    const layouts = page.locator('[data-layouts]');
    const buildsBefore = await builds.getAttribute('data-graph-builds');
    const layoutsBefore = await layouts.getAttribute('data-layouts');
    expect(Number(buildsBefore)).toBeGreaterThan(0);
    await dragToMiddle(page, slider);
    const now = Number(await slider.getAttribute('aria-valuenow'));
    expect(now).toBeGreaterThan(30);
    await expect.poll(() => weightsInCluster('shop', 'catalog')).toEqual([100 - now, now]);
    // The writes went out, landed and came back through the stream: weights only, so the
    // edges changed and nothing was validated, built or laid out whole.
    await expect(page.getByTestId('weight:VirtualService/shop/catalog/http/0/0')).toHaveText(`${100 - now}%`);
    // The stream brings the written version back a moment after the write's answer.
    await page.waitForTimeout(1_000);
    expect(await builds.getAttribute('data-graph-builds')).toBe(buildsBefore);
    expect(await layouts.getAttribute('data-layouts')).toBe(layoutsBefore);
  });

  test('a change someone else made meanwhile is not lost', async ({ page }) => {
    await page.goto('/');
    await pageLive(page);
    await page.getByTestId('weight:VirtualService/shop/catalog/http/0/1').click();
    const slider = page.getByRole('slider', { name: canarySlider }).first();
    await expect(slider).toHaveAttribute('aria-valuenow', '10');
    // Another client moves the canary first; the screen follows it live.
    await setWeightsInCluster('shop', 'catalog', [70, 30]);
    await expect(slider).toHaveAttribute('aria-valuenow', '30');
    // Editable once the person's rights are read (keys on a disabled slider do nothing).
    await expect(slider).toBeEnabled();
    await slider.focus();
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => weightsInCluster('shop', 'catalog')).toEqual([69, 31]);
  });

  test('with "Write while dragging" off, a drag writes once, on release', async ({ page }) => {
    await page.goto('/');
    await pageLive(page);
    await page.getByTestId('weight:VirtualService/shop/catalog/http/0/1').click();
    const toggle = page.getByRole('checkbox', { name: 'Write while dragging' });
    await expect(toggle).toBeChecked();
    await toggle.uncheck();
    const slider = page.getByRole('slider', { name: canarySlider }).first();
    const box = await steadyBox(page, slider);
    const y = box.y + box.height / 2;
    await page.mouse.move(box.x + box.width * 0.1, y);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.5, y, { steps: 10 });
    const now = Number(await slider.getAttribute('aria-valuenow'));
    expect(now).toBeGreaterThan(30);
    // Shown at once, but not written while the handle is held.
    await page.waitForTimeout(800);
    expect(await weightsInCluster('shop', 'catalog')).toEqual([90, 10]);
    await page.mouse.up();
    await expect.poll(() => weightsInCluster('shop', 'catalog')).toEqual([100 - now, now]);

    // The choice is kept for the next visit.
    await page.reload();
    await page.getByTestId('weight:VirtualService/shop/catalog/http/0/1').click();
    await expect(page.getByRole('checkbox', { name: 'Write while dragging' })).not.toBeChecked();
  });

  test('a drag whose last write is refused is still undone: its writes that landed are what Undo takes back', async ({
    page,
  }) => {
    await page.goto('/');
    await pageLive(page);
    await page.getByTestId('weight:VirtualService/shop/catalog/http/0/1').click();
    const slider = page.getByRole('slider', { name: canarySlider }).first();
    await expect(slider).toBeEnabled();
    // An edit before the drag: 90/10 -> 89/11.
    await slider.focus();
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => weightsInCluster('shop', 'catalog')).toEqual([89, 11]);

    const box = await steadyBox(page, slider);
    const y = box.y + box.height / 2;
    await page.mouse.move(box.x + box.width * 0.11, y);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.3, y, { steps: 5 });
    // The drag's writes so far land, its last one included (the slider shows what it sent last:
    // a write still on its way when the refusals start would land after `landed` was read)...
    const shown = Number(await slider.getAttribute('aria-valuenow'));
    expect(shown).not.toBe(11);
    await expect.poll(() => weightsInCluster('shop', 'catalog')).toEqual([100 - shown, shown]);
    await expect(page.getByText('saving…')).toHaveCount(0);
    const landed = await weightsInCluster('shop', 'catalog');
    // ... and every one after it, the release's last, is refused.
    await page.route('**/api/changes', (route) =>
      route.fulfill({
        status: 422,
        json: { error: { code: 'Invalid', message: 'weights: refused by the test' } },
      }),
    );
    await page.mouse.move(box.x + box.width * 0.6, y, { steps: 5 });
    await page.mouse.up();
    await expect(page.getByText('weights: refused by the test').first()).toBeVisible();
    expect(await weightsInCluster('shop', 'catalog')).toEqual(landed);
    await page.unroute('**/api/changes');

    // Undo takes back the drag (to 89/11), not the edit before it (to 90/10).
    await expect(page.getByRole('button', { name: 'Undo', exact: true })).toBeEnabled();
    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    await expect.poll(() => weightsInCluster('shop', 'catalog')).toEqual([89, 11]);
    await expect(page.getByRole('alert').filter({ hasText: 'Not undone' })).toHaveCount(0);
    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    await expect.poll(() => weightsInCluster('shop', 'catalog')).toEqual([90, 10]);
  });
});

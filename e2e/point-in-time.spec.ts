import { expect, test } from '@playwright/test';
import { changeCatalog, setWeightsInCluster } from './support/cluster';
import { E2E_PORTS } from './support/ports';

const operator = `http://127.0.0.1:${E2E_PORTS.operator}`;
const auditor = `http://127.0.0.1:${E2E_PORTS.auditor}`;

test.describe('the routing at a past time, and the graph as SVG', () => {
  test.afterEach(async () => {
    await setWeightsInCluster('shop', 'catalog', [90, 10]);
  });

  test('a link to a moment before a change shows the old weights, read-only', async ({ page }) => {
    await setWeightsInCluster('shop', 'catalog', [90, 10]);
    await page.waitForTimeout(1100);
    const before = new Date().toISOString();
    await changeCatalog(page.request, operator, [70, 30], 'point in time');

    await page.goto(`${operator}/`);
    await expect(page.getByTestId('weight:VirtualService/shop/catalog/http/0/1')).toContainText('30');

    await page.goto(`${operator}/?at=${encodeURIComponent(before)}`);
    await expect(page.getByRole('status', { name: 'Past point in time' })).toContainText(
      /Routing as it was at .* read-only view; back to live/,
    );
    await expect(page.getByRole('status', { name: 'Past point in time' })).toContainText(
      'Services and pods are shown as they are now.',
    );
    await expect(page.getByTestId('weight:VirtualService/shop/catalog/http/0/1')).toContainText('10');
    await expect(page.getByRole('slider')).toHaveCount(0);
    await expect(page.getByRole('button', { name: /Undo/ })).toHaveCount(0);

    // The history of a past view stops at its time: the later change is not listed.
    await page.getByTestId('weight:VirtualService/shop/catalog/http/0/1').click();
    const history = page.getByRole('region', { name: 'History' });
    await expect(history.getByTestId('history-later')).toContainText(/later changes? (is|are) not listed/);
    await expect(history.getByText(/point in time/)).toHaveCount(0);
    await page.screenshot({ path: '.weir/screenshots/past-view.png' });

    // The auditor sees the same past.
    await page.goto(`${auditor}/?at=${encodeURIComponent(before)}`);
    await expect(page.getByTestId('weight:VirtualService/shop/catalog/http/0/1')).toContainText('10');

    await page.getByRole('link', { name: 'back to live' }).click();
    await expect(page.getByTestId('weight:VirtualService/shop/catalog/http/0/1')).toContainText('30');
  });

  test('Download graph saves the whole graph, not only what is in view, as SVG and PNG', async ({ page }) => {
    await page.goto(`${operator}/`);
    await expect(page.getByTestId('weight:VirtualService/shop/catalog/http/0/1')).toBeVisible();
    // Zoomed in: most nodes are outside the view, and the canvas does not draw those.
    const zoomIn = page.getByRole('button', { name: 'zoom in' });
    for (let i = 0; i < 6; i++) await zoomIn.click();
    const total = Number((await page.getByText(/^\d+ nodes · /).textContent())?.split(' ')[0]);
    await expect.poll(() => page.locator('.react-flow__node').count()).toBeLessThan(total);
    const { readFile } = await import('node:fs/promises');
    const save = async (format: 'SVG' | 'PNG') => {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: `Download graph (${format})` }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(new RegExp(`^weir-graph-.*\\.${format.toLowerCase()}$`));
      const file = await readFile(await download.path());
      await download.saveAs(`.weir/screenshots/canvas-graph.${format.toLowerCase()}`);
      return file;
    };
    const svg = (await save('SVG')).toString('utf8');
    expect(svg).toMatch(/^<svg/);
    for (const name of ['storefront', 'catalog', 'checkout', 'cart', 'payments', 'inventory'])
      expect(svg).toContain(name);
    const png = await save('PNG');
    expect([...png.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(png.readUInt32BE(16)).toBeGreaterThan(1_000);
    // The view is put back as it was.
    await expect(page.getByRole('button', { name: 'Download graph (SVG)' })).toBeEnabled();
  });
});

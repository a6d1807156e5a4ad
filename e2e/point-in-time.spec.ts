import { expect, test } from '@playwright/test';
import { readVirtualService, setWeightsInCluster } from './support/cluster';
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
    const vs = await readVirtualService('shop', 'catalog');
    const response = await page.request.post(`${operator}/api/changes`, {
      headers: { 'x-weir-csrf': '1', origin: operator },
      data: {
        change: {
          kind: 'SetWeights',
          target: { kind: 'VirtualService', namespace: 'shop', name: 'catalog' },
          routeKind: 'http',
          routeIndex: 0,
          weights: [70, 30],
        },
        resourceVersion: vs.metadata.resourceVersion,
        note: 'point in time',
      },
    });
    expect(response.status()).toBe(200);

    await page.goto(`${operator}/`);
    await expect(page.getByTestId('weight:shop/catalog/http/0/1')).toContainText('30');

    await page.goto(`${operator}/?at=${encodeURIComponent(before)}`);
    await expect(page.getByRole('status', { name: 'Past point in time' })).toContainText(
      /Routing as it was at .* read-only view; back to live/,
    );
    await expect(page.getByTestId('weight:shop/catalog/http/0/1')).toContainText('10');
    await expect(page.getByRole('slider')).toHaveCount(0);
    await expect(page.getByRole('button', { name: /Undo/ })).toHaveCount(0);

    // The auditor sees the same past.
    await page.goto(`${auditor}/?at=${encodeURIComponent(before)}`);
    await expect(page.getByTestId('weight:shop/catalog/http/0/1')).toContainText('10');

    await page.getByRole('link', { name: 'back to live' }).click();
    await expect(page.getByTestId('weight:shop/catalog/http/0/1')).toContainText('30');
  });

  test('Download graph (SVG) saves the graph as an SVG file', async ({ page }) => {
    await page.goto(`${operator}/`);
    await expect(page.getByTestId('weight:shop/catalog/http/0/1')).toBeVisible();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download graph (SVG)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^weir-graph-.*\.svg$/);
    const path = await download.path();
    const { readFile } = await import('node:fs/promises');
    const svg = await readFile(path, 'utf8');
    expect(svg).toMatch(/^<svg/);
    expect(svg).toContain('catalog');
  });
});

import { expect, test } from '@playwright/test';
import { catalogWeightsBody, weightsInCluster } from './support/cluster';
import { E2E_PORTS } from './support/ports';

const auditor = `http://127.0.0.1:${E2E_PORTS.auditor}`;

test('the auditor sees the same graph, read-only, and the server refuses their writes', async ({
  page,
  request,
}) => {
  await page.goto(`${auditor}/`);
  await expect(page.getByTestId('weight:VirtualService/shop/catalog/http/0/1')).toHaveText('10%');
  await expect(page.getByText('read-only', { exact: true })).toBeVisible();
  await page.getByTestId('weight:VirtualService/shop/catalog/http/0/1').click();
  await expect(page.getByRole('slider')).toHaveCount(0);

  const snapshot = await (await request.get(`${auditor}/api/snapshot`)).json();
  const catalog = snapshot.objects['VirtualService/shop/catalog'];
  const crafted = await request.post(`${auditor}/api/changes`, {
    headers: { 'x-weir-csrf': '1' },
    data: catalogWeightsBody([0, 100], catalog.metadata.resourceVersion),
  });
  expect(crafted.status()).toBe(403);
  expect(await weightsInCluster('shop', 'catalog')).toEqual([90, 10]);
});

test('a write without the CSRF header is refused', async ({ request }) => {
  const response = await request.post('/api/changes', {
    data: catalogWeightsBody([0, 100], '1'),
  });
  expect(response.status()).toBe(403);
  expect(await weightsInCluster('shop', 'catalog')).toEqual([90, 10]);
});

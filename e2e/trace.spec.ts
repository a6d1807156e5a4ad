import { expect, test } from '@playwright/test';

// The request tracer as a person uses it: describe a request, read where it goes and why, see
// its path lit on the graph, and reopen the same trace from its link.
test.describe('tracing a request', () => {
  test('from inside the mesh: the canary split, the path on the graph and a link that reopens it', async ({
    page,
  }) => {
    await page.goto('/');
    await page.getByRole('button', { name: 'Trace', exact: true }).click();
    const panel = page.getByRole('complementary', { name: 'Trace a request' });
    await panel.getByLabel('Enters').selectOption('mesh');
    await panel.getByLabel('Namespace').selectOption('shop');
    await panel.getByLabel('Port').fill('8080');
    await panel.getByLabel('Host').fill('catalog');
    await panel.getByLabel('Path').fill('/items/7');
    await panel.getByRole('button', { name: 'Trace', exact: true }).click();

    await expect(panel.getByTestId('trace-outcome')).toHaveText('Routed');
    const destinations = panel.getByRole('table', { name: 'Destinations' });
    await expect(destinations.getByRole('row', { name: /outbound\|8080\|v1\|catalog\.shop/ })).toContainText(
      '90%',
    );
    await expect(destinations.getByRole('row', { name: /outbound\|8080\|v2\|catalog\.shop/ })).toContainText(
      '10%',
    );
    await expect(panel.getByRole('list', { name: 'Steps' })).toContainText('shop/catalog');

    // The traced path stays lit and is brought into view (nodes off screen are not drawn at
    // all, so these would not be found); the rest of the canvas is dimmed.
    const opacity = (id: string) =>
      page
        .locator(`.react-flow__node[data-id="${id}"]`)
        .evaluate((el) => Number(getComputedStyle(el).opacity));
    await expect.poll(() => opacity('vs:shop/catalog')).toBe(1);
    await expect.poll(() => opacity('vs:payments/payments')).toBeLessThan(0.5);

    const link = await panel.locator('span[title*="trace="]').getAttribute('title');
    expect(link).toContain('trace=');
    // The link reopens the trace, rendered on the server with the rest of the first paint.
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(link as string);
    const reopened = page.getByRole('complementary', { name: 'Trace a request' });
    await expect(reopened.getByTestId('trace-outcome')).toHaveText('Routed');
    await expect(reopened.getByLabel('Host')).toHaveValue('catalog');
    expect(errors).toEqual([]);
  });

  test('through the gateway: a plain-HTTP request is redirected to HTTPS, an HTTPS one reaches the catalog API', async ({
    page,
  }) => {
    await page.goto('/');
    await page.getByRole('button', { name: 'Trace', exact: true }).click();
    const panel = page.getByRole('complementary', { name: 'Trace a request' });
    await panel.getByLabel('Enters').selectOption('shop/shop-gateway');
    await panel.getByLabel('Port').fill('80');
    await panel.getByLabel('Host').fill('shop.example.com');
    await panel.getByLabel('Path').fill('/api/catalog/items');
    await panel.getByRole('button', { name: 'Trace', exact: true }).click();
    await expect(panel.getByTestId('trace-outcome')).toHaveText('Redirected to HTTPS');

    await panel.getByLabel('Port').fill('443');
    await panel.getByRole('button', { name: 'Trace', exact: true }).click();
    await expect(panel.getByTestId('trace-outcome')).toHaveText('Routed');
    await expect(panel.getByRole('list', { name: 'Steps' })).toContainText(
      'uri "/api/catalog/items" starts with "/api/catalog"',
    );
    await expect(panel.getByRole('table', { name: 'Destinations' })).toContainText(
      'outbound|8080||catalog.shop.svc.cluster.local',
    );
    await expect(page.locator('.react-flow__node[data-id="vs:shop/storefront"]')).toBeVisible();
    await page.screenshot({ path: 'test-results/trace-panel.png' });
  });

  test('a port out of range is refused beside the request, and nothing is traced', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('button', { name: 'Trace', exact: true }).click();
    const panel = page.getByRole('complementary', { name: 'Trace a request' });
    await panel.getByLabel('Port').fill('70000');
    await panel.getByRole('button', { name: 'Trace', exact: true }).click();
    await expect(panel.getByRole('alert')).toContainText('port');
    await expect(panel.getByTestId('trace-outcome')).toHaveCount(0);
  });
});

import { expect, test } from '@playwright/test';
import { readObject } from './support/routing-objects';

test('a reviewed change can be exported for Git instead of applied, and nothing is written', async ({
  page,
}) => {
  const before = await readObject('virtualservices', 'shop', 'checkout');
  await page.goto('/?namespace=shop');
  await page.locator('.react-flow__node[data-id="vs:shop/checkout"]').click();
  const editor = page.getByTestId('object-editor');
  await editor.getByRole('button', { name: 'New route' }).click();
  const match = editor.locator('details').filter({ has: page.locator('summary', { hasText: 'Match' }) });
  if (!(await match.evaluate((d) => (d as HTMLDetailsElement).open))) await match.locator('summary').click();
  await match.getByRole('button', { name: 'Add match block' }).click();
  await match.getByRole('button', { name: 'Add header' }).click();
  await match.getByLabel('Header 1 name').fill('end-user');
  await match.getByLabel('Header 1 value').fill('jason');
  const destinations = editor
    .locator('details')
    .filter({ has: page.locator('summary', { hasText: 'Destinations' }) });
  if (!(await destinations.evaluate((d) => (d as HTMLDetailsElement).open)))
    await destinations.locator('summary').click();
  await destinations.getByLabel('Subset').fill('v2');
  await editor.getByRole('button', { name: 'Preview' }).last().click();

  const review = page.getByTestId('review-panel');
  await review.getByRole('button', { name: 'Export instead…' }).click();
  await expect(page.getByTestId('export-manifest')).toContainText('end-user');
  await expect(page.getByTestId('export-manifest')).not.toContainText('resourceVersion');
  await page.getByRole('tab', { name: 'Unified diff' }).click();
  await expect(page.getByTestId('export-diff')).toContainText('+');
  await page.getByRole('tab', { name: 'kubectl patch' }).click();
  const patch = page.getByTestId('export-patch');
  await expect(patch).toContainText(
    'kubectl patch virtualservice.networking.istio.io checkout -n shop --type=json',
  );
  await expect(patch).toContainText(
    `"op":"test","path":"/metadata/resourceVersion","value":"${before.metadata.resourceVersion}"`,
  );

  const after = await readObject('virtualservices', 'shop', 'checkout');
  expect(after.metadata.resourceVersion).toBe(before.metadata.resourceVersion);
});

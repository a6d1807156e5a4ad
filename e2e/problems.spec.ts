import { expect, type Page, test } from '@playwright/test';
import { type RawObject, readObject, restoreSpec } from './support/routing-objects';

let saved: RawObject | undefined;

test.afterEach(async () => {
  if (saved) await restoreSpec('virtualservices', saved);
  saved = undefined;
});

async function openProblems(page: Page) {
  await page.goto('/');
  const toggle = page.getByRole('button', { name: /^Problems:/ });
  await expect(toggle).toContainText('warning');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  return page.getByRole('region', { name: 'Problems' });
}

test.describe('the problems panel', () => {
  test('lists the legacy namespace, filters it and opens its VirtualService', async ({ page }) => {
    const panel = await openProblems(page);
    const row = panel
      .getByRole('listitem')
      .filter({ hasText: 'NAMESPACE_NOT_INJECTED' })
      .filter({ hasText: 'VirtualService legacy/inventory' });
    await expect(row).toBeVisible();

    await panel.getByRole('checkbox', { name: /^warning/ }).uncheck();
    await expect(row).toBeHidden();
    await panel.getByRole('checkbox', { name: /^warning/ }).check();
    await expect(row).toBeVisible();
    await panel.getByLabel('Namespace of the problems').selectOption('legacy');
    await expect(panel.getByRole('listitem')).toHaveCount(1);
    await panel.getByLabel('Search the problems').fill('no such problem');
    await expect(row).toBeHidden();
    await panel.getByLabel('Search the problems').fill('inventory');
    await expect(row).toBeVisible();

    await row.getByRole('button', { name: 'Why / fix' }).click();
    await expect(row).toContainText('Fix');

    await row.getByRole('button', { name: /NAMESPACE_NOT_INJECTED/ }).click();
    const inspector = page.getByRole('complementary', { name: 'Inspector' });
    await expect(inspector.getByRole('heading', { name: 'inventory' })).toBeVisible();
    await expect(inspector).toContainText('VirtualService');
    await expect(inspector).toContainText('NAMESPACE_NOT_INJECTED');
    await inspector.getByText('Why / fix').click();
    await expect(inspector).toContainText('sidecar');
  });

  test('shows a problem another client introduces, without a reload', async ({ page }) => {
    const panel = await openProblems(page);
    await expect(panel.getByText('VS_SUBSET_NOT_FOUND')).toHaveCount(0);
    // Other journeys leave their own namespaces (with their problems) in the shared cluster.
    const toggle = page.getByRole('button', { name: /^Problems:/ });
    const errorsBefore = Number((await toggle.textContent())?.match(/(\d+) errors?/)?.[1] ?? 0);
    await page.evaluate(() => {
      (window as unknown as { marker: boolean }).marker = true;
    });

    saved = await readObject('virtualservices', 'shop', 'catalog');
    const spec = structuredClone(saved.spec);
    const route = (spec.http?.[0]?.route ?? []) as Array<{ destination: { subset?: string } }>;
    const canary = route.find((item) => item.destination.subset === 'v2');
    if (!canary) throw new Error('shop/catalog has no route to subset v2');
    canary.destination.subset = 'v9-missing';
    await restoreSpec('virtualservices', { ...saved, spec });

    const row = panel
      .getByRole('listitem')
      .filter({ hasText: 'VS_SUBSET_NOT_FOUND' })
      .filter({ hasText: 'VirtualService shop/catalog' });
    await expect(row).toBeVisible();
    const errors = errorsBefore + 1;
    await expect(toggle).toContainText(`${errors} error${errors === 1 ? '' : 's'}`);
    expect(await page.evaluate(() => (window as unknown as { marker?: boolean }).marker)).toBe(true);

    // The problem is on the weight edge: a click selects it and opens its route in the inspector.
    await row.getByRole('button', { name: /VS_SUBSET_NOT_FOUND/ }).click();
    const inspector = page.getByRole('complementary', { name: 'Inspector' });
    await expect(inspector).toContainText('VS_SUBSET_NOT_FOUND');
  });
});

import { expect, test } from '@playwright/test';

test('the app opens in Chromium with its header', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Weir', level: 1 })).toBeVisible();
});

import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { E2E_PORTS } from './support/ports';

const files = `http://127.0.0.1:${E2E_PORTS.files}`;
const routingFile = () => {
  const folder = process.env.WEIR_E2E_FOLDER;
  if (!folder) throw new Error('WEIR_E2E_FOLDER is not set: run through playwright (global setup)');
  return path.join(folder, '40-shop-routing.yaml');
};

test.describe('a folder of manifests, with no cluster', () => {
  let original = '';
  test.beforeAll(() => {
    original = readFileSync(routingFile(), 'utf8');
  });
  test.afterAll(() => {
    writeFileSync(routingFile(), original);
  });

  test('says it works on a folder, and a weight change edits exactly those lines of the file', async ({
    page,
  }) => {
    await page.goto(`${files}/`);
    await expect(page.getByText('folder', { exact: false }).first()).toBeVisible();
    await page.getByTestId('weight:VirtualService/shop/catalog/http/0/1').click();
    const slider = page.getByRole('slider', { name: 'Weight of catalog v2 in shop/catalog http[0]' }).first();
    // Editable once the person's rights are read (keys on a disabled slider do nothing).
    await expect(slider).toBeEnabled();
    await slider.focus();
    await page.keyboard.press('PageUp');
    await expect(page.getByTestId('weight:VirtualService/shop/catalog/http/0/1')).toHaveText('20%');

    await expect.poll(() => readFileSync(routingFile(), 'utf8')).toContain('weight: 20');
    const before = original.split('\n');
    const after = readFileSync(routingFile(), 'utf8').split('\n');
    expect(after.length).toBe(before.length);
    const changed = after.flatMap((line, i) => (line === before[i] ? [] : [[before[i], line]]));
    expect(changed.map(([was, now]) => [was?.trim(), now?.trim()])).toEqual([
      ['weight: 90', 'weight: 80'],
      ['weight: 10', 'weight: 20'],
    ]);
  });

  test('shows the last Git commit that touched an object', async ({ page }) => {
    const folder = path.dirname(routingFile());
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=Gail Gitops', '-c', 'user.email=gail@example.invalid', ...args], {
        cwd: folder,
      });
    git('init', '-q');
    git('add', '.');
    git('commit', '-q', '-m', 'shop routing as reviewed');
    await page.goto(`${files}/?namespace=shop`);
    await page.locator('.react-flow__node[data-id="vs:shop/catalog"]').click();
    await expect(page.getByTestId('last-commit')).toContainText('shop routing as reviewed');
    await expect(page.getByTestId('last-commit')).toContainText('Gail Gitops');
  });

  test('shows an edit someone made to the file without a reload', async ({ page }) => {
    await page.goto(`${files}/`);
    const canary = page.getByTestId('weight:VirtualService/shop/catalog/http/0/1');
    await expect(canary).toBeVisible();
    // As an editor would: the catalog canary goes to 30/70, nothing else changes.
    const text = readFileSync(routingFile(), 'utf8');
    const at = text.indexOf('name: catalog\n');
    const catalog = text
      .slice(at)
      .replace(/(subset: v1\s*\n\s*weight: )\d+/, '$130')
      .replace(/(subset: v2\s*\n\s*weight: )\d+/, '$170');
    writeFileSync(routingFile(), text.slice(0, at) + catalog);
    await expect(canary).toHaveText('70%');
  });
});

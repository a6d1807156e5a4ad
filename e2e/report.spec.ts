import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { expect, type Page, test } from '@playwright/test';
import { toLocalInput } from '../components/report/report-choice';
import { changeCatalog, setWeightsInCluster } from './support/cluster';
import { E2E_PORTS } from './support/ports';

const operator = `http://127.0.0.1:${E2E_PORTS.operator}`;
const auditor = `http://127.0.0.1:${E2E_PORTS.auditor}`;
const shots = '.weir/screenshots';
const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Clicks a download link of the dialog and reads the file the browser saved. */
async function downloadFrom(page: Page, name: string): Promise<{ file: string; body: Buffer }> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('dialog', { name: 'Download a report' }).getByRole('link', { name }).click(),
  ]);
  const path = await download.path();
  await mkdir(shots, { recursive: true });
  await copyFile(
    path,
    `${shots}/report-${download.suggestedFilename().replace(/^weir-(report|graph)-.*\./, '$1.')}`,
  );
  return { file: download.suggestedFilename(), body: await readFile(path) };
}

test.describe('the auditor’s evidence: a report of a past time with its graph', () => {
  test.afterEach(async () => {
    await setWeightsInCluster('shop', 'catalog', [90, 10]);
  });

  test('downloads Markdown, JSON, SVG and PNG for one namespace as it was before a change', async ({
    page,
  }) => {
    await setWeightsInCluster('shop', 'catalog', [90, 10]);
    // The dialog takes whole seconds: keep the past time clear of the changes on either side.
    await page.waitForTimeout(2_000);
    const before = new Date();
    await page.waitForTimeout(1_100);
    await changeCatalog(page.request, operator, [70, 30], 'report step');
    const shownAt = new Date(Math.floor(before.getTime() / 1000) * 1000).toISOString();

    await page.goto(`${auditor}/?namespace=shop`);
    await expect(page.getByTestId('weight:VirtualService/shop/catalog/http/0/1')).toContainText('30');
    await page.getByRole('button', { name: 'Report…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Download a report' });
    await expect(dialog.getByRole('checkbox', { name: 'shop', exact: true })).toBeChecked();
    await expect(dialog.getByRole('checkbox', { name: 'payments', exact: true })).not.toBeChecked();
    // Unticking the only namespace chooses none, not all: nothing to download until one is ticked.
    await dialog.getByRole('checkbox', { name: 'shop', exact: true }).uncheck();
    await expect(dialog.getByRole('alert')).toHaveText('Choose at least one namespace.');
    await expect(dialog.getByRole('link')).toHaveCount(0);
    await dialog.screenshot({ path: `${shots}/report-dialog-no-namespace.png` });
    await dialog.getByRole('checkbox', { name: 'shop', exact: true }).check();
    await expect(dialog.getByRole('link', { name: 'Markdown' })).toHaveAttribute('href', /namespace=shop/);
    await dialog.getByLabel('Routing as of').fill(toLocalInput(before.toISOString()));
    await expect(dialog.getByRole('radio', { name: 'as of' })).toBeChecked();
    await expect(dialog).toContainText('services and pods as they are now');
    await dialog
      .getByLabel('from', { exact: true })
      .fill(toLocalInput(new Date(before.getTime() - 3_600_000).toISOString()));
    await dialog
      .getByLabel('to', { exact: true })
      .fill(toLocalInput(new Date(Date.now() + 60_000).toISOString()));
    await dialog.screenshot({ path: `${shots}/report-dialog.png` });

    const md = (await downloadFrom(page, 'Markdown')).body.toString('utf8');
    expect(md).toContain('# Routing report');
    expect(md).toContain('- Namespaces: shop');
    expect(md).toContain(`- Routing as of: ${shownAt} (rebuilt from the recorded history)`);
    expect(md).toMatch(/\| catalog \/ v1 \| 90% \|/);
    expect(md).toMatch(/\| catalog \/ v2 \| 10% \|/);
    expect(md).toMatch(
      /\| olivia\.operator \| VirtualService shop\/catalog \| .*10% → 30%.* \| report step \|/,
    );
    expect(md).toMatch(/\n\[graph\]: data:image\/png;base64,iVBORw0KGgo[A-Za-z0-9+/=]+\n/);
    expect(md).not.toContain('payments/payments');

    const json = JSON.parse((await downloadFrom(page, 'JSON')).body.toString('utf8'));
    expect(json.asOf).toBe(shownAt);
    expect(json.namespaces).toEqual(['shop']);
    const catalog = json.virtualServices.find((vs: { name: string }) => vs.name === 'catalog');
    expect(catalog.routes[0].destinations.map((d: { weight: number }) => d.weight)).toEqual([90, 10]);
    expect(json.changes.map((c: { note?: string }) => c.note)).toContain('report step');
    expect(json.graph.svg).toMatch(/^\/api\/report\?format=svg&namespace=shop&at=/);

    const svg = await downloadFrom(page, 'graph.svg');
    expect(svg.file).toMatch(/^weir-graph-.*\.svg$/);
    const text = svg.body.toString('utf8');
    expect(text).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    for (const name of ['storefront', 'catalog', 'checkout', 'cart'])
      expect(text).toContain(`data-node="vs:shop/${name}"`);
    expect(text).not.toContain('data-node="vs:payments/payments"');
    expect(text).toContain('>90%</text>');
    expect(text).not.toContain('>30%</text>');
    expect(text).toContain(`Routing as of ${shownAt}, rebuilt from the recorded history`);

    const png = await downloadFrom(page, 'graph.png');
    expect(png.file).toMatch(/^weir-graph-.*\.png$/);
    expect([...png.body.subarray(0, 8)]).toEqual(PNG_MAGIC);
    expect(png.body.length).toBeGreaterThan(50_000);
    expect(png.body.readUInt32BE(16)).toBeGreaterThan(1_000); // IHDR width
  });

  test('a past time still to come or a period that ends before it starts is said beside it', async ({
    page,
  }) => {
    await page.goto(`${auditor}/`);
    await page.getByRole('button', { name: 'Report…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Download a report' });
    await expect(dialog.getByRole('link', { name: 'graph.png' })).toBeVisible();
    await dialog
      .getByLabel('Routing as of')
      .fill(toLocalInput(new Date(Date.now() + 86_400_000).toISOString()));
    await expect(dialog.getByRole('alert')).toHaveText(/That time is still to come/);
    await expect(dialog.getByLabel('Routing as of')).toHaveAttribute('aria-invalid', 'true');
    await expect(dialog.getByRole('link')).toHaveCount(0);

    await dialog.getByRole('radio', { name: 'as it stands' }).click();
    await dialog.getByLabel('from', { exact: true }).fill('2026-03-03T12:00:00');
    await dialog.getByLabel('to', { exact: true }).fill('2026-03-03T11:00:00');
    await expect(dialog.getByRole('alert')).toHaveText('The period ends before it starts.');
    await expect(dialog.getByRole('link')).toHaveCount(0);
    await dialog.getByLabel('to', { exact: true }).fill('2026-03-03T13:00:00');
    await expect(dialog.getByRole('alert')).toHaveCount(0);
    await expect(dialog.getByRole('link', { name: 'Markdown' })).toHaveAttribute(
      'href',
      /^\/api\/report\?format=md&from=.*&to=/,
    );
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
  });
});

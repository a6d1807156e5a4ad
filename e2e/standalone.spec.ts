import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { startWeir, type WeirServer } from '../tools/test/weir-server';
import { E2E_PORTS } from './support/ports';
import { standaloneFolder } from './support/weir-http';

// What the image runs (Dockerfile): Next's standalone output and static files, copied alone to
// a folder of their own and started with `node server.js`, while the checkout is hidden (an
// empty tmpfs over it in the server's own mount namespace), so nothing it needs is left behind.
const port = E2E_PORTS.own + 4;
const weir = `http://127.0.0.1:${port}`;
const checkout = process.cwd();

test.describe('the standalone output, alone (what the image holds)', () => {
  let folder = '';
  let server: WeirServer | undefined;

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    folder = mkdtempSync(path.join(os.tmpdir(), 'weir-image-'));
    // As the Dockerfile copies them: the standalone folder, the static files beside its build.
    cpSync(standaloneFolder(), folder, { recursive: true, verbatimSymlinks: true });
    server = startWeir(
      port,
      { KUBECONFIG: process.env.WEIR_E2E_KUBECONFIG ?? '', WEIR_CONTEXT: 'operator', WEIR_LOG_LEVEL: 'warn' },
      { standalone: folder, hide: [checkout], readyPath: '/readyz' },
    );
    await server.ready;
  });

  test.afterAll(async () => {
    await server?.terminate();
    if (folder && existsSync(folder)) rmSync(folder, { recursive: true, force: true });
  });

  test('serves the page and its scripts, the graph, and a PNG report', async ({ page }) => {
    const graph = await fetch(`${weir}/api/graph?namespace=shop`);
    expect(graph.status).toBe(200);
    const { nodes } = (await graph.json()) as { nodes: Array<{ id: string }> };
    expect(nodes.length).toBeGreaterThan(5);

    const png = await fetch(`${weir}/api/report?format=png&namespace=shop`);
    expect(png.status, await png.clone().text()).toBe(200);
    expect(png.headers.get('content-type')).toBe('image/png');
    const bytes = new Uint8Array(await png.arrayBuffer());
    expect([...bytes.slice(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    // A drawn graph with text, not an empty canvas: the fonts were found.
    expect(bytes.length).toBeGreaterThan(20_000);

    const failed: string[] = [];
    page.on('response', (response) => {
      if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
    });
    await page.goto(`${weir}/?namespace=shop`);
    await expect(page.getByTestId('weight:VirtualService/shop/catalog/http/0/1')).toBeVisible();
    expect(failed).toEqual([]);
  });
});

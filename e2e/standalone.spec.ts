import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { RENDER_ASSETS } from '../lib/server/report/render-assets';
import { startWeir, type WeirServer } from '../tools/test/weir-server';
import { E2E_PORTS } from './support/ports';
import { standaloneFolder } from './support/weir-http';

// What the image runs (Dockerfile): Next's standalone output and static files, copied alone to
// a folder of their own and started with `node server.js`, while the checkout is hidden (an
// empty tmpfs over it in the server's own mount namespace), so nothing it needs is left behind.
const port = E2E_PORTS.own + 4;
const weir = `http://127.0.0.1:${port}`;
const checkout = process.cwd();

// What the server reads from its own folder besides node_modules and the build: the demo mesh
// and the PNG renderer's files (next.config.ts names them for tracing). Anything else of the
// checkout in the image is the tracer taking the whole project, sources and tests included.
test('the standalone output holds the server, the demo mesh and the render assets, no sources', () => {
  const folder = standaloneFolder();
  const distDir = path.basename(path.dirname(folder));
  const project = readdirSync(folder).filter((name) => name !== 'node_modules' && name !== distDir);
  for (const source of ['app', 'lib', 'components', 'e2e', 'bench', 'tools', 'docs', 'deploy']) {
    expect(project, `${source}/ of the checkout is in the image`).not.toContain(source);
  }
  expect(project.sort()).toEqual(['demo', 'package.json', 'server.js']);
  expect(readdirSync(path.join(folder, 'demo'))).toEqual(['mesh']);
  expect(readdirSync(path.join(folder, 'demo', 'mesh')).sort()).toEqual(
    readdirSync(path.join(checkout, 'demo', 'mesh')).sort(),
  );
  for (const file of RENDER_ASSETS) {
    expect(existsSync(path.join(folder, 'node_modules', file)), file).toBe(true);
  }
});

/**
 * The standalone output copied alone to a folder of its own, as the Dockerfile copies it (the
 * static files beside its build), and started there with `env` while the checkout is hidden;
 * stopped and removed after the describe block.
 */
function startStandaloneCopy(serverPort: number, env: Record<string, string>): { folder: () => string } {
  let folder = '';
  let server: WeirServer | undefined;
  test.beforeAll(async () => {
    test.setTimeout(120_000);
    folder = mkdtempSync(path.join(os.tmpdir(), 'weir-image-'));
    cpSync(standaloneFolder(), folder, { recursive: true, verbatimSymlinks: true });
    server = startWeir(
      serverPort,
      { ...env, WEIR_LOG_LEVEL: 'warn' },
      { standalone: folder, hide: [checkout], readyPath: '/readyz' },
    );
    await server.ready;
  });
  test.afterAll(async () => {
    await server?.terminate();
    if (folder && existsSync(folder)) rmSync(folder, { recursive: true, force: true });
  });
  return { folder: () => folder };
}

test.describe('the standalone output, alone (what the image holds)', () => {
  startStandaloneCopy(port, { KUBECONFIG: process.env.WEIR_E2E_KUBECONFIG ?? '', WEIR_CONTEXT: 'operator' });

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

// With no cluster named, the image serves a working copy of the demo mesh: read from the
// standalone folder's demo/mesh, the checkout's being hidden.
test.describe('the standalone output, alone, with nothing configured', () => {
  const demoPort = E2E_PORTS.own + 3;
  const copy = startStandaloneCopy(demoPort, { KUBECONFIG: '', WEIR_CONTEXT: '', WEIR_MANIFESTS: '' });

  test('serves the demo mesh', async () => {
    const graph = await fetch(`http://127.0.0.1:${demoPort}/api/graph?namespace=shop`);
    expect(graph.status, await graph.clone().text()).toBe(200);
    const { nodes } = (await graph.json()) as { nodes: Array<{ id: string }> };
    expect(nodes.length).toBeGreaterThan(5);
    expect(existsSync(path.join(copy.folder(), '.weir', 'demo'))).toBe(true);
  });
});

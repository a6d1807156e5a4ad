import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { parseAllDocuments } from 'yaml';
import { loadKubeConfig } from '../lib/kube/kube-config';
import { createKubeStore } from '../lib/store/kube/kube-store';
import type { MeshStore } from '../lib/store/types';
import { type LocalPrometheus, startPrometheus } from '../tools/prometheus/prometheus';
import { startWeir, type WeirServer } from '../tools/test/weir-server';
import { startTrafficSource, type TrafficSource } from '../tools/traffic/traffic-source';
import { weightsInCluster } from './support/cluster';
import { dragToMiddle } from './support/drag-slider';
import { E2E_PORTS } from './support/ports';
import { type RawObject, restoreSpec } from './support/routing-objects';

// Weir with Prometheus (WEIR_PROMETHEUS_URL) on the first of the journey's own ports, a real
// Prometheus on the next, scraping tools/traffic on the one after: the traffic source reads the
// routing from the e2e API server as a sidecar would and routes synthetic requests by it.
const WEIR = E2E_PORTS.own;
const PROMETHEUS = E2E_PORTS.own + 1;
const SOURCE = E2E_PORTS.own + 2;
const PLAIN = E2E_PORTS.own + 3;
const V2 = 'catalog.shop.svc.cluster.local/v2';
const canarySlider = 'Weight of catalog v2 in shop/catalog http[0]';
const v2Workload = (page: Page) =>
  page.locator('[data-id="workload:shop/app=catalog,version=v2"]').getByTestId('workload-traffic');

let store: MeshStore;
let source: TrafficSource;
let prometheus: LocalPrometheus;
let weir: WeirServer;

test.describe.configure({ mode: 'serial' });

// The catalog's routing as the demo has it: journeys before this one may have left it edited
// (a destination turned into a mirror, another removed), and this one measures its 90/10 split.
async function restoreCatalog(): Promise<void> {
  const demo = async (file: string, kind: string) => {
    const text = await readFile(join('demo', 'mesh', file), 'utf8');
    const found = parseAllDocuments(text)
      .map((document) => document.toJSON() as RawObject & { kind: string })
      .find((object) => object?.kind === kind && object.metadata.name === 'catalog');
    if (!found) throw new Error(`demo/mesh/${file} holds no ${kind} catalog`);
    return found;
  };
  await restoreSpec('virtualservices', await demo('40-shop-routing.yaml', 'VirtualService'));
  await restoreSpec('destinationrules', await demo('41-shop-destinations.yaml', 'DestinationRule'));
}

test.beforeAll(async () => {
  const kubeconfig = process.env.WEIR_E2E_KUBECONFIG as string;
  await restoreCatalog();
  store = createKubeStore({ kc: loadKubeConfig({ kubeconfig, context: 'admin' }) });
  await store.start();
  source = await startTrafficSource({ snapshot: () => store.snapshot(), port: SOURCE });
  prometheus = await startPrometheus({ port: PROMETHEUS, targets: [`127.0.0.1:${SOURCE}`] });
  weir = startWeir(WEIR, {
    KUBECONFIG: kubeconfig,
    WEIR_CONTEXT: 'operator',
    WEIR_PROMETHEUS_URL: prometheus.url,
    WEIR_PROMETHEUS_REFRESH_SECONDS: '1',
  });
  await weir.ready;
});

test.afterAll(async () => {
  weir?.stop();
  await prometheus?.stop();
  await source?.stop();
  await store?.stop();
  await restoreCatalog();
});

/** The measured share the canary's edge reads, in percent (NaN while it reads none). */
async function measuredV2(page: Page): Promise<number> {
  const text = (await page.getByTestId('traffic:VirtualService/shop/catalog/http/0/1').textContent()) ?? '';
  return Number(/(?:measured|converging) ([\d.]+)%/.exec(text)?.[1] ?? Number.NaN);
}

test('without Prometheus, the header says how to add it and the edges show configuration only', async ({
  page,
}) => {
  // A Weir of its own, without WEIR_PROMETHEUS_URL, reading the catalog this file restored.
  const plain = startWeir(PLAIN, {
    KUBECONFIG: process.env.WEIR_E2E_KUBECONFIG as string,
    WEIR_CONTEXT: 'operator',
  });
  try {
    await plain.ready;
    await page.goto(`http://127.0.0.1:${PLAIN}/?namespace=shop`);
    await expect(page.getByTestId('weight:VirtualService/shop/catalog/http/0/1')).toHaveText('10%');
    await expect(page.getByTestId('traffic-off')).toHaveText('traffic: set WEIR_PROMETHEUS_URL');
    await expect(page.getByTestId('traffic:VirtualService/shop/catalog/http/0/1')).toHaveCount(0);
  } finally {
    plain.stop();
  }
});

test('dragging the canary 90/10 → 50/50, the measured share follows to 50% ± 5', async ({ page }) => {
  test.setTimeout(180_000);
  // The browser's clock runs five minutes ahead of the server's: the converging marker compares
  // the server's report times only (before, it kept the marker five minutes after converging).
  await page.clock.setSystemTime(Date.now() + 5 * 60_000);
  await page.goto(`http://127.0.0.1:${WEIR}/?namespace=shop`);
  expect((await page.evaluate(() => Date.now())) - Date.now()).toBeGreaterThan(4 * 60_000);
  await expect(page.getByTestId('traffic-status')).toContainText('traffic');
  // The first scrapes hold few requests: the share settles near the configured 10% within seconds.
  const near = (low: number, high: number) => async () => {
    const share = await measuredV2(page);
    return share >= low && share <= high;
  };
  await expect.poll(near(5, 15), { timeout: 30_000 }).toBe(true);
  await expect(page.getByTestId('traffic:VirtualService/shop/catalog/http/0/1')).toContainText(
    /\d+(\.\d+)?% ok\s*p99 \d+ ms/,
  );
  // The workload behind v2 reads the requests its pods received.
  await expect(v2Workload(page)).toHaveText(/^[\d.]+ req\/s · [\d.]+% 5xx$/);
  await page.screenshot({ path: test.info().outputPath('traffic-90-10.png') });

  await page.getByTestId('weight:VirtualService/shop/catalog/http/0/1').click();
  const slider = page.getByRole('slider', { name: canarySlider }).first();
  await dragToMiddle(page, slider);
  // The drag lands near the middle; the arrow keys make it exactly 50.
  const landed = Number(await slider.getAttribute('aria-valuenow'));
  // Editable once the person's rights are read (keys on a disabled slider do nothing).
  await expect(slider).toBeEnabled();
  await slider.focus();
  for (let i = landed; i !== 50; i += landed < 50 ? 1 : -1)
    await page.keyboard.press(landed < 50 ? 'ArrowUp' : 'ArrowDown');
  await expect.poll(() => weightsInCluster('shop', 'catalog')).toEqual([50, 50]);
  const moved = Date.now();
  // The window still holds the old split: the edge says it is converging on the new weight.
  const converging = page.getByTestId('traffic:VirtualService/shop/catalog/http/0/1-converging');
  await expect(converging).toBeVisible();
  await expect(converging).toHaveAttribute('title', /converging on the new weight 50%/);
  await page.screenshot({ path: test.info().outputPath('traffic-converging.png') });
  // Over a one-minute window the old split ages out within the minute (plus a scrape and a refresh).
  await expect.poll(near(45, 55), { timeout: 90_000, intervals: [1_000] }).toBe(true);
  // Within 5 points of the weight, the marker goes: the share has converged.
  await expect(converging).toHaveCount(0, { timeout: 10_000 });
  // The inspector's sparkline draws v2's measured share over the window (a range query).
  const sparkline = page.getByTestId('share-sparkline:VirtualService/shop/catalog/http/0/1');
  await expect(sparkline).toHaveAttribute('data-points', /^[1-9]\d*$/, { timeout: 20_000 });
  await expect(sparkline).toHaveAttribute(
    'aria-label',
    /catalog v2: measured [\d.]+% to [\d.]+% .* weight 50%/,
  );
  await sparkline.scrollIntoViewIfNeeded();
  test
    .info()
    .annotations.push({ type: 'converged', description: `${Math.round((Date.now() - moved) / 1000)} s` });
  await page.screenshot({ path: test.info().outputPath('traffic-50-50.png') });
});

test('v2 answering 5xx turns its edge and a finding red', async ({ page }) => {
  await page.goto(`http://127.0.0.1:${WEIR}/?namespace=shop`);
  const line = page.getByTestId('traffic:VirtualService/shop/catalog/http/0/1');
  await expect(line).toContainText('measured');
  await expect(line).not.toHaveClass(/text-red-700/);
  source.setSettings({ ...source.settings(), behaviours: { [V2]: { errorRate: 0.6, latencyMs: 250 } } });
  await expect(line).toHaveClass(/text-red-700/, { timeout: 30_000 });
  await expect(v2Workload(page)).toHaveClass(/text-red-700/, { timeout: 30_000 });
  await page.getByRole('button', { name: /^Problems:/ }).click();
  await expect(page.getByText(/catalog subset v2 answered [\d.]+% of its requests with a 5xx/)).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('traffic-v2-failing.png') });
  source.setSettings({ ...source.settings(), behaviours: {} });
});

test('Prometheus stopped: a stale marker, never an error page; started again: live', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto(`http://127.0.0.1:${WEIR}/?namespace=shop`);
  await expect(page.getByTestId('traffic:VirtualService/shop/catalog/http/0/1')).toContainText('measured');
  await prometheus.stopPrometheus();
  await expect(page.getByTestId('traffic-stale')).toBeVisible({ timeout: 15_000 });
  // The last figures stay, greyed and marked stale.
  await expect(page.getByTestId('traffic:VirtualService/shop/catalog/http/0/1')).toHaveAttribute(
    'data-stale',
    'true',
  );
  // The graph and the sliders still work while Prometheus is away.
  await expect(page.getByTestId('weight:VirtualService/shop/catalog/http/0/1')).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('traffic-stale.png') });
  await prometheus.startPrometheus();
  await expect(page.getByTestId('traffic-stale')).toHaveCount(0, { timeout: 30_000 });
  await expect(page.getByTestId('traffic:VirtualService/shop/catalog/http/0/1')).not.toHaveAttribute(
    'data-stale',
  );
});

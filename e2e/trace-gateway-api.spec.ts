import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { parseAllDocuments } from 'yaml';
import { applyManifests, type Manifest } from '../lib/kube/apply-manifests';
import { clusterAs } from './support/cluster';

// Tracing a request through a Gateway API Gateway against the real API server: the Gateway API
// project's http-routing example (../shared/corpus/gateway-api) in a namespace of its own; a
// request with `env: canary` to bar.example.com reaches the canary through bar-route's first
// rule, and its path is lit on the canvas.
const shots = '.weir/screenshots/trace-gateway-api';
const corpus = path.resolve(process.cwd(), '..', 'shared', 'corpus', 'gateway-api');
const ns = 'gw-trace';

function example(...files: string[]): Manifest[] {
  return files.flatMap((file) =>
    parseAllDocuments(readFileSync(path.join(corpus, file), 'utf8'))
      .map((doc) => doc.toJS() as Manifest)
      .filter(Boolean)
      .map((m) => ({ ...m, metadata: { ...m.metadata, namespace: ns } })),
  );
}

test.describe('tracing a request through the Gateway API', () => {
  test.beforeAll(async () => {
    const admin = clusterAs('admin');
    await applyManifests(admin, [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } }]);
    await applyManifests(admin, [
      ...example(
        'http-routing-gateway.yaml',
        'http-routing-foo-httproute.yaml',
        'http-routing-bar-httproute.yaml',
      ),
      ...['bar-svc', 'bar-svc-canary'].map(
        (name): Manifest => ({
          apiVersion: 'v1',
          kind: 'Service',
          metadata: { name, namespace: ns },
          spec: { selector: { app: name }, ports: [{ name: 'http', port: 8080 }] },
        }),
      ),
    ]);
  });

  test('a canary header through the Gateway reaches bar-svc-canary by bar-route rule 0, lit on the graph', async ({
    page,
  }) => {
    await page.goto(`/?namespace=${ns}`);
    await expect(page.locator('.react-flow').getByText('bar-route').first()).toBeVisible();
    await page.getByRole('button', { name: 'Trace', exact: true }).click();
    const panel = page.getByRole('complementary', { name: 'Trace a request' });
    await panel.getByLabel('Enters').selectOption(`kgw:${ns}/example-gateway`);
    await panel.getByLabel('Port').fill('80');
    await panel.getByLabel('Host').fill('bar.example.com');
    await panel.getByLabel('Path').fill('/');
    await panel.getByLabel('Headers').fill('env: canary');
    await panel.getByRole('button', { name: 'Trace', exact: true }).click();

    await expect(panel.getByTestId('trace-outcome')).toHaveText('Routed');
    const steps = panel.getByRole('list', { name: 'Steps' });
    await expect(steps).toContainText(`HTTPRoute ${ns}/bar-route rule 0 match 0 matches`);
    await expect(steps).toContainText('header env "canary" is exactly "canary"');
    const destinations = panel.getByRole('table', { name: 'Destinations' });
    await expect(
      destinations.getByRole('row', { name: new RegExp(`outbound\\|8080\\|\\|bar-svc-canary\\.${ns}`) }),
    ).toContainText('100%');

    const opacity = (id: string) =>
      page
        .locator(`.react-flow__node[data-id="${id}"]`)
        .evaluate((el) => Number(getComputedStyle(el).opacity));
    await expect.poll(() => opacity(`rule:HTTPRoute/${ns}/bar-route/rules/0`)).toBe(1);
    await expect.poll(() => opacity(`kgw:${ns}/example-gateway`)).toBe(1);
    await expect.poll(() => opacity(`rule:HTTPRoute/${ns}/bar-route/rules/1`)).toBeLessThan(0.5);
    await expect.poll(() => opacity(`gwroute:HTTPRoute/${ns}/foo-route`)).toBeLessThan(0.5);
    await page.screenshot({ path: `${shots}/bar-canary.png` });

    // Without the header the second rule (no matches: PathPrefix /) takes it.
    await panel.getByLabel('Headers').fill('');
    await panel.getByRole('button', { name: 'Trace', exact: true }).click();
    await expect(steps).toContainText(
      `HTTPRoute ${ns}/bar-route rule 0 match 0 does not match: header env absent`,
    );
    await expect(
      destinations.getByRole('row', { name: new RegExp(`outbound\\|8080\\|\\|bar-svc\\.${ns}`) }),
    ).toContainText('100%');
  });
});

import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { applyManifests, deleteManifests, type Manifest } from '../lib/kube/apply-manifests';
import { kubeRequest } from '../lib/kube/request';
import { clusterAs } from './support/cluster';

// A Gateway API route created and deleted from the graph against the real API server: New
// HTTPRoute in the Gateway's inspector, written in the YAML tab, previewed and applied, drawn
// with its backend edge; then Delete… on its node, gone from the API server and the graph.
const SHOTS = '.weir/screenshots/gateway-api-create-delete';
mkdirSync(SHOTS, { recursive: true });
const ns = 'gw-create';
const routePath = `/apis/gateway.networking.k8s.io/v1/namespaces/${ns}/httproutes/wishes`;

const seed: Manifest[] = [
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } },
  {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'wishes', namespace: ns },
    spec: { ports: [{ name: 'http', port: 8080 }], selector: { app: 'wishes' } },
  },
  {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    metadata: { name: 'edge', namespace: ns },
    spec: {
      gatewayClassName: 'istio',
      listeners: [{ name: 'http', port: 80, protocol: 'HTTP', hostname: '*.example.com' }],
    },
  },
];
const route: Manifest = {
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: { name: 'wishes', namespace: ns },
};
const routeYaml = `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: wishes
  namespace: ${ns}
spec:
  parentRefs:
    - name: edge
  hostnames:
    - wishes.example.com
  rules:
    - backendRefs:
        - name: wishes
          port: 8080
`;

const inCluster = () =>
  kubeRequest<{ spec: Record<string, unknown> }>(clusterAs('admin'), { method: 'GET', path: routePath }).then(
    (object) => object.spec,
    (e: Error) => e.message,
  );

test.describe('creating and deleting a Gateway API route', () => {
  test.beforeAll(async () => applyManifests(clusterAs('admin'), seed));
  test.afterAll(async () => deleteManifests(clusterAs('admin'), [route, ...seed.slice(1)]));

  test('New HTTPRoute through the YAML tab, drawn with its backend edge, then deleted after a confirmation', async ({
    page,
  }) => {
    await page.goto(`/?namespace=${ns}`);
    await page.locator(`.react-flow__node[data-id="kgw:${ns}/edge"]`).click();
    const inspector = page.getByRole('complementary', { name: 'Inspector' });
    // The cluster serves all four route kinds; the Gateway API Gateway itself is not offered.
    for (const kind of ['HTTPRoute', 'GRPCRoute', 'TCPRoute', 'TLSRoute'])
      await expect(inspector.getByRole('button', { name: `New ${kind}` })).toBeVisible();
    await expect(inspector.getByRole('button', { name: 'Delete…' })).toHaveCount(0);

    await inspector.getByRole('button', { name: 'New HTTPRoute' }).click();
    const editor = inspector.getByRole('region', { name: 'New HTTPRoute' });
    const yaml = editor.getByTestId('yaml-editor');
    // The starter: parented to the Gateway in view, one rule to the namespace's Service.
    await expect(yaml).toContainText('kind: HTTPRoute');
    await expect(yaml).toContainText('name: edge');
    await expect(yaml).toContainText('name: wishes');
    await expect(yaml).toContainText('port: 8080');
    await editor.scrollIntoViewIfNeeded();
    await editor.screenshot({ path: `${SHOTS}/new-httproute.png` });

    await yaml.locator('.cm-content').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText(routeYaml);
    await editor.getByRole('button', { name: 'Preview' }).click();
    await expect(editor.getByTestId('review-summary')).toContainText(`${ns}/wishes: HTTPRoute created`);
    await expect(editor.getByTestId('apply-words')).toContainText(
      `Apply creates HTTPRoute ${ns}/wishes exactly as shown.`,
    );
    await inspector.screenshot({ path: `${SHOTS}/new-httproute-review.png` });
    await editor.getByRole('button', { name: 'Apply' }).click();
    await expect(editor.getByTestId('review-applied')).toBeVisible();
    await expect.poll(inCluster).toMatchObject({
      parentRefs: [{ name: 'edge' }],
      hostnames: ['wishes.example.com'],
      rules: [{ backendRefs: [{ name: 'wishes', port: 8080 }] }],
    });

    // Drawn: the route, its rule, and the rule's edge to the Service (searched for: a new
    // object may be laid out outside the view, where nothing is drawn).
    await page.getByRole('searchbox', { name: 'Search by host or name' }).fill('wishes');
    const node = page.locator(`.react-flow__node[data-id="gwroute:HTTPRoute/${ns}/wishes"]`);
    await expect(node).toBeVisible();
    await expect(page.getByTestId(`weight:HTTPRoute/${ns}/wishes/rules/0/0`)).toHaveCount(1);

    await node.click();
    await inspector.getByRole('button', { name: 'Delete…' }).click();
    const confirm = inspector.getByRole('alertdialog', { name: `Delete HTTPRoute ${ns}/wishes` });
    await expect(confirm.getByTestId('delete-impact')).toContainText(
      'Gateway edge no longer routes wishes.example.com',
    );
    await expect(confirm.getByTestId('delete-impact')).toContainText('rules[0] → wishes:8080');
    await confirm.getByRole('button', { name: 'Preview delete' }).click();
    await expect(confirm.getByTestId('review-summary')).toContainText(`${ns}/wishes: HTTPRoute deleted`);
    await inspector.screenshot({ path: `${SHOTS}/delete-httproute.png` });
    await confirm.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(inCluster).toMatch(/not ?found/i);
    await expect(node).toHaveCount(0);
  });
});

import { expect, type Page, test } from '@playwright/test';
import { applyManifests, type Manifest } from '../lib/kube/apply-manifests';
import { kubeRequest } from '../lib/kube/request';
import { clusterAs } from './support/cluster';
import { pageLive } from './support/page-live';
import { steadyBox } from './support/steady-box';

// Adding and removing a Gateway API rule's backends against the real API server: drag the
// rule onto a Service to add it at weight 0, Delete its edge to remove it (after asking),
// the last backend refused with the reason, and undo putting each step back.
const shots = '.weir/screenshots/gateway-api-backends';
const ns = 'gw-backends';
const routePath = `/apis/gateway.networking.k8s.io/v1/namespaces/${ns}/httproutes/cart`;

const service = (name: string): Manifest => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace: ns },
  spec: { ports: [{ name: 'http', port: 8080 }], selector: { app: name } },
});
const route: Manifest = {
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: { name: 'cart', namespace: ns },
  spec: {
    parentRefs: [{ name: 'edge' }],
    hostnames: ['shop.example.com'],
    rules: [
      {
        matches: [{ path: { type: 'PathPrefix', value: '/cart' } }],
        backendRefs: [
          { name: 'cart-v1', port: 8080, weight: 90 },
          { name: 'cart-v2', port: 8080, weight: 10 },
        ],
      },
    ],
  },
};
const seed: Manifest[] = [
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } },
  service('cart-v1'),
  service('cart-v2'),
  service('cart-v3'),
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

type Backend = { name: string; port?: number; weight?: number };

async function backendsInCluster(): Promise<Backend[]> {
  const object = await kubeRequest<{ spec: { rules: Array<{ backendRefs?: Backend[] }> } }>(
    clusterAs('admin'),
    {
      method: 'GET',
      path: routePath,
    },
  );
  return (object.spec.rules[0]?.backendRefs ?? []).map(({ name, port, weight }) => ({ name, port, weight }));
}

const v1 = { name: 'cart-v1', port: 8080, weight: 90 };
const v2 = { name: 'cart-v2', port: 8080, weight: 10 };
const v3 = { name: 'cart-v3', port: 8080, weight: 0 };

async function deleteEdge(page: Page, index: number) {
  await page.getByTestId(`weight:HTTPRoute/${ns}/cart/rules/0/${index}`).click();
  await page.keyboard.press('Delete');
}

test.describe('a Gateway API rule’s backends', () => {
  test.beforeAll(async () => {
    await applyManifests(clusterAs('admin'), seed);
  });
  test.beforeEach(async () => {
    await applyManifests(clusterAs('admin'), [route]);
    await expect.poll(backendsInCluster).toEqual([v1, v2]);
  });

  test('drag the rule onto a Service adds it at weight 0; Delete removes it; undo puts each step back', async ({
    page,
  }) => {
    await page.goto(`/?namespace=${ns}`);
    // The cyan handle, drawn once the person's rights are read (before that the route's handle
    // is an invisible one that starts no connection, and a drag from it pans the canvas).
    const handle = page
      .locator(`.react-flow__node[data-id="rule:HTTPRoute/${ns}/cart/rules/0"]`)
      .getByLabel(/^Add a destination to /);
    const target = page.locator(`.react-flow__node[data-id="dest:cart-v3.${ns}.svc.cluster.local||"]`);
    await expect(handle).toBeVisible();
    await expect(target).toBeVisible();
    // Measured once the zoom-to-fit has settled.
    const from = await steadyBox(page, handle);
    const to = await steadyBox(page, target);
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 12 });
    await page.mouse.move(to.x + to.width / 2 + 2, to.y + to.height / 2, { steps: 2 });
    // A connection is being drawn (not a pan or a node moved), before the drop.
    await expect(page.locator('.react-flow__connection-path')).toBeVisible();
    await page.screenshot({ path: `${shots}/dragging.png` });
    await page.mouse.up();

    // In the API server: the new backendRef at weight 0, the others exactly as they were.
    await expect.poll(backendsInCluster).toEqual([v1, v2, v3]);
    await expect(page.getByTestId(`weight:HTTPRoute/${ns}/cart/rules/0/2`)).toHaveText(/0%/);
    // Recorded in history, shown with the rule.
    await page.getByTestId(`weight:HTTPRoute/${ns}/cart/rules/0/2`).click();
    await expect(page.getByText(/cart rules\[0\]: add cart-v3:8080 at 0%/).first()).toBeVisible();
    await page.screenshot({ path: `${shots}/added.png` });

    // Delete on its edge asks first, naming its share.
    await deleteEdge(page, 2);
    const dialog = page.getByRole('dialog', { name: 'Remove cart-v3:8080?' });
    await expect(dialog).toContainText(
      `cart-v3:8080 carries 0% of HTTPRoute ${ns}/cart rules[0]: no traffic moves.`,
    );
    await page.screenshot({ path: `${shots}/confirm-remove.png` });
    await dialog.getByRole('button', { name: 'Remove cart-v3:8080' }).click();
    await expect(dialog).toBeHidden();
    await expect.poll(backendsInCluster).toEqual([v1, v2]);

    // cart-v2 too: its 10% goes to cart-v1 by itself (weights are relative).
    await deleteEdge(page, 1);
    const second = page.getByRole('dialog', { name: 'Remove cart-v2:8080?' });
    await expect(second).toContainText('cart-v2:8080 carries 10%');
    await expect(second).toContainText('cart-v1:8080 90% → 100%');
    await second.getByRole('button', { name: 'Remove cart-v2:8080' }).click();
    await expect.poll(backendsInCluster).toEqual([v1]);

    // The last backend stays: Delete explains instead of asking.
    await deleteEdge(page, 0);
    const refusal = page.getByRole('dialog', { name: 'cart-v1:8080 cannot be removed' });
    await expect(refusal).toContainText('a rule must send its traffic somewhere');
    await page.screenshot({ path: `${shots}/last-backend.png` });
    await refusal.getByRole('button', { name: 'Close' }).click();
    await expect(refusal).toBeHidden();
    expect(await backendsInCluster()).toEqual([v1]);

    // Undo, one step each: cart-v2 back with its weight, then cart-v3, then the addition undone.
    const undo = page.getByRole('button', { name: 'Undo', exact: true });
    await undo.click();
    await expect.poll(backendsInCluster).toEqual([v1, v2]);
    await expect(undo).toBeEnabled();
    await undo.click();
    await expect.poll(backendsInCluster).toEqual([v1, v2, v3]);
    await expect(undo).toBeEnabled();
    await undo.click();
    await expect.poll(backendsInCluster).toEqual([v1, v2]);
    // The screen follows: the added edge is gone again, its slider too.
    await expect(page.getByTestId(`weight:HTTPRoute/${ns}/cart/rules/0/2`)).toHaveCount(0);
    await expect(page.getByRole('slider', { name: /cart-v3:8080/ })).toHaveCount(0);
    await page.screenshot({ path: `${shots}/undone.png` });
  });

  test('the inspector’s Add backend writes the Service picked, at weight 0', async ({ page }) => {
    await page.goto(`/?namespace=${ns}`);
    await pageLive(page);
    await page.getByTestId(`weight:HTTPRoute/${ns}/cart/rules/0/1`).click();
    const weights = page.getByRole('region', { name: `Weights of HTTPRoute ${ns}/cart rules[0]` });
    await weights.getByRole('button', { name: 'Add backend' }).click();
    const pick = weights.getByLabel('Add backend');
    await expect(pick).toHaveValue('cart-v3||8080');
    await page.screenshot({ path: `${shots}/inspector-add.png` });
    await weights.getByRole('button', { name: 'Add', exact: true }).click();
    await expect.poll(backendsInCluster).toEqual([v1, v2, v3]);
    await expect(
      weights.getByRole('slider', { name: new RegExp(`cart-v3:8080 in HTTPRoute ${ns}/cart rules`) }),
    ).toHaveAttribute('aria-valuenow', '0');
  });
});

import { mkdirSync } from 'node:fs';
import { expect, type Locator, type Page, test } from '@playwright/test';
import { applyManifests, type Manifest } from '../lib/kube/apply-manifests';
import { kubeRequest } from '../lib/kube/request';
import { clusterAs } from './support/cluster';

// Gateway API forms against the real API server: a rule of an HTTPRoute gets a header match
// and a URL rewrite through its form, previewed (a dry run), applied, and read back from the
// API server as kubectl would; the route's own form and a Gateway's listeners are shown.
const SHOTS = '.weir/screenshots/gateway-api-forms';
mkdirSync(SHOTS, { recursive: true });

const NS = 'gw-forms';
const routePath = `/apis/gateway.networking.k8s.io/v1/namespaces/${NS}/httproutes/cart`;
const manifests: Manifest[] = [
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } },
  {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    metadata: { name: 'edge', namespace: NS },
    spec: {
      gatewayClassName: 'istio',
      listeners: [
        { name: 'http', port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'Same' } } },
      ],
    },
  },
  {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name: 'cart', namespace: NS },
    spec: {
      parentRefs: [{ name: 'edge', sectionName: 'http' }],
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
  },
];

interface Route {
  metadata: { resourceVersion: string; managedFields?: Array<{ manager: string }> };
  spec: { rules: Array<Record<string, unknown>> };
}
const readRoute = () => kubeRequest<Route>(clusterAs('admin'), { method: 'GET', path: routePath });

const inspector = (page: Page) => page.getByRole('complementary', { name: 'Inspector' });

async function select(page: Page, nodeId: string): Promise<Locator> {
  await page.goto(`/?namespace=${NS}`);
  await page.locator(`.react-flow__node[data-id="${nodeId}"]`).click();
  const editor = page.getByTestId('object-editor');
  await expect(editor).toBeVisible();
  return editor;
}

async function open(editor: Locator, title: string): Promise<Locator> {
  const details = editor
    .locator('details')
    .filter({ has: editor.page().locator('summary', { hasText: title }) })
    .first();
  if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open)))
    await details.locator('summary').click();
  return details;
}

test.describe('Gateway API forms', () => {
  test.beforeEach(async () => {
    // The route as it starts, whatever an earlier run left (a replace of the whole object).
    const admin = clusterAs('admin');
    await applyManifests(admin, manifests.slice(0, 2));
    const current = await kubeRequest<Route>(admin, { method: 'GET', path: routePath }).catch(
      () => undefined,
    );
    if (current) await kubeRequest(admin, { method: 'DELETE', path: routePath });
    await applyManifests(admin, manifests.slice(2));
  });

  test('adds a header match and a URL rewrite to an HTTPRoute rule, previewed and applied', async ({
    page,
  }) => {
    const editor = await select(page, `rule:HTTPRoute/${NS}/cart/rules/0`);
    const matches = await open(editor, 'Matches');
    await matches.getByRole('button', { name: 'Add header' }).click();
    await matches.getByLabel('Header 1 name').fill('x-canary');
    await matches.getByLabel('Header 1 value').fill('true');
    const rewrite = await open(editor, 'URL rewrite');
    await rewrite.getByLabel('Path', { exact: true }).selectOption('ReplacePrefixMatch');
    await rewrite.getByLabel('Prefix becomes').fill('/v2');
    // A bad value is said at its field and holds Preview back.
    await rewrite.getByLabel('Hostname').fill('Cart.Internal');
    await expect(rewrite.getByRole('alert')).toContainText('is not a hostname');
    await expect(editor.getByRole('button', { name: 'Preview' })).toBeDisabled();
    await rewrite.getByLabel('Hostname').fill('');
    await open(editor, 'Backends');
    await inspector(page).screenshot({ path: `${SHOTS}/rule-form.png`, animations: 'disabled' });

    await editor.getByRole('button', { name: 'Preview' }).click();
    const review = page.getByTestId('review-panel');
    await expect(review.getByTestId('review-summary')).toContainText(
      'rules[0]: matches PathPrefix /cart → PathPrefix /cart, header x-canary=true, added filter rewrite prefix → /v2',
    );
    await expect(review.getByTestId('yaml-diff')).toBeVisible();
    // The preview is a dry run: nothing is written yet.
    expect((await readRoute()).spec.rules[0]).not.toHaveProperty('filters');
    await inspector(page).screenshot({ path: `${SHOTS}/rule-review.png`, animations: 'disabled' });
    await review.getByRole('button', { name: 'Apply' }).click();
    await expect(page.getByTestId('review-applied')).toBeVisible();

    await expect
      .poll(async () => (await readRoute()).spec.rules[0])
      .toEqual({
        matches: [
          {
            path: { type: 'PathPrefix', value: '/cart' },
            headers: [{ type: 'Exact', name: 'x-canary', value: 'true' }],
          },
        ],
        filters: [
          {
            type: 'URLRewrite',
            urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/v2' } },
          },
        ],
        backendRefs: [
          { group: '', kind: 'Service', name: 'cart-v1', port: 8080, weight: 90 },
          { group: '', kind: 'Service', name: 'cart-v2', port: 8080, weight: 10 },
        ],
      });
    const written = await readRoute();
    expect(written.metadata.managedFields?.map((f) => f.manager)).toContain('weir');
    // On the graph: the rule node says what it now matches and does.
    await expect(
      page.locator(`.react-flow__node[data-id="rule:HTTPRoute/${NS}/cart/rules/0"]`),
    ).toContainText('header x-canary=true');
    // In the route's history, with who made it.
    await expect(inspector(page)).toContainText('added filter rewrite prefix → /v2, by olivia.operator');
    await inspector(page).screenshot({ path: `${SHOTS}/rule-applied.png`, animations: 'disabled' });

    // Undo puts the rule back as it was (a checked write of its own); redo makes the edit again.
    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    await expect
      .poll(async () => (await readRoute()).spec.rules[0])
      .toEqual({
        matches: [{ path: { type: 'PathPrefix', value: '/cart' } }],
        backendRefs: [
          { group: '', kind: 'Service', name: 'cart-v1', port: 8080, weight: 90 },
          { group: '', kind: 'Service', name: 'cart-v2', port: 8080, weight: 10 },
        ],
      });
    await page.getByRole('button', { name: 'Redo', exact: true }).click();
    await expect.poll(async () => (await readRoute()).spec.rules[0]?.filters).toHaveLength(1);
  });

  test('shows the route’s own form and edits it through the YAML tab', async ({ page }) => {
    const editor = await select(page, `gwroute:HTTPRoute/${NS}/cart`);
    await expect(editor.getByLabel('Section (listener)')).toHaveValue('http');
    await inspector(page).screenshot({ path: `${SHOTS}/route-form.png`, animations: 'disabled' });
    await editor.getByRole('tab', { name: 'YAML' }).click();
    const yaml = editor.getByTestId('yaml-editor').locator('.cm-content');
    await yaml.click();
    // A hostname the CRD refuses is said before anything is sent.
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.insertText('hostnames: [Shop.Example.com]\nrules: []\n');
    await expect(editor.getByRole('alert').first()).toContainText('is not a hostname');
    await expect(editor.getByRole('button', { name: 'Preview' })).toBeDisabled();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.insertText(
      [
        'parentRefs:',
        '  - name: edge',
        '    sectionName: http',
        'hostnames:',
        '  - shop.example.com',
        '  - cart.example.com',
        'rules:',
        '  - matches:',
        '      - path: { type: PathPrefix, value: /cart }',
        '    backendRefs:',
        '      - { name: cart-v1, port: 8080, weight: 90 }',
        '      - { name: cart-v2, port: 8080, weight: 10 }',
        '',
      ].join('\n'),
    );
    await editor.getByRole('button', { name: 'Preview' }).click();
    const review = page.getByTestId('review-panel');
    await expect(review.getByTestId('review-summary')).toContainText('hostnames +cart.example.com');
    await inspector(page).screenshot({ path: `${SHOTS}/yaml-review.png`, animations: 'disabled' });
    await review.getByRole('button', { name: 'Apply' }).click();
    await expect(page.getByTestId('review-applied')).toBeVisible();
    await expect
      .poll(
        async () =>
          (
            await kubeRequest<{ spec: { hostnames: string[] } }>(clusterAs('admin'), {
              method: 'GET',
              path: routePath,
            })
          ).spec.hostnames,
      )
      .toEqual(['shop.example.com', 'cart.example.com']);
  });

  test('matches a GRPCRoute rule on a service and method through its form', async ({ page }) => {
    const grpcPath = `/apis/gateway.networking.k8s.io/v1/namespaces/${NS}/grpcroutes/cart-grpc`;
    const admin = clusterAs('admin');
    await kubeRequest(admin, { method: 'DELETE', path: grpcPath }).catch(() => undefined);
    await applyManifests(admin, [
      {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'GRPCRoute',
        metadata: { name: 'cart-grpc', namespace: NS },
        spec: { parentRefs: [{ name: 'edge' }], rules: [{ backendRefs: [{ name: 'cart-v1', port: 9000 }] }] },
      },
    ]);
    const editor = await select(page, `rule:GRPCRoute/${NS}/cart-grpc/rules/0`);
    const matches = await open(editor, 'Matches');
    await matches.getByRole('button', { name: 'Add match block' }).click();
    await matches.getByLabel('Service').fill('shop.Cart');
    await matches.getByLabel('Method', { exact: true }).fill('AddItem');
    await inspector(page).screenshot({ path: `${SHOTS}/grpc-rule-form.png`, animations: 'disabled' });
    await editor.getByRole('button', { name: 'Preview' }).click();
    await expect(page.getByTestId('review-summary')).toContainText('matches default → shop.Cart/AddItem');
    await page.getByTestId('review-panel').getByRole('button', { name: 'Apply' }).click();
    await expect(page.getByTestId('review-applied')).toBeVisible();
    await expect
      .poll(
        async () =>
          (
            await kubeRequest<{ spec: { rules: Array<{ matches?: unknown }> } }>(admin, {
              method: 'GET',
              path: grpcPath,
            })
          ).spec.rules[0]?.matches,
      )
      .toEqual([{ method: { type: 'Exact', service: 'shop.Cart', method: 'AddItem' } }]);
  });

  test('shows a Gateway’s listeners in its form', async ({ page }) => {
    const editor = await select(page, `kgw:${NS}/edge`);
    await expect(editor.getByRole('group', { name: 'Listener 1' })).toBeVisible();
    await editor.getByRole('button', { name: 'Add listener' }).click();
    const second = editor.getByRole('group', { name: 'Listener 2' });
    await second.getByLabel('Protocol').selectOption('HTTPS');
    await second.getByLabel('Port').fill('443');
    await second.getByLabel('Hostname').fill('shop.example.com');
    await expect(second.getByRole('alert').first()).toContainText('needs TLS settings');
    await second.getByLabel('TLS mode').selectOption('Terminate');
    await second.getByLabel('Certificates').fill('shop-cert');
    await inspector(page).screenshot({ path: `${SHOTS}/gateway-form.png`, animations: 'disabled' });
    await editor.getByRole('button', { name: 'Preview' }).click();
    await expect(page.getByTestId('review-summary')).toContainText(
      'new listener http-1 443/HTTPS shop.example.com (TLS Terminate shop-cert)',
    );
  });
});

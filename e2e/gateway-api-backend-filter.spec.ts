import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { applyManifests, type Manifest } from '../lib/kube/apply-manifests';
import { clusterAs } from './support/cluster';

// A backendRef filter Istio does not apply (a RequestMirror on the canary's backendRef: valid
// for the CRD, refused by istiod, which then builds none of the route) is flagged where the
// other Gateway API findings are: on that backend's edge, not on the other.
const SHOTS = '.weir/screenshots/gateway-api-backend-filter';
mkdirSync(SHOTS, { recursive: true });

const service = (name: string): Manifest => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace: 'gw-bfilter' },
  spec: { ports: [{ name: 'http', port: 8080 }], selector: { app: name } },
});
const seed: Manifest[] = [
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'gw-bfilter' } },
  service('cart-v1'),
  service('cart-v2'),
  {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    metadata: { name: 'edge', namespace: 'gw-bfilter' },
    spec: { gatewayClassName: 'istio', listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }] },
  },
  {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name: 'cart', namespace: 'gw-bfilter' },
    spec: {
      parentRefs: [{ name: 'edge' }],
      hostnames: ['shop.example.com'],
      rules: [
        {
          backendRefs: [
            { name: 'cart-v1', port: 8080, weight: 90 },
            {
              name: 'cart-v2',
              port: 8080,
              weight: 10,
              filters: [
                { type: 'RequestMirror', requestMirror: { backendRef: { name: 'cart-v1', port: 8080 } } },
              ],
            },
          ],
        },
      ],
    },
  },
  // Two more reasons istiod refuses a whole route (routeRefusals): a Service backendRef named
  // as a host, and an ExtensionRef in the rule's own filters (both valid for the CRD).
  {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name: 'pay', namespace: 'gw-bfilter' },
    spec: {
      parentRefs: [{ name: 'edge' }],
      hostnames: ['pay.example.com'],
      rules: [
        {
          filters: [
            { type: 'ExtensionRef', extensionRef: { group: 'example.com', kind: 'Plugin', name: 'tweak' } },
          ],
          backendRefs: [
            { name: 'cart-v1', port: 8080, weight: 90 },
            { name: 'cart-v2.gw-bfilter', port: 8080, weight: 10 },
          ],
        },
      ],
    },
  },
];

test.describe('a backendRef filter Istio refuses', () => {
  test.beforeAll(async () => {
    await applyManifests(clusterAs('admin'), seed);
  });

  test('is flagged on the edge of the backend that carries it', async ({ page }) => {
    await page.goto('/?namespace=gw-bfilter');
    const inspector = page.getByRole('complementary', { name: 'Inspector' });
    await page.getByTestId('weight:HTTPRoute/gw-bfilter/cart/rules/0/0').click();
    await expect(inspector).toBeVisible();
    await expect(inspector).not.toContainText('GWAPI_BACKEND_FILTER_UNSUPPORTED');

    await page.getByTestId('weight:HTTPRoute/gw-bfilter/cart/rules/0/1').click();
    await expect(inspector).toContainText('GWAPI_BACKEND_FILTER_UNSUPPORTED');
    await expect(inspector).toContainText('istiod refuses this RequestMirror filter');
    await page.screenshot({ path: `${SHOTS}/flagged.png` });
  });

  test('a host as a Service name and an ExtensionRef rule filter are flagged on that edge and on the rule', async ({
    page,
  }) => {
    await page.goto('/?namespace=gw-bfilter');
    const inspector = page.getByRole('complementary', { name: 'Inspector' });
    await page.getByTestId('weight:HTTPRoute/gw-bfilter/pay/rules/0/0').click();
    await expect(inspector).toBeVisible();
    await expect(inspector).not.toContainText('GWAPI_BACKEND_NAME_IS_HOSTNAME');

    await page.getByTestId('weight:HTTPRoute/gw-bfilter/pay/rules/0/1').click();
    await expect(inspector).toContainText('GWAPI_BACKEND_NAME_IS_HOSTNAME');
    await expect(inspector).toContainText('istiod refuses a name with a dot');
    await page.screenshot({ path: `${SHOTS}/hostname-as-name.png` });

    await page.locator('.react-flow__node[data-id="rule:HTTPRoute/gw-bfilter/pay/rules/0"]').click();
    await expect(inspector).toContainText('GWAPI_RULE_FILTER_UNSUPPORTED');
    await expect(inspector).toContainText('istiod refuses this ExtensionRef filter');
    await page.screenshot({ path: `${SHOTS}/rule-filter.png` });
  });
});

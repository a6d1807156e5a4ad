// The routes the propagation and slider benchmarks move: the demo's catalog VirtualService
// (90/10 between subsets), and for the Gateway API an HTTPRoute splitting the same pods 90/10
// between two version Services (added to the demo here, as the demo has no Gateway API objects).
import type { Page } from '@playwright/test';
import { applyManifests, type Manifest } from '../../lib/kube/apply-manifests';
import type { KubeConfig } from '../../lib/kube/watch';

export interface BenchRoute {
  /** Names the JSON lines: `propagation`, `propagation-httproute` … */
  suffix: string;
  /** The object in the API server, and its collection (for a watch). */
  path: string;
  collection: string;
  name: string;
  /** The label of the canary's share on the canvas. */
  testId: string;
  /** The canary's slider. */
  slider: RegExp;
  /** The canary weight of the object as read, and the object with the split set to 100 - canary / canary. */
  canary(object: unknown): number | undefined;
  withCanary(object: unknown, canary: number): unknown;
}

type Split = Array<{ weight?: number }>;
const split = (route: Split, canary: number): Split => [
  { ...route[0], weight: 100 - canary },
  { ...route[1], weight: canary },
];

export const VIRTUAL_SERVICE: BenchRoute = {
  suffix: '',
  path: '/apis/networking.istio.io/v1/namespaces/shop/virtualservices/catalog',
  collection: '/apis/networking.istio.io/v1/namespaces/shop/virtualservices',
  name: 'catalog',
  testId: 'weight:VirtualService/shop/catalog/http/0/1',
  slider: /^Weight of catalog v2 in shop\/catalog http\[0\]$/,
  canary: (object) => (object as { spec: { http: Array<{ route: Split }> } }).spec.http[0]?.route[1]?.weight,
  withCanary(object, canary) {
    const vs = object as { spec: { http: Array<{ route: Split }> } };
    const first = vs.spec.http[0];
    if (first) first.route = split(first.route, canary);
    return vs;
  },
};

export const HTTP_ROUTE: BenchRoute = {
  suffix: '-httproute',
  path: '/apis/gateway.networking.k8s.io/v1/namespaces/shop/httproutes/catalog-canary',
  collection: '/apis/gateway.networking.k8s.io/v1/namespaces/shop/httproutes',
  name: 'catalog-canary',
  testId: 'weight:HTTPRoute/shop/catalog-canary/rules/0/1',
  slider: /catalog-v2.*shop\/catalog-canary rules\[0\]/,
  canary: (object) =>
    (object as { spec: { rules: Array<{ backendRefs: Split }> } }).spec.rules[0]?.backendRefs[1]?.weight,
  withCanary(object, canary) {
    const route = object as { spec: { rules: Array<{ backendRefs: Split }> } };
    const first = route.spec.rules[0];
    if (first) first.backendRefs = split(first.backendRefs, canary);
    return route;
  },
};

const versionService = (version: string): Manifest => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: `catalog-${version}`, namespace: 'shop' },
  spec: { selector: { app: 'catalog', version }, ports: [{ name: 'http', port: 8080, targetPort: 8080 }] },
});

/** The HTTPRoute case's objects: a Gateway API Gateway for shop.example.com, two version Services, the 90/10 route. */
export async function addHttpRoute(admin: KubeConfig): Promise<void> {
  await applyManifests(admin, [
    versionService('v1'),
    versionService('v2'),
    {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: { name: 'shop-edge', namespace: 'shop' },
      spec: {
        gatewayClassName: 'istio',
        listeners: [{ name: 'http', port: 80, protocol: 'HTTP', hostname: 'catalog.example.com' }],
      },
    },
    {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: 'catalog-canary', namespace: 'shop' },
      spec: {
        parentRefs: [{ name: 'shop-edge' }],
        hostnames: ['catalog.example.com'],
        rules: [
          {
            backendRefs: [
              { name: 'catalog-v1', port: 8080, weight: 90 },
              { name: 'catalog-v2', port: 8080, weight: 10 },
            ],
          },
        ],
      },
    },
  ]);
}

/**
 * Narrows the page to the route by its name (the search box) and waits for its canary's label:
 * the shop namespace with the HTTPRoute added is taller than the screen, opens at its top left,
 * and a node off screen is not drawn at all.
 */
export async function showRoute(page: Page, route: BenchRoute): Promise<void> {
  await page.getByRole('searchbox', { name: 'Search by host or name' }).fill(route.name);
  await page.getByTestId(route.testId).waitFor({ timeout: 30_000 });
}

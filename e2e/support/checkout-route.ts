import { expect, type Locator, type Page, test } from '@playwright/test';
import { kubeRequest } from '../../lib/kube/request';
import { clusterAs, type RawVirtualService, readVirtualService } from './cluster';

// The journeys on destinations work on the demo's checkout http[1] ("default") route.
export const checkoutPath = '/apis/networking.istio.io/v1/namespaces/shop/virtualservices/checkout';

/** checkout http[1] as the cluster holds it: destinations and weights. */
export async function defaultRoute() {
  const vs = await readVirtualService('shop', 'checkout');
  return vs.spec.http[1]?.route.map((r) => ({ subset: r.destination.subset, weight: r.weight }));
}

/**
 * Opens the shop namespace (the whole demo may not fit a laptop screen at a readable zoom,
 * and then opens at its top left) and the weights of checkout http[1] in the inspector.
 */
export async function openDefaultRoute(page: Page): Promise<Locator> {
  await page.goto('/?namespace=shop');
  await page.getByTestId('weight:VirtualService/shop/checkout/http/1/0').click();
  const weights = page.getByRole('region', { name: 'Weights of shop/checkout http[1]' });
  await expect(weights).toBeVisible();
  return weights;
}

/** Puts checkout back as it was before the describe block after each journey. */
export function restoreCheckoutAfterEach(): void {
  let original: RawVirtualService['spec'];
  test.beforeAll(async () => {
    original = (await readVirtualService('shop', 'checkout')).spec;
  });
  test.afterEach(async () => {
    const current = await readVirtualService('shop', 'checkout');
    await kubeRequest(clusterAs('admin'), {
      method: 'PUT',
      path: checkoutPath,
      body: { ...current, spec: original },
    });
  });
}

import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { applyManifests, deleteManifests, type Manifest } from '../lib/kube/apply-manifests';
import { kubeRequest } from '../lib/kube/request';
import { clusterAs } from './support/cluster';
import { E2E_PORTS } from './support/ports';

// A missing ReferenceGrant against the real API server: an HTTPRoute in gw-grant sends 10% to a
// Service in gw-grant-pay, which grants nothing. The finding is on the backend edge it breaks
// (and not on the other); creating the grant from that edge's inspector (the create path:
// preview, apply) writes it to the API server under a free name (one of the first name is
// someone else's), and the finding goes away.
const SHOTS = '.weir/screenshots/reference-grant';
mkdirSync(SHOTS, { recursive: true });

const service = (namespace: string, name: string): Manifest => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace },
  spec: { ports: [{ name: 'http', port: 8080 }], selector: { app: name } },
});
const seed: Manifest[] = [
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'gw-grant' } },
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'gw-grant-pay' } },
  service('gw-grant', 'cart-v1'),
  service('gw-grant-pay', 'cart-v2'),
  {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    metadata: { name: 'edge', namespace: 'gw-grant' },
    spec: {
      gatewayClassName: 'istio',
      listeners: [{ name: 'http', port: 80, protocol: 'HTTP', hostname: '*.example.com' }],
    },
  },
  {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name: 'cart', namespace: 'gw-grant' },
    spec: {
      parentRefs: [{ name: 'edge' }],
      hostnames: ['shop.example.com'],
      rules: [
        {
          backendRefs: [
            { name: 'cart-v1', port: 8080, weight: 90 },
            { name: 'cart-v2', namespace: 'gw-grant-pay', port: 8080, weight: 10 },
          ],
        },
      ],
    },
  },
];
// Someone else's grant holds the name Weir would choose first (allow-<namespace>-<kind>s), for
// something else: Weir must take the next free name and leave this one as it is.
const theirName = 'allow-gw-grant-httproutes';
const theirSpec = {
  from: [{ group: 'gateway.networking.k8s.io', kind: 'GRPCRoute', namespace: 'elsewhere' }],
  to: [{ group: '', kind: 'Service', name: 'other' }],
};
const theirs: Manifest = {
  apiVersion: 'gateway.networking.k8s.io/v1beta1',
  kind: 'ReferenceGrant',
  metadata: { name: theirName, namespace: 'gw-grant-pay' },
  spec: theirSpec,
};
const grantName = 'allow-gw-grant-httproutes-2';
const grant: Manifest = {
  apiVersion: 'gateway.networking.k8s.io/v1beta1',
  kind: 'ReferenceGrant',
  metadata: { name: grantName, namespace: 'gw-grant-pay' },
};

async function grantInCluster(name = grantName): Promise<unknown> {
  try {
    const made = await kubeRequest<{ spec: unknown }>(clusterAs('admin'), {
      method: 'GET',
      path: `/apis/gateway.networking.k8s.io/v1beta1/namespaces/gw-grant-pay/referencegrants/${name}`,
    });
    return made.spec;
  } catch {
    return undefined;
  }
}

test.describe('a missing ReferenceGrant', () => {
  test.beforeAll(async () => {
    await deleteManifests(clusterAs('admin'), [grant]).catch(() => undefined);
    await applyManifests(clusterAs('admin'), [...seed, theirs]);
  });

  test('the auditor (read-only) is offered the fix disabled, with the reason', async ({ page }) => {
    await page.goto(`http://127.0.0.1:${E2E_PORTS.auditor}/?namespace=gw-grant&namespace=gw-grant-pay`);
    const inspector = page.getByRole('complementary', { name: 'Inspector' });
    await page.getByTestId('weight:HTTPRoute/gw-grant/cart/rules/0/1').click();
    await expect(inspector).toContainText('GWAPI_REFERENCE_NOT_PERMITTED');
    await expect(
      inspector.getByRole('button', { name: 'Create ReferenceGrant in gw-grant-pay' }),
    ).toBeDisabled();
    await expect(inspector.getByTestId('grant-disabled-reason')).toContainText('read-only');
    await page.screenshot({ path: `${SHOTS}/read-only.png` });
  });

  test('is flagged on the backend edge it breaks, and fixed from there by creating one', async ({ page }) => {
    await page.goto('/?namespace=gw-grant&namespace=gw-grant-pay');
    const inspector = page.getByRole('complementary', { name: 'Inspector' });

    // The edge to cart-v1 (same namespace) is fine.
    await page.getByTestId('weight:HTTPRoute/gw-grant/cart/rules/0/0').click();
    await expect(inspector).toBeVisible();
    await expect(inspector).not.toContainText('GWAPI_REFERENCE_NOT_PERMITTED');

    // The edge to gw-grant-pay/cart-v2 carries the finding and offers the fix.
    await page.getByTestId('weight:HTTPRoute/gw-grant/cart/rules/0/1').click();
    await expect(inspector).toContainText('GWAPI_REFERENCE_NOT_PERMITTED');
    await expect(inspector).toContainText('Service gw-grant-pay/cart-v2 is in another namespace');
    await page.screenshot({ path: `${SHOTS}/flagged.png` });
    const button = inspector.getByRole('button', { name: 'Create ReferenceGrant in gw-grant-pay' });
    await expect(button).toBeEnabled();
    await button.click();

    const editor = inspector.getByRole('region', { name: 'New ReferenceGrant' });
    await expect(editor.getByTestId('yaml-editor')).toContainText('kind: HTTPRoute');
    await expect(editor.getByTestId('yaml-editor')).toContainText('name: cart-v2');
    await expect(editor.getByTestId('yaml-editor')).toContainText(`name: ${grantName}`);
    await editor.getByRole('button', { name: 'Preview' }).click();
    await expect(editor.getByTestId('review-summary')).toContainText(
      `gw-grant-pay/${grantName}: ReferenceGrant created`,
    );
    // While its create is under way, the button cannot start another, and says why.
    await expect(button).toBeDisabled();
    await expect(inspector.getByTestId('grant-disabled-reason')).toHaveText(
      'Its preview or create is under way below.',
    );
    await page.screenshot({ path: `${SHOTS}/preview.png` });
    await editor.getByRole('button', { name: 'Apply' }).click();

    // In the API server: exactly the narrowest grant.
    await expect.poll(grantInCluster).toEqual({
      from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'gw-grant' }],
      to: [{ group: '', kind: 'Service', name: 'cart-v2' }],
    });
    // The other grant of the first name is as its author wrote it.
    expect(await grantInCluster(theirName)).toEqual(theirSpec);
    // On the graph: the finding is gone from the edge (the watch brings the grant in).
    await page.getByTestId('weight:HTTPRoute/gw-grant/cart/rules/0/1').click();
    await expect(inspector).not.toContainText('GWAPI_REFERENCE_NOT_PERMITTED');
    await expect(inspector.getByRole('button', { name: /Create ReferenceGrant/ })).toHaveCount(0);
    await page.screenshot({ path: `${SHOTS}/fixed.png` });
  });
});

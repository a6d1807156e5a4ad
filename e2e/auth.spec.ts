import { expect, test } from '@playwright/test';
import { applyManifests, deleteManifests, type Manifest } from '../lib/kube/apply-manifests';
import { clusterAs } from './support/cluster';
import { E2E_PORTS } from './support/ports';
import { tokenOf } from './support/tokens';

const weir = `http://127.0.0.1:${E2E_PORTS.token}`;
const shots = '.weir/screenshots';

test.describe('signing in with a Kubernetes token (WEIR_AUTH=token)', () => {
  test('sign in, see the mesh as yourself, sign out', async ({ page, context }) => {
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content.Security.Policy|CSP/i.test(message.text())) violations.push(message.text());
    });

    await page.goto(`${weir}/`);
    await expect(page).toHaveURL(/\/sign-in$/);
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeDisabled();
    await page.screenshot({ path: `${shots}/sign-in.png` });

    await page.getByLabel('Token').fill('not-a-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByText('The cluster does not accept this token.')).toBeVisible();

    await page.getByLabel('Token').fill(tokenOf('operator'));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(`${weir}/`);
    await expect(page.getByTestId('signed-in-user')).toHaveText('olivia.operator');
    await expect(page.getByTestId('weight:VirtualService/shop/catalog/http/0/1')).toHaveText('10%');

    // The browser holds an opaque, httpOnly, SameSite=Strict session id; never the token.
    const cookies = await context.cookies(weir);
    expect(cookies.map((c) => c.name)).toEqual(['weir_session']);
    expect(cookies[0]).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    expect(JSON.stringify(cookies)).not.toContain(tokenOf('operator'));
    const storage = await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }));
    expect(storage).not.toContain(tokenOf('operator'));
    const session = await page.evaluate(() => fetch('/api/session').then((r) => r.text()));
    expect(session).not.toContain(tokenOf('operator'));

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/sign-in$/);
    const after = await page.evaluate(() => fetch('/api/snapshot').then((r) => r.status));
    expect(after).toBe(401);
    await page.goto(`${weir}/`);
    await expect(page).toHaveURL(/\/sign-in$/);
    expect(violations).toEqual([]);
  });

  test('a signed-in auditor sees the graph read-only, with no controls', async ({ page }) => {
    await page.goto(`${weir}/sign-in`);
    await page.getByLabel('Token').fill(tokenOf('auditor'));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByTestId('signed-in-user')).toHaveText('arthur.auditor');
    await expect(page.getByText('read-only', { exact: true })).toBeVisible();
    await page.getByTestId('weight:VirtualService/shop/catalog/http/0/1').click();
    await expect(page.getByRole('slider')).toHaveCount(0);
    await expect(page.getByRole('button', { name: /Restore/ })).toHaveCount(0);
  });

  test('a session expired on the server sends the page back to sign-in', async ({ page, context }) => {
    await context.addCookies([{ name: 'weir_session', value: 'forged-or-expired', url: weir }]);
    await page.goto(`${weir}/?namespace=shop`);
    // Told why, and brought back to the same view after signing in again.
    await expect(page).toHaveURL(`${weir}/sign-in?error=session_expired&next=%2F%3Fnamespace%3Dshop`);
    await expect(page.getByRole('status')).toHaveText('Your session has ended. Sign in again.');
    await page.getByLabel('Token').fill(tokenOf('operator'));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(`${weir}/?namespace=shop`);
  });

  test('pages carry a nonce CSP and the usual security headers; API answers a locked-down CSP', async ({
    request,
  }) => {
    const page = await request.get(`${weir}/sign-in`);
    const csp = page.headers()['content-security-policy'] ?? '';
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(csp).toContain("frame-ancestors 'none'");
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(await page.text()).toContain(`nonce="${nonce}"`);
    expect(page.headers()['x-frame-options']).toBe('DENY');
    expect(page.headers()['x-content-type-options']).toBe('nosniff');
    expect(page.headers()['referrer-policy']).toBe('no-referrer');
    const api = await request.get(`${weir}/api/session`);
    expect(api.status()).toBe(401);
    expect(api.headers()['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
  });
});

test.describe('a person who may change routing in one namespace only', () => {
  const grants: Manifest[] = [
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: 'e2e-outsider-reads' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'weir-reader' },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'oscar.outsider' }],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'e2e-outsider-edits', namespace: 'payments' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'weir-routing-editor' },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'oscar.outsider' }],
    },
  ];
  test.beforeAll(async () => applyManifests(clusterAs('admin'), grants));
  test.afterAll(async () => deleteManifests(clusterAs('admin'), grants));

  test('sees every namespace, and is told where it is read-only', async ({ page }) => {
    await page.goto(`${weir}/sign-in`);
    await page.getByLabel('Token').fill(tokenOf('outsider'));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByTestId('signed-in-user')).toHaveText('oscar.outsider');
    const session = await page.evaluate(() => fetch('/api/session').then((r) => r.json()));
    expect(session).toMatchObject({ readOnly: false, writableNamespaces: ['payments'] });

    await page.getByTestId('weight:VirtualService/shop/catalog/http/0/1').click();
    const inspector = page.getByRole('complementary', { name: 'Inspector' });
    await expect(inspector.getByTestId('namespace-read-only')).toHaveText(
      'read-only: you may view but not change routing in namespace shop.',
    );
    await expect(inspector.getByRole('slider')).toHaveCount(0);
    // Nor does the canvas offer a route of shop as the start of a new connection.
    const route = page.locator('.react-flow__node[data-id="route:shop/catalog/http/0"]');
    await expect(route).toBeVisible();
    await expect(route.locator('[aria-label^="Add a destination to"]')).toHaveCount(0);
    await page.screenshot({ path: `${shots}/read-only-namespace.png` });

    // The server refuses what the screen does not offer.
    const refused = await page.evaluate(async () => {
      const snapshot = await fetch('/api/snapshot').then((r) => r.json());
      const response = await fetch('/api/changes', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-weir-csrf': '1' },
        body: JSON.stringify({
          change: {
            kind: 'SetWeights',
            target: { kind: 'VirtualService', namespace: 'shop', name: 'catalog' },
            routeKind: 'http',
            routeIndex: 0,
            weights: [0, 100],
          },
          resourceVersion: snapshot.objects['VirtualService/shop/catalog'].metadata.resourceVersion,
        }),
      });
      return response.status;
    });
    expect(refused).toBe(403);
  });
});

import { expect, test } from '@playwright/test';
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
    await expect(page.getByTestId('weight:shop/catalog/http/0/1')).toHaveText('10%');

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
    await page.getByTestId('weight:shop/catalog/http/0/1').click();
    await expect(page.getByRole('slider')).toHaveCount(0);
    await expect(page.getByRole('button', { name: /Restore/ })).toHaveCount(0);
  });

  test('a session expired on the server sends the page back to sign-in', async ({ page, context }) => {
    await context.addCookies([{ name: 'weir_session', value: 'forged-or-expired', url: weir }]);
    await page.goto(`${weir}/`);
    await expect(page).toHaveURL(/\/sign-in$/);
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

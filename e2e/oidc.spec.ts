import { expect, test } from '@playwright/test';
import { setWeightsInCluster, weightsInCluster } from './support/cluster';
import { E2E_PORTS } from './support/ports';

const weir = `http://127.0.0.1:${E2E_PORTS.oidc}`;
const shots = '.weir/screenshots/oidc';
const canarySlider = 'Weight of catalog v2 in shop/catalog http[0]';

// The local provider's certificate is signed by the cluster's own CA, which Chromium does not know.
test.use({ ignoreHTTPSErrors: true });

test.describe('signing in at an OpenID provider (WEIR_AUTH=oidc)', () => {
  test.afterEach(async () => {
    await setWeightsInCluster('shop', 'catalog', [90, 10]);
  });

  test('sign in at the provider, change a canary as the operator, sign out', async ({
    page,
    context,
    request,
  }) => {
    await page.goto(`${weir}/?namespace=shop`);
    await expect(page).toHaveURL(`${weir}/sign-in?next=%2F%3Fnamespace%3Dshop`);
    const signIn = page.getByRole('link', { name: 'Sign in with Weir Test ID' });
    await expect(signIn).toBeVisible();
    await page.screenshot({ path: `${shots}/oidc-sign-in.png` });

    await signIn.click();
    // The provider's own login page (development form: any login, any password).
    await page.getByPlaceholder('Enter any login').fill('olivia@weir.test');
    await page.getByPlaceholder('and password').fill('whatever');
    await page.getByRole('button', { name: 'Sign-in' }).click();

    await expect(page).toHaveURL(`${weir}/?namespace=shop`);
    await expect(page.getByTestId('signed-in-user')).toHaveText('oidc:olivia@weir.test');
    await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
    await page.locator('header').screenshot({ path: `${shots}/oidc-signed-in-header.png` });

    // The browser holds only the opaque session id: no ID token in cookies or storage.
    // (Cookies ignore ports: the provider's own, on 127.0.0.1 too, show up here.)
    const cookies = (await context.cookies(weir)).filter((c) => c.name.startsWith('weir'));
    expect(cookies.map((c) => c.name)).toEqual(['weir_session']);
    expect(cookies[0]).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    expect(JSON.stringify(await context.cookies())).not.toMatch(/eyJ[\w-]+\.eyJ/);
    const storage = await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }));
    expect(storage).not.toMatch(/eyJ[\w-]+\.eyJ/);

    // A change as the operator, written with her ID token.
    await page.getByTestId('weight:VirtualService/shop/catalog/http/0/1').click();
    const slider = page.getByRole('slider', { name: canarySlider }).first();
    await expect(slider).toHaveAttribute('aria-valuenow', '10');
    // Editable once the person's rights are read (keys on a disabled slider do nothing).
    await expect(slider).toBeEnabled();
    await slider.focus();
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => weightsInCluster('shop', 'catalog')).toEqual([89, 11]);

    const session = cookies[0]?.value ?? '';
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/sign-in$/);
    // The session ended on the server: the old cookie no longer opens anything.
    const replayed = await request.get(`${weir}/api/snapshot`, {
      headers: { cookie: `weir_session=${session}` },
    });
    expect(replayed.status()).toBe(401);
  });

  test('an auditor signed in at the provider sees the graph read-only', async ({ page }) => {
    await page.goto(`${weir}/sign-in`);
    await page.getByRole('link', { name: 'Sign in with Weir Test ID' }).click();
    await page.getByPlaceholder('Enter any login').fill('arthur@weir.test');
    await page.getByPlaceholder('and password').fill('whatever');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await expect(page.getByTestId('signed-in-user')).toHaveText('oidc:arthur@weir.test');
    await expect(page.getByText('read-only', { exact: true })).toBeVisible();
    await page.getByTestId('weight:VirtualService/shop/catalog/http/0/1').click();
    await expect(page.getByRole('slider')).toHaveCount(0);
  });

  test('cancelling at the provider comes back to the sign-in page with the reason in words', async ({
    page,
  }) => {
    await page.goto(`${weir}/sign-in`);
    await page.getByRole('link', { name: 'Sign in with Weir Test ID' }).click();
    await page.getByRole('link', { name: '[ Cancel ]' }).click();
    await expect(page).toHaveURL(/\/sign-in\?error=access_denied$/);
    await expect(page.getByRole('alert').filter({ hasText: 'cancelled' })).toHaveText(
      'The sign-in was cancelled or refused at Weir Test ID.',
    );
    await page.screenshot({ path: `${shots}/oidc-sign-in-cancelled.png` });
    await expect(page.getByRole('link', { name: 'Sign in with Weir Test ID' })).toBeVisible();
  });
});

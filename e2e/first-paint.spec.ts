import { expect, test } from '@playwright/test';
import { watchForText } from '../tools/test/text-watch';
import { E2E_PORTS } from './support/ports';
import { tokenOf } from './support/tokens';

const operator = `http://127.0.0.1:${E2E_PORTS.operator}`;
const files = `http://127.0.0.1:${E2E_PORTS.files}`;
const token = `http://127.0.0.1:${E2E_PORTS.token}`;
const oidc = `http://127.0.0.1:${E2E_PORTS.oidc}`;
const LOADING = 'Loading the mesh';

/** The graph's size as the first HTML states it ("17 nodes · 20 edges"), or undefined. */
function drawnCount(html: string): { nodes: number; edges: number } | undefined {
  const found = /(\d+)(?:<!-- -->)? nodes · (?:<!-- -->)?(\d+)(?:<!-- -->)? edges/.exec(html);
  return found ? { nodes: Number(found[1]), edges: Number(found[2]) } : undefined;
}

/** The live snapshot's sequence as the first HTML carries it (in the page's serialized query cache). */
function sequenceIn(html: string): number | undefined {
  const found = /\\?"sequence\\?":(\d+)/.exec(html);
  return found ? Number(found[1]) : undefined;
}

async function firstHtml(response: { status(): number; text(): Promise<string> } | null): Promise<string> {
  expect(response?.status()).toBe(200);
  return (await response?.text()) ?? '';
}

test.describe('the first paint comes from the server', () => {
  test('the first HTML holds the view’s graph; the page never loads it again, and resumes the stream from its sequence', async ({
    page,
  }) => {
    const sawLoading = await watchForText(page, LOADING);
    const asked: string[] = [];
    page.on('request', (request) => asked.push(new URL(request.url()).pathname));
    const stream = page.waitForRequest((request) => new URL(request.url()).pathname === '/api/events');

    const response = await page.goto(`${operator}/?namespace=shop`);
    const html = await firstHtml(response);
    expect(html).not.toContain(LOADING);
    // The graph was built from the prefetched snapshot on the server: the bar states its size,
    // and the snapshot itself travels with the page.
    const drawn = drawnCount(html);
    expect(drawn?.nodes).toBeGreaterThan(0);
    expect(html).toContain('shop.example.com');
    const sequence = sequenceIn(html);
    expect(sequence).toBeGreaterThan(0);

    const events = new URL((await stream).url());
    expect(events.searchParams.get('after')).toBe(String(sequence));
    expect(events.searchParams.getAll('namespace')).toEqual(['shop']);
    await expect(page.getByTestId('weight:VirtualService/shop/catalog/http/0/1')).toHaveText('10%');
    await expect(page.getByText(`${drawn?.nodes} nodes · ${drawn?.edges} edges`)).toBeVisible();
    await page.screenshot({ path: '.weir/screenshots/first-paint-drawn.png' });
    expect(asked).not.toContain('/api/snapshot');
    expect(asked).not.toContain('/api/session');
    expect(await sawLoading()).toBe(false);
  });

  test('before the page’s scripts load, it shows the view’s graph size, not "Loading the mesh…"', async ({
    browser,
  }) => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    try {
      const page = await context.newPage();
      // None of the page's own scripts ever load: what shows is what the server's HTML holds
      // (its frame first, then the streamed dashboard put in place by the HTML's inline scripts).
      let blocked = 0;
      await page.route('**/_next/static/**/*.js', (route) => {
        blocked += 1;
        return route.abort();
      });
      await page.goto(`${operator}/?namespace=shop`);
      await expect(page.getByText(/^\d+ nodes · \d+ edges$/)).toBeVisible();
      // Who is looking came with it (the session answer): the header is complete too.
      await expect(page.getByTestId('signed-in-user')).toHaveText('olivia.operator');
      await expect(page.getByText(LOADING)).toHaveCount(0);
      expect(blocked).toBeGreaterThan(0);
      await page.screenshot({ path: '.weir/screenshots/first-paint.png' });
    } finally {
      await context.close();
    }
  });

  test('a past point in time is in the first HTML too', async ({ page }) => {
    const sawLoading = await watchForText(page, LOADING);
    const at = new Date().toISOString();
    const html = await firstHtml(await page.goto(`${operator}/?at=${encodeURIComponent(at)}`));
    expect(html).toContain('Routing as it was at');
    expect(drawnCount(html)?.nodes).toBeGreaterThan(0);
    expect(html).not.toContain(LOADING);
    await expect(page.getByTestId('weight:VirtualService/shop/catalog/http/0/1')).toHaveText('10%');
    await expect(page.getByRole('slider')).toHaveCount(0);
    expect(await sawLoading()).toBe(false);
  });

  test('a folder of manifests: the first HTML holds its graph', async ({ page }) => {
    const sawLoading = await watchForText(page, LOADING);
    const html = await firstHtml(await page.goto(`${files}/`));
    expect(drawnCount(html)?.nodes).toBeGreaterThan(0);
    expect(html).toContain('shop.example.com');
    await expect(page.getByTestId('weight:VirtualService/shop/catalog/http/0/1')).toBeVisible();
    expect(await sawLoading()).toBe(false);
  });

  test('a view the server cannot read is left to the browser, which says why as before', async ({ page }) => {
    const html = await firstHtml(await page.goto(`${operator}/?namespace=Not_A_Namespace`));
    expect(drawnCount(html)).toBeUndefined();
    await expect(page.getByText('Weir could not load the mesh.')).toBeVisible();
    await expect(page.getByText(/namespace:/)).toBeVisible();
  });
});

test.describe('the first paint and sign-in', () => {
  test('signed in with a token: the first HTML holds the person’s own view', async ({ playwright }) => {
    const browserless = await playwright.request.newContext({ baseURL: token });
    try {
      const signIn = await browserless.post('/api/auth/sign-in', {
        headers: { 'x-weir-csrf': '1', origin: token },
        data: { token: tokenOf('operator') },
      });
      expect(signIn.status()).toBe(200);
      const html = await firstHtml(await browserless.get('/?namespace=shop'));
      expect(drawnCount(html)?.nodes).toBeGreaterThan(0);
      expect(html).toContain('olivia.operator');
      expect(html).not.toContain(LOADING);
    } finally {
      await browserless.dispose();
    }
  });

  for (const [mode, weir] of [
    ['token', token],
    ['oidc', oidc],
  ] as const) {
    test(`${mode}: with no live session nothing is read, and the answer is the sign-in page, told why`, async ({
      request,
    }) => {
      const forged = await request.get(`${weir}/?namespace=shop`, {
        headers: { cookie: 'weir_session=forged-or-expired' },
        maxRedirects: 0,
      });
      expect(forged.status()).toBe(307);
      expect(forged.headers().location).toBe('/sign-in?error=session_expired&next=%2F%3Fnamespace%3Dshop');
      expect(await forged.text()).not.toContain('shop.example.com');
      // No cookie at all: the sign-in page, as before (proxy.ts).
      const none = await request.get(`${weir}/`, { maxRedirects: 0 });
      expect(none.status()).toBe(307);
      expect(new URL(none.headers().location ?? '', weir).pathname).toBe('/sign-in');
    });
  }
});

import { mkdirSync } from 'node:fs';
import { expect, type Locator, type Page, test } from '@playwright/test';
import { kubeRequest } from '../lib/kube/request';
import { clusterAs } from './support/cluster';
import { type RawObject, readObject, restoreSpec } from './support/routing-objects';

const SHOTS = '.weir/screenshots/routing-editor';
mkdirSync(SHOTS, { recursive: true });

const saved: Array<[Parameters<typeof restoreSpec>[0], RawObject]> = [];
async function keep(plural: Parameters<typeof restoreSpec>[0], name: string) {
  saved.push([plural, await readObject(plural, 'shop', name)]);
}

async function select(page: Page, nodeId: string): Promise<Locator> {
  await page.goto('/?namespace=shop');
  await page.locator(`.react-flow__node[data-id="${nodeId}"]`).click();
  const editor = page.getByTestId('object-editor');
  await expect(editor).toBeVisible();
  return editor;
}

function section(editor: Locator, title: string): Locator {
  return editor.locator('details').filter({ has: editor.page().locator('summary', { hasText: title }) });
}

async function open(editor: Locator, title: string): Promise<Locator> {
  const details = section(editor, title);
  if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open)))
    await details.locator('summary').click();
  return details;
}

/** Preview, read the routing summary, screenshot, apply. */
/** The timeout of checkout's second route (its default route) as the cluster holds it. */
const timeoutInCluster = async () =>
  (await readObject('virtualservices', 'shop', 'checkout')).spec.http?.[1]?.timeout;

async function previewAndApply(page: Page, editor: Locator, summary: string | RegExp, shot: string) {
  await editor.getByRole('button', { name: 'Preview' }).last().click();
  const review = page.getByTestId('review-panel');
  await expect(review.getByTestId('review-summary')).toContainText(summary);
  await expect(review.getByTestId('yaml-diff')).toBeVisible();
  await page
    .getByRole('complementary', { name: 'Inspector' })
    .screenshot({ path: `${SHOTS}/${shot}-review.png` });
  await review.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByTestId('review-applied')).toBeVisible();
}

test.describe('routing editor', () => {
  test.afterEach(async () => {
    for (const [plural, object] of saved.splice(0)) await restoreSpec(plural, object);
  });

  test('adds a header-matched A/B route above the default route', async ({ page }) => {
    await keep('virtualservices', 'checkout');
    const editor = await select(page, 'vs:shop/checkout');
    await page
      .getByRole('complementary', { name: 'Inspector' })
      .screenshot({ path: `${SHOTS}/virtual-service.png` });
    await editor.getByRole('button', { name: 'New route' }).click();
    const match = await open(editor, 'Match');
    await match.getByRole('button', { name: 'Add match block' }).click();
    await match.getByRole('button', { name: 'Add header' }).click();
    await match.getByLabel('Header 1 name').fill('end-user');
    await match.getByLabel('Header 1 value').fill('jason');
    const destinations = await open(editor, 'Destinations');
    await destinations.getByLabel('Subset').fill('v2');
    await page
      .getByRole('complementary', { name: 'Inspector' })
      .screenshot({ path: `${SHOTS}/route-form.png`, animations: 'disabled' });
    await previewAndApply(page, editor, 'new route http[0] for header end-user=jason → v2', 'ab-route');
    await expect
      .poll(async () =>
        (await readObject('virtualservices', 'shop', 'checkout')).spec.http?.map((r) => r.name ?? r.match),
      )
      .toEqual([[{ headers: { 'end-user': { exact: 'jason' } } }], 'beta-testers', 'default']);
    const first = (await readObject('virtualservices', 'shop', 'checkout')).spec.http?.[0];
    expect(first?.route).toEqual([{ destination: { host: 'checkout', subset: 'v2' } }]);
  });

  test('rewrites /login to /', async ({ page }) => {
    await keep('virtualservices', 'storefront');
    const editor = await select(page, 'vs:shop/storefront');
    await editor.getByRole('button', { name: 'New route' }).click();
    await editor.getByLabel('Position').selectOption({ label: 'before http[2] (storefront)' });
    const match = await open(editor, 'Match');
    await match.getByRole('button', { name: 'Add match block' }).click();
    await match.getByLabel('URI (match 1) value').fill('/login');
    const destinations = await open(editor, 'Destinations');
    await destinations.getByLabel('Host').fill('storefront');
    await destinations.getByLabel('Port').fill('80');
    const rewrite = await open(editor, 'Rewrite');
    await rewrite.getByLabel('URI').fill('/');
    await previewAndApply(page, editor, 'new route http[2] for uri /login → storefront:80', 'rewrite');
    await expect
      .poll(async () => (await readObject('virtualservices', 'shop', 'storefront')).spec.http?.[2])
      .toMatchObject({ match: [{ uri: { exact: '/login' } }], rewrite: { uri: '/' } });
  });

  test('mirrors 10% to v2, delays 10% by 5 s, retries 3 × 2 s with a 10 s timeout', async ({ page }) => {
    await keep('virtualservices', 'catalog');
    const editor = await select(page, 'route:shop/catalog/http/0');
    const mirror = await open(editor, 'Mirror');
    await mirror.getByLabel('Host').fill('catalog');
    await mirror.getByLabel('Subset').fill('v2');
    await mirror.getByLabel('Percentage').fill('10');
    const fault = await open(editor, 'Fault injection');
    await fault.getByLabel('Delay', { exact: true }).fill('5 s');
    await expect(fault.getByRole('alert')).toContainText('not a duration');
    await expect(editor.getByRole('button', { name: 'Preview' })).toBeDisabled();
    await fault.getByLabel('Delay', { exact: true }).fill('5s');
    await fault.getByLabel('Delay: % of requests').fill('10');
    const retries = await open(editor, 'Retries and timeout');
    await retries.getByLabel('Attempts').fill('3');
    await retries.getByLabel('Per-try timeout').fill('2s');
    await retries.getByLabel('Timeout', { exact: true }).fill('10s');
    await page
      .getByRole('complementary', { name: 'Inspector' })
      .screenshot({ path: `${SHOTS}/route-features.png` });
    await previewAndApply(page, editor, 'added mirror v2 10%', 'mirror-fault-retries');
    await expect
      .poll(async () => (await readObject('virtualservices', 'shop', 'catalog')).spec.http?.[0])
      .toMatchObject({
        name: 'canary',
        mirror: { host: 'catalog', subset: 'v2' },
        mirrorPercentage: { value: 10 },
        fault: { delay: { fixedDelay: '5s', percentage: { value: 10 } } },
        retries: { attempts: 3, perTryTimeout: '2s' },
        timeout: '10s',
      });
  });

  test('a DestinationRule with three subsets and a circuit breaker', async ({ page }) => {
    await keep('destinationrules', 'catalog');
    const editor = await select(page, 'subset:shop/catalog/v1');
    await expect(editor.getByTestId('subset-pods-0')).toContainText('selects 2 pods');
    await editor.getByRole('button', { name: 'Add subset' }).click();
    await editor.getByLabel('Subset 3 name').fill('v2');
    await expect(editor.getByText('subset name v2 is used more than once').first()).toBeVisible();
    await editor.getByLabel('Subset 3 name').fill('all');
    await editor.getByLabel('Subset 3 labels').fill('app=catalog');
    await expect(editor.getByTestId('subset-pods-2')).toContainText('selects 3 pods');
    const outlier = await open(editor, 'Outlier detection');
    await outlier.getByLabel('Consecutive 5xx errors').fill('5');
    await outlier.getByLabel('Base ejection time').fill('30s');
    await page
      .getByRole('complementary', { name: 'Inspector' })
      .screenshot({ path: `${SHOTS}/destination-rule.png` });
    await previewAndApply(page, editor, 'new subset all (app=catalog)', 'destination-rule');
    await expect
      .poll(async () => (await readObject('destinationrules', 'shop', 'catalog')).spec)
      .toMatchObject({
        subsets: [{ name: 'v1' }, { name: 'v2' }, { name: 'all', labels: { app: 'catalog' } }],
        trafficPolicy: { outlierDetection: { consecutive5xxErrors: 5, baseEjectionTime: '30s' } },
      });
  });

  test('a Gateway serving two hosts over HTTPS', async ({ page }) => {
    await keep('gateways', 'shop-gateway');
    const editor = await select(page, 'gw:shop/shop-gateway');
    const https = editor.getByRole('group', { name: 'Server 2' });
    await https.getByLabel('Hosts').fill('shop.example.com, www.example.com');
    await page.getByRole('complementary', { name: 'Inspector' }).screenshot({ path: `${SHOTS}/gateway.png` });
    await previewAndApply(page, editor, /server https: .*www\.example\.com/, 'gateway');
    await expect
      .poll(async () => (await readObject('gateways', 'shop', 'shop-gateway')).spec.servers?.[1])
      .toMatchObject({
        hosts: ['shop.example.com', 'www.example.com'],
        tls: { mode: 'SIMPLE', credentialName: 'shop-tls' },
      });
  });

  test('an invalid edit is refused by the dry run and the cluster is unchanged', async ({ page }) => {
    const before = await readObject('virtualservices', 'shop', 'catalog');
    const editor = await select(page, 'vs:shop/catalog');
    await editor.getByRole('tab', { name: 'YAML' }).click();
    const code = editor.getByTestId('yaml-editor').locator('.cm-content');
    await code.click();
    await page.keyboard.press('Control+Home');
    await page.keyboard.type('notAField: true\n');
    await page.getByRole('complementary', { name: 'Inspector' }).screenshot({ path: `${SHOTS}/yaml.png` });
    await editor.getByRole('button', { name: 'Preview' }).click();
    const refused = page.getByTestId('review-refused');
    await expect(refused).toContainText('The API server refused this change');
    await expect(refused.getByTestId('refusal-message')).toContainText('unknown field "spec.notAField"');
    await page.getByRole('complementary', { name: 'Inspector' }).screenshot({ path: `${SHOTS}/refused.png` });
    const after = await readObject('virtualservices', 'shop', 'catalog');
    expect(after.metadata.resourceVersion).toBe(before.metadata.resourceVersion);
  });

  test('a value Istio refuses is marked at its field, and nothing is written', async ({ page }) => {
    const before = await readObject('virtualservices', 'shop', 'catalog');
    const editor = await select(page, 'route:shop/catalog/http/0');
    const retries = await open(editor, 'Retries and timeout');
    const timeout = retries.getByLabel('Timeout', { exact: true });
    // Istio refuses a timeout under 1ms (agent.ValidateDuration; the CRD's CEL rule too): Weir's
    // admission rules say so at the field before the API server is asked.
    await timeout.fill('0s');
    await editor.getByRole('button', { name: 'Preview' }).last().click();
    const refused = page.getByTestId('review-refused');
    const words = 'duration must be greater than 1ms';
    await expect(refused).toContainText('Weir refused this change: nothing was written');
    await expect(refused.getByTestId('refusal-message')).toContainText(words);
    await expect(retries.getByRole('alert')).toHaveText(words);
    await expect(timeout).toHaveAttribute('aria-invalid', 'true');
    await expect(timeout).toBeFocused();
    await expect(refused.getByTestId('refusal-fields')).toHaveText(
      'spec.http[0].timeout — marked above, where it was entered',
    );
    await page
      .getByRole('complementary', { name: 'Inspector' })
      .screenshot({ path: `${SHOTS}/refused-at-field.png` });
    expect((await readObject('virtualservices', 'shop', 'catalog')).metadata.resourceVersion).toBe(
      before.metadata.resourceVersion,
    );

    // Another value takes the API server's words off the field; it goes through.
    await timeout.fill('2s');
    await expect(retries.getByRole('alert')).toHaveCount(0);
    await keep('virtualservices', 'catalog');
    await previewAndApply(page, editor, 'timeout 2s', 'timeout-after-refusal');
    await expect
      .poll(async () => (await readObject('virtualservices', 'shop', 'catalog')).spec.http?.[0]?.timeout)
      .toBe('2s');
  });

  test('undoes and redoes a form edit against the cluster; an undo after someone else’s change is refused', async ({
    page,
  }) => {
    await keep('virtualservices', 'checkout');
    expect(await timeoutInCluster()).toBe('10s');
    const editor = await select(page, 'route:shop/checkout/http/1');
    const undo = page.getByRole('button', { name: 'Undo', exact: true });
    const redo = page.getByRole('button', { name: 'Redo', exact: true });
    await expect(undo).toBeDisabled();
    const retries = await open(editor, 'Retries and timeout');
    await retries.getByLabel('Timeout', { exact: true }).fill('3s');
    await previewAndApply(page, editor, 'timeout 10s → 3s', 'undo-timeout');
    await expect.poll(timeoutInCluster).toBe('3s');
    await expect(undo).toBeEnabled();
    await page.screenshot({ path: `${SHOTS}/undo-after-form-edit.png` });

    await undo.click();
    await expect.poll(timeoutInCluster).toBe('10s');
    // The form starts again from what the undo wrote.
    await expect(retries.getByLabel('Timeout', { exact: true })).toHaveValue('10s');
    await expect(redo).toBeEnabled();

    await redo.click();
    await expect.poll(timeoutInCluster).toBe('3s');
    await expect(retries.getByLabel('Timeout', { exact: true })).toHaveValue('3s');

    // Someone else sets another timeout: undoing the edit now would overwrite theirs.
    const current = await readObject('virtualservices', 'shop', 'checkout');
    const http = (current.spec.http ?? []).map((route, i) => (i === 1 ? { ...route, timeout: '7s' } : route));
    await kubeRequest(clusterAs('admin'), {
      method: 'PUT',
      path: '/apis/networking.istio.io/v1/namespaces/shop/virtualservices/checkout',
      body: { ...current, spec: { ...current.spec, http } },
    });
    await undo.click();
    await expect(page.getByRole('alert').filter({ hasText: 'Not undone' })).toHaveText(
      'Not undone: VirtualService shop/checkout has changed since your edit.',
    );
    await page.screenshot({
      path: `${SHOTS}/undo-refused.png`,
      clip: { x: 440, y: 0, width: 1000, height: 100 },
    });
    expect(await timeoutInCluster()).toBe('7s');
  });

  test('Undo pressed while an Apply is saving undoes that Apply once it lands, not the edit before it', async ({
    page,
  }) => {
    await keep('virtualservices', 'checkout');
    const editor = await select(page, 'route:shop/checkout/http/1');
    const undo = page.getByRole('button', { name: 'Undo', exact: true });
    const retries = await open(editor, 'Retries and timeout');
    await retries.getByLabel('Timeout', { exact: true }).fill('3s');
    await previewAndApply(page, editor, 'timeout 10s → 3s', 'undo-during-apply-first');
    await expect.poll(timeoutInCluster).toBe('3s');

    // The second Apply's write is held on its way to the server.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let held = 0;
    await page.route('**/api/changes', async (route) => {
      held++;
      if (held === 1) await gate;
      await route.continue();
    });
    await retries.getByLabel('Timeout', { exact: true }).fill('5s');
    await editor.getByRole('button', { name: 'Preview' }).last().click();
    const review = page.getByTestId('review-panel');
    await expect(review.getByTestId('review-summary')).toContainText('timeout 3s → 5s');
    await review.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => held).toBe(1);
    await undo.click();
    release();
    // The Apply landed (5s), then its undo: back to 3s — the first edit stands. (The review's
    // "applied" may be gone by then: the undo's rewrite starts the open editor again.)
    await expect.poll(timeoutInCluster).toBe('3s');
    await expect(page.getByRole('button', { name: 'Redo', exact: true })).toBeEnabled();
    await expect(page.getByRole('alert').filter({ hasText: 'Not undone' })).toHaveCount(0);
  });

  test('in the YAML tab, a refusal is marked at the line it names', async ({ page }) => {
    const before = await readObject('virtualservices', 'shop', 'catalog');
    const editor = await select(page, 'vs:shop/catalog');
    await editor.getByRole('tab', { name: 'YAML' }).click();
    await editor.getByTestId('yaml-editor').locator('.cm-content').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText(
      [
        'hosts:',
        '  - catalog',
        'http:',
        '  - name: canary',
        '    route:',
        '      - destination:',
        '          host: catalog',
        '          subset: v1',
        '    timeout: 0s',
        '',
      ].join('\n'),
    );
    await editor.getByRole('button', { name: 'Preview' }).click();
    const refused = page.getByTestId('review-refused');
    await expect(refused).toContainText('Weir refused this change');
    await expect(editor.locator('.cm-lintRange-error')).toHaveText('0s');
    await expect(refused.getByTestId('refusal-fields')).toHaveText(
      'spec.http[0].timeout — marked above, where it was entered',
    );
    await editor.locator('.cm-lintRange-error').hover();
    await expect(page.locator('.cm-tooltip-lint')).toContainText('duration must be greater than 1ms');
    await page
      .getByRole('complementary', { name: 'Inspector' })
      .screenshot({ path: `${SHOTS}/refused-in-yaml.png` });
    expect((await readObject('virtualservices', 'shop', 'catalog')).metadata.resourceVersion).toBe(
      before.metadata.resourceVersion,
    );
  });

  test('a subset no DestinationRule defines is refused by Weir’s rules and marked at its field', async ({
    page,
  }) => {
    const before = await readObject('virtualservices', 'shop', 'catalog');
    const editor = await select(page, 'route:shop/catalog/http/0');
    const destinations = await open(editor, 'Destinations');
    const subset = destinations.getByLabel('Subset').nth(1);
    await subset.fill('v9');
    await editor.getByRole('button', { name: 'Preview' }).last().click();
    const refused = page.getByTestId('review-refused');
    await expect(refused).toContainText('Weir refused this change: nothing was written');
    // Said under the destination's row (its columns are narrow), which comes into view.
    const alert = destinations.getByRole('alert');
    await expect(alert).toHaveText(
      'Subset: Subset "v9" of host "catalog" is not defined (its DestinationRules define v1, v2).',
    );
    await expect(alert).toBeInViewport();
    await expect(refused.getByTestId('refusal-fields')).toHaveText(
      'spec.http[0].route[1].destination.subset — marked above, where it was entered',
    );
    await page
      .getByRole('complementary', { name: 'Inspector' })
      .screenshot({ path: `${SHOTS}/refused-subset.png` });
    expect((await readObject('virtualservices', 'shop', 'catalog')).metadata.resourceVersion).toBe(
      before.metadata.resourceVersion,
    );
  });
});

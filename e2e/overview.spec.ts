import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { inParallel, scaleManifests } from '../bench/support/scale-mesh';
import { applyManifests, deleteManifests, type Manifest } from '../lib/kube/apply-manifests';
import { clusterAs } from './support/cluster';

// bench/scale.ts's generated mesh at 60 VirtualServices: three namespaces of twenty, about 540
// nodes, past the 300 the page draws whole; each namespace's testers route into the next.
const SIZE = 60;
const prefix = `ovw${randomBytes(2).toString('hex')}`;
const teams = [0, 1, 2].map((n) => `${prefix}-${n}`);

function generated(): Manifest[] {
  const renamed = JSON.parse(
    JSON.stringify(scaleManifests(SIZE)).replaceAll('team-', `${prefix}-`),
  ) as Manifest[][];
  // The shared ingress (istio-system) is the demo's already; only the teams' objects are added.
  return renamed
    .flat()
    .filter(
      (manifest) =>
        manifest.metadata.namespace?.startsWith(prefix) || manifest.metadata.name.startsWith(prefix),
    );
}

test.describe('the all-namespaces view of a large mesh', () => {
  test.describe.configure({ timeout: 240_000 });
  const manifests = generated();

  test.beforeAll(async () => {
    test.setTimeout(240_000);
    const admin = clusterAs('admin');
    const namespaces = manifests.filter((manifest) => manifest.kind === 'Namespace');
    await applyManifests(admin, namespaces);
    await inParallel(
      manifests.filter((manifest) => manifest.kind !== 'Namespace'),
      8,
      (manifest) => applyManifests(admin, [manifest], 'weir-e2e'),
    );
  });

  test.afterAll(async () => {
    test.setTimeout(240_000);
    // Namespaces cannot be deleted without a controller manager; what they hold can.
    await inParallel(
      manifests.filter((manifest) => manifest.kind !== 'Namespace'),
      8,
      (manifest) => deleteManifests(clusterAs('admin'), [manifest]),
    );
  });

  test('opens as one card per namespace, never loads the mesh, and a card opens its namespace', async ({
    page,
  }) => {
    const wholeSnapshots: string[] = [];
    page.on('request', (request) => {
      const address = new URL(request.url());
      if (address.pathname === '/api/snapshot' && !address.searchParams.has('namespace'))
        wholeSnapshots.push(request.url());
    });
    await page.goto('/');
    const card = page.getByTestId(`namespace-card:${teams[0]}`);
    await expect(card).toContainText('20 VirtualServices · 40 routes', { timeout: 30_000 });
    await expect(card).toContainText('20 services · 40 workloads');
    await expect(card).toContainText('1 gateway · fan-in 10 bindings');
    await expect(card).toContainText('no problems');
    await expect(page.getByTestId('namespace-card:shop')).toBeVisible();
    await expect(page.getByText(/one card per namespace/)).toBeVisible();
    await page.screenshot({ path: test.info().outputPath('overview.png') });
    expect(wholeSnapshots).toEqual([]);

    await card.click();
    await expect(page).toHaveURL(new RegExp(`namespace=${teams[0]}$`));
    // The namespace's own graph (React Flow mounts only the nodes in sight: none in particular is asked for).
    await expect(page.getByText(/\d+ nodes · \d+ edges/)).toBeVisible({ timeout: 30_000 });
    await expect(page.locator('.react-flow__node').first()).toContainText(teams[0] as string);
    expect(wholeSnapshots).toEqual([]);
    // Back returns to the overview.
    await page.goBack();
    await expect(page.getByTestId(`namespace-card:${teams[1]}`)).toBeVisible({ timeout: 30_000 });
  });

  test('the search finds the namespace holding a host, and opens it', async ({ page }) => {
    await page.goto('/');
    const search = page.getByRole('searchbox', { name: 'Search the mesh by host or name' });
    await search.fill(`svc-4.${teams[2]}.example`);
    const results = page.getByRole('list', { name: 'Search results' });
    await expect(results.getByRole('button')).toHaveCount(1);
    await expect(results).toContainText(`VirtualService svc-4 in ${teams[2]}`);
    await results.getByRole('button').click();
    await expect(page).toHaveURL(new RegExp(`namespace=${teams[2]}$`));
    // The namespace's own graph (React Flow mounts only the nodes in sight: none in particular is asked for).
    await expect(page.getByText(/\d+ nodes · \d+ edges/)).toBeVisible({ timeout: 30_000 });
    await expect(page.locator('.react-flow__node').first()).toContainText(teams[2] as string);
  });
});

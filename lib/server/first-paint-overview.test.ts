import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as getOverview } from '@/app/api/overview/route';
import type { OverviewAnswer } from '../api/overview';
import { OVERVIEW_LIMITS } from '../graph/overview-tally';
import { paintedView as firstPaint, useDemoFolder } from './attack/attack-kit';

describe('the first paint of all namespaces in a large mesh', () => {
  let demo: Awaited<ReturnType<typeof useDemoFolder>>;
  beforeAll(async () => {
    demo = await useDemoFolder();
    // Past the namespace limit before the store first reads the folder.
    const namespaces = Array.from(
      { length: OVERVIEW_LIMITS.namespaces },
      (_, i) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team-${i}\n`,
    );
    await writeFile(join(demo.folder, '90-teams.yaml'), namespaces.join('---\n'));
  });
  afterAll(() => demo.cleanup());

  it('holds the overview, as GET /api/overview answers it, and not the mesh', async () => {
    const first = await firstPaint(new Headers(), new URLSearchParams());
    const answered = (await (
      await getOverview(new Request('http://weir.test/api/overview'))
    ).json()) as OverviewAnswer;
    expect(first.overview?.large).toBe(true);
    expect(first.overview).toEqual(answered);
    expect(first.snapshot).toBeUndefined();
    const one = await firstPaint(new Headers(), new URLSearchParams('namespace=shop'));
    expect(one.snapshot?.objects['VirtualService/shop/catalog']).toBeDefined();
    expect(one.overview).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import type { NamespaceSummary, OverviewAnswer } from '../api/overview';
import { namespaceCardSize } from './namespace-card';
import { ZERO_COUNTS } from './namespace-contribution';
import { gridLayout, layoutOverview, OVERVIEW_ELK_LIMIT } from './overview-layout';

function summary(name: string, virtualServices = 20): NamespaceSummary {
  return {
    name,
    counts: { ...ZERO_COUNTS, virtualServices, routes: 2 * virtualServices, workloads: 40 },
    nodes: 0,
    problems: { errors: name.length % 3, warnings: 1 },
    gatewayFanIn: 10,
  };
}

// Each namespace routes into the next, as bench/scale.ts's mesh does.
function chain(count: number): Pick<OverviewAnswer, 'namespaces' | 'links'> {
  const namespaces = Array.from({ length: count }, (_, i) =>
    summary(`team-${i}${i % 7 === 0 ? '-with-a-long-name' : ''}`),
  );
  const links = namespaces.map((from, i) => ({
    source: from.name,
    target: namespaces[(i + 1) % count]?.name ?? from.name,
    kind: 'route' as const,
    count: 4,
  }));
  return { namespaces, links };
}

function overlaps(
  overview: Pick<OverviewAnswer, 'namespaces'>,
  at: Record<string, { x: number; y: number }>,
) {
  const boxes = overview.namespaces.map((s) => ({
    ...namespaceCardSize(s),
    ...(at[s.name] as { x: number; y: number }),
  }));
  const found: string[] = [];
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i];
      const b = boxes[j];
      if (
        a &&
        b &&
        a.x < b.x + b.width &&
        b.x < a.x + a.width &&
        a.y < b.y + b.height &&
        b.y < a.y + a.height
      )
        found.push(`${i}/${j}`);
    }
  return found;
}

describe('layoutOverview', () => {
  it('places every namespace, none over another, with elk up to its limit', async () => {
    for (const count of [1, 3, 50]) {
      const overview = chain(count);
      const at = await layoutOverview(overview);
      expect(Object.keys(at).sort()).toEqual(overview.namespaces.map((s) => s.name).sort());
      expect(overlaps(overview, at)).toEqual([]);
    }
  }, 30_000);

  it('a chain of namespaces wraps into rows rather than one long line', async () => {
    const overview = chain(50);
    const at = Object.values(await layoutOverview(overview));
    const width = Math.max(...at.map((p) => p.x)) - Math.min(...at.map((p) => p.x));
    const height = Math.max(...at.map((p) => p.y)) - Math.min(...at.map((p) => p.y));
    expect(width).toBeLessThan(height * 6);
  }, 30_000);

  it('past the limit, a grid in the order given, columns as wide as their widest card', async () => {
    const overview = chain(OVERVIEW_ELK_LIMIT + 200);
    const at = await layoutOverview(overview);
    expect(at).toEqual(gridLayout(overview.namespaces));
    expect(overlaps(overview, at)).toEqual([]);
    const first = at['team-0-with-a-long-name'];
    const second = at['team-1'];
    expect(first && second && first.y === second.y && first.x < second.x).toBe(true);
  });
});

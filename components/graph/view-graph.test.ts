import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildGraph } from '@/lib/graph/build-graph';
import { applyChange, type MeshChange } from '@/lib/mesh/changes';
import type { MeshSnapshot, VirtualService } from '@/lib/mesh/types';
import { validate } from '@/lib/validate/validate';
import { snapshotFromYaml } from '@/lib/validate/yaml-fixtures';
import { nextViewGraph } from './view-graph';

const demoDir = fileURLToPath(new URL('../../demo/mesh', import.meta.url));
const demo = snapshotFromYaml(
  readdirSync(demoDir)
    .filter((name) => name.endsWith('.yaml'))
    .map((name) => ({ file: name, text: readFileSync(path.join(demoDir, name), 'utf8') })),
);
const CATALOG = 'VirtualService/shop/catalog';
const target = { kind: 'VirtualService', namespace: 'shop', name: 'catalog' } as const;

function changed(snapshot: MeshSnapshot, change: MeshChange, resourceVersion?: string): MeshSnapshot {
  const object = applyChange(snapshot.objects[CATALOG] as VirtualService, change);
  const next = resourceVersion ? { ...object, metadata: { ...object.metadata, resourceVersion } } : object;
  return { ...snapshot, objects: { ...snapshot.objects, [CATALOG]: next } };
}

function setWeights(weights: number[]): MeshChange {
  return { kind: 'SetWeights', target, routeKind: 'http', routeIndex: 0, weights };
}

/** What a whole build draws: the patched graph must be the same. */
function whole(view: MeshSnapshot, namespaces?: string[]) {
  const findings = validate(view);
  return { findings, graph: buildGraph(view, findings, { namespaces }) };
}

const sorted = (findings: readonly { code: string; path: string; message: string }[]) =>
  findings.map((f) => `${f.code} ${f.path} ${f.message}`).sort();

describe('nextViewGraph: a drag never builds the graph again', () => {
  it('builds a view once, and a canary step (pending, then landed with a new version) not at all', () => {
    const first = nextViewGraph(undefined, demo, ['shop'], undefined);
    expect(first.builds).toBe(1);
    const pending = changed(demo, setWeights([70, 30]));
    const step = nextViewGraph(first, pending, ['shop'], undefined);
    expect(step.builds).toBe(1);
    expect(step.findings).toBe(first.findings);
    expect(step.graph).toEqual(whole(pending, ['shop']).graph);
    const landed = changed(demo, setWeights([70, 30]), '999');
    const saved = nextViewGraph(step, landed, ['shop'], undefined);
    expect(saved.builds).toBe(1);
    expect(saved.graph).toEqual(whole(landed, ['shop']).graph);
    // Only the edges of the moved route are new objects: the canvas re-renders those alone.
    const moved = saved.graph.edges.filter((edge, i) => edge !== first.graph.edges[i]);
    expect(moved.map((edge) => edge.id).sort()).toEqual(
      first.graph.edges
        .filter((edge) => edge.ref?.name === 'catalog' && edge.kind === 'weight')
        .map((e) => e.id)
        .sort(),
    );
    expect(saved.graph.nodes).toBe(first.graph.nodes);
  });

  it('builds whole when the weights bring a new finding (a total that is not 100)', () => {
    const first = nextViewGraph(undefined, demo, undefined, undefined);
    const odd = { ...demo, objects: { ...demo.objects } };
    const vs = structuredClone(odd.objects[CATALOG] as VirtualService);
    const canaryBase = vs.spec.http?.[0]?.route?.[0];
    if (canaryBase) canaryBase.weight = 50;
    odd.objects[CATALOG] = vs;
    const next = nextViewGraph(first, odd, undefined, undefined);
    expect(next.builds).toBe(2);
    expect(sorted(next.findings)).toContain(
      sorted(validate(odd)).find((line) => line.startsWith('VS_WEIGHTS_NOT_100')),
    );
    expect(next.graph).toEqual(whole(odd).graph);
  });

  it('builds whole when anything but weights changed: a destination added, another view, a search', () => {
    const first = nextViewGraph(undefined, demo, undefined, undefined);
    const added = changed(demo, {
      kind: 'AddDestination',
      target,
      routeKind: 'http',
      routeIndex: 0,
      destination: { host: 'catalog', subset: 'v3' },
    } as MeshChange);
    expect(nextViewGraph(first, added, undefined, undefined).builds).toBe(2);
    expect(nextViewGraph(first, demo, ['shop'], undefined).builds).toBe(2);
    expect(nextViewGraph(first, demo, undefined, 'catalog').builds).toBe(2);
  });

  it('draws any canary step as a whole build would', () => {
    const first = nextViewGraph(undefined, demo, undefined, undefined);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 }), fc.boolean(), (canary, landed) => {
        const view = changed(demo, setWeights([100 - canary, canary]), landed ? '42' : undefined);
        const next = nextViewGraph(first, view, undefined, undefined);
        const expected = whole(view);
        expect(next.graph).toEqual(expected.graph);
        expect(sorted(next.findings)).toEqual(sorted(expected.findings));
      }),
      { numRuns: 60 },
    );
  });
});

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

describe('nextViewGraph: a Gateway API canary step never builds the graph again either', () => {
  const mesh = snapshotFromYaml([
    {
      file: 'gateway-api.yaml',
      text: `
apiVersion: v1
kind: Service
metadata: { name: cart-v1, namespace: shop }
spec: { ports: [{ name: http, port: 8080 }] }
---
apiVersion: v1
kind: Service
metadata: { name: cart-v2, namespace: shop }
spec: { ports: [{ name: http, port: 8080 }] }
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: { name: edge, namespace: shop }
spec:
  gatewayClassName: istio
  listeners: [{ name: http, port: 80, protocol: HTTP }]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: cart, namespace: shop }
spec:
  parentRefs: [{ name: edge }]
  rules:
    - backendRefs:
        - { name: cart-v1, port: 8080, weight: 9 }
        - { name: cart-v2, port: 8080 }
`,
    },
  ]);
  const ROUTE = 'HTTPRoute/shop/cart';
  const route = { kind: 'HTTPRoute', namespace: 'shop', name: 'cart' } as const;
  const step = (snapshot: MeshSnapshot, weights: number[], resourceVersion?: string): MeshSnapshot => {
    const object = applyChange(
      snapshot.objects[ROUTE] as never,
      {
        kind: 'SetBackendWeights',
        target: route,
        routeKind: 'rules',
        routeIndex: 0,
        weights,
      } as MeshChange,
    );
    const next = resourceVersion ? { ...object, metadata: { ...object.metadata, resourceVersion } } : object;
    return { ...snapshot, objects: { ...snapshot.objects, [ROUTE]: next } };
  };

  it('patches the rule’s shares and relative weights as a whole build draws them', () => {
    const first = nextViewGraph(undefined, mesh, undefined, undefined);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 }), fc.boolean(), (canary, landed) => {
        const view = step(mesh, [100 - canary, canary], landed ? '7' : undefined);
        const next = nextViewGraph(first, view, undefined, undefined);
        expect(next.builds).toBe(1);
        expect(next.graph).toEqual(whole(view).graph);
        expect(sorted(next.findings)).toEqual(sorted(whole(view).findings));
        expect(next.graph.nodes).toBe(first.graph.nodes);
      }),
      { numRuns: 40 },
    );
  });

  it('builds whole when the weights bring a finding (every weight 0)', () => {
    const first = nextViewGraph(undefined, mesh, undefined, undefined);
    const zero = structuredClone(mesh.objects[ROUTE]) as {
      spec: { rules: { backendRefs: { weight?: number }[] }[] };
    };
    for (const backend of zero.spec.rules[0]?.backendRefs ?? []) backend.weight = 0;
    const view = { ...mesh, objects: { ...mesh.objects, [ROUTE]: zero as never } };
    const next = nextViewGraph(first, view, undefined, undefined);
    expect(next.builds).toBe(2);
    expect(sorted(next.findings).some((line) => line.startsWith('GWAPI_WEIGHTS_ZERO'))).toBe(true);
    expect(next.graph).toEqual(whole(view).graph);
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../graph/build-graph';
import { validate } from '../validate';
import { snapshotFromYaml } from '../validate/yaml-fixtures';
import { decodeTrace, encodeTrace } from './permalink';
import { type TraceInput, traceInputSchema } from './request';
import { traceRequest } from './trace';
import { tracePath } from './trace-path';

const demo = join(__dirname, '../../demo/mesh');
const snapshot = snapshotFromYaml(
  readdirSync(demo).map((file) => ({ file, text: readFileSync(join(demo, file), 'utf8') })),
);
const graph = buildGraph(snapshot, validate(snapshot));

describe('tracePath', () => {
  it('runs from the gateway through the matched route to the weighted subsets and their pods', () => {
    const result = traceRequest(snapshot, {
      entry: { kind: 'mesh', namespace: 'shop' },
      request: { port: 8080, authority: 'catalog', path: '/' },
    });
    const path = tracePath(graph, result);
    expect([...path.nodes]).toEqual(
      expect.arrayContaining([
        'vs:shop/catalog',
        'route:shop/catalog/http/0',
        expect.stringMatching(/^subset:/),
        expect.stringMatching(/^workload:/),
      ]),
    );
    expect([...path.edges].filter((id) => id.startsWith('weight:'))).toHaveLength(2);
    const viaGateway = tracePath(
      graph,
      traceRequest(snapshot, {
        entry: { kind: 'gateway', namespace: 'shop', name: 'shop-gateway' },
        request: { port: 443, authority: 'shop.example.com', path: '/api/catalog/x' },
      }),
    );
    expect(viaGateway.nodes).toContain('gw:shop/shop-gateway');
    expect([...viaGateway.edges].some((id) => id.startsWith('binds:gw:shop/shop-gateway'))).toBe(true);
    // Every id is one the graph draws.
    const ids = new Set([...graph.nodes.map((n) => n.id), ...graph.edges.map((e) => e.id)]);
    for (const id of [...viaGateway.nodes, ...viaGateway.edges]) expect(ids).toContain(id);
  });
});

describe('trace permalinks', () => {
  it('read back what they were made of, unicode included; anything else reads as nothing', () => {
    const input: TraceInput = {
      entry: { kind: 'gateway', namespace: 'shop', name: 'shop-gateway' },
      request: { port: 443, authority: 'shop.example.com', path: '/ünï?q=✓', headers: { 'x-a': 'ß' } },
    };
    expect(decodeTrace(encodeTrace(input))).toEqual(input);
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.base64String()), (garbage) => {
        const read = decodeTrace(garbage);
        return read === undefined || traceInputSchema.safeParse(read).success;
      }),
    );
    expect(decodeTrace('not base64 !')).toBeUndefined();
    expect(decodeTrace(btoa('{"entry":1}'))).toBeUndefined();
  });
});

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { GATEWAY_ROUTE_KINDS, type GatewayRoute } from '../../mesh/gateway-api-types';
import { keyOf } from '../../mesh/object-key';
import { parseObject } from '../../mesh/parse';
import type { MeshSnapshot, StoredObject } from '../../mesh/types';
import { buildGraph } from '../build-graph';
import { backendEdgeId, gatewayRouteId, kubeGatewayId } from './ids';

// The Gateway API project's own examples (../shared/corpus/gateway-api, see SOURCES.md). Each
// file is drawn with the objects of the folder it refers to — the Gateways its routes name,
// and the Namespaces (their labels decide allowedRoutes selectors) — but never another
// version of an object the file itself defines (traffic-splitting-* are one route, three ways).
const repoRoot = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..', '..');
const corpus = path.join(
  process.env.WEIR_CORPUS ?? path.resolve(repoRoot, '..', 'shared', 'corpus'),
  'gateway-api',
);
const present = existsSync(corpus);
if (!present) console.warn(`Gateway API corpus tests skipped: no corpus at ${corpus} (set WEIR_CORPUS)`);

const files = present
  ? readdirSync(corpus)
      .filter((file) => /\.ya?ml$/.test(file))
      .sort()
  : [];

function objectsOf(file: string): StoredObject[] {
  return parseAllDocuments(readFileSync(path.join(corpus, file), 'utf8')).flatMap((doc, document) => {
    if (doc.errors.length > 0) return [];
    const object = parseObject(doc.toJS(), { file, document, line: 1 });
    return object ? [object] : [];
  });
}

const isRoute = (object: StoredObject): object is GatewayRoute =>
  (GATEWAY_ROUTE_KINDS as readonly string[]).includes(object.kind);

/** The file's objects, and from the rest of the folder the Gateways its routes name and every Namespace. */
export function gatewayApiSnapshot(file: string): MeshSnapshot {
  const own = objectsOf(file);
  const objects: Record<string, StoredObject> = {};
  for (const object of own) objects[keyOf(object)] = object;
  const wanted = new Set(
    own
      .filter(isRoute)
      .flatMap((route) =>
        (route.spec.parentRefs ?? []).map(
          (ref) => `KubernetesGateway/${ref.namespace ?? route.metadata.namespace ?? ''}/${ref.name}`,
        ),
      ),
  );
  // The same example's other files first (`http-routing-gateway.yaml` for `http-routing-foo-httproute.yaml`):
  // several examples name a Gateway `example-gateway`, each its own.
  const shared = (other: string) => {
    let n = 0;
    while (n < file.length && file[n] === other[n]) n++;
    return n;
  };
  const others = files.filter((f) => f !== file).sort((a, b) => shared(b) - shared(a) || (a < b ? -1 : 1));
  for (const other of others.flatMap(objectsOf)) {
    const key = keyOf(other);
    if (objects[key]) continue;
    if (other.kind === 'Namespace' || wanted.has(key)) objects[key] = other;
  }
  return {
    sequence: 1,
    objects,
    sync: { backend: 'files', source: corpus, demo: false, synced: true, syncedAt: '2025-01-01T00:00:00Z' },
  };
}

describe.skipIf(!present)(
  present ? `Gateway API corpus drawn (${corpus})` : `Gateway API corpus: absent (${corpus})`,
  () => {
    it('finds the examples', () => {
      expect(files.length).toBeGreaterThan(30);
    });

    it.each(files)('%s: every route, Gateway and backendRef edge with its share', (file) => {
      const snapshot = gatewayApiSnapshot(file);
      const graph = buildGraph(snapshot);
      const nodes = new Set(graph.nodes.map((node) => node.id));
      const edges = new Map(graph.edges.map((edge) => [edge.id, edge]));
      for (const object of Object.values(snapshot.objects)) {
        if (object.kind === 'Invalid')
          throw new Error(`${file}: ${object.ofKind} unreadable: ${object.reason}`);
        const namespace = object.metadata.namespace ?? '';
        if (object.kind === 'KubernetesGateway')
          expect(nodes.has(kubeGatewayId(namespace, object.metadata.name))).toBe(true);
        if (!isRoute(object)) continue;
        expect(nodes.has(gatewayRouteId(object.kind, namespace, object.metadata.name))).toBe(true);
        (object.spec.rules ?? []).forEach((rule, ruleIndex) => {
          const backends = rule.backendRefs ?? [];
          const written = backends.map((backend) => backend.weight ?? 1);
          const total = written.reduce((a, b) => a + b, 0);
          let shares = 0;
          backends.forEach((backend, i) => {
            const id = backendEdgeId(object.kind, namespace, object.metadata.name, ruleIndex, i);
            const edge = edges.get(id);
            expect(edge, `${id} drawn`).toBeDefined();
            expect(edge?.kind).toBe('weight');
            const share = edge?.weight?.weight ?? Number.NaN;
            // Relative weights: weight / total, in whole percent (remainders go to the largest).
            expect(Math.abs(share - ((written[i] ?? 0) * 100) / total), `${id} share`).toBeLessThan(1);
            expect(edge?.weight?.explicit).toBe(backend.weight !== undefined);
            shares += share;
          });
          if (backends.length > 0 && total > 0) expect(shares).toBe(100);
        });
      }
    });
  },
);

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { keyOf } from '../mesh/object-key';
import { parseObject } from '../mesh/parse';
import { routeAddress } from '../mesh/route-address';
import type { MeshSnapshot, StoredObject, VirtualService } from '../mesh/types';
import { buildGraph } from './build-graph';
import { ROUTE_ORDER } from './collect-routes';
import { describeHop } from './describe-hop';
import { serviceEntry } from './egress-fixtures';
import { weightEdgeId } from './ids';
import { columnOf } from './node-size';
import { list, num, record, text } from './read';
import type { MeshGraph } from './types';

// Published Istio configuration from public repositories (see its SOURCES.md), kept beside the
// repository rather than in it; WEIR_CORPUS points elsewhere. Folders hold alternative versions
// of one object that upstream applies one at a time, so each file is drawn on its own.
const repoRoot = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
const corpus = process.env.WEIR_CORPUS ?? path.resolve(repoRoot, '..', 'shared', 'corpus');
const present = existsSync(corpus);
if (!present) console.warn(`lib/graph corpus tests skipped: no corpus at ${corpus} (set WEIR_CORPUS)`);

const files = present
  ? readdirSync(corpus, { recursive: true, encoding: 'utf8' })
      .filter((file) => /\.ya?ml$/.test(file))
      .sort()
  : [];

function snapshotOfFile(file: string): MeshSnapshot {
  const objects: Record<string, StoredObject> = {};
  parseAllDocuments(readFileSync(path.join(corpus, file), 'utf8')).forEach((doc, document) => {
    if (doc.errors.length > 0) return;
    const object = parseObject(doc.toJS(), { file, document, line: 1 });
    if (object) objects[keyOf(object)] = object;
  });
  return {
    sequence: 1,
    objects,
    sync: { backend: 'files', source: corpus, demo: false, synced: true, syncedAt: '2025-01-01T00:00:00Z' },
  };
}

// Routes whose every destination carries a weight and whose weights add up to 100: the graph
// must show exactly what is written there.
function writtenWeights(vs: VirtualService): Array<{ id: string; weight: number }> {
  const namespace = vs.metadata.namespace ?? '';
  return ROUTE_ORDER.flatMap((kind) =>
    list(vs.spec[kind]).flatMap((route, index) => {
      const entries = list(record(route).route).map(record);
      const weights = entries.map((entry) => num(entry.weight));
      const total = weights.reduce<number>((sum, weight) => sum + (weight ?? 0), 0);
      if (entries.length === 0 || weights.some((weight) => weight === undefined) || total !== 100) return [];
      return entries.flatMap((entry, position) =>
        text(record(entry.destination).host)
          ? [
              {
                id: weightEdgeId({
                  ...routeAddress(namespace, vs.metadata.name, kind, index),
                  destinationIndex: position,
                }),
                weight: weights[position] as number,
              },
            ]
          : [],
      );
    }),
  );
}

describe.skipIf(!present)(
  present ? `graph of each corpus file (${corpus})` : `graph corpus: absent (${corpus})`,
  () => {
    it('finds YAML files in the corpus', () => {
      expect(files.length).toBeGreaterThan(0);
    });

    it.each(files)('%s', (file) => {
      const snapshot = snapshotOfFile(file);
      const graph = buildGraph(snapshot);
      const nodes = new Map(graph.nodes.map((node) => [node.id, node]));
      for (const edge of graph.edges) {
        expect(nodes.has(edge.source), `${edge.id} source`).toBe(true);
        expect(nodes.has(edge.target), `${edge.id} target`).toBe(true);
        if (edge.kind !== 'weight') continue;
        expect(nodes.get(edge.source)?.kind, `${edge.id} starts at a route`).toBe('route');
        expect(edge.weight, `${edge.id} carries its weight`).toBeDefined();
      }
      const edges = new Map(graph.edges.map((edge) => [edge.id, edge]));
      for (const object of Object.values(snapshot.objects)) {
        if (object.kind !== 'VirtualService') continue;
        expect(nodes.has(`vs:${object.metadata.namespace ?? ''}/${object.metadata.name}`)).toBe(true);
        for (const { id, weight } of writtenWeights(object)) {
          expect(edges.get(id)?.weight, id).toMatchObject({ weight, explicit: true });
        }
      }
    });
  },
);

/** The path from a node onwards along traffic edges, each step in a column right of the last. */
function forwardChain(graph: MeshGraph, from: string): string[] {
  const column = new Map(graph.nodes.map((node) => [node.id, columnOf(node.kind, node.hop)]));
  const path = [from];
  for (let at: string | undefined = from; at; ) {
    const here: string = at;
    at = graph.edges.find(
      (edge) =>
        edge.source === here &&
        ['weight', 'egress', 'binds', 'entry'].includes(edge.kind) &&
        (column.get(edge.target) ?? -1) > (column.get(here) ?? 0),
    )?.target;
    if (at) path.push(at);
  }
  return path;
}

describe.skipIf(!present)('outbound corpus files draw as one chain', () => {
  it('istio-io-docs/egress-gateway-https.yaml: sidecar → egress gateway → external host (→ its ServiceEntry)', () => {
    const snapshot = snapshotOfFile('istio-io-docs/egress-gateway-https.yaml');
    const start = 'route:/direct-cnn-through-egress-gateway/tls/0';
    const alone = buildGraph(snapshot);
    expect(forwardChain(alone, start)).toEqual([
      start,
      'dest:istio-egressgateway.istio-system.svc.cluster.local|cnn|443',
      'gw:/istio-egressgateway',
      'route:/direct-cnn-through-egress-gateway/tls/1',
      'dest:edition.cnn.com||443',
    ]);
    const hop = alone.edges.find((edge) => edge.kind === 'egress');
    // The file holds no Service for the gateway: the hop is read from the VirtualService, and says so.
    expect(describeHop(hop?.hop)).toBe('443/TLS · SNI edition.cnn.com · PASSTHROUGH · inferred');
    // The task applies this ServiceEntry first (istio.io, Egress Gateways); with it the chain ends there.
    const entry = serviceEntry('', 'cnn', {
      hosts: ['edition.cnn.com'],
      ports: [{ number: 443, name: 'tls', protocol: 'TLS' }],
      resolution: 'DNS',
    });
    const withEntry = buildGraph({ ...snapshot, objects: { ...snapshot.objects, [keyOf(entry)]: entry } });
    expect(forwardChain(withEntry, start).at(-1)).toBe('se:/cnn');
  });

  it('istio-samples/egress-rule-google-apis.yaml: route → www.googleapis.com:443 → ServiceEntry, TLS originated', () => {
    const graph = buildGraph(snapshotOfFile('istio-samples/egress-rule-google-apis.yaml'));
    const start = 'route:/rewrite-port-for-googleapis/http/0';
    expect(forwardChain(graph, start)).toEqual([start, 'dest:www.googleapis.com||443', 'se:/googleapis']);
    const entry = graph.edges.find((edge) => edge.kind === 'entry');
    expect(describeHop(entry?.hop)).toBe('443/HTTPS · originates TLS SIMPLE');
  });
});

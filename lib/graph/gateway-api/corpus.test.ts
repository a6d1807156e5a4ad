import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../build-graph';
import { missingFromGraph } from './corpus-expectations';
import { corpusSnapshot, gatewayApiCorpus } from './corpus-snapshot';

// Every example of the Gateway API project, drawn with the files it refers to: every route
// and Gateway, every backendRef edge with its share. The same through the kube backend:
// lib/store/kube/gateway-api-corpus.int.test.ts.
const repoRoot = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..', '..');
const { folder, present, files } = gatewayApiCorpus(repoRoot);
if (!present) console.warn(`Gateway API corpus tests skipped: no corpus at ${folder} (set WEIR_CORPUS)`);

describe.skipIf(!present)(
  present ? `Gateway API corpus drawn (${folder})` : `Gateway API corpus: absent (${folder})`,
  () => {
    it('finds the examples', () => {
      expect(files.length).toBeGreaterThan(30);
    });

    it.each(files)('%s: every route, Gateway and backendRef edge with its share', (file) => {
      const snapshot = corpusSnapshot(folder, files, file);
      expect(missingFromGraph(snapshot, buildGraph(snapshot))).toEqual([]);
    });

    it('finds what is missing (the check can fail)', () => {
      const snapshot = corpusSnapshot(folder, files, 'traffic-splitting-simple-split.yaml');
      const graph = buildGraph(snapshot);
      const without = { ...graph, edges: graph.edges.filter((edge) => !edge.id.endsWith('/rules/0/1')) };
      expect(missingFromGraph(snapshot, without)).toEqual([
        'weight:HTTPRoute//simple-split/rules/0/1: no weight edge',
        'simple-split rules[0]: shares add up to 90',
      ]);
    });
  },
);

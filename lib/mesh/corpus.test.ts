import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { ISTIO_API_VERSIONS, parseObject, toManifest } from './parse';
import {
  type DestinationRuleSpec,
  ISTIO_KINDS,
  type MeshObject,
  type StoredObject,
  type VirtualService,
} from './types';
import { effectiveWeights } from './weights';

// Published Istio configuration from public repositories (see its SOURCES.md), kept beside
// the repository rather than in it. WEIR_CORPUS points elsewhere.
const repoRoot = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
const corpus = process.env.WEIR_CORPUS ?? path.resolve(repoRoot, '..', 'shared', 'corpus');
const present = existsSync(corpus);
if (!present) console.warn(`lib/mesh corpus tests skipped: no corpus at ${corpus} (set WEIR_CORPUS)`);

interface Document {
  file: string;
  index: number;
  raw: unknown;
}

function readCorpus(): Document[] {
  const files = readdirSync(corpus, { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.ya?ml$/.test(file))
    .sort();
  return files.flatMap((file) =>
    parseAllDocuments(readFileSync(path.join(corpus, file), 'utf8')).map((doc, index) => ({
      file,
      index,
      raw: doc.errors.length > 0 ? undefined : doc.toJS(),
    })),
  );
}

const documents = present ? readCorpus() : [];
const parsed = documents.map((doc) => ({
  ...doc,
  object: parseObject(doc.raw, { file: doc.file, document: doc.index, line: 1 }),
}));

const kindOf = (raw: unknown) =>
  raw && typeof raw === 'object' ? (raw as { kind?: unknown }).kind : undefined;
// Istio's own kinds only: the Gateway API's Gateway (gateway.networking.k8s.io) shares a kind name.
const isIstio = (raw: unknown) =>
  (ISTIO_KINDS as readonly unknown[]).includes(kindOf(raw)) &&
  String((raw as { apiVersion?: unknown } | null)?.apiVersion ?? '').startsWith('networking.istio.io/');

function objectsIn(file: string): StoredObject[] {
  const objects = parsed.filter((p) => p.file === file).flatMap((p) => (p.object ? [p.object] : []));
  expect(objects.length, `${file} holds objects`).toBeGreaterThan(0);
  return objects;
}

function virtualService(file: string, name: string): VirtualService {
  const found = objectsIn(file).find((o) => o.kind === 'VirtualService' && o.metadata.name === name);
  if (!found) throw new Error(`no VirtualService ${name} in ${file}`);
  return found as VirtualService;
}

describe.skipIf(!present)(
  present ? 'corpus' : `corpus (${process.env.WEIR_CORPUS ?? '../shared/corpus'} absent: skipped)`,
  () => {
    it('finds the corpus', () => {
      expect(documents.length).toBeGreaterThan(100);
    });

    it('parses every document without throwing', () => {
      for (const { raw } of documents) expect(() => parseObject(raw)).not.toThrow();
    });

    it('types every Istio document, or says why not', () => {
      const istio = parsed.filter((p) => isIstio(p.raw));
      expect(istio.length).toBeGreaterThan(100);
      for (const { file, index, object } of istio) {
        const where = `${file}#${index}`;
        expect(object, where).toBeDefined();
        if (object?.kind === 'Invalid') expect(object.reason, where).toMatch(/^\S+: .+/);
      }
      // Upstream's broken fixtures are broken in meaning, not in shape: all of it parses.
      const invalid = istio.filter((p) => p.object?.kind === 'Invalid').map((p) => `${p.file}#${p.index}`);
      expect(invalid).toEqual([]);
    });

    it('leaves kinds Weir does not hold alone', () => {
      const others = parsed.filter((p) =>
        ['Deployment', 'Rollout', 'DynamicEnv'].includes(String(kindOf(p.raw))),
      );
      expect(others.length).toBeGreaterThan(0);
      for (const { object } of others) expect(object).toBeUndefined();
    });

    it('writes back every Istio object as it was read', () => {
      for (const { file, index, raw, object } of parsed) {
        if (!object || object.kind === 'Invalid' || !isIstio(raw)) continue;
        const original = structuredClone(raw) as { metadata: Record<string, unknown> };
        // `creationTimestamp: null` means "not set"; Weir leaves it out.
        if (original.metadata.creationTimestamp === null) delete original.metadata.creationTimestamp;
        expect(toManifest(object as MeshObject), `${file}#${index}`).toEqual(original);
      }
    });

    it('reads weighted destinations as numbers (istio-samples reviews 80/20, tcp-echo 80/20)', () => {
      const reviews = virtualService('istio-samples/virtual-service-reviews-80-20.yaml', 'reviews');
      expect(reviews.spec.http?.[0]?.route?.map((d) => d.weight)).toEqual([80, 20]);
      const echo = virtualService('istio-samples/tcp-echo-20-v2.yaml', 'tcp-echo');
      expect(echo.spec.tcp?.[0]?.route?.map((d) => [d.destination.subset, d.weight])).toEqual([
        ['v1', 80],
        ['v2', 20],
      ]);
    });

    it('keeps older API versions as written (argo-rollouts v1alpha3, http and tls splits)', () => {
      const vs = virtualService(
        'argo-rollouts/test-e2e-istio-host-http-tls-split.yaml',
        'istio-host-split-vsvc',
      );
      expect(vs.apiVersion).toBe('networking.istio.io/v1alpha3');
      expect(ISTIO_API_VERSIONS).toContain(vs.apiVersion);
      expect(vs.spec.http?.[0]?.route?.map((d) => d.weight)).toEqual([100, 0]);
      expect(vs.spec.tls?.[0]?.match?.[0]?.sniHosts).toEqual(['istio-host-split']);
    });

    it('reads delegating routes (riskified)', () => {
      const vs = virtualService(
        'riskified-dynamic-environment/kuttl-delegate-virtual-service-00-base.yaml',
        'test-app-vs',
      );
      expect(vs.apiVersion).toBe('networking.istio.io/v1beta1');
      expect(vs.spec.http?.[1]?.delegate).toEqual({
        name: 'test-app-vs-delegated',
        namespace: 'delegate-virtual-service',
      });
      expect(vs.spec.http?.[1]?.route).toBeUndefined();
    });

    it('reads mirrors (istio.io mirroring task)', () => {
      const vs = virtualService('istio-io-docs/mirroring-mirror-v2.yaml', 'httpbin');
      expect(vs.spec.http?.[0]?.mirror).toEqual({ host: 'httpbin', subset: 'v2' });
      expect(vs.spec.http?.[0]?.mirrorPercentage).toEqual({ value: 100 });
    });

    it('keeps a misplaced weight where it was written and weighs as Istio would (kiali)', () => {
      const vs = virtualService('kiali/references-multiple-vs-gateways.yaml', 'reviews1');
      const route = vs.spec.http?.[0]?.route ?? [];
      // Written under destination, so Istio ignores it: the third destination weighs 0.
      expect(route[2]?.destination).toMatchObject({ subset: 'v2', weight: 2 });
      expect(effectiveWeights(route.map((d) => d.weight))).toEqual([34, 66, 0]);
    });

    it('keeps fields Weir does not model (h2UpgradePolicy in istio-samples)', () => {
      const [, , dr] = objectsIn('istio-samples/multicluster-expose-istiod-https.yaml');
      expect(dr?.kind).toBe('DestinationRule');
      const spec = toManifest(dr as MeshObject).spec as DestinationRuleSpec;
      expect(spec.trafficPolicy?.portLevelSettings?.[0]?.connectionPool?.http).toEqual({
        h2UpgradePolicy: 'UPGRADE',
      });
    });

    it('summarises Namespaces and Services found beside the routing', () => {
      const [ns] = objectsIn('riskified-dynamic-environment/kuttl-weighted-routes-00-base.yaml');
      expect(ns).toMatchObject({
        kind: 'Namespace',
        metadata: { name: 'weighted-routes', labels: { 'istio-injection': 'enabled' } },
      });
      const service = objectsIn('argo-rollouts/examples-istio-subset-split.yaml').find(
        (o) => o.kind === 'Service',
      );
      expect(service).toMatchObject({
        spec: { ports: [{ port: 80, targetPort: 'http' }], selector: { app: 'istio-subset-split' } },
      });
    });
  },
);

// Weir's own demo mesh, what a person sees first: every object in it must be typed.
const demo = path.resolve(repoRoot, 'demo', 'mesh');

describe.skipIf(!existsSync(demo))('bundled demo mesh', () => {
  it('parses to typed objects only', () => {
    const files = readdirSync(demo).filter((file) => /\.ya?ml$/.test(file));
    const objects = files.flatMap((file) =>
      parseAllDocuments(readFileSync(path.join(demo, file), 'utf8')).map((doc) => parseObject(doc.toJS())),
    );
    const invalid = objects.filter((o) => o?.kind === 'Invalid');
    expect(invalid).toEqual([]);
    expect(objects.filter((o) => o?.kind === 'VirtualService').length).toBeGreaterThan(0);
  });
});

import { describe, expect, it } from 'vitest';
import { parseObject } from '../../lib/mesh/parse';
import type { MeshObject } from '../../lib/mesh/types';
import { traceRequest } from '../../lib/trace/trace';
import { snapshotOf } from '../../lib/validate/test-fixtures';
import { validate } from '../../lib/validate/validate';
import { disagreement, istioAnswers, oracleBuilt, oraclePath, type TraceCase } from './trace-oracle';

// The outbound policy and Sidecar egress against istiod's own sidecar configuration (the
// trace oracle): a pod in `shop` calls partner.example.org:80, with or without a
// VirtualService for it, a REGISTRY_ONLY Sidecar, a ServiceEntry, a Sidecar that hides it.
// What istiod says here is the evidence for OUTBOUND_HOST_BLOCKED, VS_EXTERNAL_HOST_UNKNOWN
// and SIDECAR_HIDES_HOST (istioctl analyze has no analyzer for any of them).
const built = oracleBuilt();
if (!built) console.warn(`outbound-oracle.test: SKIPPED, ${oraclePath()} is not built`);

const ISTIO = 'networking.istio.io/v1';
const route = {
  apiVersion: ISTIO,
  kind: 'VirtualService',
  metadata: { name: 'partner-api', namespace: 'shop' },
  spec: {
    hosts: ['partner.example.org'],
    http: [{ route: [{ destination: { host: 'partner.example.org' } }] }],
  },
};
const registryOnly = {
  apiVersion: ISTIO,
  kind: 'Sidecar',
  metadata: { name: 'default', namespace: 'shop' },
  spec: { outboundTrafficPolicy: { mode: 'REGISTRY_ONLY' } },
};
const entry = (namespace: string) => ({
  apiVersion: ISTIO,
  kind: 'ServiceEntry',
  metadata: { name: 'partner', namespace },
  spec: {
    hosts: ['partner.example.org'],
    location: 'MESH_EXTERNAL',
    resolution: 'DNS',
    ports: [{ number: 80, name: 'http', protocol: 'HTTP' }],
  },
});
const hides = {
  apiVersion: ISTIO,
  kind: 'Sidecar',
  metadata: { name: 'default', namespace: 'shop' },
  spec: { egress: [{ hosts: ['./*'] }] },
};
// Port 80 has an outbound HTTP listener because a Service in the mesh listens on it.
const web = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'web', namespace: 'shop' },
  spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 80 }] },
};

const CASES: Record<string, object[]> = {
  'allow-any': [],
  'registry-only': [registryOnly],
  'route, allow-any': [route],
  'route, registry-only': [route, registryOnly],
  'route, registry-only, entry': [route, registryOnly, entry('shop')],
  'route, entry hidden by the Sidecar': [route, entry('ext'), hides],
};

describe.skipIf(!built)('the outbound policy against istiod', () => {
  const cases: TraceCase[] = Object.entries(CASES).map(([id, objects]) => {
    const parsed = [...objects, web].map((o) => parseObject(o) as MeshObject);
    return {
      id,
      snapshot: snapshotOf(parsed),
      oracle: {
        id,
        config: objects.map((o) => `${JSON.stringify(o)}\n`).join('---\n'),
        kube: `${JSON.stringify(web)}\n`,
        proxies: [
          {
            id: 'pod',
            type: 'sidecar' as const,
            namespace: 'shop',
            labels: { app: 'client' },
            calls: [
              {
                id: 'call',
                protocol: 'http' as const,
                tls: 'plaintext' as const,
                port: 80,
                host: 'partner.example.org',
                path: '/',
                query: '',
                method: 'GET',
                headers: {},
              },
            ],
          },
        ],
      },
      probes: [],
    };
  });
  const answers = istioAnswers(cases);
  const istio = (id: string) => answers.get(`${id}|pod|call`);
  const weir = (id: string) =>
    traceRequest(cases.find((c) => c.id === id)?.snapshot as TraceCase['snapshot'], {
      entry: { kind: 'mesh', namespace: 'shop' },
      request: { port: 80, authority: 'partner.example.org', path: '/' },
    });
  const codes = (id: string) =>
    validate(cases.find((c) => c.id === id)?.snapshot as TraceCase['snapshot']).map((f) => f.code);

  it('no route, ALLOW_ANY: istiod passes the call through (PassthroughCluster), as the tracer says', () => {
    expect(istio('allow-any')).toMatchObject({
      virtualHost: 'allow_any',
      clusters: [{ name: 'PassthroughCluster' }],
    });
    expect(weir('allow-any').outcome.kind).toBe('passthrough');
  });

  it('no route, REGISTRY_ONLY from a Sidecar: istiod blocks it (block_all, 502), as the tracer now says', () => {
    expect(istio('registry-only')).toMatchObject({
      virtualHost: 'block_all',
      action: 'direct-response',
      status: 502,
    });
    const trace = weir('registry-only');
    expect(
      disagreement(trace, istio('registry-only') as NonNullable<ReturnType<typeof istio>>),
    ).toBeUndefined();
  });

  it('a route to the unregistered host: istiod routes to outbound|80||partner.example.org, a cluster only a ServiceEntry (imported) makes, under either policy', () => {
    for (const id of ['route, allow-any', 'route, registry-only', 'route, entry hidden by the Sidecar']) {
      expect(istio(id), id).toMatchObject({
        virtualService: 'shop/partner-api',
        clusters: [{ name: 'outbound|80||partner.example.org' }],
      });
      // The tracer names the same cluster and says it has no endpoints (503).
      const trace = weir(id);
      expect(
        trace.destinations.map((d) => d.cluster),
        id,
      ).toEqual(['outbound|80||partner.example.org']);
    }
    expect(weir('route, allow-any').destinations[0]?.warnings.join()).toContain('(503)');
    expect(codes('route, allow-any')).toContain('VS_EXTERNAL_HOST_UNKNOWN');
    expect(codes('route, registry-only')).toContain('OUTBOUND_HOST_BLOCKED');
    expect(codes('route, entry hidden by the Sidecar')).toContain('SIDECAR_HIDES_HOST');
    expect(codes('route, registry-only, entry')).not.toContain('OUTBOUND_HOST_BLOCKED');
    expect(istio('route, registry-only, entry')).toMatchObject({
      clusters: [{ name: 'outbound|80||partner.example.org' }],
    });
  });
});

// A Sidecar with a workloadSelector is the sidecar scope of the pods it selects, its
// outboundTrafficPolicy theirs: without one, the mesh config's, not the namespace default
// Sidecar's (ConvertToSidecarScope). Two pods in `shop` call the unregistered host: `client`
// (selected) and `other` (not).
const selecting = (spec: object) => ({
  apiVersion: ISTIO,
  kind: 'Sidecar',
  metadata: { name: 'client-only', namespace: 'shop' },
  spec: { workloadSelector: { labels: { app: 'client' } }, ...spec },
});
const SELECTED: Record<string, object[]> = {
  'selected registry-only': [selecting({ outboundTrafficPolicy: { mode: 'REGISTRY_ONLY' } })],
  'selected without a mode, namespace registry-only': [
    registryOnly,
    selecting({ egress: [{ hosts: ['*/*'] }] }),
  ],
};
const PODS = { client: { app: 'client' }, other: { app: 'other' } };

describe.skipIf(!built)('a workload-selected Sidecar’s outbound policy against istiod', () => {
  const cases: TraceCase[] = Object.entries(SELECTED).map(([id, objects]) => ({
    id,
    snapshot: snapshotOf([...objects, web].map((o) => parseObject(o) as MeshObject)),
    oracle: {
      id,
      config: objects.map((o) => `${JSON.stringify(o)}\n`).join('---\n'),
      kube: `${JSON.stringify(web)}\n`,
      proxies: Object.entries(PODS).map(([pod, labels]) => ({
        id: pod,
        type: 'sidecar' as const,
        namespace: 'shop',
        labels,
        calls: [
          {
            id: 'call',
            protocol: 'http' as const,
            tls: 'plaintext' as const,
            port: 80,
            host: 'partner.example.org',
            path: '/',
            query: '',
            method: 'GET',
            headers: {},
          },
        ],
      })),
    },
    probes: [],
  }));
  const answers = istioAnswers(cases);
  const istio = (id: string, pod: keyof typeof PODS) => answers.get(`${id}|${pod}|call`);
  const weir = (id: string, pod: keyof typeof PODS) =>
    traceRequest(cases.find((c) => c.id === id)?.snapshot as TraceCase['snapshot'], {
      entry: { kind: 'mesh', namespace: 'shop', labels: PODS[pod] },
      request: { port: 80, authority: 'partner.example.org', path: '/' },
    });

  it('REGISTRY_ONLY on the Sidecar selecting the pod: istiod blocks its call alone, and so does the tracer', () => {
    expect(istio('selected registry-only', 'client')).toMatchObject({
      virtualHost: 'block_all',
      status: 502,
    });
    expect(istio('selected registry-only', 'other')).toMatchObject({ virtualHost: 'allow_any' });
    const client = weir('selected registry-only', 'client');
    expect(client.outcome).toMatchObject({ kind: 'direct-response', status: 502 });
    expect(JSON.stringify(client.steps)).toContain('Sidecar shop/client-only');
    expect(weir('selected registry-only', 'other').outcome.kind).toBe('passthrough');
  });

  it('a selecting Sidecar without a mode: its pods take the mesh config’s (ALLOW_ANY), not the namespace default’s REGISTRY_ONLY', () => {
    const id = 'selected without a mode, namespace registry-only';
    expect(istio(id, 'client')).toMatchObject({ virtualHost: 'allow_any' });
    expect(istio(id, 'other')).toMatchObject({ virtualHost: 'block_all', status: 502 });
    expect(weir(id, 'client').outcome.kind).toBe('passthrough');
    expect(weir(id, 'other').outcome).toMatchObject({ kind: 'direct-response', status: 502 });
  });
});

import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { ISTIO_API_VERSIONS, parseObject, toManifest } from './parse';
import type { InvalidObject, MeshObject, Pod, VirtualService } from './types';

const reviews = parseYaml(`
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
  namespace: bookinfo
  resourceVersion: "4711"
  finalizers: [weir.example/keep]
  managedFields:
  - manager: kubectl-client-side-apply
    operation: Update
    time: "2026-01-02T03:04:05Z"
    fieldsType: FieldsV1
    fieldsV1: {"f:spec": {}}
spec:
  hosts: [reviews]
  http:
  - name: canary
    route:
    - destination: {host: reviews, subset: v1}
      weight: 90
    - destination: {host: reviews, subset: v2}
      weight: 10
    futureField: {keep: me}
  tcp:
  - route:
    - destination: {host: reviews, port: {number: 9000}}
status:
  observedGeneration: 3
`);

function typed(raw: unknown): MeshObject {
  const object = parseObject(raw);
  if (!object || object.kind === 'Invalid')
    throw new Error(`expected a typed object, got ${JSON.stringify(object)}`);
  return object;
}

function invalid(raw: unknown): InvalidObject {
  const object = parseObject(raw);
  if (object?.kind !== 'Invalid') throw new Error(`expected an InvalidObject, got ${JSON.stringify(object)}`);
  return object;
}

const withSpec = (kind: string, spec: unknown, apiVersion = 'networking.istio.io/v1') => ({
  apiVersion,
  kind,
  metadata: { name: 'x', namespace: 'ns' },
  spec,
});

describe('parseObject: Istio kinds', () => {
  it('types a VirtualService and keeps every field it does not model', () => {
    const vs = typed(reviews) as VirtualService;
    expect(vs.kind).toBe('VirtualService');
    expect(vs.spec.http?.[0]?.route?.map((d) => d.weight)).toEqual([90, 10]);
    expect((vs.spec.http?.[0] as Record<string, unknown> | undefined)?.futureField).toEqual({ keep: 'me' });
    expect((vs.metadata as unknown as Record<string, unknown>).finalizers).toEqual(['weir.example/keep']);
    expect((vs as unknown as Record<string, unknown>).status).toEqual({ observedGeneration: 3 });
  });

  it('summarises managedFields to who, how and when', () => {
    expect(typed(reviews).metadata.managedFields).toEqual([
      { manager: 'kubectl-client-side-apply', operation: 'Update', time: '2026-01-02T03:04:05Z' },
    ]);
  });

  it('accepts v1, v1beta1 and v1alpha3 and keeps the version given', () => {
    for (const apiVersion of ISTIO_API_VERSIONS) {
      expect(typed({ ...reviews, apiVersion }).apiVersion).toBe(apiVersion);
    }
  });

  it('parses each Istio kind', () => {
    expect(typed(withSpec('DestinationRule', { host: 'reviews', subsets: [{ name: 'v1' }] })).kind).toBe(
      'DestinationRule',
    );
    expect(
      typed(withSpec('Gateway', { servers: [{ port: { number: 80, protocol: 'HTTP' }, hosts: ['*'] }] }))
        .kind,
    ).toBe('Gateway');
    expect(typed(withSpec('ServiceEntry', { hosts: ['a.example'], location: 'MESH_EXTERNAL' })).kind).toBe(
      'ServiceEntry',
    );
  });

  it('records where the object came from', () => {
    const source = { file: 'mesh/reviews.yaml', document: 2, line: 40 };
    expect(parseObject(reviews, source)?.source).toEqual(source);
    expect(parseObject({ kind: 'VirtualService', metadata: {} }, source)?.source).toEqual(source);
  });

  it('reads `creationTimestamp: null` as not set', () => {
    const vs = typed({ ...reviews, metadata: { name: 'r', creationTimestamp: null } });
    expect(vs.metadata.creationTimestamp).toBeUndefined();
  });
});

describe('parseObject: malformed objects of kinds Weir holds', () => {
  it('says which field is wrong and how', () => {
    const broken = structuredClone(reviews);
    broken.spec.http[0].route[0].weight = 'ten';
    expect(invalid(broken).reason).toBe('spec.http[0].route[0].weight: expected a number, got "ten"');
  });

  it('keeps what it can of a broken object, to key and draw it', () => {
    const broken = { ...withSpec('DestinationRule', {}), source: undefined };
    const object = invalid(broken);
    expect(object).toMatchObject({
      kind: 'Invalid',
      ofKind: 'DestinationRule',
      apiVersion: 'networking.istio.io/v1',
      metadata: { name: 'x', namespace: 'ns' },
      reason: 'spec.host: is required',
    });
    expect(object.raw).toBe(broken);
  });

  it('names the problems it does not show', () => {
    expect(
      invalid(withSpec('DestinationRule', { trafficPolicy: { loadBalancer: { simple: 'FASTEST' } } })).reason,
    ).toBe('spec.host: is required (and 1 more problem)');
    expect(
      invalid(
        withSpec('DestinationRule', { host: 'r', trafficPolicy: { loadBalancer: { simple: 'FASTEST' } } }),
      ).reason,
    ).toBe(
      'spec.trafficPolicy.loadBalancer.simple: expected one of "UNSPECIFIED", "LEAST_CONN", "RANDOM", "PASSTHROUGH", "ROUND_ROBIN", "LEAST_REQUEST", got "FASTEST"',
    );
  });

  it('quotes keys that are not plain names', () => {
    const vs = withSpec('VirtualService', { http: [{ match: [{ headers: { 'end-user': { exact: 7 } } }] }] });
    expect(invalid(vs).reason).toBe(
      'spec.http[0].match[0].headers["end-user"].exact: expected a string, got 7',
    );
  });

  it('refuses an object without a name', () => {
    expect(invalid({ ...reviews, metadata: { namespace: 'bookinfo' } })).toMatchObject({
      metadata: { name: '', namespace: 'bookinfo' },
      reason: 'metadata.name: is required',
    });
    expect(invalid({ ...reviews, metadata: undefined }).reason).toBe('metadata: is required');
  });

  it('refuses an API version of an Istio kind it does not know', () => {
    expect(invalid({ ...reviews, apiVersion: 'networking.istio.io/v2' }).reason).toBe(
      'apiVersion: networking.istio.io/v2 is not a version Weir reads (networking.istio.io/v1, v1beta1 or v1alpha3)',
    );
    expect(invalid({ ...reviews, apiVersion: undefined }).reason).toMatch(/^apiVersion: is required/);
  });
});

describe('parseObject: input it cannot walk', () => {
  it('reports a cyclic object instead of throwing', () => {
    const cyclic: Record<string, unknown> = { ...withSpec('VirtualService', {}) };
    (cyclic.spec as Record<string, unknown>).self = cyclic;
    expect(() => parseObject(cyclic)).not.toThrow();
  });
});

describe('parseObject: what Weir does not hold', () => {
  it('returns undefined for other kinds and empty documents', () => {
    for (const raw of [
      null,
      undefined,
      'text',
      42,
      [],
      {},
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' } },
      { apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', metadata: { name: 'r' } },
      { apiVersion: 'v1', kind: 'constructor', metadata: { name: 'c' } },
      { apiVersion: 'v1', kind: '__proto__', metadata: { name: 'p' } },
    ]) {
      expect(parseObject(raw)).toBeUndefined();
    }
  });

  it('leaves same-named kinds of other API groups alone', () => {
    expect(
      parseObject({ ...withSpec('Gateway', {}), apiVersion: 'gateway.networking.x-k8s.io/v1alpha1' }),
    ).toBeUndefined();
    expect(parseObject({ ...withSpec('Service', {}), apiVersion: 'serving.knative.dev/v1' })).toBeUndefined();
  });
});

describe('parseObject: Kubernetes summaries', () => {
  it('keeps a Service’s ports, selector and type', () => {
    const service = typed({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'reviews', namespace: 'bookinfo', labels: { app: 'reviews' }, managedFields: [{}] },
      spec: {
        clusterIP: '10.0.0.12',
        ports: [{ name: 'http', port: 9080, targetPort: 'http', protocol: 'TCP' }],
        selector: { app: 'reviews' },
        type: 'ClusterIP',
      },
      status: { loadBalancer: {} },
    });
    expect(service).toEqual({
      kind: 'Service',
      apiVersion: 'v1',
      metadata: { name: 'reviews', namespace: 'bookinfo', labels: { app: 'reviews' } },
      spec: {
        ports: [{ name: 'http', port: 9080, targetPort: 'http', protocol: 'TCP' }],
        selector: { app: 'reviews' },
        type: 'ClusterIP',
      },
    });
  });

  it('keeps a Namespace’s labels', () => {
    expect(
      typed({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: 'shop', labels: { 'istio-injection': 'enabled' } },
      }),
    ).toEqual({
      kind: 'Namespace',
      apiVersion: 'v1',
      metadata: { name: 'shop', labels: { 'istio-injection': 'enabled' } },
      spec: {},
    });
  });

  const rawPod = (phase: string, ready: string) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: 'reviews-v2-abc',
      namespace: 'bookinfo',
      uid: 'u-1',
      resourceVersion: '77',
      labels: { app: 'reviews', version: 'v2' },
      ownerReferences: [
        { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'reviews-v2-5d', controller: true },
      ],
      generateName: 'reviews-v2-',
    },
    spec: { nodeName: 'node-1', containers: [{ name: 'reviews', image: 'reviews:2' }] },
    status: { phase, conditions: [{ type: 'Ready', status: ready }], podIP: '10.1.2.3' },
  });

  it('summarises a Pod to identity, node and readiness', () => {
    expect(typed(rawPod('Running', 'True'))).toEqual({
      kind: 'Pod',
      apiVersion: 'v1',
      metadata: {
        name: 'reviews-v2-abc',
        namespace: 'bookinfo',
        uid: 'u-1',
        resourceVersion: '77',
        labels: { app: 'reviews', version: 'v2' },
        ownerReferences: [
          { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'reviews-v2-5d', controller: true },
        ],
      },
      spec: { nodeName: 'node-1' },
      status: { phase: 'Running', ready: true },
    });
  });

  it('counts a Pod ready only when it runs and its Ready condition is True', () => {
    expect((typed(rawPod('Running', 'False')) as Pod).status.ready).toBe(false);
    expect((typed(rawPod('Pending', 'True')) as Pod).status.ready).toBe(false);
    const noStatus = { ...rawPod('Running', 'True'), status: undefined };
    expect((typed(noStatus) as Pod).status).toEqual({ ready: false });
  });

  it('reads its own Pod summary back unchanged', () => {
    const pod = typed(rawPod('Running', 'True'));
    expect(typed(toManifest(pod))).toEqual(pod);
  });

  it('refuses a summary kind with the wrong content', () => {
    expect(
      invalid({
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 's' },
        spec: { ports: [{ port: 80, targetPort: true }] },
      }).reason,
    ).toBe('spec.ports[0].targetPort: expected a number or a string, got true');
    expect(invalid({ apiVersion: 'v2', kind: 'Namespace', metadata: { name: 'n' } }).reason).toBe(
      'apiVersion: v2 is not a version Weir reads (v1)',
    );
  });
});

describe('toManifest', () => {
  it('gives back the manifest as read, without source or managedFields', () => {
    const vs = parseObject(reviews, { file: 'a.yaml', document: 0, line: 1 }) as MeshObject;
    const { managedFields: _, ...metadata } = reviews.metadata;
    expect(toManifest(vs)).toEqual({ ...reviews, metadata });
    expect(toManifest(vs)).not.toHaveProperty('source');
  });

  it('puts apiVersion and kind first, as kubectl writes them', () => {
    expect(Object.keys(toManifest(typed(reviews))).slice(0, 4)).toEqual([
      'apiVersion',
      'kind',
      'metadata',
      'spec',
    ]);
  });

  it('round-trips: parsing the manifest again gives the same object', () => {
    const vs = typed(reviews);
    const { managedFields: _, ...metadata } = vs.metadata;
    expect(typed(toManifest(vs))).toEqual({ ...vs, metadata });
  });
});

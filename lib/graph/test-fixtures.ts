/** A small, real-looking shop mesh for the graph tests: bookinfo behind a gateway. */
import { keyOf } from '../mesh/object-key';
import type {
  DestinationRule,
  DestinationRuleSpec,
  Gateway,
  GatewaySpec,
  InvalidObject,
  MeshObject,
  MeshSnapshot,
  Namespace,
  Pod,
  Service,
  StoredObject,
  VirtualService,
  VirtualServiceSpec,
} from '../mesh/types';

const ISTIO = 'networking.istio.io/v1';

export function snapshotOf(objects: readonly StoredObject[]): MeshSnapshot {
  return {
    sequence: 1,
    objects: Object.fromEntries(objects.map((object) => [keyOf(object), object])),
    sync: { backend: 'files', source: 'test', demo: false, synced: true, syncedAt: '2025-01-01T00:00:00Z' },
  };
}

export function namespace(
  name: string,
  labels: Record<string, string> = { 'istio-injection': 'enabled' },
): Namespace {
  return { kind: 'Namespace', apiVersion: 'v1', metadata: { name, labels }, spec: {} };
}

export function service(
  ns: string,
  name: string,
  port = 9080,
  selector: Record<string, string> = { app: name },
): Service {
  return {
    kind: 'Service',
    apiVersion: 'v1',
    metadata: { name, namespace: ns },
    spec: { selector, ports: [{ name: 'http', port }] },
  };
}

export function pod(ns: string, name: string, labels: Record<string, string>, ready = true): Pod {
  return {
    kind: 'Pod',
    apiVersion: 'v1',
    metadata: { name, namespace: ns, labels },
    spec: {},
    status: { phase: ready ? 'Running' : 'Pending', ready },
  };
}

export function virtualService(ns: string, name: string, spec: VirtualServiceSpec): VirtualService {
  return { kind: 'VirtualService', apiVersion: ISTIO, metadata: { name, namespace: ns }, spec };
}

export function destinationRule(ns: string, name: string, spec: DestinationRuleSpec): DestinationRule {
  return { kind: 'DestinationRule', apiVersion: ISTIO, metadata: { name, namespace: ns }, spec };
}

export function gateway(ns: string, name: string, spec: GatewaySpec): Gateway {
  return { kind: 'Gateway', apiVersion: ISTIO, metadata: { name, namespace: ns }, spec };
}

export function invalid(ofKind: string, ns: string, name: string, reason: string): InvalidObject {
  return { kind: 'Invalid', ofKind, apiVersion: ISTIO, metadata: { name, namespace: ns }, reason, raw: {} };
}

/** Subsets named after versions, each selecting `version: <name>`. */
export function versions(...names: string[]) {
  return names.map((name) => ({ name, labels: { version: name } }));
}

/**
 * The shop: a gateway in front of productpage; reviews in a 90/10 canary between v1 and v2
 * (v3 defined but unused); ratings v2 for the tester `jason`, v1 for everyone else with 10%
 * mirrored to v2; details served by plain Kubernetes routing.
 */
export function shopObjects(): MeshObject[] {
  return [
    namespace('shop'),
    gateway('shop', 'shop-gateway', {
      selector: { istio: 'ingressgateway' },
      servers: [
        { port: { number: 80, protocol: 'HTTP', name: 'http' }, hosts: ['*.shop.example'] },
        {
          port: { number: 443, protocol: 'HTTPS', name: 'https' },
          hosts: ['shop.example'],
          tls: { mode: 'SIMPLE', credentialName: 'shop-cert' },
        },
      ],
    }),
    virtualService('shop', 'productpage', {
      hosts: ['shop.example'],
      gateways: ['shop-gateway'],
      http: [
        {
          name: 'api',
          match: [{ uri: { prefix: '/api' } }],
          rewrite: { uri: '/' },
          timeout: '10s',
          route: [{ destination: { host: 'productpage', port: { number: 9080 } } }],
        },
        { route: [{ destination: { host: 'productpage', port: { number: 9080 } } }] },
      ],
    }),
    virtualService('shop', 'reviews', {
      hosts: ['reviews'],
      http: [
        {
          name: 'canary',
          retries: { attempts: 3, perTryTimeout: '2s' },
          route: [
            { destination: { host: 'reviews', subset: 'v1' }, weight: 90 },
            { destination: { host: 'reviews', subset: 'v2' }, weight: 10 },
          ],
        },
      ],
    }),
    virtualService('shop', 'ratings', {
      hosts: ['ratings.shop'],
      http: [
        {
          match: [{ headers: { 'end-user': { exact: 'jason' } } }],
          fault: { delay: { fixedDelay: '5s', percentage: { value: 10 } } },
          route: [{ destination: { host: 'ratings', subset: 'v2' } }],
        },
        {
          route: [{ destination: { host: 'ratings', subset: 'v1' } }],
          mirror: { host: 'ratings', subset: 'v2' },
          mirrorPercentage: { value: 10 },
        },
      ],
    }),
    destinationRule('shop', 'reviews', { host: 'reviews', subsets: versions('v1', 'v2', 'v3') }),
    destinationRule('shop', 'ratings', {
      host: 'ratings.shop.svc.cluster.local',
      subsets: versions('v1', 'v2'),
    }),
    service('shop', 'productpage'),
    service('shop', 'reviews'),
    service('shop', 'ratings'),
    service('shop', 'details'),
    pod('shop', 'productpage-v1-6b746f74dc-9r6xk', { app: 'productpage', version: 'v1' }),
    pod('shop', 'reviews-v1-545db77b95-7kq2p', { app: 'reviews', version: 'v1' }),
    pod('shop', 'reviews-v1-545db77b95-zx8lm', { app: 'reviews', version: 'v1' }),
    pod('shop', 'reviews-v2-7bf8c9648f-4hr7d', { app: 'reviews', version: 'v2' }, false),
    pod('shop', 'reviews-v3-84779c7bbc-bnm2w', { app: 'reviews', version: 'v3' }),
    pod('shop', 'ratings-v1-b6994bb9-gl9nd', { app: 'ratings', version: 'v1' }),
    pod('shop', 'ratings-v2-5b7f5b6b8d-k2l9p', { app: 'ratings', version: 'v2' }),
    pod('shop', 'details-v1-79f774bdb9-p2wqs', { app: 'details', version: 'v1' }),
  ];
}

export function shopSnapshot(extra: readonly StoredObject[] = []): MeshSnapshot {
  return snapshotOf([...shopObjects(), ...extra]);
}

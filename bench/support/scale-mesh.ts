import { applyManifests, type Manifest } from '../../lib/kube/apply-manifests';
import { kubeRequest } from '../../lib/kube/request';
import type { KubeConfig } from '../../lib/kube/watch';

/** Twenty VirtualServices per namespace: 10,000 of them make the 500 namespaces. */
export const VS_PER_NAMESPACE = 20;
const ISTIO = 'networking.istio.io/v1';

/** The namespace a view of one team looks at: team-7 when the mesh has it, else the last full one. */
export function viewedNamespace(size: number): string {
  return `team-${Math.max(0, Math.min(7, Math.floor(size / VS_PER_NAMESPACE) - 1))}`;
}

export function namespaceCount(size: number): number {
  return Math.max(1, Math.ceil(size / VS_PER_NAMESPACE));
}

/**
 * The mesh at `size` VirtualServices: per namespace one Gateway and twenty services,
 * each with a Service (headless: the local API server has 254 cluster IPs), a DestinationRule
 * with subsets v1 and v2, a VirtualService (a header route to v2, then a 90/10 canary; every
 * other one bound to the namespace's gateway, every fifth sending its testers to the next
 * namespace) and two ready pods. Ordered so what a thing refers to exists before it.
 */
export function scaleManifests(size: number): Manifest[][] {
  const namespaces = namespaceCount(size);
  const first: Manifest[] = [
    namespace('istio-system', false),
    ...ingressGateway(),
    ...Array.from({ length: namespaces }, (_, n) => namespace(`team-${n}`, true)),
  ];
  const routing: Manifest[] = [];
  const pods: Manifest[] = [];
  for (let v = 0; v < size; v++) {
    const n = Math.floor(v / VS_PER_NAMESPACE);
    const ns = `team-${n}`;
    const name = `svc-${v % VS_PER_NAMESPACE}`;
    if (v % VS_PER_NAMESPACE === 0) routing.push(gateway(ns));
    routing.push(service(ns, name), destinationRule(ns, name));
    const testers =
      v % 5 === 0 && namespaces > 1 ? `${name}.team-${(n + 1) % namespaces}.svc.cluster.local` : name;
    routing.push(virtualService(ns, name, v % 2 === 0, testers));
    pods.push(pod(ns, name, 'v1'), pod(ns, name, 'v2'));
  }
  return [first, routing, pods];
}

/** Creates the mesh, `concurrency` requests at a time; a re-run replaces what exists. */
export async function seedScaleMesh(
  kc: KubeConfig,
  size: number,
  concurrency = 16,
  log: (line: string) => void = () => {},
): Promise<void> {
  for (const phase of scaleManifests(size)) {
    const started = performance.now();
    await inParallel(phase, concurrency, (manifest) => applyManifests(kc, [manifest], 'weir-bench'));
    log(`seeded ${phase.length} objects in ${Math.round(performance.now() - started)} ms`);
  }
}

/** How many VirtualServices the API server holds (to reuse a cluster seeded before). */
export async function countVirtualServices(kc: KubeConfig): Promise<number> {
  let count = 0;
  let next: string | undefined;
  do {
    const page = await kubeRequest<{ items: unknown[]; metadata?: { continue?: string } }>(kc, {
      method: 'GET',
      path: `/apis/${ISTIO}/virtualservices`,
      query: { limit: '5000', continue: next },
      // 5,000 custom resources from a loaded API server can take longer than a request's 10 s.
      timeoutMs: 120_000,
    });
    count += page.items.length;
    next = page.metadata?.continue || undefined;
  } while (next);
  return count;
}

/** Runs `work` over `items` with at most `limit` in flight; the first failure fails all. */
export async function inParallel<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>) {
  let nextIndex = 0;
  const worker = async () => {
    while (nextIndex < items.length) await work(items[nextIndex++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

function namespace(name: string, injected: boolean): Manifest {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, ...(injected && { labels: { 'istio-injection': 'enabled' } }) },
  };
}

function ingressGateway(): Manifest[] {
  const labels = { app: 'istio-ingressgateway', istio: 'ingressgateway' };
  return [
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'istio-ingressgateway', namespace: 'istio-system', labels },
      spec: { clusterIP: 'None', selector: labels, ports: [{ name: 'http2', port: 80 }] },
    },
    readyPod('istio-system', 'istio-ingressgateway-0', labels, 'istio-proxy'),
  ];
}

function gateway(ns: string): Manifest {
  return {
    apiVersion: ISTIO,
    kind: 'Gateway',
    metadata: { name: 'ingress', namespace: ns },
    spec: {
      selector: { istio: 'ingressgateway' },
      servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: [`*.${ns}.example.com`] }],
    },
  };
}

function service(ns: string, name: string): Manifest {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: ns, labels: { app: name } },
    spec: { clusterIP: 'None', selector: { app: name }, ports: [{ name: 'http', port: 8080 }] },
  };
}

function destinationRule(ns: string, name: string): Manifest {
  return {
    apiVersion: ISTIO,
    kind: 'DestinationRule',
    metadata: { name, namespace: ns },
    spec: {
      host: name,
      subsets: [
        { name: 'v1', labels: { version: 'v1' } },
        { name: 'v2', labels: { version: 'v2' } },
      ],
    },
  };
}

function virtualService(ns: string, name: string, exposed: boolean, testers: string): Manifest {
  return {
    apiVersion: ISTIO,
    kind: 'VirtualService',
    metadata: { name, namespace: ns },
    spec: {
      hosts: exposed ? [name, `${name}.${ns}.example.com`] : [name],
      gateways: exposed ? ['ingress', 'mesh'] : ['mesh'],
      http: [
        {
          name: 'testers',
          match: [{ headers: { 'end-user': { exact: 'tester' } } }],
          route: [{ destination: { host: testers, subset: 'v2' } }],
        },
        {
          name: 'canary',
          route: [
            { destination: { host: name, subset: 'v1' }, weight: 90 },
            { destination: { host: name, subset: 'v2' }, weight: 10 },
          ],
        },
      ],
    },
  };
}

function pod(ns: string, app: string, version: string): Manifest {
  return readyPod(ns, `${app}-${version}-0`, { app, version }, app);
}

function readyPod(ns: string, name: string, labels: Record<string, string>, container: string): Manifest {
  const image = `registry.invalid/${container}:1`;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: ns, labels },
    spec: { containers: [{ name: container, image }] },
    status: {
      phase: 'Running',
      conditions: [{ type: 'Ready', status: 'True' }],
      containerStatuses: [
        {
          name: container,
          image,
          imageID: '',
          ready: true,
          started: true,
          restartCount: 0,
          state: { running: { startedAt: new Date().toISOString() } },
        },
      ],
    },
  };
}

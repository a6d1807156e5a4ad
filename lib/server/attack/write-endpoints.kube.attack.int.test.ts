import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubeRequest } from '@/lib/kube/request';
import { seedDemo } from '@/tools/cluster/seed';
import { kubeConfigAs } from '@/tools/test/kube';
import { until } from '@/tools/test/until';
import { useTestCluster } from '@/tools/test/weir-routes';
import { closeStore, getStore } from '../store';
import { fuzzWriteEndpoints } from './write-endpoints.fuzz';

/** Everything a write through Weir could create or change, cluster-wide: what "nothing written" is checked against. */
const COLLECTIONS = [
  '/apis/networking.istio.io/v1/virtualservices',
  '/apis/networking.istio.io/v1/destinationrules',
  '/apis/networking.istio.io/v1/gateways',
  '/apis/networking.istio.io/v1/serviceentries',
  '/apis/weir.dev/v1alpha1/routingchanges',
  '/api/v1/namespaces',
];

interface List {
  items: Array<{ kind?: string; metadata: { namespace?: string; name: string; resourceVersion: string } }>;
}

/** The Gateway API's route kinds, created and deleted through Weir too: each in the first version served. */
const ROUTE_COLLECTIONS = [
  ['httproutes', ['v1']],
  ['grpcroutes', ['v1']],
  ['tcproutes', ['v1', 'v1alpha2']],
  ['tlsroutes', ['v1', 'v1alpha3', 'v1alpha2']],
] as const;

async function routeCollections(): Promise<string[]> {
  const admin = kubeConfigAs('admin');
  const served: string[] = [];
  for (const [plural, versions] of ROUTE_COLLECTIONS) {
    for (const version of versions) {
      const path = `/apis/gateway.networking.k8s.io/${version}/${plural}`;
      const ok = await kubeRequest<List>(admin, { method: 'GET', path }).then(
        () => true,
        () => false,
      );
      if (ok) {
        served.push(path);
        break;
      }
    }
  }
  expect(served, 'the test cluster serves the four Gateway API route kinds').toHaveLength(4);
  return served;
}

/** Every object in those collections with its resourceVersion, one line each, sorted. */
async function clusterVersions(): Promise<string> {
  const admin = kubeConfigAs('admin');
  const lines: string[] = [];
  for (const path of [...COLLECTIONS, ...(await routeCollections())]) {
    const list = await kubeRequest<List>(admin, { method: 'GET', path });
    for (const { metadata } of list.items) {
      lines.push(`${path} ${metadata.namespace ?? ''}/${metadata.name} ${metadata.resourceVersion}`);
    }
  }
  return lines.sort().join('\n');
}

describe('every write endpoint, fuzzed (kube backend: the local API server)', () => {
  beforeAll(async () => {
    await seedDemo(kubeConfigAs('admin'));
    useTestCluster('local', 'operator');
    const { store } = await getStore();
    await until("Weir's watch to hold shop/catalog", () =>
      store.get({ kind: 'VirtualService', namespace: 'shop', name: 'catalog' }),
    );
  });
  afterAll(() => closeStore());

  it('answers each hostile body with a 4xx naming the field, never a 5xx, and writes nothing', {
    timeout: 900_000,
  }, async () => {
    const before = await clusterVersions();
    const { store } = await getStore();
    // A write shows as a watch event (an object changed); history's RoutingChanges are in the
    // cluster-wide comparison at the end.
    let changes = 0;
    const unsubscribe = store.subscribe((event) => {
      if (event.type !== 'sync') changes++;
    });
    let seen = 0;
    const wrote = async () => {
      const changed = changes !== seen;
      seen = changes;
      return changed;
    };
    const catalog = { kind: 'VirtualService', namespace: 'shop', name: 'catalog' } as const;
    const current = () => store.get(catalog)?.metadata.resourceVersion ?? '';
    const counts = await fuzzWriteEndpoints(Number(process.env.WEIR_FUZZ_RUNS ?? 60), wrote, current);
    unsubscribe();
    console.log(JSON.stringify({ fuzz: 'write endpoints', backend: 'kube', counts }));
    if (process.env.WEIR_FUZZ_COUNT_ONLY !== '1') expect(await clusterVersions()).toBe(before);
  });
});

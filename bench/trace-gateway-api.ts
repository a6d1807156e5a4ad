import { loadavg } from 'node:os';
import { indexGatewayApi } from '../lib/graph/gateway-api/gateway-api-index';
import { indexSnapshot } from '../lib/graph/index-snapshot';
import type { MeshSnapshot, StoredObject } from '../lib/mesh/types';
import type { TraceInput } from '../lib/trace/request';
import { traceRequest } from '../lib/trace/trace';
import { timeSync } from './support/figures';
import { demoSnapshot, scaleSnapshot } from './support/snapshots';

// The tracer through Gateway API routes (issue 17): a Gateway API Gateway whose one host has
// 2,000 HTTPRoutes (a regex path and a header each, all tried and failing but the last, `/.*`), put
// on the demo and on the generated mesh (bench/scale.ts's, 10,000 VirtualServices by default).
// Warm: both indexes held, as the server holds them until the next change; cold: rebuilt.
// Prints one JSON line per case and mode: min and median of 9 runs and the load average.
const RUNS = 9;
const ROUTES = 2_000;

function withGatewayApi(snapshot: MeshSnapshot): MeshSnapshot {
  const objects: Record<string, StoredObject> = { ...snapshot.objects };
  const add = (object: Record<string, unknown>) => {
    const o = object as unknown as StoredObject;
    objects[`${o.kind}/${o.metadata.namespace}/${o.metadata.name}`] = o;
  };
  add({
    kind: 'KubernetesGateway',
    apiVersion: 'gateway.networking.k8s.io/v1',
    metadata: { name: 'edge', namespace: 'gw-bench' },
    spec: { gatewayClassName: 'istio', listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }] },
  });
  for (let r = 0; r < ROUTES; r++) {
    const last = r === ROUTES - 1;
    add({
      kind: 'HTTPRoute',
      apiVersion: 'gateway.networking.k8s.io/v1',
      metadata: {
        name: `route-${r}`,
        namespace: 'gw-bench',
        creationTimestamp: new Date(Date.UTC(2026, 0, 1, 0, 0, last ? 0 : r + 1)).toISOString(),
      },
      spec: {
        parentRefs: [{ name: 'edge' }],
        hostnames: ['long.example.com'],
        rules: [
          last
            ? {
                // A regex too, so it is ranked after the others and every rule before it is tried.
                matches: [{ path: { type: 'RegularExpression', value: '/.*' } }],
                backendRefs: [
                  { name: 'svc-1', port: 8080, weight: 9 },
                  { name: 'svc-2', port: 8080, weight: 1 },
                ],
              }
            : {
                matches: [
                  {
                    path: { type: 'RegularExpression', value: `/items/${r}/[a-z]+/[0-9]{1,6}` },
                    headers: [{ name: 'x-tenant', value: `tenant-${r}` }],
                  },
                ],
                backendRefs: [{ name: 'svc-1', port: 8080 }],
              },
        ],
      },
    });
  }
  return { ...snapshot, objects };
}

const input: TraceInput = {
  entry: { kind: 'kubernetes-gateway', namespace: 'gw-bench', name: 'edge' },
  request: {
    port: 80,
    authority: 'long.example.com',
    path: '/items/1998/abc/12',
    headers: { 'x-tenant': 'other' },
  },
};

function bench(mesh: string, base: MeshSnapshot, extra: Record<string, unknown>): void {
  const snapshot = withGatewayApi(base);
  const index = indexSnapshot(snapshot);
  const gatewayApi = indexGatewayApi(snapshot);
  for (const mode of ['cold', 'warm'] as const) {
    const run = () =>
      mode === 'cold'
        ? traceRequest(indexSnapshot(snapshot), input, indexGatewayApi(snapshot))
        : traceRequest(index, input, gatewayApi);
    const check = run();
    if (check.gatewayApi?.matched?.route.name !== `route-${ROUTES - 1}`)
      throw new Error(`the bench's request should reach the catch-all: ${check.outcome.kind}`);
    const { minMs, medianMs } = timeSync(RUNS, run);
    console.log(
      JSON.stringify({
        bench: 'trace-gateway-api',
        mesh,
        case: `gateway-api-${ROUTES}-routes-one-host`,
        mode,
        ...extra,
        objects: Object.keys(snapshot.objects).length,
        tried: check.gatewayApi?.tried.length,
        runs: RUNS,
        minMs,
        medianMs,
        loadavg: loadavg().map((l) => Math.round(l * 100) / 100),
      }),
    );
  }
}

bench('demo', demoSnapshot(), {});
const size = Number(process.argv[2] ?? 10_000);
bench('scale', scaleSnapshot(size), { size });

import { loadavg } from 'node:os';
import { indexSnapshot, type MeshIndex } from '../lib/graph/index-snapshot';
import { keyOf } from '../lib/mesh/object-key';
import type { HTTPRoute, MeshSnapshot, VirtualService } from '../lib/mesh/types';
import type { TraceInput } from '../lib/trace/request';
import { traceRequest } from '../lib/trace/trace';
import { timeSync } from './support/figures';
import { demoSnapshot, scaleSnapshot } from './support/snapshots';
import { syntheticMesh } from './support/synthetic-mesh';

const RUNS = 9;

// The worst case for one request: one host whose 2,000 routes all fail (a header and a regex
// each) but the last, on top of the 2,000-route mesh.
function withLongHost(snapshot: MeshSnapshot): MeshSnapshot {
  const http: HTTPRoute[] = [];
  for (let r = 0; r < 1_999; r++) {
    http.push({
      name: `long-${r}`,
      match: [
        {
          uri: { regex: `/items/${r}/[a-z]+/[0-9]{1,6}` },
          headers: { 'x-tenant': { prefix: `tenant-${r}-` } },
        },
      ],
      route: [{ destination: { host: 'svc-1', subset: 'v1' } }],
    });
  }
  http.push({ name: 'last', route: [{ destination: { host: 'svc-2', subset: 'v2' } }] });
  const vs: VirtualService = {
    kind: 'VirtualService',
    apiVersion: 'networking.istio.io/v1',
    metadata: { name: 'long', namespace: 'team-0' },
    spec: { hosts: ['long.example.com'], gateways: ['edge'], http },
  };
  const objects = { ...snapshot.objects, [keyOf(vs)]: vs };
  const edge = objects['Gateway/team-0/edge'];
  if (edge?.kind === 'Gateway') {
    const servers = [...(edge.spec.servers ?? [])];
    servers.push({ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['long.example.com'] });
    objects['Gateway/team-0/edge'] = { ...edge, spec: { ...edge.spec, servers } };
  }
  return { ...snapshot, objects };
}

const { snapshot: base, routes } = syntheticMesh();
const snapshot = withLongHost(base);
const cases: Array<{ name: string; input: TraceInput }> = [
  {
    name: 'gateway-https',
    input: {
      entry: { kind: 'gateway', namespace: 'team-7', name: 'edge' },
      request: {
        port: 443,
        authority: 'team-7.example.com',
        path: '/api/2/x',
        headers: { 'x-tenant': 't9' },
      },
    },
  },
  {
    name: 'mesh',
    input: {
      entry: { kind: 'mesh', namespace: 'team-3', labels: { app: 'svc-1' } },
      request: { port: 8080, authority: 'svc-4', path: '/other' },
    },
  },
  {
    name: 'gateway-2000-routes-one-host',
    input: {
      entry: { kind: 'gateway', namespace: 'team-0', name: 'edge' },
      request: {
        port: 80,
        authority: 'long.example.com',
        path: '/items/1998/abc/12',
        headers: { 'x-tenant': 'other' },
      },
    },
  },
];

function measure(run: () => number): { minMs: number; medianMs: number; tried: number } {
  const { minMs, medianMs, answer } = timeSync(RUNS, run);
  return { minMs, medianMs, tried: answer };
}

function benchMesh(
  mesh: string,
  meshSnapshot: MeshSnapshot,
  meshCases: Array<{ name: string; input: TraceInput }>,
  extra: Record<string, unknown>,
): void {
  const warmIndex: MeshIndex = indexSnapshot(meshSnapshot);
  for (const { name, input } of meshCases) {
    for (const mode of ['cold', 'warm'] as const) {
      const figures = measure(
        () => traceRequest(mode === 'cold' ? indexSnapshot(meshSnapshot) : warmIndex, input).tried.length,
      );
      console.log(
        JSON.stringify({
          bench: 'trace',
          mesh,
          case: name,
          mode,
          ...extra,
          objects: Object.keys(meshSnapshot.objects).length,
          runs: RUNS,
          ...figures,
          loadavg: loadavg().map((l) => Math.round(l * 100) / 100),
        }),
      );
    }
  }
}

benchMesh('synthetic', snapshot, cases, { routes: routes + 2_000 });

const demo = demoSnapshot();
benchMesh(
  'demo',
  demo,
  [
    {
      name: 'gateway-https',
      input: {
        entry: { kind: 'gateway', namespace: 'shop', name: 'shop-gateway' },
        request: { port: 443, authority: 'shop.example.com', path: '/api/catalog/items' },
      },
    },
    {
      name: 'mesh',
      input: {
        entry: { kind: 'mesh', namespace: 'shop' },
        request: { port: 8080, authority: 'catalog', path: '/items/7' },
      },
    },
  ],
  {},
);

const size = Number(process.argv[2] ?? 10_000);
const scale = scaleSnapshot(size);
benchMesh(
  'scale',
  scale,
  [
    {
      name: 'gateway',
      input: {
        entry: { kind: 'gateway', namespace: 'team-7', name: 'ingress' },
        request: { port: 80, authority: 'svc-4.team-7.example.com', headers: { 'end-user': 'tester' } },
      },
    },
    {
      name: 'mesh',
      input: {
        entry: { kind: 'mesh', namespace: 'team-7' },
        request: { port: 8080, authority: 'svc-5', path: '/' },
      },
    },
  ],
  { size },
);

import { describe, expect, it } from 'vitest';
import { buildGraph } from './build-graph';
import { describeHop } from './describe-hop';
import { egressGatewayInstall, egressTask } from './egress-fixtures';
import { columnOf } from './node-size';
import { service, shopSnapshot, snapshotOf } from './test-fixtures';
import type { MeshGraph } from './types';

const MESH_ROUTE = 'route:default/direct-cnn-through-egress-gateway/tls/0';
const GATEWAY_ROUTE = 'route:default/direct-cnn-through-egress-gateway/tls/1';
const TO_GATEWAY = 'dest:istio-egressgateway.istio-system.svc.cluster.local|cnn|443';
const GATEWAY = 'gw:istio-system/istio-egressgateway';
const EXTERNAL = 'dest:edition.cnn.com||443';
const ENTRY = 'se:default/cnn';

/** The path from the mesh route onwards, following one forward edge at a time. */
function chain(graph: MeshGraph, from: string): string[] {
  const path = [from];
  const next = (id: string) =>
    graph.edges.find(
      (edge) => edge.source === id && ['weight', 'egress', 'binds', 'entry'].includes(edge.kind),
    )?.target;
  for (let at = next(from); at && !path.includes(at); at = next(at)) path.push(at);
  return path;
}

describe('egress chains', () => {
  it("draws Istio's egress-gateway task as one left-to-right path to the ServiceEntry", () => {
    const graph = buildGraph(snapshotOf([...egressTask(), ...egressGatewayInstall()]));
    expect(chain(graph, MESH_ROUTE)).toEqual([
      MESH_ROUTE,
      TO_GATEWAY,
      GATEWAY,
      GATEWAY_ROUTE,
      EXTERNAL,
      ENTRY,
    ]);
    const column = new Map(graph.nodes.map((node) => [node.id, columnOf(node.kind, node.hop)]));
    const ids = chain(graph, MESH_ROUTE);
    for (let i = 1; i < ids.length; i++)
      expect(column.get(ids[i] as string)).toBeGreaterThan(column.get(ids[i - 1] as string) as number);
    // The gateway binds the route that applies at it, not the VirtualService at the chain's start.
    expect(graph.edges.some((edge) => edge.kind === 'binds' && edge.target.startsWith('vs:'))).toBe(false);
    const hop = graph.edges.find((edge) => edge.kind === 'egress');
    expect(hop).toMatchObject({ source: TO_GATEWAY, target: GATEWAY, path: 'spec.servers[0]' });
    expect(describeHop(hop?.hop)).toBe('443/TLS · SNI edition.cnn.com · PASSTHROUGH');
  });

  it('matches the Gateway to its Service by selector when no pod is known', () => {
    const graph = buildGraph(snapshotOf([...egressTask(), ...egressGatewayInstall(false)]));
    expect(graph.edges.find((edge) => edge.kind === 'egress')?.hop?.inferred).toBeUndefined();
  });

  it('infers the hop from the VirtualService when the Service is not in view, and says so', () => {
    const graph = buildGraph(snapshotOf(egressTask()));
    const hop = graph.edges.find((edge) => edge.kind === 'egress');
    expect(hop?.hop?.inferred).toBe(true);
    expect(chain(graph, MESH_ROUTE)).toContain(ENTRY);
  });

  it('draws no hop to a Gateway whose selector picks other pods', () => {
    const install = egressGatewayInstall().map((object) =>
      object.kind === 'Pod'
        ? { ...object, metadata: { ...object.metadata, labels: { app: 'other' } } }
        : object,
    );
    const service = install.find((object) => object.kind === 'Service');
    if (service?.kind === 'Service') service.spec = { ...service.spec, selector: { app: 'other' } };
    const graph = buildGraph(snapshotOf([...egressTask(), ...install]));
    expect(graph.edges.some((edge) => edge.kind === 'egress')).toBe(false);
    expect(graph.nodes.every((node) => node.hop === undefined)).toBe(true);
  });

  it('leaves an ingress gateway where it is: its Service receives no route', () => {
    const ingress = service('istio-system', 'istio-ingressgateway', 443, { istio: 'ingressgateway' });
    const graph = buildGraph(shopSnapshot([ingress]));
    expect(graph.edges.some((edge) => edge.kind === 'egress')).toBe(false);
    expect(graph.nodes.every((node) => node.hop === undefined)).toBe(true);
  });
});

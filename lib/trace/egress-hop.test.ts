import { describe, expect, it } from 'vitest';
import { egressGatewayInstall, egressTask } from '../graph/egress-fixtures';
import { gateway, pod, service, snapshotOf, virtualService } from '../graph/test-fixtures';
import type { StoredObject } from '../mesh/types';
import type { TraceInput } from './request';
import { traceRequest } from './trace';

// Istio's egress-gateway task (TLS passthrough): a pod in `default` calls edition.cnn.com:443;
// the sidecar sends it to the egress gateway's Service, the gateway on to the external host.
const fromPod = (sni: string): TraceInput => ({
  entry: { kind: 'mesh', namespace: 'default' },
  request: { protocol: 'tls', port: 443, sni },
});

describe('the tracer follows a chain through the egress gateway', () => {
  it('sidecar → egress gateway → external host, each leg said, ending at the host', () => {
    const mesh = snapshotOf([...egressGatewayInstall(), ...egressTask()]);
    const result = traceRequest(mesh, fromPod('edition.cnn.com'));
    expect(result.outcome.kind).toBe('routed');
    expect(result.hops).toEqual([
      {
        gateway: { kind: 'Gateway', namespace: 'istio-system', name: 'istio-egressgateway' },
        via: { fqdn: 'istio-egressgateway.istio-system.svc.cluster.local', port: 443, subset: 'cnn' },
        server: expect.objectContaining({ port: 443, protocol: 'TLS', hosts: ['edition.cnn.com'] }),
      },
    ]);
    expect(result.destinations.map((d) => [d.fqdn, d.port, d.service?.kind])).toEqual([
      ['edition.cnn.com', 443, 'ServiceEntry'],
    ]);
    const kinds = result.steps.map((s) => s.kind);
    expect(kinds.indexOf('hop')).toBeGreaterThan(kinds.indexOf('matched'));
    expect(result.steps.find((s) => s.kind === 'hop')?.text).toContain(
      'is the Service of Gateway istio-system/istio-egressgateway',
    );
    expect(result.steps.filter((s) => s.kind === 'matched')).toHaveLength(2);
    expect(result.request.port).toBe(443);
    expect(result.entry.kind).toBe('mesh');
  });

  it('stops at the gateway when its route does not take the SNI: the connection is closed there', () => {
    const mesh = snapshotOf([...egressGatewayInstall(), ...egressTask({ sni: 'other.example.com' })]);
    const result = traceRequest(mesh, fromPod('edition.cnn.com'));
    expect(result.hops?.length).toBe(1);
    expect(result.outcome.kind).toBe('closed');
  });

  it('without the gateway’s pods and Service in view there is no hop: the trace ends at the Service as before', () => {
    const mesh = snapshotOf(egressTask());
    const result = traceRequest(mesh, fromPod('edition.cnn.com'));
    expect(result.hops).toBeUndefined();
    expect(result.destinations[0]?.fqdn).toBe('istio-egressgateway.istio-system.svc.cluster.local');
  });
});

// A chain of gateways gw-0 → gw-1 → … in `edge`, each an HTTP server for x.example.com on 80
// whose route sends on to the next gateway's Service; `back` makes the last send to gw-0.
function chain(length: number, back: boolean): StoredObject[] {
  const svc = (i: number) => `gw-${i}.edge.svc.cluster.local`;
  const route = (gateways: string[], to: string) => ({
    hosts: ['x.example.com'],
    gateways,
    http: [{ route: [{ destination: { host: to, port: { number: 80 } } }] }],
  });
  const objects: StoredObject[] = [virtualService('default', 'to-edge', route(['mesh'], svc(0)))];
  for (let i = 0; i < length; i++) {
    const labels = { app: `gw-${i}` };
    const next = i + 1 < length ? svc(i + 1) : back ? svc(0) : 'x.example.com';
    objects.push(
      service('edge', `gw-${i}`, 80, labels),
      pod('edge', `gw-${i}-pod`, labels),
      gateway('edge', `gw-${i}`, {
        selector: labels,
        servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['x.example.com'] }],
      }),
      virtualService('edge', `through-${i}`, route([`edge/gw-${i}`], next)),
    );
  }
  return objects;
}

const fromDefault: TraceInput = {
  entry: { kind: 'mesh', namespace: 'default' },
  request: { protocol: 'http', port: 80, authority: 'x.example.com', path: '/', method: 'GET', headers: {} },
};

describe('a chain of gateways that does not end', () => {
  it('a route back to a gateway already passed is said to be a loop', () => {
    const result = traceRequest(snapshotOf(chain(2, true)), fromDefault);
    expect(result.hops?.map((hop) => hop.gateway.name)).toEqual(['gw-0', 'gw-1']);
    const last = result.steps.at(-1);
    expect(last).toMatchObject({ kind: 'hop', ok: false });
    expect(last?.text).toContain('leads back to Gateway edge/gw-0, already passed: a loop');
  });

  it('a chain longer than the tracer follows is said to be cut there, not called a loop', () => {
    const result = traceRequest(snapshotOf(chain(6, false)), fromDefault);
    expect(result.hops).toHaveLength(4);
    const last = result.steps.at(-1);
    expect(last).toMatchObject({ kind: 'hop', ok: false });
    expect(last?.text).not.toContain('loop');
    expect(last?.text).toContain('the trace follows at most 4 gateways');
  });
});

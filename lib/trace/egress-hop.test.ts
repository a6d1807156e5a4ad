import { describe, expect, it } from 'vitest';
import { egressGatewayInstall, egressTask } from '../graph/egress-fixtures';
import { snapshotOf } from '../graph/test-fixtures';
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

import { describe, expect, it } from 'vitest';
import { egressGatewayInstall, egressTask } from '../../lib/graph/egress-fixtures';
import type { MeshObject } from '../../lib/mesh/types';
import { traceRequest } from '../../lib/trace/trace';
import { snapshotOf } from '../../lib/validate/test-fixtures';
import { disagreement, istioAnswers, oracleBuilt, oraclePath, type TraceCase } from './trace-oracle';

// The tracer's egress chain (sidecar → egress gateway → external host) against istiod, leg by
// leg: the sidecar's own answer for the call (to the egress gateway's Service, its subset) and
// the egress gateway's answer for the same SNI and port (to the external host). Istio's
// egress-gateway task, TLS passthrough.
const built = oracleBuilt();
if (!built) console.warn(`trace-egress.test: SKIPPED, ${oraclePath()} is not built`);

describe.skipIf(!built)('the egress chain against istiod, leg by leg', () => {
  const objects = [...egressGatewayInstall(), ...egressTask()] as MeshObject[];
  const snapshot = snapshotOf(objects);
  const json = (o: MeshObject) => `${JSON.stringify(o)}\n`;
  const call = (id: string) => ({
    id,
    protocol: 'tls' as const,
    tls: 'tls' as const,
    port: 443,
    host: 'edition.cnn.com',
    sni: 'edition.cnn.com',
    path: '/',
    query: '',
    method: 'GET',
    headers: {},
  });
  const egressLabels = { app: 'istio-egressgateway', istio: 'egressgateway' };
  const traceCase: TraceCase = {
    id: 'egress-chain',
    snapshot,
    oracle: {
      id: 'egress-chain',
      config: objects
        .filter((o) => o.kind !== 'Service' && o.kind !== 'Pod')
        .map(json)
        .join('---\n'),
      // With each port's targetPort said, as the API server defaults it: the gateway's listener
      // binds to the target port of the Service in front of its pods.
      kube: objects
        .filter((o) => o.kind === 'Service')
        .map((o) => {
          const ports = (o.spec as { ports: { port: number }[] }).ports.map((p) => ({
            ...p,
            targetPort: p.port,
          }));
          return json({ ...o, spec: { ...o.spec, ports } } as MeshObject);
        })
        .join('---\n'),
      proxies: [
        {
          id: 'sidecar',
          type: 'sidecar',
          namespace: 'default',
          labels: { app: 'client' },
          calls: [call('out')],
        },
        {
          id: 'egress',
          type: 'router',
          namespace: 'istio-system',
          labels: egressLabels,
          calls: [call('on')],
        },
      ],
    },
    probes: [],
  };
  const answers = istioAnswers([traceCase]);
  const chain = traceRequest(snapshot, {
    entry: { kind: 'mesh', namespace: 'default' },
    request: { protocol: 'tls', port: 443, sni: 'edition.cnn.com' },
  });

  it('leg 1: the sidecar sends the call to the egress gateway’s Service, subset cnn, as istiod does', () => {
    const istio = answers.get('egress-chain|sidecar|out');
    const hop = chain.hops?.[0];
    expect(hop?.via).toEqual({
      fqdn: 'istio-egressgateway.istio-system.svc.cluster.local',
      port: 443,
      subset: 'cnn',
    });
    expect(istio?.clusters?.map((c) => c.name)).toEqual([
      `outbound|${hop?.via.port}|${hop?.via.subset}|${hop?.via.fqdn}`,
    ]);
  });

  it('leg 2: the egress gateway sends the same SNI on to edition.cnn.com, as istiod does', () => {
    const istio = answers.get('egress-chain|egress|on');
    expect(istio).toBeDefined();
    expect(chain.outcome.kind).toBe('routed');
    expect(disagreement(chain, istio as NonNullable<typeof istio>)).toBeUndefined();
    expect(chain.destinations.map((d) => d.cluster)).toEqual(['outbound|443||edition.cnn.com']);
  });
});

import { describe, expect, it } from 'vitest';
import type { Service } from '../../mesh/types';
import { brief, findingsOf, gateway, pod } from '../test-fixtures';
import { gwWorkload } from './gw-workload';

const ingressService: Service = {
  kind: 'Service',
  apiVersion: 'v1',
  metadata: { name: 'istio-ingressgateway', namespace: 'istio-system' },
  spec: {
    selector: { istio: 'ingressgateway' },
    ports: [
      { name: 'http2', port: 80, targetPort: 8080, protocol: 'TCP' },
      { name: 'https', port: 443, targetPort: 8443 },
    ],
  },
};
const ingressPod = pod('istio-system', 'istio-ingressgateway-abc', {
  app: 'istio-ingressgateway',
  istio: 'ingressgateway',
});

function shopGateway(...ports: number[]) {
  return gateway('shop', 'shop-gateway', {
    selector: { istio: 'ingressgateway' },
    servers: ports.map((number) => ({
      port: { number, name: `p${number}`, protocol: 'HTTP' },
      hosts: ['shop.example.com'],
    })),
  });
}

describe('gw-workload', () => {
  it('accepts a selector with pods and ports the gateway Service exposes (port or targetPort)', () => {
    expect(findingsOf(gwWorkload, [ingressService, ingressPod, shopGateway(80, 443, 8443)])).toEqual([]);
  });

  it('stays quiet when the snapshot holds no pods', () => {
    expect(findingsOf(gwWorkload, [shopGateway(80)])).toEqual([]);
  });

  it('reports a selector matching no pod, and a port no Service of the pods exposes', () => {
    const elsewhere = pod('shop', 'cart-1', { app: 'cart' });
    const edge = gateway('shop', 'edge', { selector: { istio: 'edgegateway' }, servers: [] });
    const findings = findingsOf(gwWorkload, [
      ingressService,
      ingressPod,
      elsewhere,
      edge,
      shopGateway(80, 8000),
    ]);
    expect(brief(findings)).toEqual([
      'GW_SELECTOR_NO_PODS Gateway/shop/edge spec.selector',
      'GW_PORT_NOT_ON_SERVICE Gateway/shop/shop-gateway spec.servers[1].port',
    ]);
    expect(findings[0]?.istioCode).toBe('IST0101');
    expect(findings[1]).toMatchObject({ severity: 'warning', istioCode: 'IST0162' });
  });
});

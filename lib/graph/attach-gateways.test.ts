import { describe, expect, it } from 'vitest';
import type { StoredObject } from '../mesh/types';
import { attachGateways, describeServer } from './attach-gateways';
import { collectVirtualServices } from './collect-virtual-services';
import { indexSnapshot } from './index-snapshot';
import { gateway, shopSnapshot, virtualService } from './test-fixtures';

function gatewaysOf(extra: StoredObject[] = []) {
  const index = indexSnapshot(shopSnapshot(extra));
  return attachGateways(index, collectVirtualServices(index));
}

const ingress = gateway('istio-system', 'ingress', {
  selector: { istio: 'ingressgateway' },
  servers: [{ port: { number: 80, protocol: 'HTTP' }, hosts: ['*'] }],
});

describe('attachGateways', () => {
  it('draws each gateway with its servers in brief', () => {
    const { nodes } = gatewaysOf();
    expect(nodes).toEqual([
      {
        id: 'gw:shop/shop-gateway',
        kind: 'gateway',
        namespace: 'shop',
        label: 'shop-gateway',
        details: ['80/HTTP *.shop.example', '443/HTTPS SIMPLE shop.example'],
        ref: { kind: 'Gateway', namespace: 'shop', name: 'shop-gateway' },
        problems: [],
      },
    ]);
  });

  it('binds a VirtualService to the gateway it names, none for mesh-internal ones', () => {
    const { edges } = gatewaysOf();
    expect(edges).toEqual([
      {
        id: 'binds:gw:shop/shop-gateway->vs:shop/productpage',
        source: 'gw:shop/shop-gateway',
        target: 'vs:shop/productpage',
        kind: 'binds',
        ref: { kind: 'VirtualService', namespace: 'shop', name: 'productpage' },
        path: 'spec.gateways[0]',
        problems: [],
      },
    ]);
  });

  it('gives a VirtualService on several gateways an edge from each, and none for a missing one', () => {
    const both = virtualService('shop', 'both', {
      hosts: ['shop.example'],
      gateways: ['mesh', 'istio-system/ingress', 'missing', 'shop-gateway.shop.svc.cluster.local'],
    });
    const edges = gatewaysOf([ingress, both]).edges.filter((edge) => edge.target === 'vs:shop/both');
    expect(edges.map((edge) => [edge.source, edge.path])).toEqual([
      ['gw:istio-system/ingress', 'spec.gateways[1]'],
      ['gw:shop/shop-gateway', 'spec.gateways[3]'],
    ]);
  });
});

describe('describeServer', () => {
  it('describe odd servers without failing', () => {
    expect(describeServer({})).toBe('?/? no hosts');
    expect(
      describeServer({ port: { number: 80, protocol: 'HTTP' }, hosts: ['a'], tls: { httpsRedirect: true } }),
    ).toBe('80/HTTP a → https');
  });
});

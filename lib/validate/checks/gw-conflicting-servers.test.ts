import { describe, expect, it } from 'vitest';
import { brief, findingsOf, gateway } from '../test-fixtures';
import { gwConflictingServers } from './gw-conflicting-servers';

const server = (number: number, ...hosts: string[]) => ({
  port: { number, name: `p${number}`, protocol: 'HTTPS' },
  hosts,
});

describe('gw-conflicting-servers', () => {
  it('accepts different hosts, different ports or different gateway pods', () => {
    const objects = [
      gateway('shop', 'shop', {
        selector: { istio: 'ingressgateway' },
        servers: [server(443, 'shop.example.com')],
      }),
      gateway('blog', 'blog', {
        selector: { istio: 'ingressgateway' },
        servers: [server(443, 'blog.example.com')],
      }),
      gateway('admin', 'admin', {
        selector: { istio: 'ingressgateway' },
        servers: [server(8443, 'shop.example.com')],
      }),
      gateway('internal', 'internal', {
        selector: { istio: 'internalgateway' },
        servers: [server(443, '*.example.com')],
      }),
    ];
    expect(findingsOf(gwConflictingServers, objects)).toEqual([]);
  });

  it('reports both gateways when a wildcard or equal host meets on the same port and selector', () => {
    const objects = [
      gateway('shop', 'shop', {
        selector: { istio: 'ingressgateway' },
        servers: [server(443, 'shop/shop.example.com')],
      }),
      gateway('edge', 'wildcard', {
        selector: { istio: 'ingressgateway' },
        servers: [server(80, '*'), server(443, '*.example.com')],
      }),
    ];
    const findings = findingsOf(gwConflictingServers, objects);
    expect(brief(findings)).toEqual([
      'GW_CONFLICTING_SERVERS Gateway/shop/shop spec.servers[0]',
      'GW_CONFLICTING_SERVERS Gateway/edge/wildcard spec.servers[1]',
    ]);
    expect(findings[0]).toMatchObject({ severity: 'error', istioCode: 'IST0145' });
  });
});

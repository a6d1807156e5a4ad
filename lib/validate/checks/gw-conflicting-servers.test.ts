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

  it('accepts a wildcard beside a host it covers, and the same host on another bind address', () => {
    // Envoy picks the more specific server name; istioctl (IST0145) stays quiet too.
    const objects = [
      gateway('shop', 'shop', {
        selector: { istio: 'ingressgateway' },
        servers: [server(443, 'shop.example.com')],
      }),
      gateway('edge', 'wildcard', {
        selector: { istio: 'ingressgateway' },
        servers: [server(80, '*'), server(443, '*.example.com')],
      }),
      gateway('partners', 'partners', {
        selector: { istio: 'ingressgateway' },
        servers: [{ ...server(443, 'shop.example.com'), bind: '10.0.0.7' }],
      }),
    ];
    expect(findingsOf(gwConflictingServers, objects)).toEqual([]);
  });

  it('reports both gateways when the same host meets on the same port and selector', () => {
    const objects = [
      gateway('shop', 'shop', {
        selector: { istio: 'ingressgateway' },
        servers: [server(443, './shop.example.com')],
      }),
      gateway('edge', 'edge', {
        selector: { istio: 'ingressgateway' },
        servers: [server(80, '*'), server(443, 'shop/Shop.example.com')],
      }),
      // `*/host` is `host`.
      gateway('blog', 'blog', {
        selector: { istio: 'ingressgateway' },
        servers: [server(443, '*/blog.example.com')],
      }),
      gateway('edge', 'blog-edge', {
        selector: { istio: 'ingressgateway' },
        servers: [server(443, 'blog.example.com')],
      }),
    ];
    const findings = findingsOf(gwConflictingServers, objects);
    expect(brief(findings)).toEqual([
      'GW_CONFLICTING_SERVERS Gateway/shop/shop spec.servers[0]',
      'GW_CONFLICTING_SERVERS Gateway/edge/edge spec.servers[1]',
      'GW_CONFLICTING_SERVERS Gateway/blog/blog spec.servers[0]',
      'GW_CONFLICTING_SERVERS Gateway/edge/blog-edge spec.servers[0]',
    ]);
    expect(findings[0]).toMatchObject({ severity: 'error', istioCode: 'IST0145' });
  });
});

import { describe, expect, it } from 'vitest';
import { brief, findingsOf, gateway } from '../test-fixtures';
import { gwDuplicateCertificate } from './gw-duplicate-certificate';

const https = (host: string, credentialName: string) => ({
  port: { number: 443, name: 'https', protocol: 'HTTPS' },
  hosts: [host],
  tls: { mode: 'SIMPLE' as const, credentialName },
});

describe('gw-duplicate-certificate', () => {
  it('accepts a certificate per gateway, or one shared by gateways on different pods', () => {
    const objects = [
      gateway('shop', 'shop', {
        selector: { istio: 'ingressgateway' },
        servers: [https('shop.example.com', 'shop-tls')],
      }),
      gateway('blog', 'blog', {
        selector: { istio: 'ingressgateway' },
        servers: [https('blog.example.com', 'blog-tls')],
      }),
      gateway('admin', 'admin', {
        selector: { istio: 'admingateway' },
        servers: [https('admin.example.com', 'shop-tls')],
      }),
    ];
    expect(findingsOf(gwDuplicateCertificate, objects)).toEqual([]);
  });

  it('reports both gateways when they share a credential on the same pods', () => {
    const objects = [
      gateway('shop', 'shop', {
        selector: { istio: 'ingressgateway' },
        servers: [https('shop.example.com', 'wildcard-tls')],
      }),
      gateway('blog', 'blog', {
        selector: { istio: 'ingressgateway', app: 'istio-ingressgateway' },
        servers: [
          { port: { number: 80, protocol: 'HTTP' }, hosts: ['blog.example.com'] },
          https('blog.example.com', 'wildcard-tls'),
        ],
      }),
    ];
    const findings = findingsOf(gwDuplicateCertificate, objects);
    expect(brief(findings)).toEqual([
      'GW_DUPLICATE_CERTIFICATE Gateway/shop/shop spec.servers[0].tls',
      'GW_DUPLICATE_CERTIFICATE Gateway/blog/blog spec.servers[1].tls',
    ]);
    expect(findings[0]?.istioCode).toBe('IST0138');
  });
});

import { describe, expect, it } from 'vitest';
import { brief, findingsOf, gateway, routeTo, virtualService } from '../test-fixtures';
import { vsGateway } from './vs-gateway';

const shopGateway = gateway('shop', 'shop-gateway', {
  selector: { istio: 'ingressgateway' },
  servers: [{ port: { number: 443, name: 'https', protocol: 'HTTPS' }, hosts: ['shop.example.com'] }],
});
const sharedGateway = gateway('istio-ingress', 'public', {
  selector: { istio: 'ingressgateway' },
  servers: [
    { port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['*.example.com'] },
    { port: { number: 8080, name: 'http-admin', protocol: 'HTTP' }, hosts: ['admin/admin.internal'] },
  ],
});

describe('vs-gateway', () => {
  it('accepts gateways that exist and serve a host of the VirtualService', () => {
    const objects = [
      shopGateway,
      sharedGateway,
      virtualService('shop', 'storefront', {
        hosts: ['shop.example.com'],
        gateways: ['shop-gateway', 'istio-ingress/public', 'mesh'],
        http: [{ match: [{ gateways: ['shop-gateway'] }], ...routeTo('storefront') }],
      }),
      virtualService('admin', 'admin', {
        hosts: ['admin.internal'],
        gateways: ['istio-ingress/public'],
        http: [routeTo('admin')],
      }),
    ];
    expect(findingsOf(vsGateway, objects)).toEqual([]);
  });

  it('reports a missing gateway (bare names are in the VirtualService namespace), in bindings and, as a warning, in matches', () => {
    const objects = [
      gateway('istio-system', 'shop-gateway', { selector: { istio: 'ingressgateway' }, servers: [] }),
      virtualService('shop', 'storefront', {
        hosts: ['shop.example.com'],
        gateways: ['shop-gateway'],
        http: [{ match: [{ uri: { prefix: '/' }, gateways: ['mesh', 'edge'] }], ...routeTo('storefront') }],
      }),
    ];
    expect(brief(findingsOf(vsGateway, objects))).toEqual([
      'VS_GATEWAY_NOT_FOUND VirtualService/shop/storefront spec.gateways[0]',
      'VS_MATCH_GATEWAY_NOT_FOUND VirtualService/shop/storefront spec.http[0].match[0].gateways[1]',
    ]);
  });

  it('reports a missing gateway once when a match names one the VirtualService is bound to', () => {
    const objects = [
      virtualService('shop', 'storefront', {
        hosts: ['shop.example.com'],
        gateways: ['edge'],
        http: [{ match: [{ gateways: ['shop/edge'] }], ...routeTo('storefront') }],
      }),
    ];
    expect(brief(findingsOf(vsGateway, objects))).toEqual([
      'VS_GATEWAY_NOT_FOUND VirtualService/shop/storefront spec.gateways[0]',
    ]);
  });

  it('reports a host no server of the gateway accepts, honouring namespace-restricted server hosts', () => {
    const objects = [
      shopGateway,
      sharedGateway,
      virtualService('shop', 'blog', {
        hosts: ['blog.example.org'],
        gateways: ['shop-gateway'],
        http: [routeTo('blog')],
      }),
      virtualService('shop', 'admin', {
        hosts: ['admin.internal'],
        gateways: ['istio-ingress/public'],
        http: [routeTo('admin')],
      }),
    ];
    const findings = findingsOf(vsGateway, objects);
    expect(brief(findings)).toEqual([
      'VS_HOST_NOT_IN_GATEWAY VirtualService/shop/blog spec.gateways[0]',
      'VS_HOST_NOT_IN_GATEWAY VirtualService/shop/admin spec.gateways[0]',
    ]);
    expect(findings[0]).toMatchObject({ severity: 'warning', istioCode: 'IST0132' });
  });
});

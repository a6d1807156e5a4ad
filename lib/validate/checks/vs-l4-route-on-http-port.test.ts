import { describe, expect, it } from 'vitest';
import type { GatewayServer, GatewaySpec, ServerTLSSettings, VirtualServiceSpec } from '../../mesh/types';
import { brief, findingsOf, gateway, virtualService } from '../test-fixtures';
import { servesHttpOnly, vsL4RouteOnHttpPort } from './vs-l4-route-on-http-port';

const server = (number: number, protocol: string, mode?: ServerTLSSettings['mode']): GatewayServer => ({
  port: { number, name: `p-${number}`, protocol },
  hosts: ['*.example.com'],
  ...(mode && { tls: { mode, ...(mode !== 'PASSTHROUGH' && { credentialName: 'cert' }) } }),
});
const edge = (...servers: GatewayServer[]): GatewaySpec => ({
  selector: { istio: 'ingressgateway' },
  servers,
});
const tls = (port?: number, gateways?: string[]) => ({
  match: [{ sniHosts: ['db.example.com'], ...(port && { port }), ...(gateways && { gateways }) }],
  route: [{ destination: { host: 'db' } }],
});
const tcp = (port?: number) => ({
  ...(port && { match: [{ port }] }),
  route: [{ destination: { host: 'db' } }],
});

function check(gw: GatewaySpec, spec: VirtualServiceSpec): string[] {
  return brief(
    findingsOf(vsL4RouteOnHttpPort, [
      gateway('shop', 'edge', gw),
      virtualService('shop', 'db', { hosts: ['db.example.com'], gateways: ['edge'], ...spec }),
    ]),
  );
}

describe('servesHttpOnly', () => {
  it.each([
    [server(80, 'HTTP'), true],
    [server(80, 'http2'), true],
    [server(80, 'GRPC'), true],
    [server(80, 'GRPC-WEB'), true],
    [server(443, 'HTTPS', 'SIMPLE'), true],
    [server(443, 'HTTPS', 'MUTUAL'), true],
    [server(443, 'HTTPS', 'PASSTHROUGH'), false],
    [server(443, 'HTTPS', 'AUTO_PASSTHROUGH'), false],
    [server(443, 'TLS', 'SIMPLE'), false],
    [server(443, 'TLS', 'PASSTHROUGH'), false],
    [server(9000, 'TCP'), false],
    [server(9000, 'MONGO'), false],
    [{ port: { number: 1 } }, false],
  ])('%j: %s', (value, expected) => {
    expect(servesHttpOnly(value)).toBe(expected);
  });
});

describe('vs-l4-route-on-http-port', () => {
  it.each<[string, GatewaySpec, VirtualServiceSpec, string[]]>([
    [
      'a TLS route on a gateway that terminates HTTPS',
      edge(server(443, 'HTTPS', 'SIMPLE')),
      { tls: [tls(443)] },
      ['VS_L4_ROUTE_ON_HTTP_PORT VirtualService/shop/db spec.tls[0]'],
    ],
    ['a TLS route on a passthrough server', edge(server(443, 'TLS', 'PASSTHROUGH')), { tls: [tls(443)] }, []],
    ['a TLS route on HTTPS passthrough', edge(server(443, 'HTTPS', 'PASSTHROUGH')), { tls: [tls(443)] }, []],
    [
      'a TCP route on an HTTP-only port',
      edge(server(80, 'HTTP'), server(9000, 'TCP')),
      { tcp: [tcp(80)] },
      ['VS_L4_ROUTE_ON_HTTP_PORT VirtualService/shop/db spec.tcp[0]'],
    ],
    ['a TCP route on a TCP server', edge(server(80, 'HTTP'), server(9000, 'TCP')), { tcp: [tcp(9000)] }, []],
    [
      'a TCP route on any port, one of them TCP',
      edge(server(80, 'HTTP'), server(9000, 'TCP')),
      { tcp: [tcp()] },
      [],
    ],
    [
      'a TCP route on any port, all of them HTTP',
      edge(server(80, 'HTTP'), server(443, 'HTTPS', 'SIMPLE')),
      { tcp: [tcp()] },
      ['VS_L4_ROUTE_ON_HTTP_PORT VirtualService/shop/db spec.tcp[0]'],
    ],
    [
      'a port the gateway has no server on (not this rule)',
      edge(server(80, 'HTTP')),
      { tcp: [tcp(5432)] },
      [],
    ],
    ['HTTP routes', edge(server(80, 'HTTP')), { http: [{ route: [{ destination: { host: 'db' } }] }] }, []],
    [
      'a VirtualService also bound to the mesh',
      edge(server(443, 'HTTPS', 'SIMPLE')),
      { gateways: ['edge', 'mesh'], tls: [tls(443)] },
      [],
    ],
    [
      'a match narrowed to the mesh',
      edge(server(443, 'HTTPS', 'SIMPLE')),
      { gateways: ['edge', 'mesh'], tls: [tls(443, ['mesh'])] },
      [],
    ],
    [
      'a match narrowed to the gateway of a VirtualService also on the mesh',
      edge(server(443, 'HTTPS', 'SIMPLE')),
      { gateways: ['edge', 'mesh'], tls: [tls(443, ['edge'])] },
      ['VS_L4_ROUTE_ON_HTTP_PORT VirtualService/shop/db spec.tls[0]'],
    ],
    [
      'a Gateway Weir does not hold',
      edge(server(443, 'HTTPS', 'SIMPLE')),
      { gateways: ['elsewhere'], tls: [tls(443)] },
      [],
    ],
  ])('%s', (_name, gw, spec, expected) => {
    expect(check(gw, spec)).toEqual(expected);
  });

  it('says which servers serve HTTP and where the route would apply', () => {
    const [finding] = findingsOf(vsL4RouteOnHttpPort, [
      gateway('shop', 'edge', edge(server(443, 'HTTPS', 'SIMPLE'))),
      virtualService('shop', 'db', { hosts: ['db.example.com'], gateways: ['edge'], tls: [tls(443)] }),
    ]);
    expect(finding?.message).toContain('shop/edge port 443 (HTTPS 443 SIMPLE)');
    expect(finding?.message).toContain('PASSTHROUGH');
  });

  it('accepts the egress-gateway pattern of Istio’s docs (TLS passthrough on the gateway, mesh for the sidecars)', () => {
    const objects = [
      gateway('default', 'istio-egressgateway', edge(server(443, 'TLS', 'PASSTHROUGH'))),
      virtualService('default', 'direct-cnn', {
        hosts: ['edition.cnn.com'],
        gateways: ['mesh', 'istio-egressgateway'],
        tls: [tls(443, ['mesh']), tls(443, ['istio-egressgateway'])],
      }),
    ];
    expect(findingsOf(vsL4RouteOnHttpPort, objects)).toEqual([]);
  });
});

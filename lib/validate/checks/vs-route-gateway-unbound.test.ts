import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { VirtualServiceSpec } from '../../mesh/types';
import { brief, findingsOf, virtualService } from '../test-fixtures';
import { vsRouteGatewayUnbound } from './vs-route-gateway-unbound';

const route = (gateways?: string[][]) => ({
  ...(gateways && { match: gateways.map((g) => ({ gateways: g, uri: { prefix: '/' } })) }),
  route: [{ destination: { host: 'web' } }],
});

function check(spec: VirtualServiceSpec): string[] {
  return brief(
    findingsOf(vsRouteGatewayUnbound, [
      virtualService('shop', 'web', { hosts: ['web.example.com'], ...spec }),
    ]),
  );
}

describe('vs-route-gateway-unbound', () => {
  it.each<[string, VirtualServiceSpec, string[]]>([
    ['a match naming a bound gateway', { gateways: ['public'], http: [route([['public']])] }, []],
    ['a route without matches', { gateways: ['public'], http: [route()] }, []],
    [
      'a match naming only another gateway',
      { gateways: ['public'], http: [route([['internal']])] },
      ['VS_ROUTE_GATEWAY_UNBOUND VirtualService/shop/web spec.http[0].match[0].gateways'],
    ],
    [
      'a match naming mesh when gateways are listed without it',
      { gateways: ['public'], http: [route([['mesh']])] },
      ['VS_ROUTE_GATEWAY_UNBOUND VirtualService/shop/web spec.http[0].match[0].gateways'],
    ],
    ['a match naming mesh with no gateways (bound to mesh)', { http: [route([['mesh']])] }, []],
    [
      'a match naming a gateway with no gateways (bound to mesh only)',
      { http: [route([['public']])] },
      ['VS_ROUTE_GATEWAY_UNBOUND VirtualService/shop/web spec.http[0].match[0].gateways'],
    ],
    [
      'every match of a route unbound',
      { gateways: ['public'], http: [route([['internal'], ['mesh']])] },
      ['VS_ROUTE_GATEWAY_UNBOUND VirtualService/shop/web spec.http[0].match'],
    ],
    ['one match of a route bound', { gateways: ['public'], http: [route([['internal'], ['public']])] }, []],
    ['one match without gateways', { gateways: ['public'], http: [route([['internal'], []])] }, []],
    // Both resolve to shop/public, as Istio's resolveGatewayName reads them.
    ['a short name against namespace/name', { gateways: ['shop/public'], http: [route([['public']])] }, []],
    ['./name against a short name', { gateways: ['public'], http: [route([['./public']])] }, []],
    [
      'the same name in another namespace',
      { gateways: ['public'], http: [route([['istio-system/public']])] },
      ['VS_ROUTE_GATEWAY_UNBOUND VirtualService/shop/web spec.http[0].match[0].gateways'],
    ],
    [
      'a TCP route',
      {
        gateways: ['public'],
        tcp: [{ match: [{ gateways: ['internal'], port: 9000 }], route: [{ destination: { host: 'db' } }] }],
      },
      ['VS_ROUTE_GATEWAY_UNBOUND VirtualService/shop/web spec.tcp[0].match[0].gateways'],
    ],
  ])('%s', (_name, spec, expected) => {
    expect(check(spec)).toEqual(expected);
  });

  it('leaves delegates alone (their gateways are the root’s)', () => {
    const delegate = virtualService('shop', 'routes', { http: [route([['internal']])] });
    expect(findingsOf(vsRouteGatewayUnbound, [delegate])).toEqual([]);
  });

  it('names the gateways and the binding in its message', () => {
    const [finding] = findingsOf(vsRouteGatewayUnbound, [
      virtualService('shop', 'web', {
        hosts: ['web.example.com'],
        http: [{ name: 'admin', ...route([['admin-gw']]) }],
      }),
    ]);
    expect(finding?.message).toContain('Route "admin" never applies');
    expect(finding?.message).toContain('"admin-gw"');
    expect(finding?.message).toContain('bound to mesh');
  });

  it('property: a route is reported exactly when each of its matches names gateways and none is bound', () => {
    const name = fc.constantFrom('a', 'b', 'c', 'mesh', 'other/a');
    fc.assert(
      fc.property(
        fc.array(name, { maxLength: 3 }),
        fc.array(fc.array(name, { maxLength: 3 }), { minLength: 1, maxLength: 4 }),
        (gateways, matches) => {
          const bound = new Set(gateways.length === 0 ? ['mesh'] : gateways);
          const dead = matches.every((names) => names.length > 0 && names.every((g) => !bound.has(g)));
          const findings = check({ gateways, http: [route(matches)] });
          expect(findings.length).toBe(dead ? 1 : 0);
        },
      ),
    );
  });
});

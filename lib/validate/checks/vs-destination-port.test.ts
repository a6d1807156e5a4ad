import { describe, expect, it } from 'vitest';
import { brief, findingsOf, service, virtualService } from '../test-fixtures';
import { vsDestinationPort } from './vs-destination-port';

describe('vs-destination-port', () => {
  it('accepts no port for a one-port Service and a named existing port for a multi-port one', () => {
    const objects = [
      service('shop', 'cart', [8080]),
      service('shop', 'payments', [8080, 9090]),
      virtualService('shop', 'routes', {
        hosts: ['cart'],
        http: [
          { route: [{ destination: { host: 'cart' } }] },
          { route: [{ destination: { host: 'payments', port: { number: 9090 } } }] },
        ],
      }),
    ];
    expect(findingsOf(vsDestinationPort, objects)).toEqual([]);
  });

  it('reports a missing port on a multi-port Service and a port the Service does not have', () => {
    const objects = [
      service('shop', 'payments', [8080, 9090]),
      service('shop', 'cart', [8080]),
      virtualService('shop', 'routes', {
        hosts: ['payments'],
        http: [
          { route: [{ destination: { host: 'payments' } }] },
          { route: [{ destination: { host: 'cart', port: { number: 80 } } }] },
        ],
      }),
    ];
    const findings = findingsOf(vsDestinationPort, objects);
    expect(brief(findings)).toEqual([
      'VS_PORT_REQUIRED VirtualService/shop/routes spec.http[0].route[0].destination.port',
      'VS_PORT_NOT_FOUND VirtualService/shop/routes spec.http[1].route[0].destination.port.number',
    ]);
    expect(findings[0]?.istioCode).toBe('IST0112');
  });
});

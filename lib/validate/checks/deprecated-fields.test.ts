import { describe, expect, it } from 'vitest';
import type { VirtualServiceSpec } from '../../mesh/types';
import { brief, destinationRule, findingsOf, gateway, virtualService } from '../test-fixtures';
import { deprecatedFields } from './deprecated-fields';

describe('deprecated-fields', () => {
  it('accepts the current fields', () => {
    const objects = [
      virtualService('shop', 'cart', {
        hosts: ['cart'],
        http: [
          {
            route: [{ destination: { host: 'cart', subset: 'v1' } }],
            mirror: { host: 'cart', subset: 'v2' },
            mirrorPercentage: { value: 10 },
            fault: { delay: { fixedDelay: '2s', percentage: { value: 5 } } },
          },
        ],
      }),
      destinationRule('shop', 'checkout', {
        host: 'checkout',
        trafficPolicy: {
          loadBalancer: { simple: 'LEAST_REQUEST' },
          outlierDetection: { consecutive5xxErrors: 5, interval: '10s', baseEjectionTime: '30s' },
        },
      }),
    ];
    expect(findingsOf(deprecatedFields, objects)).toEqual([]);
  });

  it('reports mirror_percent, fault.delay.percent, consecutiveErrors, LEAST_CONN and a Gateway targetPort', () => {
    const oldStyle = {
      hosts: ['cart'],
      http: [
        {
          route: [{ destination: { host: 'cart', subset: 'v1' } }],
          mirror: { host: 'cart', subset: 'v2' },
          mirror_percent: 10,
          fault: { delay: { fixedDelay: '2s', percent: 5 } },
        },
      ],
    } as unknown as VirtualServiceSpec;
    const objects = [
      virtualService('shop', 'cart', oldStyle),
      destinationRule('shop', 'checkout', {
        host: 'checkout',
        subsets: [
          {
            name: 'v1',
            labels: { version: 'v1' },
            trafficPolicy: {
              loadBalancer: { simple: 'LEAST_CONN' },
              outlierDetection: { consecutiveErrors: 5 },
            },
          },
        ],
      }),
      gateway('shop', 'edge', {
        servers: [{ port: { number: 80, protocol: 'HTTP', targetPort: 8080 }, hosts: ['*'] }],
      }),
    ];
    const findings = findingsOf(deprecatedFields, objects);
    expect(brief(findings)).toEqual([
      'DEPRECATED_FIELD VirtualService/shop/cart spec.http[0].mirror_percent',
      'DEPRECATED_FIELD VirtualService/shop/cart spec.http[0].fault.delay.percent',
      'DEPRECATED_FIELD DestinationRule/shop/checkout spec.subsets[0].trafficPolicy.outlierDetection.consecutiveErrors',
      'DEPRECATED_FIELD DestinationRule/shop/checkout spec.subsets[0].trafficPolicy.loadBalancer.simple',
      'DEPRECATED_FIELD Gateway/shop/edge spec.servers[0].port.targetPort',
    ]);
    expect(findings[0]?.message).toContain('mirrorPercentage');
  });
});

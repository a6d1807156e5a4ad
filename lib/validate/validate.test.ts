import { describe, expect, it } from 'vitest';
import type { MeshObject, VirtualService } from '../mesh/types';
import type { Check } from './check';
import { ValidationContext } from './context';
import { brief, gateway, namespace, service, snapshotOf, versions, virtualService } from './test-fixtures';
import { runChecks, validate } from './validate';

describe('validate', () => {
  it('finds nothing in a small healthy mesh', () => {
    const objects: MeshObject[] = [
      namespace('shop', { 'istio-injection': 'enabled' }),
      service('shop', 'catalog'),
      versions('shop', 'catalog', 'v1', 'v2'),
      virtualService('shop', 'catalog', {
        hosts: ['catalog'],
        http: [
          {
            route: [
              { destination: { host: 'catalog', subset: 'v1' }, weight: 90 },
              { destination: { host: 'catalog', subset: 'v2' }, weight: 10 },
            ],
          },
        ],
      }),
    ];
    expect(validate(snapshotOf(objects))).toEqual([]);
  });

  it('composes the rules: one broken route shows every problem it has, with catalogue severities', () => {
    const objects: MeshObject[] = [
      service('shop', 'catalog'),
      versions('shop', 'catalog', 'v1'),
      virtualService('shop', 'catalog', {
        hosts: ['catalog'],
        gateways: ['missing-gateway'],
        http: [
          {
            route: [
              { destination: { host: 'catalog', subset: 'v1' }, weight: 50 },
              { destination: { host: 'catalog', subset: 'v2' }, weight: 20 },
            ],
          },
        ],
      }),
    ];
    const findings = validate(snapshotOf(objects));
    expect(brief(findings).sort()).toEqual([
      'VS_GATEWAY_NOT_FOUND VirtualService/shop/catalog spec.gateways[0]',
      'VS_SUBSET_NOT_FOUND VirtualService/shop/catalog spec.http[0].route[1].destination.subset',
      'VS_WEIGHTS_NOT_100 VirtualService/shop/catalog spec.http[0].route',
    ]);
    expect(findings.map((finding) => finding.severity).sort()).toEqual(['error', 'error', 'warning']);
  });

  it('never throws on malformed objects that slipped past parsing, and ignores invalid ones', () => {
    const odd = {
      kind: 'VirtualService',
      apiVersion: 'networking.istio.io/v1',
      metadata: { name: 'odd', namespace: 'shop' },
      spec: {
        hosts: 'catalog',
        gateways: [42],
        http: [null, { route: [{ destination: null, weight: '50' }] }],
      },
    } as unknown as VirtualService;
    const oddGateway = gateway('shop', 'odd', { servers: [null] } as never);
    const snapshot = snapshotOf([odd, oddGateway]);
    snapshot.objects['VirtualService/shop/broken'] = {
      kind: 'Invalid',
      ofKind: 'VirtualService',
      apiVersion: 'networking.istio.io/v1',
      metadata: { name: 'broken', namespace: 'shop' },
      reason: 'spec.http: expected array',
      raw: {},
    };
    const findings = validate(snapshot);
    expect(findings.filter((finding) => finding.code === 'VALIDATE_RULE_FAILED')).toEqual([]);
    expect(findings.some((finding) => finding.ref.name === 'broken')).toBe(false);
  });

  it('reports a rule that throws on one object as VALIDATE_RULE_FAILED on that object and goes on', () => {
    const flaky: Check = {
      name: 'flaky',
      codes: ['VS_HOST_NOT_FOUND'],
      run(context, { each, emit }) {
        each(context.virtualServices, (vs) => {
          if (vs.metadata.name === 'a') throw new Error('boom');
          emit('VS_HOST_NOT_FOUND', vs, 'spec.hosts[0]', 'reached');
        });
      },
    };
    const context = new ValidationContext(
      snapshotOf([
        virtualService('shop', 'a', { hosts: ['a'] }),
        virtualService('shop', 'b', { hosts: ['b'] }),
      ]),
    );
    const findings = runChecks(context, [flaky]);
    expect(brief(findings)).toEqual([
      'VALIDATE_RULE_FAILED VirtualService/shop/a spec',
      'VS_HOST_NOT_FOUND VirtualService/shop/b spec.hosts[0]',
    ]);
    expect(findings[0]?.message).toContain('flaky failed and was skipped: boom');
  });
});

import { describe, expect, it } from 'vitest';
import { parseObject } from '../../mesh/parse';
import type { MeshObject } from '../../mesh/types';
import { ValidationContext } from '../context';
import {
  brief,
  destinationRule,
  findingsOf,
  namespace,
  pod,
  routeTo,
  snapshotOf,
  versions,
  virtualService,
} from '../test-fixtures';
import { runChecks } from '../validate';
import { namespaceInjection } from './namespace-injection';

describe('namespace-injection', () => {
  it('accepts injected namespaces (label, revision, pod opt-in), unknown ones, gateway-only rules and the root namespace', () => {
    const objects = [
      namespace('shop', { 'istio-injection': 'enabled' }),
      namespace('payments', { 'istio.io/rev': 'default' }),
      namespace('jobs'),
      namespace('edge'),
      namespace('istio-system'),
      pod('jobs', 'batch-1', { app: 'batch', 'sidecar.istio.io/inject': 'true' }),
      virtualService('shop', 'cart', { hosts: ['cart'], http: [routeTo('cart')] }),
      versions('payments', 'payments', 'v1'),
      virtualService('jobs', 'batch', { hosts: ['batch'], http: [routeTo('batch')] }),
      virtualService('edge', 'public', {
        hosts: ['shop.example.com'],
        gateways: ['edge/public'],
        http: [routeTo('storefront.shop')],
      }),
      virtualService('unlisted', 'x', { hosts: ['x'], http: [routeTo('x')] }),
      destinationRule('istio-system', 'default', {
        host: '*.local',
        trafficPolicy: { tls: { mode: 'ISTIO_MUTUAL' } },
      }),
    ];
    expect(findingsOf(namespaceInjection, objects)).toEqual([]);
  });

  it('reports mesh rules in a namespace without injection, or with injection disabled', () => {
    const objects = [
      namespace('legacy'),
      namespace('batch', { 'istio-injection': 'disabled', 'istio.io/rev': 'default' }),
      virtualService('legacy', 'inventory', { hosts: ['inventory'], http: [routeTo('inventory')] }),
      versions('batch', 'reports', 'v1'),
    ];
    const findings = findingsOf(namespaceInjection, objects);
    expect(brief(findings)).toEqual([
      'NAMESPACE_NOT_INJECTED VirtualService/legacy/inventory metadata.namespace',
      'NAMESPACE_NOT_INJECTED DestinationRule/batch/reports metadata.namespace',
    ]);
    expect(findings[0]).toMatchObject({ severity: 'warning', istioCode: 'IST0102' });
  });

  it("exempts both the root namespace and the mesh config's own namespace where they differ", () => {
    const config = parseObject(
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'istio', namespace: 'istio-control' },
        data: { mesh: 'rootNamespace: mesh-root' },
      },
      undefined,
      { namespace: 'istio-control', name: 'istio' },
    ) as MeshObject;
    const objects = [
      namespace('istio-control'),
      namespace('mesh-root'),
      config,
      destinationRule('istio-control', 'default', { host: '*.local' }),
      destinationRule('mesh-root', 'default', { host: '*.local' }),
    ];
    const snapshot = snapshotOf(objects);
    snapshot.sync.meshConfig = { namespace: 'istio-control', name: 'istio' };
    expect(runChecks(new ValidationContext(snapshot), [namespaceInjection])).toEqual([]);
  });
});

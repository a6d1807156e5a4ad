import { describe, expect, it } from 'vitest';
import type { InvalidObject } from '../../lib/mesh/types';
import type { Finding } from '../../lib/validate/types';
import { compareFindings } from './match';
import type { IstioMessage } from './reference';

function finding(code: string, kind: string, namespace: string, name: string, istioCode?: string): Finding {
  return {
    code,
    severity: 'error',
    ref: { kind, namespace, name } as Finding['ref'],
    path: 'spec',
    message: '',
    ...(istioCode && { istioCode }),
  };
}

const message = (code: string, origin: string): IstioMessage => ({
  code,
  level: 'Error',
  message: code,
  origin,
});

describe('compareFindings', () => {
  it('pairs findings and messages by istioctl code and object', () => {
    const { rows, extras } = compareFindings(
      [
        finding('VS_HOST_NOT_FOUND', 'VirtualService', 'shop', 'reviews', 'IST0101'),
        finding('VS_SUBSET_NOT_FOUND', 'VirtualService', 'shop', 'reviews', 'IST0101'),
        finding('DR_HOST_NOT_FOUND', 'DestinationRule', 'shop', 'reviews', 'IST0174'),
        finding('VS_DUPLICATE_DESTINATION', 'VirtualService', 'shop', 'reviews'),
      ],
      [],
      [
        message('IST0101', 'VirtualService shop/reviews'),
        message('IST0101', 'VirtualService shop/reviews'),
        message('IST0132', 'VirtualService shop/reviews'),
      ],
    );
    expect(rows.map((row) => `${row.istioCode} ${row.object} ${row.status} ${row.weir.join('+')}`)).toEqual([
      'IST0101 VirtualService shop/reviews agree VS_HOST_NOT_FOUND+VS_SUBSET_NOT_FOUND',
      'IST0132 VirtualService shop/reviews istioctl-only ',
      'IST0174 DestinationRule shop/reviews weir-only DR_HOST_NOT_FOUND',
    ]);
    expect(extras).toEqual([{ code: 'VS_DUPLICATE_DESTINATION', object: 'VirtualService shop/reviews' }]);
  });

  it('compares namespace injection on the Namespace, admission checks and parse errors as IST0106', () => {
    const invalid: InvalidObject = {
      kind: 'Invalid',
      ofKind: 'Gateway',
      apiVersion: 'networking.istio.io/v1',
      metadata: { name: 'edge', namespace: 'shop' },
      reason: 'spec.servers: expected array',
      raw: {},
    };
    const { rows, extras } = compareFindings(
      [
        finding('NAMESPACE_NOT_INJECTED', 'VirtualService', 'legacy', 'inventory', 'IST0102'),
        finding('NAMESPACE_NOT_INJECTED', 'DestinationRule', 'legacy', 'inventory', 'IST0102'),
        finding('DR_DUPLICATE_SUBSET', 'DestinationRule', 'shop', 'reviews'),
        finding('VS_WEIGHTS_ZERO', 'VirtualService', 'shop', 'reviews'),
      ],
      [invalid],
      [
        message('IST0102', 'Namespace legacy'),
        message('IST0106', 'DestinationRule shop/reviews'),
        message('IST0106', 'Gateway shop/edge'),
      ],
    );
    expect(rows.map((row) => `${row.istioCode} ${row.object} ${row.status}`)).toEqual([
      'IST0102 Namespace legacy agree',
      'IST0106 DestinationRule shop/reviews agree',
      'IST0106 Gateway shop/edge agree',
      'IST0106 VirtualService shop/reviews weir-only',
    ]);
    expect(extras).toEqual([]);
  });
});

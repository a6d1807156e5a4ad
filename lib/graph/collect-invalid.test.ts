import { describe, expect, it } from 'vitest';
import { collectInvalid } from './collect-invalid';
import { indexSnapshot } from './index-snapshot';
import { invalid, shopSnapshot } from './test-fixtures';

describe('collectInvalid', () => {
  it('draws an unreadable object with its reason as an error', () => {
    const broken = invalid(
      'VirtualService',
      'shop',
      'broken',
      'spec.http[0].route: expected array, got string',
    );
    expect(collectInvalid(indexSnapshot(shopSnapshot([broken])))).toEqual([
      {
        id: 'invalid:VirtualService/shop/broken',
        kind: 'invalid',
        namespace: 'shop',
        label: 'broken',
        details: ['VirtualService networking.istio.io/v1', 'spec.http[0].route: expected array, got string'],
        ref: { kind: 'VirtualService', namespace: 'shop', name: 'broken' },
        problems: [
          {
            severity: 'error',
            code: 'INVALID_OBJECT',
            message: 'spec.http[0].route: expected array, got string',
          },
        ],
      },
    ]);
  });
});

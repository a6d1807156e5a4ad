import { describe, expect, it } from 'vitest';
import type { HTTPRouteRule } from '@/lib/mesh/gateway-api-types';
import { filterField, withFilterField } from './rule-filters';

describe('a rule’s filters edited by section', () => {
  const rule: HTTPRouteRule = {
    filters: [{ type: 'RequestHeaderModifier', requestHeaderModifier: { remove: ['x-old'] } }],
    backendRefs: [{ name: 'cart', port: 80 }],
  };

  it('makes the filter when a first field is filled, at the end, leaving the others', () => {
    const next = withFilterField(rule, 'URLRewrite', ['hostname'], 'cart.internal');
    expect(next.filters).toEqual([
      rule.filters?.[0],
      { type: 'URLRewrite', urlRewrite: { hostname: 'cart.internal' } },
    ]);
    expect(filterField(next, 'URLRewrite', ['hostname'])).toBe('cart.internal');
    expect(next.backendRefs).toBe(rule.backendRefs);
  });

  it('drops the filter when its settings are emptied, and the list when it is empty', () => {
    expect(withFilterField(rule, 'RequestHeaderModifier', ['remove'], undefined)).toEqual({
      backendRefs: rule.backendRefs,
    });
  });

  it('edits a field of an existing filter in place', () => {
    const next = withFilterField(rule, 'RequestHeaderModifier', ['set'], [{ name: 'x-weir', value: '1' }]);
    expect(next.filters).toEqual([
      {
        type: 'RequestHeaderModifier',
        requestHeaderModifier: { remove: ['x-old'], set: [{ name: 'x-weir', value: '1' }] },
      },
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { placeOf } from './yaml-places';

const spec = `hosts:
  - checkout
http:
  - name: default
    route:
      - destination:
          host: checkout
    timeout: 0s
`;

describe('placeOf', () => {
  it('finds the value a path names, through lists and mappings', () => {
    const at = placeOf(spec, ['http', 0, 'timeout']);
    expect(at && spec.slice(at.from, at.to)).toBe('0s');
    const host = placeOf(spec, ['http', '0', 'route', '0', 'destination', 'host']);
    expect(host && spec.slice(host.from, host.to)).toBe('checkout');
  });

  it('falls back to the nearest parent that is written', () => {
    const at = placeOf(spec, ['http', 0, 'retries', 'attempts']);
    expect(at && spec.slice(at.from, at.to)).toMatch(/^name: default/);
  });

  it('places nothing in a text that does not parse', () => {
    expect(placeOf('hosts: [a', ['hosts'])).toBeUndefined();
  });
});

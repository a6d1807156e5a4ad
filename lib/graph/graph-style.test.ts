import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Severity } from '../validate/types';
import { worstOf } from './graph-style';

const severities: Severity[] = ['info', 'warning', 'error'];

describe('worstOf', () => {
  it('is undefined without problems', () => {
    expect(worstOf([])).toBeUndefined();
  });

  it('picks error over warning over info, in any order', () => {
    expect(worstOf([{ severity: 'info' }, { severity: 'error' }, { severity: 'warning' }])).toBe('error');
    expect(worstOf([{ severity: 'warning' }, { severity: 'info' }])).toBe('warning');
    expect(worstOf([{ severity: 'info' }])).toBe('info');
  });

  it('is the highest severity present, whatever the order (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...severities), { minLength: 1 }), (list) => {
        const worst = worstOf(list.map((severity) => ({ severity })));
        const highest = severities.filter((s) => list.includes(s)).at(-1);
        expect(worst).toBe(highest);
      }),
    );
  });
});

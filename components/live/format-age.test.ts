import { describe, expect, it } from 'vitest';
import { formatAge } from './format-age';

describe('formatAge', () => {
  it('says seconds, minutes, hours and days as a person would', () => {
    expect(formatAge(0)).toBe('0 s');
    expect(formatAge(8_400)).toBe('8 s');
    expect(formatAge(125_000)).toBe('2 min 5 s');
    expect(formatAge(120_000)).toBe('2 min');
    expect(formatAge(3_780_000)).toBe('1 h 3 min');
    expect(formatAge(2 * 86_400_000 + 4 * 3_600_000)).toBe('2 d 4 h');
  });

  it('never goes below zero (clocks differ)', () => {
    expect(formatAge(-5000)).toBe('0 s');
  });
});

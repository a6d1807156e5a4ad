import { describe, expect, it } from 'vitest';
import { safeNext } from './safe-next';

describe('safeNext', () => {
  it('keeps a path on Weir', () => {
    expect(safeNext('/?namespace=shop')).toBe('/?namespace=shop');
    expect(safeNext('/history#at')).toBe('/history#at');
    expect(safeNext('/a/../history')).toBe('/history');
  });

  it('sends anything else home', () => {
    for (const next of [
      undefined,
      '',
      'https://evil.example',
      '//evil.example',
      '/\\evil.example',
      '/\t/evil.example',
      '/\n/evil.example',
      '/\r\\evil.example',
      'javascript:alert(1)',
      '/.//evil.example/steal',
      '/%2e//evil.example',
      '/a/..//evil.example',
      '/a/%2e%2e//evil.example',
    ]) {
      expect(safeNext(next)).toBe('/');
    }
  });
});

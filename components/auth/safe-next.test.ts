import { describe, expect, it } from 'vitest';
import { safeNext } from './safe-next';

describe('safeNext', () => {
  it('keeps a path on Weir', () => {
    expect(safeNext('/?namespace=shop')).toBe('/?namespace=shop');
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
    ]) {
      expect(safeNext(next)).toBe('/');
    }
  });
});

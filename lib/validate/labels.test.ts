import { describe, expect, it } from 'vitest';
import { selectorText, selects } from './labels';

describe('selects', () => {
  it('requires every selector label, and selects everything when empty', () => {
    expect(selects({ app: 'cart', version: 'v1' }, { app: 'cart', version: 'v1', team: 'shop' })).toBe(true);
    expect(selects({ app: 'cart', version: 'v2' }, { app: 'cart', version: 'v1' })).toBe(false);
    expect(selects({ app: 'cart' }, undefined)).toBe(false);
    expect(selects({}, undefined)).toBe(true);
  });
});

describe('selectorText', () => {
  it('is stable whatever the key order', () => {
    expect(selectorText({ version: 'v1', app: 'cart' })).toBe('app=cart,version=v1');
    expect(selectorText(undefined)).toBe('');
  });
});

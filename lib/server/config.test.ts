import { describe, expect, it } from 'vitest';
import { readConfig, readNamespaces } from './config';

describe('WEIR_NAMESPACES', () => {
  it('lists namespaces separated by commas, spaces and repeats allowed; empty or unset means all', () => {
    expect(readNamespaces(' shop, payments ,shop,')).toEqual(['payments', 'shop']);
    expect(readNamespaces('')).toBeUndefined();
    expect(readNamespaces(' , ')).toBeUndefined();
    expect(readNamespaces(undefined)).toBeUndefined();
    expect(readConfig({ ...process.env, WEIR_NAMESPACES: 'shop' }).namespaces).toEqual(['shop']);
  });

  it('refuses what is no namespace name, saying which', () => {
    expect(() => readNamespaces('shop,Payments')).toThrow(/WEIR_NAMESPACES .*not "Payments"/);
    expect(() => readNamespaces('shop;payments')).toThrow(/not "shop;payments"/);
    expect(() => readNamespaces('../etc')).toThrow(/WEIR_NAMESPACES/);
  });
});

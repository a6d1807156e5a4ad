import { describe, expect, it } from 'vitest';
import { InvalidError } from '../mesh/errors';
import type { VirtualServiceSpec } from '../mesh/types';
import { routeTo, service, snapshotOf, virtualService } from '../validate/test-fixtures';
import { checkFindings } from './submit-change';

// The write gate refuses a new error and lets warnings through: the rules beyond istioctl
// (issue 16) block only what breaks traffic.
describe('write gate: delegates and gateways named in matches', () => {
  const root = virtualService('shop', 'root', {
    hosts: ['shop.example.com'],
    http: [{ match: [{ uri: { prefix: '/cart' } }], delegate: { name: 'cart' } }],
  });
  const delegate = virtualService('shop', 'cart', { http: [routeTo('cart')] });
  const snapshot = snapshotOf([service('shop', 'cart'), root, delegate]);
  const edit = (spec: VirtualServiceSpec) => virtualService('shop', 'cart', spec);

  it('refuses hosts on a delegate a root names, at spec.hosts (istiod would drop the root route)', () => {
    let error: unknown;
    try {
      checkFindings(snapshot, delegate, edit({ hosts: ['cart'], http: [routeTo('cart')] }));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidError);
    const field = (error as InvalidError).fields?.find((f) => f.path === 'spec.hosts');
    expect(field?.message).toContain('shop/root delegates spec.http[0]');
  });

  it.each<[string, VirtualServiceSpec]>([
    [
      'a delegate route outside the root’s prefix',
      { http: [{ match: [{ uri: { prefix: '/pay' } }], ...routeTo('cart') }] },
    ],
  ])('lets a warning through: %s', (_what, spec) => {
    expect(() => checkFindings(snapshot, delegate, edit(spec))).not.toThrow();
  });

  it('lets a match name a Gateway that does not exist (VS_MATCH_GATEWAY_NOT_FOUND, a warning)', () => {
    const before = virtualService('shop', 'web', { hosts: ['web'], http: [routeTo('cart')] });
    const after = virtualService('shop', 'web', {
      hosts: ['web'],
      http: [{ match: [{ gateways: ['mesh', 'old-edge'] }], ...routeTo('cart') }],
    });
    expect(() => checkFindings(snapshotOf([service('shop', 'cart'), before]), before, after)).not.toThrow();
  });
});

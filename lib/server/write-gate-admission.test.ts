import { describe, expect, it } from 'vitest';
import { InvalidError } from '../mesh/errors';
import { routeTo, service, snapshotOf, virtualService } from '../validate/test-fixtures';
import { checkFindings } from './submit-change';

// The write gate (every form, slider, YAML tab and create goes through checkFindings) refuses
// what Istio's webhook refuses, with Istio's message at the field.
describe('write gate: what Istio refuses', () => {
  const before = virtualService('shop', 'reviews', { hosts: ['reviews'], http: [routeTo('reviews')] });
  const snapshot = snapshotOf([service('shop', 'reviews'), before]);

  it.each([
    [
      'a regex RE2 refuses',
      { match: [{ uri: { regex: '/(?!admin)' } }] },
      'spec.http[0].match[0].uri',
      /RE2/,
    ],
    [
      'a catastrophic-backtracking regex is fine for RE2',
      { match: [{ uri: { regex: '(a+)+$' } }] },
      undefined,
      undefined,
    ],
    ['a timeout below 1ms', { timeout: '500us' }, 'spec.http[0].timeout', /greater than 1ms/],
    [
      'a negative weight',
      { route: [{ destination: { host: 'reviews' }, weight: -5 }] },
      'spec.http[0].route[0].weight',
      /< 0/,
    ],
  ])('%s', (_what, change, path, message) => {
    const after = virtualService('shop', 'reviews', {
      hosts: ['reviews'],
      http: [{ ...routeTo('reviews'), ...change }],
    });
    if (path === undefined) {
      expect(() => checkFindings(snapshot, before, after)).not.toThrow();
      return;
    }
    let error: unknown;
    try {
      checkFindings(snapshot, before, after);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidError);
    const fields = (error as InvalidError).fields ?? [];
    expect(fields.map((f) => f.path)).toContain(path);
    expect(fields.find((f) => f.path === path)?.message).toMatch(message as RegExp);
  });

  it('refuses creating an object Istio refuses (no before)', () => {
    const created = virtualService('shop', 'empty', { hosts: ['*'] });
    expect(() => checkFindings(snapshot, undefined, created)).toThrow(InvalidError);
  });
});

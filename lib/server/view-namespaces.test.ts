import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidError } from '../mesh/errors';
import { viewNamespaces } from './view-namespaces';

const params = (namespaces: string[]) => new URLSearchParams(namespaces.map((n) => ['namespace', n]));

describe('the namespaces a view asks for', () => {
  it('takes namespace names, once each', () => {
    expect(viewNamespaces(params(['shop', 'team-7', 'shop']))).toEqual(['shop', 'team-7']);
    expect(viewNamespaces(params([]))).toEqual([]);
  });

  it('refuses anything else with a 422 naming the parameter, whatever the text', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.constant('a'.repeat(64))), {
          maxLength: 120,
        }),
        (namespaces) => {
          try {
            const answer = viewNamespaces(params(namespaces));
            for (const namespace of answer) expect(namespace).toMatch(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/);
          } catch (error) {
            expect(error).toBeInstanceOf(InvalidError);
            expect((error as Error).message).toMatch(/^namespace: /);
          }
        },
      ),
    );
  });

  it('refuses a view of too many namespaces', () => {
    expect(() => viewNamespaces(params(Array.from({ length: 101 }, (_, i) => `n${i}`)))).toThrow(
      /^namespace: at most 100/,
    );
  });
});

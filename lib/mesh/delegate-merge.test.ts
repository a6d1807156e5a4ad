import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { conflictField, mergeConflict, mergeMatches } from './delegate-merge';
import type { HTTPMatchRequest, StringMatch } from './types';

const path = fc.stringMatching(/^\/[a-c]{0,3}$/);
const stringMatch: fc.Arbitrary<StringMatch> = fc.oneof(
  path.map((prefix) => ({ prefix })),
  path.map((exact) => ({ exact })),
);
const value = fc.constantFrom('a', 'b');
const match: fc.Arbitrary<HTTPMatchRequest> = fc.record(
  {
    uri: stringMatch,
    method: fc.constantFrom('GET', 'POST').map((exact) => ({ exact })),
    headers: fc.dictionary(
      fc.constantFrom('x-user', 'x-tier'),
      value.map((exact) => ({ exact })),
    ),
    port: fc.constantFrom(80, 8080),
    ignoreUriCase: fc.boolean(),
    sourceLabels: fc.dictionary(fc.constantFrom('app', 'version'), value),
    gateways: fc.subarray(['shop/public', 'shop/internal', 'mesh'], { minLength: 1 }),
  },
  { requiredKeys: [] },
);

/** A block that asks for the same and more: a longer path, more headers and labels, fewer gateways. */
const narrower = (root: HTTPMatchRequest) =>
  fc
    .record({
      tail: fc.stringMatching(/^[a-c/]{0,3}$/),
      headers: fc.dictionary(
        fc.constantFrom('x-extra', 'x-more'),
        value.map((exact) => ({ exact })),
      ),
      labels: fc.dictionary(fc.constantFrom('team', 'zone'), value),
      port: fc.constantFrom(80, 8080),
    })
    .map(({ tail, headers, labels, port }): HTTPMatchRequest => {
      const leaf: HTTPMatchRequest = { ...root, headers: { ...root.headers, ...headers } };
      if (root.uri?.prefix !== undefined) leaf.uri = { prefix: root.uri.prefix + tail };
      leaf.sourceLabels = { ...labels, ...root.sourceLabels };
      leaf.port = root.port ?? port;
      if (root.gateways) leaf.gateways = root.gateways.slice(0, 1);
      return leaf;
    });

describe('delegate merge (Istio’s mergeHTTPMatchRequests)', () => {
  it('property: a delegate block that asks for the same and more fits inside the root’s', () => {
    fc.assert(
      fc.property(
        match.chain((root) => fc.tuple(fc.constant(root), narrower(root))),
        ([root, leaf]) => {
          expect(conflictField(root, leaf)).toBeUndefined();
          expect(mergeConflict([root], [leaf])).toBeUndefined();
          expect(mergeMatches([root], [leaf])).toHaveLength(1);
        },
      ),
    );
  });

  it('property: mergeConflict answers exactly when mergeMatches drops the route', () => {
    fc.assert(
      fc.property(fc.array(match, { maxLength: 3 }), fc.array(match, { maxLength: 3 }), (root, leaf) => {
        const conflict = mergeConflict(root, leaf);
        expect(conflict === undefined).toBe(mergeMatches(root, leaf) !== undefined);
        if (conflict) {
          expect(conflict.fields).toHaveLength(root.length);
          for (const [index, top] of root.entries())
            expect(conflictField(top, leaf[conflict.leafIndex] as HTTPMatchRequest)).toBe(
              conflict.fields[index],
            );
        }
      }),
    );
  });

  it.each<[HTTPMatchRequest, HTTPMatchRequest, string | undefined]>([
    [{ uri: { prefix: '/a' } }, { uri: { prefix: '/ab' } }, undefined],
    [{ uri: { prefix: '/a/b' } }, { uri: { prefix: '/a' } }, 'uri'],
    [{ uri: { regex: '/a.*' } }, { uri: { regex: '/a.*' } }, 'uri'],
    [{ uri: { prefix: '/a' } }, { uri: {} }, 'uri'],
    [{ headers: { v: { exact: '1' } } }, { headers: { v: { prefix: '1' } } }, 'headers.v'],
    [{ queryParams: { q: { exact: '1' } } }, { queryParams: { q: { exact: '2' } } }, 'queryParams.q'],
    [{ sourceNamespace: 'a' }, {}, 'sourceNamespace'],
    [{}, { sourceNamespace: 'a' }, undefined],
    [{ sourceLabels: { app: 'a' } }, { sourceLabels: { app: 'b' } }, 'sourceLabels.app'],
    [{ gateways: ['shop/a'] }, { gateways: ['shop/a', 'shop/b'] }, 'gateways'],
    [{ gateways: ['shop/a', 'shop/b'] }, { gateways: ['shop/b'] }, undefined],
  ])('%j against %j: %s', (root, leaf, field) => {
    expect(conflictField(root, leaf)).toBe(field);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { HTTPMatchRequest } from '../../mesh/types';
import { brief, findingsOf, virtualService } from '../test-fixtures';
import { vsDelegateOutsideRoot } from './vs-delegate-outside-root';

function mesh(
  rootMatch: HTTPMatchRequest[] | undefined,
  delegateMatch: HTTPMatchRequest[] | undefined,
  hosts?: string[],
) {
  return [
    virtualService('shop', 'root', {
      hosts: ['shop.example.com'],
      gateways: ['shop-gateway'],
      http: [{ ...(rootMatch && { match: rootMatch }), delegate: { name: 'cart', namespace: 'cart' } }],
    }),
    virtualService('cart', 'cart', {
      ...(hosts && { hosts }),
      http: [
        {
          name: 'items',
          ...(delegateMatch && { match: delegateMatch }),
          route: [{ destination: { host: 'cart' } }],
        },
      ],
    }),
  ];
}

const check = (root: HTTPMatchRequest[] | undefined, leaf: HTTPMatchRequest[] | undefined) =>
  brief(findingsOf(vsDelegateOutsideRoot, mesh(root, leaf)));
const at = (path: string) => [`VS_DELEGATE_ROUTE_OUTSIDE_ROOT VirtualService/cart/cart ${path}`];

describe('vs-delegate-outside-root', () => {
  it.each<[string, HTTPMatchRequest[] | undefined, HTTPMatchRequest[] | undefined, string[]]>([
    ['a prefix under the root’s', [{ uri: { prefix: '/cart' } }], [{ uri: { prefix: '/cart/items' } }], []],
    [
      'an exact path under the root’s prefix',
      [{ uri: { prefix: '/cart' } }],
      [{ uri: { exact: '/cart/1' } }],
      [],
    ],
    [
      'a prefix outside the root’s',
      [{ uri: { prefix: '/cart' } }],
      [{ uri: { prefix: '/items' } }],
      at('spec.http[0].match[0].uri'),
    ],
    [
      'an exact path outside',
      [{ uri: { prefix: '/cart' } }],
      [{ uri: { exact: '/pay' } }],
      at('spec.http[0].match[0].uri'),
    ],
    [
      'a prefix under an exact root',
      [{ uri: { exact: '/cart' } }],
      [{ uri: { prefix: '/cart' } }],
      at('spec.http[0].match[0].uri'),
    ],
    ['the root’s exact path', [{ uri: { exact: '/cart' } }], [{ uri: { exact: '/cart' } }], []],
    [
      'a regex under a prefix',
      [{ uri: { prefix: '/cart' } }],
      [{ uri: { regex: '/cart/.*' } }],
      at('spec.http[0].match[0].uri'),
    ],
    ['no uri in the delegate', [{ uri: { prefix: '/cart' } }], [{ headers: { user: { exact: 'qa' } } }], []],
    ['no match in the root', undefined, [{ uri: { prefix: '/anything' } }], []],
    ['no match in the delegate', [{ uri: { prefix: '/cart' } }], undefined, []],
    [
      'another method',
      [{ method: { exact: 'GET' } }],
      [{ method: { exact: 'POST' } }],
      at('spec.http[0].match[0].method'),
    ],
    ['another port', [{ port: 80 }], [{ port: 8080 }], at('spec.http[0].match[0].port')],
    [
      'a header the root matches otherwise',
      [{ headers: { v: { exact: '1' } } }],
      [{ headers: { v: { exact: '2' } } }],
      at('spec.http[0].match[0].headers.v'),
    ],
    [
      'ignoreUriCase on one side',
      [{ uri: { prefix: '/cart' }, ignoreUriCase: true }],
      [{ uri: { prefix: '/cart/x' } }],
      at('spec.http[0].match[0].ignoreUriCase'),
    ],
    [
      'one of two root matches taking it',
      [{ uri: { prefix: '/cart' } }, { uri: { prefix: '/basket' } }],
      [{ uri: { prefix: '/basket/items' } }],
      [],
    ],
    [
      'outside both root matches',
      [{ uri: { prefix: '/cart' } }, { uri: { prefix: '/basket' } }],
      [{ uri: { prefix: '/pay' } }],
      at('spec.http[0].match[0].uri'),
    ],
    [
      'outside on different fields per root match',
      [{ uri: { prefix: '/cart' } }, { method: { exact: 'GET' } }],
      [{ uri: { prefix: '/pay' }, method: { exact: 'POST' } }],
      at('spec.http[0].match[0]'),
    ],
    [
      'the second of two delegate matches outside (the whole route is dropped)',
      [{ uri: { prefix: '/cart' } }],
      [{ uri: { prefix: '/cart/a' } }, { uri: { prefix: '/b' } }],
      at('spec.http[0].match[1].uri'),
    ],
    [
      'a header named like an Object method',
      [{ uri: { prefix: '/c' } }],
      [{ headers: { constructor: { exact: 'x' } } }],
      [],
    ],
  ])('%s', (_name, root, leaf, expected) => {
    expect(check(root, leaf)).toEqual(expected);
  });

  it('reads gateway names in each VirtualService’s own namespace, as Istio resolves them before merging', () => {
    expect(check([{ gateways: ['shop/shop-gateway'] }], [{ gateways: ['shop/shop-gateway'] }])).toEqual([]);
    // `shop-gateway` in the delegate is cart/shop-gateway: not among the root's.
    expect(check([{ gateways: ['shop-gateway'] }], [{ gateways: ['shop-gateway'] }])).toEqual(
      at('spec.http[0].match[0].gateways'),
    );
  });

  it('leaves a VirtualService with hosts alone (it is no delegate: VS_DELEGATE_HAS_HOSTS)', () => {
    const objects = mesh([{ uri: { prefix: '/cart' } }], [{ uri: { prefix: '/pay' } }], ['cart.example.com']);
    expect(findingsOf(vsDelegateOutsideRoot, objects)).toEqual([]);
  });

  it('names the root route and both matches, like the corpus’ /nisan root and /haim delegate', () => {
    const [finding] = findingsOf(
      vsDelegateOutsideRoot,
      mesh([{ uri: { prefix: '/nisan' } }], [{ uri: { prefix: '/haim' } }]),
    );
    expect(finding?.message).toBe(
      'Route "items" is dropped when shop/root spec.http[0] delegates here: its match uri prefix /haim lies outside the root route’s match (uri prefix /nisan), so Istio drops it.',
    );
  });

  it('property: a delegate prefix is reported exactly when it does not start with the root’s', () => {
    const segment = fc.stringMatching(/^\/[a-c]{0,2}$/);
    fc.assert(
      fc.property(segment, segment, segment, (rootPrefix, tail, other) => {
        expect(check([{ uri: { prefix: rootPrefix } }], [{ uri: { prefix: rootPrefix + tail } }])).toEqual(
          [],
        );
        expect(check([{ uri: { prefix: rootPrefix } }], [{ uri: { prefix: other } }])).toEqual(
          other.startsWith(rootPrefix) ? [] : at('spec.http[0].match[0].uri'),
        );
      }),
    );
  });
});

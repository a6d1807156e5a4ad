import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { gatewayApiCorpus } from '../graph/gateway-api/corpus-snapshot';
import { CRD_VALID_CASES } from './gateway-api-crd-valid';
import {
  gatewayRouteFieldErrors,
  gatewayRuleFieldErrors,
  hostnameProblem,
  kubernetesGatewayFieldErrors,
} from './gateway-api-field-errors';
import { GATEWAY_ROUTE_KINDS } from './gateway-api-types';

const paths = (kind: string, rule: unknown) => gatewayRuleFieldErrors(kind, rule).map((e) => e.path);

describe('Gateway API field checks', () => {
  it('checks path matches as the CRD does', () => {
    expect(paths('HTTPRoute', { matches: [{ path: { type: 'PathPrefix', value: '/cart' } }] })).toEqual([]);
    expect(paths('HTTPRoute', { matches: [{ path: { value: 'cart' } }] })).toEqual(['matches[0].path.value']);
    expect(paths('HTTPRoute', { matches: [{ path: { type: 'Exact', value: '/a//b' } }] })).toEqual([
      'matches[0].path.value',
    ]);
    expect(paths('HTTPRoute', { matches: [{ path: { type: 'RegularExpression', value: '/(a' } }] })).toEqual([
      'matches[0].path.value',
    ]);
    expect(paths('HTTPRoute', { matches: [{ path: { type: 'Glob', value: '/a' } }] })).toEqual([
      'matches[0].path.type',
    ]);
  });

  it('checks headers, query parameters and methods', () => {
    const rule = {
      matches: [
        {
          headers: [
            { name: 'x-env', value: 'canary' },
            { name: 'X-Env', value: 'again' },
            { name: 'bad name', value: 'x' },
            { name: 'x-re', type: 'RegularExpression', value: '(?=x)' },
          ],
          queryParams: [{ name: 'v', value: 2 }],
          method: 'get',
        },
      ],
    };
    expect(paths('HTTPRoute', rule)).toEqual([
      'matches[0].headers[1].name',
      'matches[0].headers[2].name',
      'matches[0].headers[3].value',
      'matches[0].queryParams[0].value',
      'matches[0].method',
    ]);
  });

  it('checks filters: their settings, their combinations, and ReplacePrefixMatch’s one PathPrefix match', () => {
    expect(
      paths('HTTPRoute', {
        filters: [
          { type: 'RequestRedirect', requestRedirect: { scheme: 'ftp', statusCode: 200, port: 0 } },
          { type: 'URLRewrite', urlRewrite: { path: { type: 'ReplaceFullPath' } } },
          { type: 'RequestHeaderModifier', responseHeaderModifier: {} },
        ],
        backendRefs: [{ name: 'cart', port: 80 }],
      }),
    ).toEqual([
      'filters[0].requestRedirect.scheme',
      'filters[0].requestRedirect.port',
      'filters[0].requestRedirect.statusCode',
      'filters[1].urlRewrite.path.replaceFullPath',
      'filters[2].responseHeaderModifier',
      'filters[2].requestHeaderModifier',
      'filters',
      'backendRefs',
    ]);
    const prefix = {
      matches: [{ path: { type: 'PathPrefix', value: '/cart' } }],
      filters: [
        { type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/' } } },
      ],
    };
    expect(paths('HTTPRoute', prefix)).toEqual([]);
    expect(paths('HTTPRoute', { ...prefix, matches: [...prefix.matches, { method: 'GET' }] })).toEqual([
      'filters[0].urlRewrite.path.type',
    ]);
    expect(paths('GRPCRoute', { filters: [{ type: 'URLRewrite', urlRewrite: {} }] })).toEqual([
      'filters[0].type',
    ]);
    expect(
      paths('HTTPRoute', {
        filters: [{ type: 'RequestMirror', requestMirror: { backendRef: { name: 'shadow' }, percent: 150 } }],
      }),
    ).toEqual(['filters[0].requestMirror.backendRef.port', 'filters[0].requestMirror.percent']);
  });

  it('refuses ReplacePrefixMatch only where the CRD does: no single PathPrefix match once defaulted', () => {
    const rewrite = {
      type: 'URLRewrite',
      urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/' } },
    };
    const redirect = {
      type: 'RequestRedirect',
      requestRedirect: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/' } },
    };
    const two = [{ path: { value: '/a' } }, { path: { value: '/b' } }];
    expect(paths('HTTPRoute', { filters: [rewrite] })).toEqual([]);
    expect(
      paths('HTTPRoute', { matches: [{ headers: [{ name: 'x', value: 'y' }] }], filters: [redirect] }),
    ).toEqual([]);
    expect(
      paths('HTTPRoute', { matches: [{ path: { type: 'Exact', value: '/a' } }], filters: [rewrite] }),
    ).toEqual(['filters[0].urlRewrite.path.type']);
    expect(paths('HTTPRoute', { matches: [], filters: [redirect] })).toEqual([
      'filters[0].requestRedirect.path.type',
    ]);
    // A null is absent: the API server drops it, then defaults (one PathPrefix / match).
    expect(paths('HTTPRoute', { matches: null, filters: [rewrite] })).toEqual([]);
    expect(paths('HTTPRoute', { matches: [{ path: null }], filters: [rewrite] })).toEqual([]);
    expect(
      paths('HTTPRoute', { matches: [{ path: { type: null, value: '/a' } }], filters: [rewrite] }),
    ).toEqual([]);
    // In backendRefs' filters: refused where one backend replaces the prefix, as the CRD's
    // exists_one rule does; two backends pass it.
    const backend = (name: string) => ({ name, port: 80, filters: [rewrite] });
    expect(
      paths('HTTPRoute', { matches: two, backendRefs: [backend('a'), { name: 'b', port: 80 }] }),
    ).toEqual(['backendRefs[0].filters[0].urlRewrite.path.type']);
    expect(paths('HTTPRoute', { matches: two, backendRefs: [backend('a'), backend('b')] })).toEqual([]);
  });

  it('tells the same parent as the CRD does, after its defaults', () => {
    const refs = (parentRefs: unknown[]) =>
      gatewayRouteFieldErrors('HTTPRoute', { parentRefs }).map((e) => e.path);
    expect(
      refs([{ name: 'edge' }, { name: 'edge', group: 'gateway.networking.k8s.io', kind: 'Gateway' }]),
    ).toEqual(['parentRefs[1].sectionName']);
    expect(refs([{ name: 'edge' }, { name: 'edge', kind: 'Service', group: '' }])).toEqual([]);
  });

  it('refuses references to one parent as the channel’s CEL rule does (standard, the default: by sectionName; experimental: and port)', () => {
    // The CRDs' two rules on parentRefs, as written in v1.6.3 (port only in the experimental one).
    const unset = (v: unknown) => v === undefined || v === '' || v === 0;
    const sameParent = (a: Record<string, unknown>, b: Record<string, unknown>) =>
      (a.group ?? 'gateway.networking.k8s.io') === (b.group ?? 'gateway.networking.k8s.io') &&
      (a.kind ?? 'Gateway') === (b.kind ?? 'Gateway') &&
      a.name === b.name &&
      ((unset(a.namespace) && unset(b.namespace)) || (!unset(a.namespace) && a.namespace === b.namespace));
    const cel = (refs: Record<string, unknown>[], byPort: boolean) =>
      refs.every((p1) =>
        refs.every(
          (p2) =>
            !sameParent(p1, p2) ||
            (unset(p1.sectionName) === unset(p2.sectionName) &&
              (!byPort || unset(p1.port) === unset(p2.port))),
        ),
      ) &&
      refs.every(
        (p1) =>
          refs.filter(
            (p2) =>
              sameParent(p1, p2) &&
              ((unset(p1.sectionName) && unset(p2.sectionName)) || p1.sectionName === p2.sectionName) &&
              (!byPort || (unset(p1.port) && unset(p2.port)) || p1.port === p2.port),
          ).length === 1,
      );
    const ref = fc.record(
      {
        name: fc.constantFrom('edge', 'other'),
        namespace: fc.constantFrom('infra', ''),
        kind: fc.constantFrom('Gateway', 'Service'),
        group: fc.constantFrom('gateway.networking.k8s.io', ''),
        sectionName: fc.constantFrom('http', 'https'),
        port: fc.constantFrom(80, 443),
      },
      { requiredKeys: ['name'] },
    );
    fc.assert(
      fc.property(fc.array(ref, { maxLength: 4 }), (refs) => {
        const refusedIn = (channel?: 'standard' | 'experimental') =>
          gatewayRouteFieldErrors('HTTPRoute', { parentRefs: refs }, channel).some((e) =>
            e.path.endsWith('.sectionName'),
          );
        expect(refusedIn()).toBe(!cel(refs, false));
        expect(refusedIn('standard')).toBe(!cel(refs, false));
        expect(refusedIn('experimental')).toBe(!cel(refs, true));
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses two refs to one Gateway differing by port alone in the standard channel, takes them in the experimental one', () => {
    const parentRefs = [
      { name: 'edge', port: 80 },
      { name: 'edge', port: 443 },
    ];
    expect(gatewayRouteFieldErrors('HTTPRoute', { parentRefs }).map((e) => e.path)).toEqual([
      'parentRefs[1].sectionName',
    ]);
    expect(gatewayRouteFieldErrors('HTTPRoute', { parentRefs }, 'experimental')).toEqual([]);
  });

  it.each(CRD_VALID_CASES)('takes what the CRD takes: $why', ({ kind, spec }) => {
    const errors =
      kind === 'KubernetesGateway' ? kubernetesGatewayFieldErrors(spec) : gatewayRouteFieldErrors(kind, spec);
    expect(errors).toEqual([]);
  });

  it('checks backendRefs, timeouts and gRPC methods', () => {
    expect(paths('HTTPRoute', { backendRefs: [{ name: '', port: 80, weight: -1 }] })).toEqual([
      'backendRefs[0].name',
      'backendRefs[0].weight',
    ]);
    expect(paths('HTTPRoute', { timeouts: { request: '1s', backendRequest: '2s' } })).toEqual([
      'timeouts.backendRequest',
    ]);
    expect(paths('HTTPRoute', { timeouts: { request: '0s', backendRequest: '2s' } })).toEqual([]);
    expect(paths('HTTPRoute', { timeouts: { request: '1.5s' } })).toEqual(['timeouts.request']);
    expect(paths('GRPCRoute', { matches: [{ method: {} }] })).toEqual(['matches[0].method.service']);
    expect(paths('GRPCRoute', { matches: [{ method: { service: 'a.B', method: 'Get-It' } }] })).toEqual([
      'matches[0].method.method',
    ]);
  });

  it('checks hostnames and parentRefs at the route level', () => {
    expect(hostnameProblem('*.example.com', true)).toBeUndefined();
    expect(hostnameProblem('10.0.0.1', true)).toMatch(/IP address/);
    const errors = gatewayRouteFieldErrors('HTTPRoute', {
      hostnames: ['Shop.example.com', 'shop.example.com:80'],
      parentRefs: [
        { name: 'edge' },
        { name: 'edge', sectionName: 'https' },
        { name: 'x', port: 70000, namespace: 'A' },
      ],
    });
    expect(errors.map((e) => e.path)).toEqual([
      'hostnames[0]',
      'hostnames[1]',
      'parentRefs[2].namespace',
      'parentRefs[2].port',
      'parentRefs[1].sectionName',
    ]);
  });

  it('checks a Gateway’s listeners: TLS by protocol, unique names and places, allowedRoutes', () => {
    const errors = kubernetesGatewayFieldErrors({
      listeners: [
        { name: 'http', port: 80, protocol: 'HTTP', tls: { mode: 'Terminate' } },
        { name: 'http', port: 443, protocol: 'HTTPS' },
        { name: 'tls', port: 8443, protocol: 'TLS', tls: { certificateRefs: [{ name: 'cert' }] } },
        { name: 'tcp', port: 5432, protocol: 'TCP', hostname: 'db.example.com' },
        { name: 'web', port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'Selector' } } },
        {
          name: 'web2',
          port: 80,
          protocol: 'HTTP',
          hostname: '*.example.com',
          allowedRoutes: { kinds: [{ kind: '' }] },
        },
      ],
    });
    expect(errors.map((e) => e.path)).toEqual([
      'listeners[0].tls',
      'listeners[1].name',
      'listeners[1].tls',
      'listeners[2].tls.mode',
      'listeners[3].hostname',
      'listeners[4].hostname',
      'listeners[4].allowedRoutes.namespaces.selector',
      'listeners[5].allowedRoutes.kinds[0].kind',
    ]);
    expect(kubernetesGatewayFieldErrors({ listeners: [] }).map((e) => e.path)).toEqual(['listeners']);
  });

  it('finds nothing wrong with any route or Gateway of the Gateway API project’s own examples', () => {
    const corpus = gatewayApiCorpus(path.resolve(__dirname, '..', '..'));
    if (!corpus.present) {
      console.warn(`corpus absent at ${corpus.folder}: the examples were not checked`);
      return;
    }
    let routes = 0;
    for (const file of corpus.files) {
      for (const doc of parseAllDocuments(readFileSync(path.join(corpus.folder, file), 'utf8'))) {
        const raw = doc.toJS() as { kind?: string; spec?: unknown } | null;
        if (
          raw?.kind === 'Gateway' &&
          String((raw as { apiVersion?: string }).apiVersion).startsWith('gateway.')
        ) {
          expect(kubernetesGatewayFieldErrors(raw.spec), `${file} Gateway`).toEqual([]);
          continue;
        }
        if (!raw?.kind || !(GATEWAY_ROUTE_KINDS as readonly string[]).includes(raw.kind)) continue;
        routes++;
        expect(gatewayRouteFieldErrors(raw.kind, raw.spec), `${file} ${raw.kind}`).toEqual([]);
      }
    }
    expect(routes).toBeGreaterThan(20);
  });
});

describe('field errors of values String() cannot turn into text', () => {
  // `{"toString": false}` (or an array holding one) makes String() throw: a 500 where a 4xx
  // naming the field is owed (found by the forms' fuzz suite).
  const hostile = fc.oneof(
    fc.constant({ toString: false }),
    fc.constant([{ toString: false }]),
    fc.record({ toString: fc.jsonValue(), valueOf: fc.jsonValue() }),
    fc.jsonValue(),
  );

  it('names the field of a listener hostname no string can be made of', () => {
    const errors = kubernetesGatewayFieldErrors({
      gatewayClassName: 'istio',
      listeners: [{ name: 'http', port: 80, protocol: 'HTTP', hostname: [{ toString: false }] }],
    });
    expect(errors.map((e) => e.path)).toContain('listeners[0].hostname');
  });

  it('never throws, whatever a listener, a parent or a header name holds', () => {
    fc.assert(
      fc.property(hostile, hostile, hostile, (a, b, c) => {
        kubernetesGatewayFieldErrors({
          gatewayClassName: 'istio',
          listeners: [
            { name: 'x', port: a, protocol: b, hostname: c, tls: {} },
            { name: 'y', port: a, protocol: b, hostname: c },
          ],
        });
        gatewayRouteFieldErrors('HTTPRoute', {
          parentRefs: [
            { name: a, sectionName: b },
            { name: a, sectionName: b },
          ],
          rules: [{ matches: [{ headers: [{ name: c }, { name: c }] }] }],
        });
      }),
    );
  });
});

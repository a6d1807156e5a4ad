import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../../../tools/test/until';
import { applyChange, type MeshChange } from '../../mesh/changes';
import { CRD_VALID_CASES } from '../../mesh/gateway-api-crd-valid';
import type { ObjectRef } from '../../mesh/types';
import { getStore } from '../store';
import {
  anyJsonValue,
  expectRefused,
  hostileText,
  send,
  useDemoFolder,
  type WriteEndpoint,
  withUnchangedDemoFolder,
} from './attack-kit';

// What the Gateway API forms and YAML tab send — SetRule for one rule, SetSpec for a route or
// a Gateway — made hostile field by field and deep inside the rule, through every endpoint
// that takes a change, against a real HTTPRoute and Gateway in a copy of the demo folder: a
// 4xx naming the field, never a 5xx, nothing written.
const OBJECTS = `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: edge
  namespace: shop
spec:
  gatewayClassName: istio
  listeners:
  - name: http
    port: 80
    protocol: HTTP
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: cart
  namespace: shop
spec:
  parentRefs:
  - name: edge
  hostnames: [shop.example.com]
  rules:
  - matches:
    - path: {type: PathPrefix, value: /cart}
    backendRefs:
    - {name: cart-v1, port: 8080, weight: 90}
    - {name: cart-v2, port: 8080, weight: 10}
`;

const hostile = fc.oneof(
  anyJsonValue(hostileText('', '../escape', '__proto__', '\u202e/cart', 'x'.repeat(5000), '/(a', '(?=x)')),
  fc.constantFrom(1e308, -1, 1.5, Number.NaN, [], {}, { __proto__: { polluted: true } }),
);

// A rule close to a real one with one part hostile: the rule itself, a field, or a field of a
// match, filter or backend — the places a form writes.
const rule = fc
  .record({
    matches: fc.constant([
      { path: { type: 'PathPrefix', value: '/cart' }, headers: [{ name: 'x-canary', value: 'true' }] },
    ]),
    filters: fc.constant([
      { type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/v2' } } },
    ]),
    backendRefs: fc.constant([{ name: 'cart-v1', port: 8080, weight: 1 }]),
    timeouts: fc.constant({ request: '10s' }),
  })
  .chain((base) =>
    fc.oneof(
      hostile,
      fc.constantFrom(...Object.keys(base)).chain((key) => hostile.map((v) => ({ ...base, [key]: v }))),
      fc
        .constantFrom(
          ['matches', 0, 'path', 'value'],
          ['matches', 0, 'path', 'type'],
          ['matches', 0, 'headers', 0, 'name'],
          ['matches', 0, 'method'],
          ['filters', 0, 'type'],
          ['filters', 0, 'urlRewrite', 'hostname'],
          ['filters', 0, 'urlRewrite', 'path', 'replacePrefixMatch'],
          ['backendRefs', 0, 'name'],
          ['backendRefs', 0, 'port'],
          ['backendRefs', 0, 'weight'],
          ['backendRefs', 0, 'namespace'],
          ['backendRefs', 0, 'filters'],
          ['backendRefs', 0, 'filters', 0, 'urlRewrite', 'path'],
          ['timeouts', 'backendRequest'],
        )
        .chain((path) => hostile.map((v) => setIn(base, path, v))),
    ),
  );

const target = (kind: string, name: string) =>
  fc.oneof(
    fc.constant({ kind, namespace: 'shop', name }),
    fc.record({
      kind: fc.oneof(
        fc.constantFrom('HTTPRoute', 'KubernetesGateway', 'Gateway', 'ReferenceGrant', 'GatewayClass'),
        fc.string(),
      ),
      namespace: fc.constantFrom('shop', '..', 'Shop', ''),
      name: fc.constantFrom(name, `${name}/../x`, 'missing', `\u202e${name}`),
    }),
  );

const setRule = fc.record({
  kind: fc.constant('SetRule'),
  target: target('HTTPRoute', 'cart'),
  routeKind: fc.oneof(fc.constant('rules'), hostile),
  routeIndex: fc.oneof(fc.integer({ min: -2, max: 3 }), hostile),
  rule,
});

const setSpec = fc.oneof(
  fc.record({
    kind: fc.constant('SetSpec'),
    target: target('HTTPRoute', 'cart'),
    spec: fc.oneof(
      hostile,
      rule.map((r) => ({ parentRefs: [{ name: 'edge' }], rules: [r] })),
      hostile.map((h) => ({ parentRefs: [{ name: 'edge' }], hostnames: h })),
      hostile.map((h) => ({ parentRefs: h })),
      fc
        .tuple(fc.constantFrom('name', 'kind', 'group', 'namespace', 'port', 'sectionName'), hostile)
        .map(([key, h]) => ({ parentRefs: [{ name: 'edge', [key]: h }] })),
    ),
  }),
  fc.record({
    kind: fc.constant('SetSpec'),
    target: target('KubernetesGateway', 'edge'),
    spec: fc.oneof(
      hostile,
      hostile.map((h) => ({
        gatewayClassName: 'istio',
        listeners: [{ name: 'http', port: 80, protocol: 'HTTP', hostname: h }],
      })),
      hostile.map((h) => ({
        gatewayClassName: 'istio',
        listeners: [{ name: h, port: 443, protocol: 'HTTPS', tls: { mode: 'Terminate' } }],
      })),
      hostile.map((h) => ({ gatewayClassName: 'istio', listeners: h })),
      fc.tuple(fc.constantFrom('name', 'kind', 'group', 'namespace'), hostile).map(([key, h]) => ({
        gatewayClassName: 'istio',
        listeners: [
          {
            name: 'https',
            port: 443,
            protocol: 'HTTPS',
            tls: { certificateRefs: [{ name: 'tls', [key]: h }] },
          },
        ],
      })),
    ),
  }),
);

function setIn(root: unknown, path: ReadonlyArray<string | number>, value: unknown): unknown {
  if (path.length === 0) return value;
  const [key, ...rest] = path as [string | number, ...Array<string | number>];
  const copy = (Array.isArray(root) ? [...root] : { ...(root as object) }) as Record<
    string | number,
    unknown
  >;
  copy[key] = setIn(copy[key], rest, value);
  return copy;
}

describe('Gateway API forms and YAML, fuzzed (files backend)', () => {
  withUnchangedDemoFolder((folder) => writeFile(join(folder, 'cart-gateway-api.yaml'), OBJECTS));

  it('answers each hostile SetRule and SetSpec with a 4xx naming the field, never a 5xx, and writes nothing', {
    timeout: 600_000,
  }, async () => {
    const { store } = await getStore();
    const refs = [
      { kind: 'HTTPRoute', namespace: 'shop', name: 'cart' },
      { kind: 'KubernetesGateway', namespace: 'shop', name: 'edge' },
    ] as const;
    for (const ref of refs) await until(`${ref.kind} in the store`, () => store.get(ref));
    // Only what Weir's own checks refuse is sent: a change they accept would be written.
    const refused = (change: { target: unknown }) => {
      let object: ReturnType<typeof store.get>;
      try {
        object = store.get(change.target as ObjectRef);
      } catch {
        return true;
      }
      if (!object || object.kind === 'Invalid') return true;
      try {
        applyChange(object, change as MeshChange);
        return false;
      } catch {
        return true;
      }
    };
    const changes = fc.oneof(setRule, setSpec).filter(refused);
    for (const path of ['/api/changes', '/api/preview', '/api/export'] as WriteEndpoint[]) {
      await fc.assert(
        fc.asyncProperty(changes, async (change) => {
          const version = (kind: string) =>
            store.get(refs.find((r) => r.kind === kind) ?? refs[0])?.metadata.resourceVersion;
          const resourceVersion = version((change.target as { kind: string }).kind) ?? 'x';
          expectRefused(await send(path, JSON.stringify({ change, resourceVersion }) ?? 'null'));
        }),
        { numRuns: Number(process.env.WEIR_FUZZ_RUNS ?? 60) },
      );
    }
  });
});

describe('Gateway API forms, a valid change (files backend)', () => {
  const demo = withWrittenDemo();

  it('writes a valid SetRule and SetSpec (so the refusals above are not the endpoint refusing everything)', async () => {
    const { store } = await getStore();
    const route = { kind: 'HTTPRoute', namespace: 'shop', name: 'cart' } as const;
    const gateway = { kind: 'KubernetesGateway', namespace: 'shop', name: 'edge' } as const;
    await until('the HTTPRoute in the store', () => store.get(route));
    const rule = {
      matches: [
        { path: { type: 'PathPrefix', value: '/cart' }, headers: [{ name: 'x-canary', value: 'true' }] },
      ],
      filters: [
        {
          type: 'URLRewrite',
          urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/v2' } },
        },
      ],
      backendRefs: [{ name: 'cart-v1', port: 8080, weight: 900 }],
    };
    const setRule = { kind: 'SetRule', target: route, routeKind: 'rules', routeIndex: 0, rule };
    // Exported for Git or kubectl first: the manifest says Gateway API, the patch names the route.
    const exported = await send(
      '/api/export',
      JSON.stringify({ change: setRule, resourceVersion: store.get(route)?.metadata.resourceVersion }),
    );
    expect(exported.status, JSON.stringify(exported.json)).toBe(200);
    const answer = exported.json as unknown as { manifest: string; diff: string; patch: string };
    expect(answer.manifest).toContain('kind: HTTPRoute');
    expect(answer.diff).toMatch(/^\+.*name: x-canary/m);
    expect(answer.patch).toContain('httproute');
    const first = await send(
      '/api/changes',
      JSON.stringify({ change: setRule, resourceVersion: store.get(route)?.metadata.resourceVersion }),
    );
    expect(first.status, JSON.stringify(first.json)).toBe(200);
    const spec = {
      gatewayClassName: 'istio',
      listeners: [{ name: 'http', port: 80, protocol: 'HTTP', hostname: 'shop.example.com' }],
    };
    const second = await send(
      '/api/changes',
      JSON.stringify({
        change: { kind: 'SetSpec', target: gateway, spec },
        resourceVersion: store.get(gateway)?.metadata.resourceVersion,
      }),
    );
    expect(second.status, JSON.stringify(second.json)).toBe(200);
    const text = await readFile(join(demo().folder, 'cart-gateway-api.yaml'), 'utf8');
    expect(text).toContain('x-canary');
    expect(text).toContain('weight: 900');
    expect(text).toContain('hostname: shop.example.com');
    // Written as the Gateway API's Gateway, not Weir's name for it.
    expect(text).not.toContain('KubernetesGateway');
    // What the CRDs take and Weir's field checks once refused (lib/mesh/gateway-api-crd-valid.ts)
    // passes them: written, or refused only for a finding about what it names (a parent or
    // backend this demo does not have), never for a field.
    let written = 0;
    for (const { why, kind, spec } of CRD_VALID_CASES) {
      const ref = kind === 'HTTPRoute' ? route : gateway;
      const answer = await send(
        '/api/changes',
        JSON.stringify({
          change: { kind: 'SetSpec', target: ref, spec },
          resourceVersion: store.get(ref)?.metadata.resourceVersion,
        }),
      );
      const body = JSON.stringify(answer.json);
      if (answer.status === 200) {
        written++;
        continue;
      }
      const error = (
        answer.json as {
          error?: { fields?: Array<{ path: string }>; details?: { findings?: Array<{ path: string }> } };
        }
      ).error;
      const findings = error?.details?.findings ?? [];
      expect(answer.status, `${why}: ${body}`).toBe(422);
      expect(findings.length, `${why}: ${body}`).toBeGreaterThan(0);
      for (const field of error?.fields ?? [])
        expect(
          findings.map((f) => f.path),
          `${why}: ${body}`,
        ).toContain(field.path);
    }
    // The ReplacePrefixMatch cases name this demo's objects: each is written.
    expect(written).toBeGreaterThanOrEqual(
      CRD_VALID_CASES.filter((c) => c.why.startsWith('ReplacePrefixMatch')).length,
    );
  });
});

function withWrittenDemo(): () => Awaited<ReturnType<typeof useDemoFolder>> {
  let demo: Awaited<ReturnType<typeof useDemoFolder>> | undefined;
  beforeAll(async () => {
    demo = await useDemoFolder();
    await writeFile(join(demo.folder, 'cart-gateway-api.yaml'), OBJECTS);
  });
  afterAll(() => demo?.cleanup());
  return () => {
    if (!demo) throw new Error('opened in beforeAll');
    return demo;
  };
}

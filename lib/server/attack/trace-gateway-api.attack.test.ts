import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { POST } from '@/app/api/trace/route';
import { anyJsonValue, hostilePost, hostileText, withUnchangedDemoFolder } from './attack-kit';

// POST /api/trace's Gateway API inputs (entry kind `kubernetes-gateway`, GAMMA from the mesh)
// against the demo folder with a Gateway API Gateway and routes added, in process. Reads only:
// the folder must be byte-for-byte the same afterwards, whatever was sent.

const GATEWAY_API = `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: edge, namespace: shop}
spec:
  gatewayClassName: istio
  listeners: [{name: http, port: 8000, protocol: HTTP}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: catalog-split, namespace: shop}
spec:
  parentRefs: [{name: edge}]
  hostnames: [catalog.example.com]
  rules:
    - matches: [{path: {type: RegularExpression, value: "/items/[0-9]+"}}]
      backendRefs: [{name: catalog, port: 8080}]
    - backendRefs: [{name: catalog, port: 8080, weight: 9}, {name: storefront, port: 8080, weight: 1}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: catalog-mesh, namespace: shop}
spec:
  parentRefs: [{group: "", kind: Service, name: catalog, port: 8080}]
  rules:
    - backendRefs: [{name: catalog, port: 8080}]
`;

async function trace(body: unknown) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const response = await POST(hostilePost('/api/trace', text));
  return { status: response.status, json: await response.json() };
}

const call = {
  entry: { kind: 'kubernetes-gateway', namespace: 'shop', name: 'edge' },
  request: { port: 8000, authority: 'catalog.example.com', path: '/items/12' },
};

describe('POST /api/trace through Gateway API (files backend)', () => {
  withUnchangedDemoFolder((folder) => writeFile(join(folder, 'gateway-api.yaml'), GATEWAY_API));

  it('answers the 90/10 split: the rule without matches (PathPrefix "/") is tried before the regex rule', async () => {
    const { status, json } = await trace(call);
    expect(status).toBe(200);
    expect(json.result.gatewayApi.matched).toMatchObject({ route: { name: 'catalog-split' }, ruleIndex: 1 });
    expect(json.result.destinations.map((d: { share: number }) => d.share)).toEqual([0.9, 0.1]);
  });

  it('answers a GAMMA route from inside the mesh', async () => {
    const { status, json } = await trace({
      entry: { kind: 'mesh', namespace: 'shop' },
      request: { port: 8080, authority: 'catalog', path: '/' },
    });
    expect(status).toBe(200);
    expect(json.result.gatewayApi.matched.route).toMatchObject({ kind: 'HTTPRoute', name: 'catalog-mesh' });
  });

  it.each([
    ['entry.namespace', { ...call.entry, namespace: 'Not_A_Namespace' }],
    ['entry.name', { ...call.entry, name: '' }],
    ['entry.extra', { ...call.entry, extra: 1 }],
  ])('refuses a bad Gateway API entry with 422 naming %s', async (field, entry) => {
    const { status, json } = await trace({ ...call, entry });
    expect(status).toBe(422);
    const paths = json.error.fields.map((f: { path: string }) => f.path).join(' ');
    expect(paths).toContain(field === 'entry.extra' ? 'entry' : field);
  });

  it('answers any Gateway API entry and request with 200 or a 4xx naming the field, never a 5xx', async () => {
    const text = hostileText('', 'shop', 'edge', '*', 'ş', '\u0000', 'a'.repeat(300), 'valueOf', '__proto__');
    const anything = anyJsonValue(text);
    const body = fc.record(
      {
        entry: fc.oneof(
          fc.record(
            {
              kind: fc.constantFrom('kubernetes-gateway', 'mesh', 'gateway'),
              namespace: fc.oneof(text, fc.constantFrom('shop')),
              name: fc.oneof(text, fc.constantFrom('edge'), anything),
            },
            { requiredKeys: ['kind'] },
          ),
          anything,
        ),
        request: fc.oneof(
          fc.record(
            {
              port: fc.oneof(fc.constantFrom(8000, 8080), fc.integer({ min: -5, max: 70_000 }), anything),
              method: fc.oneof(fc.constantFrom('GET', 'POST'), text),
              authority: fc.oneof(
                fc.constantFrom('catalog.example.com', 'catalog', 'CATALOG.example.com:8000'),
                text,
              ),
              path: fc.oneof(fc.webPath(), fc.constantFrom('/items/1', '/items/'), text),
              headers: fc.oneof(fc.dictionary(text, text, { maxKeys: 4 }), anything),
              query: fc.oneof(fc.dictionary(text, text, { maxKeys: 4 }), anything),
              protocol: fc.oneof(fc.constantFrom('http', 'tls', 'tcp'), text),
              sni: text,
            },
            { requiredKeys: ['port'] },
          ),
          anything,
        ),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(body, async (sent) => {
        const { status, json } = await trace(sent);
        expect(status === 200 || (status >= 400 && status < 500)).toBe(true);
        if (status === 422) {
          expect(json.error.fields.length).toBeGreaterThan(0);
          for (const field of json.error.fields) expect(field.path).toMatch(/^(body|entry|request)/);
        }
      }),
      { numRuns: 300 },
    );
  }, 180_000);
});

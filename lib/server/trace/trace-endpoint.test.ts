import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { POST } from '@/app/api/trace/route';
import { anyJsonValue, hostilePost, hostileText, withUnchangedDemoFolder } from '../attack/attack-kit';

// POST /api/trace against the demo folder, in process. Reads only: the folder must be
// byte-for-byte the same afterwards, whatever was sent.

async function trace(body: unknown, query = '', headers?: Record<string, string>) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const response = await POST(hostilePost(`/api/trace${query}`, text, headers));
  return { status: response.status, json: await response.json() };
}

const catalogCall = {
  entry: { kind: 'gateway', namespace: 'shop', name: 'shop-gateway' },
  request: { port: 443, authority: 'shop.example.com', path: '/api/catalog/items?x=1' },
};

describe('POST /api/trace (files backend)', () => {
  withUnchangedDemoFolder();

  it('answers the route and destination', async () => {
    const { status, json } = await trace(catalogCall);
    expect(status).toBe(200);
    expect(json.result.matched.at).toMatchObject({ vs: { name: 'storefront' }, routeIndex: 0 });
    expect(json.result.destinations[0]).toMatchObject({
      cluster: 'outbound|8080||catalog.shop.svc.cluster.local',
      share: 1,
    });
  });

  it.each([
    ['request.headers', { ...catalogCall.request, headers: { 'bad name': 'x' } }],
    ['request.path', { ...catalogCall.request, path: 'api' }],
    ['request.port', { ...catalogCall.request, port: 70_000 }],
    ['request.headers.big', { ...catalogCall.request, headers: { big: 'x'.repeat(1_000_000) } }],
  ])('refuses a request with 422 naming %s', async (field, request) => {
    const { status, json } = await trace({ ...catalogCall, request });
    expect(status).toBe(422);
    expect(json.error.fields.map((f: { path: string }) => f.path).join(' ')).toContain(field);
  });

  it('refuses a past time that is not one, naming at; traces a past time that is', async () => {
    const bad = await trace(catalogCall, '?at=yesterday');
    expect(bad.status).toBe(422);
    expect(bad.json.error.fields[0].path).toBe('at');
    const past = await trace(catalogCall, `?at=${encodeURIComponent(new Date().toISOString())}`);
    expect(past.status).toBe(200);
    expect(past.json.past.at).toBeDefined();
  });

  it('needs the CSRF header like every POST', async () => {
    const { status } = await trace(catalogCall, '', { 'x-weir-csrf': '' });
    expect(status).toBe(403);
  });

  it('answers any body with 200 or a 4xx that names the field, never a 5xx', async () => {
    const text = hostileText('', '/', '*', '\u0000', 'a'.repeat(9_000));
    const anything = anyJsonValue(text);
    const shaped = fc.record(
      {
        entry: fc.oneof(
          fc.record(
            {
              kind: fc.constantFrom('gateway', 'mesh', 'x'),
              namespace: fc.oneof(text, fc.constantFrom('shop', 'istio-system')),
              name: anything,
            },
            { requiredKeys: [] },
          ),
          anything,
        ),
        request: fc.oneof(
          fc.record(
            {
              port: fc.oneof(fc.integer({ min: -5, max: 70_000 }), anything),
              method: fc.oneof(text, anything),
              authority: fc.oneof(text, fc.constantFrom('shop.example.com', 'catalog')),
              path: fc.oneof(text, fc.webPath()),
              headers: fc.oneof(fc.dictionary(text, fc.oneof(text, anything), { maxKeys: 5 }), anything),
              query: fc.oneof(fc.dictionary(text, text, { maxKeys: 5 }), anything),
              protocol: fc.oneof(fc.constantFrom('http', 'tls', 'tcp'), text),
              sni: text,
            },
            { requiredKeys: [] },
          ),
          anything,
        ),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof(shaped, anything), async (body) => {
        const { status, json } = await trace(body);
        expect(status === 200 || (status >= 400 && status < 500)).toBe(true);
        if (status === 422) {
          expect(json.error.fields.length).toBeGreaterThan(0);
          for (const field of json.error.fields) expect(field.path).toMatch(/^(body|entry|request)/);
        }
      }),
      { numRuns: 200 },
    );
  }, 120_000);
});

import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GET as getSnapshot } from '@/app/api/snapshot/route';
import { POST } from '@/app/api/trace/route';
import { anyJsonValue, hostilePost, hostileText, withUnchangedDemoFolder } from './attack-kit';

// POST /api/trace from inside the mesh where the outbound policy is unknown: the demo folder
// with a mesh config whose data.mesh cannot be read. Reads only: the folder stays as it was.

const UNREADABLE_MESH_CONFIG = `apiVersion: v1
kind: ConfigMap
metadata: {name: istio, namespace: istio-system}
data:
  mesh: "outboundTrafficPolicy: [unclosed"
`;

async function trace(body: unknown) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const response = await POST(hostilePost('/api/trace', text));
  return { status: response.status, json: await response.json() };
}

describe('POST /api/trace with the outbound policy unknown (files backend)', () => {
  withUnchangedDemoFolder((folder) => writeFile(join(folder, 'mesh-config.yaml'), UNREADABLE_MESH_CONFIG));

  it('a host nothing names, from a namespace without a Sidecar mode: neither blocked nor passed through', async () => {
    const { status, json } = await trace({
      entry: { kind: 'mesh', namespace: 'shop' },
      request: { port: 80, authority: 'unknown.example.org', path: '/' },
    });
    expect(status).toBe(200);
    expect(json.result.outcome.kind).toBe('policy-unknown');
    expect(json.result.outcome.why).toContain('istio-system/istio cannot be read: data.mesh is not YAML');
    const snapshot = await (await getSnapshot(new Request('http://weir.test/api/snapshot'))).json();
    expect(snapshot.objects['ConfigMap/istio-system/istio'].spec.error).toMatch(/not YAML/);
  });

  it('answers any request from the mesh with 200 or a 4xx naming the field, never a 5xx, never a claim', async () => {
    const text = hostileText('', 'shop', 'payments', 'legacy', '*', '\u0000', 'a'.repeat(300), '__proto__');
    const anything = anyJsonValue(text);
    const body = fc.record(
      {
        entry: fc.oneof(
          fc.record(
            {
              kind: fc.constantFrom('mesh'),
              namespace: fc.oneof(fc.constantFrom('shop', 'payments', 'legacy', 'nowhere'), text),
              labels: fc.oneof(fc.dictionary(text, text, { maxKeys: 3 }), anything),
            },
            { requiredKeys: ['kind'] },
          ),
          anything,
        ),
        request: fc.oneof(
          fc.record(
            {
              port: fc.oneof(fc.constantFrom(80, 443, 8080), fc.integer({ min: -5, max: 70_000 }), anything),
              authority: fc.oneof(
                fc.constantFrom('unknown.example.org', 'catalog', 'api.example.com:443'),
                fc.domain(),
                text,
              ),
              path: fc.oneof(fc.webPath(), text),
              protocol: fc.oneof(fc.constantFrom('http', 'tls', 'tcp'), text),
            },
            { requiredKeys: ['port'] },
          ),
          anything,
        ),
      },
      { requiredKeys: [] },
    );
    // One run in ten is a call the policy alone decides (an HTTP port something listens on):
    // where a known REGISTRY_ONLY answers 502, an unknown one must claim nothing.
    const decidedByPolicy = fc.record({
      entry: fc.record({
        kind: fc.constant('mesh'),
        namespace: fc.constantFrom('shop', 'payments', 'legacy'),
      }),
      request: fc.record({
        port: fc.constantFrom(80, 8080),
        authority: fc.domain().map((host) => `${host}.unknown.example`),
        protocol: fc.constant('http'),
      }),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.oneof({ arbitrary: decidedByPolicy, weight: 1 }, { arbitrary: body, weight: 9 }),
        async (sent) => {
          const { status, json } = await trace(sent);
          expect(status === 200 || (status >= 400 && status < 500)).toBe(true);
          if (status === 422) {
            expect(json.error.fields.length).toBeGreaterThan(0);
            for (const field of json.error.fields) expect(field.path).toMatch(/^(body|entry|request)/);
          }
          // The demo sets no Sidecar mode and no direct response: nothing is said passed through
          // (ALLOW_ANY) or blocked by the policy (REGISTRY_ONLY: the BlackHoleCluster, or the 502
          // of istiod's block_all virtual host on an HTTP port) when the policy is unknown.
          if (status === 200) {
            expect(['passthrough', 'blackhole']).not.toContain(json.result.outcome.kind);
            expect(json.result.outcome).not.toMatchObject({ kind: 'direct-response', status: 502 });
          }
        },
      ),
      { numRuns: 200 },
    );
  }, 180_000);
});

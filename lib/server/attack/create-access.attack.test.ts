import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET } from '@/app/api/session/create-access/route';
import { hostileText, useDemoFolder } from './attack-kit';

// GET /api/session/create-access: what the grant button asks before it is enabled.
describe('/api/session/create-access answers for a namespace name, refuses anything else naming the field', () => {
  let demo: Awaited<ReturnType<typeof useDemoFolder>>;
  beforeAll(async () => {
    demo = await useDemoFolder();
  });
  afterAll(() => demo.cleanup());

  const ask = (params: Record<string, string>) =>
    GET(new Request(`http://weir.test/api/session/create-access?${new URLSearchParams(params)}`));

  it('answers where the person may create a ReferenceGrant', async () => {
    const response = await ask({ kind: 'ReferenceGrant', namespace: 'shop' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ kind: 'ReferenceGrant', namespace: 'shop', allowed: true });
  });

  it('says no, with the reason, when Weir runs read-only', async () => {
    process.env.WEIR_READ_ONLY = 'true';
    try {
      const response = await ask({ kind: 'ReferenceGrant', namespace: 'shop' });
      const body = await response.json();
      expect(body.allowed).toBe(false);
      expect(body.reason).toMatch(/read-only/);
    } finally {
      delete process.env.WEIR_READ_ONLY;
    }
  });

  it('hostile kind and namespace: 200 for a namespace name, else 422 naming the field, never a 5xx', async () => {
    const before = await demo.fingerprint();
    await fc.assert(
      fc.asyncProperty(
        hostileText('ReferenceGrant', 'VirtualService', '__proto__', ''),
        hostileText('shop', 'Shop', 'a.b', '-a', 'x'.repeat(64), '__proto__', ''),
        async (kind, namespace) => {
          const response = await ask({ kind, namespace });
          const valid = kind === 'ReferenceGrant' && /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(namespace);
          if (valid) {
            expect(response.status).toBe(200);
            return;
          }
          expect(response.status).toBe(422);
          const { error } = await response.json();
          expect(error.message).toMatch(kind === 'ReferenceGrant' ? /^namespace: / : /^kind: /);
        },
      ),
      { numRuns: 60 },
    );
    expect(await demo.fingerprint()).toBe(before);
  }, 60_000);
});

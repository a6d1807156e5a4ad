import { createHash } from 'node:crypto';
import { cp, lstat, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, expect } from 'vitest';
import { POST as postSignIn } from '@/app/api/auth/sign-in/route';
import { POST as postSignOut } from '@/app/api/auth/sign-out/route';
import { POST as postChanges } from '@/app/api/changes/route';
import { POST as postExport } from '@/app/api/export/route';
import { POST as postPreview } from '@/app/api/preview/route';
import { POST as postTrace } from '@/app/api/trace/route';
import { type FirstPaintView, firstPaint } from '../first-paint';
import { closeStore } from '../store';

/** Hostile text: any code units, whole graphemes, and the given values a field is known to meet. */
export function hostileText(...known: string[]): fc.Arbitrary<string> {
  return fc.oneof(
    fc.string(),
    fc.string({ unit: 'grapheme' }),
    fc.string({ unit: 'binary' }),
    fc.constantFrom(...known),
  );
}

/** Anything a JSON body can put where a field is expected: `text`, numbers, booleans, null, nested values. */
export function anyJsonValue(text: fc.Arbitrary<string>): fc.Arbitrary<unknown> {
  return fc.oneof(
    text,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.jsonValue({ maxDepth: 4 }),
  );
}

/** Every route that takes a POST, by its path: what the hostile suite sends its bodies to. */
export const WRITE_ENDPOINTS = {
  '/api/changes': postChanges,
  '/api/preview': postPreview,
  '/api/export': postExport,
  '/api/auth/sign-in': postSignIn,
  '/api/auth/sign-out': postSignOut,
  '/api/trace': postTrace,
} as const satisfies Record<string, (request: Request) => Promise<Response>>;

export type WriteEndpoint = keyof typeof WRITE_ENDPOINTS;

const ORIGIN = 'http://weir.test';

/**
 * A POST as Weir's own page sends it (CSRF header, same origin), with `body` as the raw text
 * (so a test can send what JSON.stringify would never produce) and any header overridden.
 */
export function hostilePost(path: string, body: string, headers: Record<string, string> = {}): Request {
  return new Request(`${ORIGIN}${path}`, {
    method: 'POST',
    headers: {
      host: 'weir.test',
      origin: ORIGIN,
      'x-weir-csrf': '1',
      'content-type': 'application/json',
      ...headers,
    },
    body,
  });
}

/** Sends `body` to one write endpoint in-process and answers status and parsed JSON. */
export async function send(
  path: WriteEndpoint,
  body: string,
  headers?: Record<string, string>,
): Promise<{ status: number; json: { error?: { code: string; message: string; fields?: unknown[] } } }> {
  const response = await WRITE_ENDPOINTS[path](hostilePost(path, body, headers));
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : {} };
}

type Answer = Awaited<ReturnType<typeof send>>;

/** Whether a refusal names what it refuses: `fields`, or a message that starts with a field's path. */
export function namesField(json: Answer['json']): boolean {
  return (json.error?.fields?.length ?? 0) > 0 || /^[\w.[\]"-]+: /.test(json.error?.message ?? '');
}

/** A hostile change's answer: a 4xx with a message (a 422 naming its field), never a 5xx. */
export function expectRefused({ status, json }: Answer): void {
  expect(status, JSON.stringify(json)).toBeLessThan(500);
  expect(status, JSON.stringify(json)).toBeGreaterThanOrEqual(400);
  expect(json.error?.message).toBeTruthy();
  if (status === 422) expect(namesField(json), json.error?.message).toBe(true);
}

const DEMO = join(dirname(fileURLToPath(import.meta.url)), '../../../demo/mesh');

/**
 * A fresh copy of the demo manifests, served by Weir's in-process routes as its files backend
 * (WEIR_MANIFESTS, WEIR_AUTH=local); `fingerprint` hashes every file in and around it, so a
 * test can say nothing was written (its parent too: an escaping path lands there).
 */
export async function useDemoFolder() {
  const parent = await mkdtemp(join(tmpdir(), 'weir-attack-'));
  const folder = join(parent, 'mesh');
  await cp(DEMO, folder, { recursive: true });
  await closeStore();
  process.env.WEIR_MANIFESTS = folder;
  process.env.WEIR_AUTH = 'local';
  delete process.env.KUBECONFIG;
  delete process.env.WEIR_CONTEXT;
  delete process.env.WEIR_READ_ONLY;
  return {
    folder,
    parent,
    fingerprint: () => fingerprint(parent),
    cleanup: async () => {
      await closeStore();
      delete process.env.WEIR_MANIFESTS;
      await rm(parent, { recursive: true, force: true });
    },
  };
}

export type DemoFolder = Awaited<ReturnType<typeof useDemoFolder>>;

/**
 * For the enclosing describe: a fresh demo folder served as the files backend (beforeAll), and
 * after its tests the check that nothing in or around it changed, byte for byte, before it is
 * removed (afterAll). Answers the folder, for tests that need its path.
 */
export function withUnchangedDemoFolder(prepare?: (folder: string) => Promise<void>): () => DemoFolder {
  let demo: DemoFolder | undefined;
  let before = '';
  beforeAll(async () => {
    demo = await useDemoFolder();
    // Files a describe adds to the demo before it is served (and fingerprinted).
    if (prepare) await prepare(demo.folder);
    before = await demo.fingerprint();
  });
  afterAll(async () => {
    if (!demo) return;
    const after = await demo.fingerprint();
    await demo.cleanup();
    expect(after, 'nothing in or around the demo folder may have changed').toBe(before);
  });
  return () => {
    if (!demo) throw new Error('the demo folder is opened in beforeAll: use it inside a test');
    return demo;
  };
}

/** Every path below `root` with a hash of its content (or its kind, for what is not a file). */
export async function fingerprint(root: string): Promise<string> {
  const lines: string[] = [];
  const walk = async (dir: string) => {
    for (const name of (await readdir(dir)).sort()) {
      const path = join(dir, name);
      const info = await lstat(path);
      if (info.isDirectory()) {
        lines.push(`${path}/`);
        await walk(path);
      } else if (info.isFile()) {
        lines.push(
          `${path} ${createHash('sha256')
            .update(await readFile(path))
            .digest('hex')}`,
        );
      } else lines.push(`${path} (not a file)`);
    }
  };
  await walk(root);
  return lines.join('\n');
}

/** The home page's first paint with its view read: what the page's HTML ends up holding. */
export async function paintedView(
  headers: Headers,
  params: URLSearchParams,
): Promise<{ signIn: boolean } & FirstPaintView> {
  const first = await firstPaint(headers, params);
  return first.signIn ? first : { signIn: false, ...(await first.view) };
}

/** The HTTPRoute the Gateway API attacks write to, 90/10 over cart-v1 and cart-v2, and its file in the demo folder. */
export const CART_ROUTE = {
  file: 'cart-route.yaml',
  ref: { kind: 'HTTPRoute', namespace: 'shop', name: 'cart' } as const,
  yaml: `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: cart
  namespace: shop
spec:
  parentRefs:
  - name: edge
  rules:
  - backendRefs:
    - name: cart-v1
      port: 8080
      weight: 90
    - name: cart-v2
      port: 8080
      weight: 10
`,
};

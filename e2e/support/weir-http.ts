import { cpSync, existsSync } from 'node:fs';
import path from 'node:path';
import { expect } from '@playwright/test';
import type { StoreEvent } from '../../lib/store/types';
import { until } from '../../tools/test/until';

/**
 * Where the production build's standalone server is (Next's `output: 'standalone'`), with the
 * static files beside its build as the image has them (Dockerfile: Next leaves them out).
 */
export function standaloneFolder(): string {
  const distDir = process.env.WEIR_DIST_DIR || '.next';
  const folder = path.resolve(distDir, 'standalone');
  if (!existsSync(path.join(folder, 'server.js'))) {
    throw new Error(`no standalone output in ${folder}: run \`npx next build\` first`);
  }
  cpSync(path.resolve(distDir, 'static'), path.join(folder, distDir, 'static'), { recursive: true });
  return folder;
}

/** Signs in at `weir` with a bearer token (WEIR_AUTH=token); answers the session cookie. */
export async function signIn(weir: string, token: string): Promise<string> {
  const response = await fetch(`${weir}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-weir-csrf': '1' },
    body: JSON.stringify({ token }),
  });
  expect(response.status, await response.clone().text()).toBe(200);
  const cookie = /weir_session=[^;]+/.exec(response.headers.get('set-cookie') ?? '')?.[0];
  if (!cookie) throw new Error(`signing in at ${weir} set no session cookie`);
  return cookie;
}

/** A state-changing request as the browser sends it (CSRF header, the session cookie). */
export function post(weir: string, cookie: string, route: string, body: unknown = {}): Promise<Response> {
  return fetch(`${weir}${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-weir-csrf': '1', cookie },
    body: JSON.stringify(body),
  });
}

/** The value of one Prometheus sample on `weir`'s /metrics (0 when absent). */
export async function metric(weir: string, sample: string): Promise<number> {
  const text = await (await fetch(`${weir}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${sample} `));
  return line ? Number(line.slice(sample.length + 1)) : 0;
}

export interface EventStreamReader {
  /** Waits (failing loudly after `timeoutMs`) for an event that `match` accepts. */
  waitFor(what: string, match: (event: StoreEvent) => boolean, timeoutMs?: number): Promise<StoreEvent>;
  /** What came before the stream closed, as text: the `retry:` hint on a shutdown. */
  text(): string;
  closed: Promise<void>;
  close(): void;
}

/** Opens `/api/events` at `weir` as the session's browser would, and keeps what arrives. */
export async function openEventStream(weir: string, cookie?: string): Promise<EventStreamReader> {
  const abort = new AbortController();
  const response = await fetch(`${weir}/api/events`, {
    headers: cookie ? { cookie } : {},
    signal: abort.signal,
  });
  expect(response.status).toBe(200);
  const events: StoreEvent[] = [];
  let text = '';
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let pending = '';
  const closed = (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        const chunk = decoder.decode(value, { stream: true });
        text += chunk;
        pending += chunk;
        const blocks = pending.split('\n\n');
        pending = blocks.pop() ?? '';
        for (const line of blocks.flatMap((block) => block.split('\n'))) {
          if (line.startsWith('data: ') && line.includes('"sequence"'))
            events.push(JSON.parse(line.slice(6)) as StoreEvent);
        }
      }
    } catch {
      // aborted
    }
  })();
  return {
    waitFor: (what, match, timeoutMs = 10_000) =>
      until(what, () => events.find(match), { timeoutMs, intervalMs: 25 }),
    text: () => text,
    closed,
    close: () => abort.abort(),
  };
}

import http from 'node:http';
import { kubeRequest } from '../../lib/kube/request';
import type { KubeConfig } from '../../lib/kube/watch';
import { inParallel } from './scale-mesh';

export interface FanoutOptions {
  /** Weir's address, e.g. http://127.0.0.1:3310 */
  url: string;
  admin: KubeConfig;
  namespace: string;
  /** VirtualServices in `namespace` to write to, in turn. */
  names: string[];
  clients: number;
  writesPerSecond: number;
  seconds: number;
}

export interface FanoutResult {
  writes: number;
  /** Events some client never got (writes × clients expected). */
  dropped: number;
  /** Per delivered event: API server write sent → the event read by a client, in ms. */
  latencies: number[];
}

// Counts writes across runs, so that no write repeats the weights its VirtualService has
// (a write that changes nothing makes no event).
let writeCount = 0;

/**
 * `clients` browsers' worth of `/api/events?namespace=` streams while canary weights in
 * `namespace` are written to the API server at a bounded rate. Each write is known by the
 * resourceVersion the API server answers; each client notes when that version reaches it.
 */
export async function sseFanout(options: FanoutOptions): Promise<FanoutResult> {
  const seen: Array<Map<string, number>> = [];
  const streams = await Promise.all(
    Array.from({ length: options.clients }, (_, i) => {
      const arrivals = new Map<string, number>();
      seen[i] = arrivals;
      return openStream(`${options.url}/api/events?namespace=${options.namespace}`, (version) =>
        arrivals.set(version, performance.now()),
      );
    }),
  );
  const sent = new Map<string, number>();
  try {
    const total = Math.max(1, Math.round(options.writesPerSecond * options.seconds));
    const interval = 1000 / options.writesPerSecond;
    const begun = performance.now();
    await inParallel(
      Array.from({ length: total }, (_, i) => i),
      8,
      async (i) => {
        // Bounded rate: write i goes out no earlier than its slot.
        const wait = begun + i * interval - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        const n = writeCount++;
        const name = options.names[n % options.names.length] as string;
        // Never 10: a VirtualService not yet written holds 90/10, and that write would make no
        // event, counted as dropped by every client.
        const canary = 11 + (n % 88);
        const started = performance.now();
        const written = await kubeRequest<{ metadata: { resourceVersion: string } }>(options.admin, {
          method: 'PATCH',
          path: `/apis/networking.istio.io/v1/namespaces/${options.namespace}/virtualservices/${name}`,
          contentType: 'application/json-patch+json',
          body: [
            { op: 'replace', path: '/spec/http/1/route/0/weight', value: 100 - canary },
            { op: 'replace', path: '/spec/http/1/route/1/weight', value: canary },
          ],
        });
        sent.set(written.metadata.resourceVersion, started);
      },
    );
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline && !seen.every((arrivals) => [...sent.keys()].every((v) => arrivals.has(v))))
      await new Promise((resolve) => setTimeout(resolve, 100));
    const latencies: number[] = [];
    let dropped = 0;
    for (const arrivals of seen) {
      for (const [version, started] of sent) {
        const at = arrivals.get(version);
        if (at === undefined) dropped++;
        else latencies.push(at - started);
      }
    }
    return { writes: sent.size, dropped, latencies };
  } finally {
    for (const stream of streams) stream.destroy();
  }
}

/**
 * One SSE stream; calls `onVersion` with the resourceVersion of each put event (read with a
 * pattern, not parsed, so two hundred clients in this process measure Weir and not us).
 */
function openStream(url: string, onVersion: (version: string) => void): Promise<http.ClientRequest> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { headers: { accept: 'text/event-stream' } }, (response) => {
      if (response.statusCode !== 200) {
        reject(new Error(`${url} answered ${response.statusCode}`));
        return;
      }
      let buffer = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        buffer += chunk;
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          const message = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const version = /"resourceVersion":"(\d+)"/.exec(message)?.[1];
          if (version) onVersion(version);
          end = buffer.indexOf('\n\n');
        }
      });
      response.on('error', () => {});
      resolve(request);
    });
    request.on('error', reject);
  });
}

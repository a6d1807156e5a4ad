import 'server-only';
import http from 'node:http';
import https from 'node:https';
import { createInterface } from 'node:readline';
import type { KubeConfig } from '@kubernetes/client-node';
import { connectionOptions } from './request';
import { statusToError } from './status-error';

export interface WatchStreamHandlers {
  /** The API server answered 200: the watch is open. */
  onOpen(): void;
  /** One event line (ADDED, MODIFIED, DELETED, BOOKMARK, ERROR) as the API server sent it. */
  onEvent(type: string, object: unknown): void;
  /** The watch ended: by the server (no error) or with why. Not called after abort(). */
  onEnd(error?: unknown): void;
}

/**
 * One watch request (`?watch=true`) with the kubeconfig's credentials. Unlike client-node's
 * Watch, it can be abandoned at any moment, connecting and TLS included: a hung API server
 * accepts the connection and then never answers, and only the caller's deadline can tell.
 */
export async function openWatch(
  kc: KubeConfig,
  path: string,
  query: Record<string, string>,
  handlers: WatchStreamHandlers,
): Promise<{ abort(): void }> {
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new Error('the kubeconfig has no current cluster');
  const url = new URL(cluster.server + path);
  url.searchParams.set('watch', 'true');
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
  const options = await connectionOptions(kc, 'GET');
  let ended = false;
  const end = (error?: unknown) => {
    if (ended) return;
    ended = true;
    handlers.onEnd(error);
  };
  const transport = url.protocol === 'http:' ? http : https;
  const req = transport.request(url, options, (res) => {
    // First: an aborted or reset stream emits 'error' on the answer, and none may go unheard.
    res.on('error', end);
    if (res.statusCode !== 200) {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        end(statusToError(res.statusCode ?? 0, safeJson(text), text));
      });
      return;
    }
    handlers.onOpen();
    const lines = createInterface({ input: res, crlfDelay: Number.POSITIVE_INFINITY });
    // readline passes the answer's errors on, and throws them when nobody listens.
    lines.on('error', end);
    lines.on('line', (line) => {
      if (ended || !line) return;
      const event = safeJson(line) as { type?: string; object?: unknown } | undefined;
      if (event?.type) handlers.onEvent(event.type, event.object);
    });
    res.on('close', () => end());
  });
  req.on('error', end);
  req.end();
  return {
    abort() {
      ended = true;
      req.destroy();
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

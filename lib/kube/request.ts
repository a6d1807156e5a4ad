import 'server-only';
import http from 'node:http';
import https from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import { OutcomeUnknownError } from '../mesh/errors';
import { pooledAgent } from './agent-pool';
import { impersonatedGroupsOf } from './kube-config';
import { statusToError } from './status-error';

export interface KubeRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, string | undefined>;
  body?: unknown;
  contentType?: string;
  /** The whole request's deadline, connecting included (default REQUEST_TIMEOUT_MS). */
  timeoutMs?: number;
}

/**
 * How long any request to the API server may take, from connecting to the last byte. A hung
 * API server (stopped, not down: its port still accepts connections) would otherwise hold a
 * read or a write for as long as the socket stays idle, again and again.
 */
export const REQUEST_TIMEOUT_MS = 10_000;

/**
 * One request to the API server with the kubeconfig's credentials. Answers the parsed JSON
 * body; a non-2xx answer is thrown as a MeshError with the server's own message.
 */
export async function kubeRequest<T = unknown>(kc: KubeConfig, request: KubeRequest): Promise<T> {
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new Error('the kubeconfig has no current cluster');
  const url = new URL(cluster.server + request.path);
  for (const [key, value] of Object.entries(request.query ?? {})) {
    if (value !== undefined) url.searchParams.set(key, value);
  }
  const timeoutMs = request.timeoutMs ?? REQUEST_TIMEOUT_MS;
  const options = await connectionOptions(kc, request.method);
  const payload = request.body === undefined ? undefined : JSON.stringify(request.body);
  if (payload !== undefined) {
    // A length rather than chunked encoding: the API server ignores a chunked DELETE body
    // (and with it a delete's preconditions).
    options.headers = {
      ...options.headers,
      'content-type': request.contentType ?? 'application/json',
      'content-length': Buffer.byteLength(payload),
    };
  }
  const write = request.method !== 'GET' && request.query?.dryRun === undefined;
  const { status, text } = await send(url, options, payload, timeoutMs).catch((error: unknown) => {
    // Sent and never answered: the API server may have applied it, or may still. Neither
    // success nor failure can be said; the person must look at the object.
    if (write && error instanceof DeadlineError && error.sent) {
      throw new OutcomeUnknownError(
        `the API server did not answer within ${timeoutMs / 1000} s: the outcome of this write is unknown — check the object before you try again`,
      );
    }
    throw error;
  });
  const body = text ? safeJson(text) : undefined;
  if (status < 200 || status >= 300) throw statusToError(status, body, text);
  return body as T;
}

/** The TLS, credential and impersonation options of one request to the kubeconfig's API server. */
export async function connectionOptions(kc: KubeConfig, method: string): Promise<https.RequestOptions> {
  const options: https.RequestOptions = { method, headers: { accept: 'application/json' } };
  await kc.applyToHTTPSOptions(options);
  // Kept-alive connections, for requests and watches alike: a request is one round trip, not a
  // connect and a TLS handshake too, and a watch renewed every few seconds (a dozen kinds, each
  // every half deadline) reuses the socket its last one left (through a proxy, client-node's
  // own proxy agent).
  const cluster = kc.getCurrentCluster();
  if (cluster?.server.startsWith('https:') && !cluster.proxyUrl)
    options.agent = pooledAgent(cluster.server, options);
  const groups = impersonatedGroupsOf(kc);
  if (groups.length > 0) options.headers = { ...options.headers, 'Impersonate-Group': groups };
  return options;
}

/** The deadline passed; `sent` once the request had been written out whole. */
class DeadlineError extends Error {
  constructor(
    message: string,
    readonly sent: boolean,
  ) {
    super(message);
  }
}

function send(
  url: URL,
  options: https.RequestOptions,
  payload: string | undefined,
  timeoutMs: number,
): Promise<{ status: number; text: string }> {
  const transport = url.protocol === 'http:' ? http : https;
  return new Promise((resolve, reject) => {
    let sent = false;
    const req = transport.request(url, options, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        clearTimeout(deadline);
        resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') });
      });
      res.on('error', reject);
    });
    // One deadline for the whole exchange, not an idle-socket timeout that restarts per byte.
    const deadline = setTimeout(
      () =>
        req.destroy(new DeadlineError(`request to ${url.host} timed out after ${timeoutMs / 1000} s`, sent)),
      timeoutMs,
    );
    req.on('error', (error) => {
      clearTimeout(deadline);
      reject(error);
    });
    req.on('finish', () => {
      sent = true;
    });
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

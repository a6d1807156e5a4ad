import 'server-only';
import http from 'node:http';
import https from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import { impersonatedGroupsOf } from './kube-config';
import { statusToError } from './status-error';

export interface KubeRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, string | undefined>;
  body?: unknown;
  contentType?: string;
  timeoutMs?: number;
}

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
  const options: https.RequestOptions = {
    method: request.method,
    headers: { accept: 'application/json' },
    timeout: request.timeoutMs ?? 15_000,
  };
  await kc.applyToHTTPSOptions(options);
  const groups = impersonatedGroupsOf(kc);
  if (groups.length > 0) options.headers = { ...options.headers, 'Impersonate-Group': groups };
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
  const { status, text } = await send(url, options, payload);
  const body = text ? safeJson(text) : undefined;
  if (status < 200 || status >= 300) throw statusToError(status, body, text);
  return body as T;
}

function send(
  url: URL,
  options: https.RequestOptions,
  payload?: string,
): Promise<{ status: number; text: string }> {
  const transport = url.protocol === 'http:' ? http : https;
  return new Promise((resolve, reject) => {
    const req = transport.request(url, options, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
      );
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`request to ${url.host} timed out`)));
    req.on('error', reject);
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

import 'server-only';
import http from 'node:http';
import https from 'node:https';
import { rootCertificates } from 'node:tls';
import type { PrometheusConfig } from './prometheus-config';

/** Larger answers are cut off: a Prometheus that floods Weir costs the edges their figures, not memory. */
const MAX_BYTES = 16 * 1024 * 1024;

/**
 * One instant query (POST /api/v1/query, form-encoded as the HTTP API accepts), answered as
 * parsed JSON; at `time` (Unix seconds), else now. Rejects on a timeout, a non-2xx status, an
 * oversized or non-JSON body.
 */
export function instantQuery(
  config: PrometheusConfig,
  query: string,
  timeoutMs: number,
  time?: number,
): Promise<unknown> {
  return ask(config, 'api/v1/query', { query, ...(time !== undefined && { time: String(time) }) }, timeoutMs);
}

/**
 * One range query (POST /api/v1/query_range) from `start` to `end` (Unix seconds) every
 * `step` seconds, answered as parsed JSON; rejects as instantQuery does.
 */
export function rangeQuery(
  config: PrometheusConfig,
  query: string,
  range: { start: number; end: number; step: number },
  timeoutMs: number,
): Promise<unknown> {
  const { start, end, step } = range;
  return ask(
    config,
    'api/v1/query_range',
    { query, start: String(start), end: String(end), step: String(step) },
    timeoutMs,
  );
}

function ask(
  config: PrometheusConfig,
  path: string,
  params: Record<string, string>,
  timeoutMs: number,
): Promise<unknown> {
  const url = new URL(path, config.url.href.endsWith('/') ? config.url : `${config.url.href}/`);
  const body = new URLSearchParams({
    ...params,
    timeout: `${Math.max(1, Math.floor(timeoutMs / 1000))}s`,
  }).toString();
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(
      url,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': Buffer.byteLength(body),
          accept: 'application/json',
          ...(config.authorization && { authorization: config.authorization() }),
        },
        ...(config.ca && { ca: [...rootCertificates, config.ca] }),
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_BYTES)
            request.destroy(new Error(`Prometheus answered more than ${MAX_BYTES} bytes`));
          else chunks.push(chunk);
        });
        response.on('error', reject);
        response.on('end', () => {
          const status = response.statusCode ?? 0;
          const text = Buffer.concat(chunks).toString('utf8');
          if (status < 200 || status >= 300) {
            reject(new Error(`Prometheus answered ${status}${errorText(text)}`));
            return;
          }
          try {
            resolve(JSON.parse(text));
          } catch {
            reject(new Error('Prometheus answered something that is not JSON'));
          }
        });
      },
    );
    // The whole answer, not only the first byte: a Prometheus that trickles is as late as a silent one.
    const timer = setTimeout(
      () => request.destroy(new Error(`Prometheus did not answer within ${timeoutMs} ms`)),
      timeoutMs,
    );
    request.on('close', () => clearTimeout(timer));
    request.on('error', reject);
    request.end(body);
  });
}

// Prometheus's own error ({"error": "..."}), shortened: it goes on screen.
function errorText(text: string): string {
  try {
    const error = (JSON.parse(text) as { error?: unknown }).error;
    return typeof error === 'string' ? `: ${error.slice(0, 200)}` : '';
  } catch {
    return '';
  }
}

import 'server-only';
import { randomUUID } from 'node:crypto';
import diagnostics from 'node:diagnostics_channel';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { log } from './log';
import { observeRequest } from './metrics';

interface Message {
  request: IncomingMessage;
  response: ServerResponse;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

/**
 * The route a request counts under: its path for Weir's own routes (which have no variable
 * parts), one bucket for built assets and one for everything that was not found, so the
 * metric's labels stay few whatever clients ask for.
 */
export function routeOf(url: string | undefined, status: number): string {
  const path = (url ?? '/').split('?')[0] ?? '/';
  if (path.startsWith('/_next/')) return '/_next';
  if (status === 404) return 'unmatched';
  return /^(\/[a-z0-9-]+){0,4}\/?$/.test(path) ? path : 'other';
}

/**
 * Every HTTP request Weir serves: a request id (the client's X-Request-Id when it is a
 * plain token, else a new one; answered in the same header and readable by the route
 * handlers), its duration by route and status, and one JSON log line. Through Node's own
 * diagnostics channels, so no route handler has to remember it.
 */
export function observeHttp(): void {
  const started = new WeakMap<ServerResponse, { at: bigint; id: string }>();
  diagnostics.subscribe('http.server.request.start', (message) => {
    const { request, response } = message as Message;
    const given = request.headers['x-request-id'];
    const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    request.headers['x-request-id'] = id;
    response.setHeader('x-request-id', id);
    started.set(response, { at: process.hrtime.bigint(), id });
  });
  diagnostics.subscribe('http.server.response.finish', (message) => {
    const { request, response } = message as Message;
    const start = started.get(response);
    if (!start) return;
    const seconds = Number(process.hrtime.bigint() - start.at) / 1e9;
    const route = routeOf(request.url, response.statusCode);
    observeRequest(route, request.method ?? 'GET', response.statusCode, seconds);
    if (route === '/_next' || route === '/healthz' || route === '/readyz' || route === '/metrics') return;
    log().info(
      {
        requestId: start.id,
        method: request.method,
        route,
        status: response.statusCode,
        durationMs: Math.round(seconds * 1000),
      },
      'request',
    );
  });
}

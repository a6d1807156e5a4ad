import { readFileSync } from 'node:fs';
import { inject } from 'vitest';
import YAML from 'yaml';
import type { ClusterUser } from '../cluster/cluster';

/** The local cluster's bearer token for one of its users (from the test kubeconfig). */
export function tokenOf(user: ClusterUser): string {
  const config = YAML.parse(readFileSync(inject('kubeconfig'), 'utf8')) as {
    users: Array<{ name: string; user: { token: string } }>;
  };
  const token = config.users.find((entry) => entry.name === user)?.user.token;
  if (!token) throw new Error(`no token for ${user} in the test kubeconfig`);
  return token;
}

/** Points Weir's in-process route handlers at the test cluster, as `weir`, with WEIR_AUTH. */
export function useTestCluster(
  auth: 'local' | 'token' | 'header' | 'oidc',
  context: ClusterUser = 'weir',
): void {
  process.env.KUBECONFIG = inject('kubeconfig');
  process.env.WEIR_CONTEXT = context;
  process.env.WEIR_AUTH = auth;
  delete process.env.WEIR_MANIFESTS;
  delete process.env.WEIR_READ_ONLY;
}

const ORIGIN = 'http://weir.test';

/** A request to one of Weir's routes, as a browser on Weir's own page would send it. */
export function weirRequest(
  path: string,
  init: {
    method?: 'GET' | 'POST';
    cookie?: string;
    body?: unknown;
    csrf?: boolean;
    headers?: Record<string, string>;
  } = {},
): Request {
  const headers: Record<string, string> = { host: 'weir.test', ...init.headers };
  if (init.cookie) headers.cookie = init.cookie;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (init.method === 'POST' && init.csrf !== false) {
    headers['x-weir-csrf'] = '1';
    headers.origin ??= ORIGIN;
  }
  return new Request(`${ORIGIN}${path}`, {
    method: init.method ?? 'GET',
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
}

/** The `name=value` part of a Set-Cookie answer, to send back as a Cookie header. */
export function cookieOf(response: Response): string {
  const set = response.headers.get('set-cookie') ?? '';
  return set.split(';')[0] ?? '';
}

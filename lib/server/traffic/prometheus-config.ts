import 'server-only';
import { readFileSync } from 'node:fs';
import type { Env } from '../config';

/** How Weir reaches Prometheus (WEIR_PROMETHEUS_*); absent when WEIR_PROMETHEUS_URL is unset. */
export interface PrometheusConfig {
  url: URL;
  /**
   * The `Authorization` header value (bearer token or basic auth), if any: asked for each query,
   * so a token file that is rotated (a projected service account token) is read again.
   */
  authorization?: () => string;
  /** PEM of the CA that signed an https Prometheus's certificate, beside the system's. */
  ca?: string;
  /** How often Weir asks (seconds): Prometheus's scrape interval is the natural choice. */
  refreshSeconds: number;
}

const DEFAULT_REFRESH_SECONDS = 15;

/** Reads WEIR_PROMETHEUS_*; throws a sentence naming the variable when one is wrong. */
export function readPrometheusConfig(env: Env = process.env): PrometheusConfig | undefined {
  const raw = env.WEIR_PROMETHEUS_URL?.trim();
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(
      `WEIR_PROMETHEUS_URL must be an http(s) URL such as http://prometheus.istio-system:9090, not "${raw}"`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new Error(`WEIR_PROMETHEUS_URL must be an http(s) URL, not "${raw}"`);
  if (url.username || url.password)
    throw new Error(
      'WEIR_PROMETHEUS_URL must not hold a user or password: use WEIR_PROMETHEUS_USERNAME and WEIR_PROMETHEUS_PASSWORD',
    );
  // Read once here so that a missing file is said at start; then again for each query.
  const token = env.WEIR_PROMETHEUS_TOKEN || readSecretFile(env, 'WEIR_PROMETHEUS_TOKEN_FILE');
  const user = env.WEIR_PROMETHEUS_USERNAME;
  if (token && user) throw new Error('set WEIR_PROMETHEUS_TOKEN or WEIR_PROMETHEUS_USERNAME, not both');
  if (env.WEIR_PROMETHEUS_PASSWORD && !user)
    throw new Error('WEIR_PROMETHEUS_PASSWORD needs WEIR_PROMETHEUS_USERNAME');
  const basic =
    user && `Basic ${Buffer.from(`${user}:${env.WEIR_PROMETHEUS_PASSWORD ?? ''}`).toString('base64')}`;
  const authorization = env.WEIR_PROMETHEUS_TOKEN
    ? () => `Bearer ${env.WEIR_PROMETHEUS_TOKEN}`
    : token
      ? () => `Bearer ${readSecretFile(env, 'WEIR_PROMETHEUS_TOKEN_FILE')}`
      : basic
        ? () => basic
        : undefined;
  const ca = env.WEIR_PROMETHEUS_CA_FILE ? readSecretFile(env, 'WEIR_PROMETHEUS_CA_FILE') : undefined;
  return {
    url,
    ...(authorization && { authorization }),
    ...(ca && { ca }),
    refreshSeconds: refreshSeconds(env.WEIR_PROMETHEUS_REFRESH_SECONDS),
  };
}

function refreshSeconds(value: string | undefined): number {
  if (!value) return DEFAULT_REFRESH_SECONDS;
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds < 1 || seconds > 300)
    throw new Error(
      `WEIR_PROMETHEUS_REFRESH_SECONDS must be a number of seconds from 1 to 300, not "${value}"`,
    );
  return seconds;
}

function readSecretFile(env: Env, variable: string): string | undefined {
  const file = env[variable];
  if (!file) return undefined;
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (error) {
    throw new Error(
      `${variable}: cannot read ${file} (${error instanceof Error ? error.message : String(error)})`,
    );
  }
}

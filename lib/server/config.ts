import 'server-only';
import type { AuthStrategy } from '../api/session';
import { namespaceNameProblem } from '../mesh/object-names';

export type { AuthStrategy };

/** Environment variables as process.env holds them (tests pass a plain object). */
export type Env = Readonly<Record<string, string | undefined>>;

export interface WeirConfig {
  kubeconfig?: string;
  context?: string;
  manifests?: string;
  inCluster: boolean;
  auth: AuthStrategy;
  readOnly: boolean;
  /** Where sign-in sessions are shared between replicas (as Secrets); unset: in memory. */
  sessionNamespace?: string;
  /** The watch's liveness deadline: silence for this long means the data is stale. */
  watchDeadlineMs?: number;
  /**
   * The namespaces Weir watches and writes in (WEIR_NAMESPACES), for an install whose
   * credential has Roles there only; unset: the whole cluster.
   */
  namespaces?: string[];
}

/** Weir's configuration, from the environment variables the README documents. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): WeirConfig {
  const auth = (env.WEIR_AUTH ?? 'local') as AuthStrategy;
  if (!['local', 'token', 'oidc', 'header'].includes(auth)) {
    throw new Error(`WEIR_AUTH must be local, token, oidc or header, not "${env.WEIR_AUTH}"`);
  }
  return {
    kubeconfig: env.KUBECONFIG || undefined,
    context: env.WEIR_CONTEXT || undefined,
    manifests: env.WEIR_MANIFESTS || undefined,
    inCluster: Boolean(env.KUBERNETES_SERVICE_HOST),
    auth,
    readOnly: env.WEIR_READ_ONLY === 'true',
    sessionNamespace: env.WEIR_SESSION_NAMESPACE || undefined,
    watchDeadlineMs: watchDeadline(env.WEIR_WATCH_DEADLINE_SECONDS),
    namespaces: readNamespaces(env.WEIR_NAMESPACES),
  };
}

function watchDeadline(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds < 2 || seconds > 600) {
    throw new Error(`WEIR_WATCH_DEADLINE_SECONDS must be a number of seconds from 2 to 600, not "${value}"`);
  }
  return seconds * 1000;
}

/** WEIR_NAMESPACES: namespace names separated by commas (spaces allowed); empty or unset: all. */
export function readNamespaces(value: string | undefined): string[] | undefined {
  const names = [
    ...new Set(
      (value ?? '')
        .split(',')
        .map((name) => name.trim())
        .filter(Boolean),
    ),
  ];
  for (const name of names) {
    const problem = namespaceNameProblem(name);
    if (problem) throw new Error(`WEIR_NAMESPACES lists namespaces separated by commas: ${problem}`);
  }
  return names.length > 0 ? names.sort() : undefined;
}

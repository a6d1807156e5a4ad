import 'server-only';
import type { AuthStrategy } from '../api/session';
import { namespaceNameProblem, objectNameProblem } from '../mesh/object-names';
import { DEFAULT_ROOT_NAMESPACE, MESH_CONFIG_NAME } from '../mesh/outbound-schemas';
import type { MeshConfigPlace } from '../mesh/types';

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
  /**
   * Istio's root namespace and the mesh config's ConfigMap there (WEIR_ISTIO_ROOT_NAMESPACE,
   * WEIR_ISTIO_MESH_CONFIG; default istio-system and `istio`).
   */
  meshConfig: MeshConfigPlace;
}

/** Weir's configuration, from the environment variables the README documents. */
export function readConfig(env: Env = process.env): WeirConfig {
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
    meshConfig: readMeshConfigPlace(env),
  };
}

/** At start: a setting Weir cannot use stops the process, saying which and why (stderr, exit 1). */
export function refuseBadConfig(env: Env = process.env): void {
  try {
    readConfig(env);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}

/** WEIR_ISTIO_ROOT_NAMESPACE (a namespace name) and WEIR_ISTIO_MESH_CONFIG (a ConfigMap name). */
export function readMeshConfigPlace(env: Env): MeshConfigPlace {
  // Unset: Istio's defaults. Set but blank is a mistake (a chart value left empty), refused
  // rather than quietly read as the default.
  const namespace = env.WEIR_ISTIO_ROOT_NAMESPACE?.trim() ?? DEFAULT_ROOT_NAMESPACE;
  const name = env.WEIR_ISTIO_MESH_CONFIG?.trim() ?? MESH_CONFIG_NAME;
  const namespaceProblem = namespaceNameProblem(namespace);
  if (namespaceProblem)
    throw new Error(`WEIR_ISTIO_ROOT_NAMESPACE is Istio's root namespace: ${namespaceProblem}`);
  const nameProblem = objectNameProblem(name);
  if (nameProblem)
    throw new Error(
      `WEIR_ISTIO_MESH_CONFIG is the mesh config's ConfigMap name (istio, or istio-<revision>): ${nameProblem}`,
    );
  return { namespace, name };
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

import { type ChildProcess, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { applyManifests, type Manifest } from '../../lib/kube/apply-manifests';
import { loadKubeConfig } from '../../lib/kube/kube-config';
import { kubeRequest } from '../../lib/kube/request';
import { makeCerts } from './certs';
import { DEFAULT_REDIRECT_URIS, OIDC_CLIENT_IDS, startOidcProvider } from './oidc-provider';
import { spawnTied, stopTied } from './processes';
import { GATEWAY_API_MODULE, ISTIO_API_MODULE } from './versions';

const here = path.dirname(fileURLToPath(import.meta.url));

export type ClusterUser = 'admin' | 'operator' | 'auditor' | 'outsider' | 'weir';

/** Who the static tokens stand for. `outsider` is authenticated but bound to no role. */
export const CLUSTER_USERS: Record<ClusterUser, { user: string; groups: string[] }> = {
  admin: { user: 'weir-admin', groups: ['system:masters'] },
  operator: { user: 'olivia.operator', groups: ['weir:operators'] },
  auditor: { user: 'arthur.auditor', groups: ['weir:auditors'] },
  outsider: { user: 'oscar.outsider', groups: [] },
  // Weir's own least-privilege identity when people sign in (WEIR_AUTH=token or header).
  weir: { user: 'weir', groups: ['weir:servers'] },
};

/** The local OpenID provider the API server trusts (tools/cluster/oidc-provider.ts). */
export interface LocalOidc {
  issuer: string;
  /** The CA that signed the provider's serving certificate (the cluster's own). */
  caFile: string;
  clientId: string;
  clientSecret: string;
  /** The public client's id (no secret: PKCE only). */
  publicClientId: string;
  /** The prefix the API server puts before OIDC user names and groups. */
  prefix: string;
}

/** The prefix the API server's JWT authenticator puts on OIDC user names and groups. */
export const OIDC_PREFIX = 'oidc:';

export interface LocalCluster {
  /** The API server's address: changes when moveApiServer moves it. */
  readonly server: string;
  /** The CA that signed the API server's serving certificate: changes with moveApiServer. */
  readonly caFile: string;
  oidc: LocalOidc;
  /** A kubeconfig with one context per user (`admin`, `operator`, `auditor`, `outsider`, `weir`). */
  kubeconfig: string;
  tokens: Record<ClusterUser, string>;
  dir: string;
  /** Stops kube-apiserver, then etcd. */
  stopApiServer(): Promise<void>;
  /** Starts kube-apiserver again on the same port and data. */
  startApiServer(): Promise<void>;
  /**
   * Restarts kube-apiserver (same etcd, same data) on another port with a serving certificate
   * from a new CA, and rewrites the kubeconfig to match: what a cluster that came back
   * elsewhere (a recreated kind cluster, a moved endpoint) does to its clients.
   */
  moveApiServer(): Promise<void>;
  /** Freezes the API server (SIGSTOP) until resumeApiServer: hung, not down. */
  pauseApiServer(): Promise<void>;
  resumeApiServer(): Promise<void>;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Where the kubeconfig is written (default: inside the cluster's temp folder). */
  kubeconfigPath?: string;
  /** Weir callback addresses the OpenID provider accepts (default: DEFAULT_REDIRECT_URIS). */
  oidcRedirectUris?: string[];
  log?: (line: string) => void;
  /** More kube-apiserver flags, e.g. `--feature-gates=WatchList=false` for a server without streaming lists. */
  apiServerArgs?: string[];
}

/** Builds (once per version) and returns the folder holding kube-apiserver and etcd. */
export function ensureBinaries(log: (line: string) => void = () => {}): string {
  const out = execFileSync('bash', [path.join(here, 'build.sh')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const dir = out.trim().split('\n').pop() ?? '';
  log(`binaries: ${dir}`);
  return dir;
}

/** Starts etcd and kube-apiserver on free loopback ports and installs RBAC and the CRDs. */
export async function startCluster(options: StartOptions = {}): Promise<LocalCluster> {
  const log = options.log ?? (() => {});
  const bin = ensureBinaries(log);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'weir-cluster-'));
  const certs = makeCerts(dir);
  const tokens = Object.fromEntries(
    (Object.keys(CLUSTER_USERS) as ClusterUser[]).map((name) => [name, randomBytes(24).toString('hex')]),
  ) as Record<ClusterUser, string>;
  writeFileSync(
    path.join(dir, 'tokens.csv'),
    (Object.keys(CLUSTER_USERS) as ClusterUser[])
      .map((name) => {
        const { user, groups } = CLUSTER_USERS[name];
        return `${tokens[name]},${user},uid-${name},"${groups.join(',')}"`;
      })
      .join('\n'),
  );
  const [etcdClientPort, etcdPeerPort, firstApiPort, oidcPort] = await freePorts(4);
  let apiPort = firstApiPort as number;
  let serving = { caCert: certs.caCert, cert: certs.servingCert, key: certs.servingKey };
  let server = `https://127.0.0.1:${apiPort}`;
  // Before the API server, so that its JWT authenticator finds the issuer at once.
  const provider = await startOidcProvider({
    port: oidcPort as number,
    certFile: certs.servingCert,
    keyFile: certs.servingKey,
    redirectUris: options.oidcRedirectUris ?? DEFAULT_REDIRECT_URIS,
  });
  const oidc: LocalOidc = {
    issuer: provider.issuer,
    caFile: certs.caCert,
    clientId: OIDC_CLIENT_IDS.confidential,
    clientSecret: provider.clientSecret,
    publicClientId: OIDC_CLIENT_IDS.public,
    prefix: OIDC_PREFIX,
  };
  writeFileSync(path.join(dir, 'authentication.yaml'), authenticationConfig(oidc));

  const etcd = spawnTied(
    path.join(bin, 'etcd'),
    [
      '--name=weir',
      `--data-dir=${path.join(dir, 'etcd')}`,
      `--listen-client-urls=http://127.0.0.1:${etcdClientPort}`,
      `--advertise-client-urls=http://127.0.0.1:${etcdClientPort}`,
      `--listen-peer-urls=http://127.0.0.1:${etcdPeerPort}`,
      `--initial-advertise-peer-urls=http://127.0.0.1:${etcdPeerPort}`,
      `--initial-cluster=weir=http://127.0.0.1:${etcdPeerPort}`,
      '--unsafe-no-fsync=true',
      '--log-level=warn',
    ],
    path.join(dir, 'etcd.log'),
  );
  const apiArgs = () => [
    `--etcd-servers=http://127.0.0.1:${etcdClientPort}`,
    '--bind-address=127.0.0.1',
    '--advertise-address=127.0.0.1',
    `--secure-port=${apiPort}`,
    `--tls-cert-file=${serving.cert}`,
    `--tls-private-key-file=${serving.key}`,
    `--client-ca-file=${certs.caCert}`,
    `--service-account-issuer=https://kubernetes.default.svc`,
    `--service-account-key-file=${certs.serviceAccountPublicKey}`,
    `--service-account-signing-key-file=${certs.serviceAccountKey}`,
    `--token-auth-file=${path.join(dir, 'tokens.csv')}`,
    `--authentication-config=${path.join(dir, 'authentication.yaml')}`,
    '--authorization-mode=RBAC',
    '--service-cluster-ip-range=10.0.0.0/24',
    '--disable-admission-plugins=ServiceAccount',
    '--endpoint-reconciler-type=none',
    '--allow-privileged=true',
    '--v=0',
    ...(options.apiServerArgs ?? []),
  ];
  let apiServer: ChildProcess | undefined;
  const servedCustomResources: string[] = [];
  const adminConfigNow = () =>
    loadKubeConfig({ server: { url: server, token: tokens.admin, caFile: serving.caCert } });
  let adminConfig = adminConfigNow();
  const kubeconfig = options.kubeconfigPath ?? path.join(dir, 'kubeconfig');
  const writeKubeconfig = () => {
    mkdirSync(path.dirname(kubeconfig), { recursive: true });
    writeFileSync(kubeconfig, kubeconfigYaml(server, serving.caCert, tokens), { mode: 0o600 });
  };

  const startApiServer = async () => {
    apiServer = spawnTied(path.join(bin, 'kube-apiserver'), apiArgs(), path.join(dir, 'kube-apiserver.log'));
    const exited = () =>
      apiServer?.exitCode !== null
        ? `kube-apiserver exited; see ${path.join(dir, 'kube-apiserver.log')}`
        : undefined;
    await waitFor('kube-apiserver ready', 90_000, exited, async () => {
      await kubeRequest(adminConfig, { method: 'GET', path: '/readyz', timeoutMs: 2_000 });
      await kubeRequest(adminConfig, { method: 'GET', path: '/api/v1/namespaces/default', timeoutMs: 2_000 });
      // Started again: the custom resources' storage comes up after /readyz ("storage is
      // (re)initializing"); a test that lists them at once would get 503.
      for (const path of servedCustomResources) {
        await kubeRequest(adminConfig, { method: 'GET', path, query: { limit: '1' }, timeoutMs: 2_000 });
      }
    });
  };
  const stopApiServer = async () => {
    if (apiServer) await stopTied(apiServer);
    apiServer = undefined;
  };
  // SIGSTOP: the process stays, its port still accepts connections, nothing answers — a
  // hung API server, which looks nothing like one that is down.
  // The whole process group: kube-apiserver runs under the shell that ties it to this process.
  const signalApiServer = (signal: NodeJS.Signals) => {
    if (apiServer?.pid !== undefined) process.kill(-apiServer.pid, signal);
  };
  let moves = 0;
  const moveApiServer = async () => {
    await stopApiServer();
    const movedDir = path.join(dir, `moved-${++moves}`);
    mkdirSync(movedDir);
    const moved = makeCerts(movedDir);
    serving = { caCert: moved.caCert, cert: moved.servingCert, key: moved.servingKey };
    [apiPort] = (await freePorts(1)) as [number];
    server = `https://127.0.0.1:${apiPort}`;
    adminConfig = adminConfigNow();
    await startApiServer();
    writeKubeconfig();
    log(`kube-apiserver moved to ${server}`);
  };
  const pauseApiServer = async () => signalApiServer('SIGSTOP');
  const resumeApiServer = async () => signalApiServer('SIGCONT');
  const stop = async () => {
    signalApiServer('SIGCONT');
    await stopApiServer();
    await stopTied(etcd);
    await provider.close();
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    await startApiServer();
    log(`kube-apiserver ready at ${server}`);
    await applyManifests(adminConfig, loadYamlManifests(path.join(here, 'rbac.yaml')), 'weir-cluster');
    await installCrds(adminConfig, log);
    servedCustomResources.push(
      '/apis/networking.istio.io/v1/virtualservices',
      '/apis/networking.istio.io/v1/destinationrules',
      '/apis/networking.istio.io/v1/gateways',
      '/apis/networking.istio.io/v1/serviceentries',
      '/apis/networking.istio.io/v1/sidecars',
      '/apis/weir.dev/v1alpha1/routingchanges',
    );
  } catch (error) {
    await stop();
    throw error;
  }

  writeKubeconfig();
  // Beside the kubeconfig, so tests reusing a running cluster (WEIR_TEST_KUBECONFIG) find the provider.
  writeFileSync(oidcInfoFile(kubeconfig), JSON.stringify(oidc, null, 2), { mode: 0o600 });
  return {
    get server() {
      return server;
    },
    get caFile() {
      return serving.caCert;
    },
    oidc,
    kubeconfig,
    tokens,
    dir,
    stop,
    stopApiServer,
    startApiServer,
    moveApiServer,
    pauseApiServer,
    resumeApiServer,
  };
}

/** Where startCluster writes the OpenID provider's details (LocalOidc) for a kubeconfig. */
export function oidcInfoFile(kubeconfig: string): string {
  return path.join(path.dirname(kubeconfig), 'oidc.json');
}

/**
 * Structured authentication (AuthenticationConfiguration v1): ID tokens from the local
 * provider for either Weir client are people, named by their email and groups claims with
 * the `oidc:` prefix. The static tokens (--token-auth-file) keep working beside it.
 */
function authenticationConfig(oidc: LocalOidc): string {
  return YAML.stringify({
    apiVersion: 'apiserver.config.k8s.io/v1',
    kind: 'AuthenticationConfiguration',
    jwt: [
      {
        issuer: {
          url: oidc.issuer,
          audiences: [oidc.clientId, oidc.publicClientId],
          audienceMatchPolicy: 'MatchAny',
          certificateAuthority: readFileSync(oidc.caFile, 'utf8'),
        },
        claimMappings: {
          username: { claim: 'email', prefix: OIDC_PREFIX },
          groups: { claim: 'groups', prefix: OIDC_PREFIX },
        },
      },
    ],
  });
}

async function installCrds(
  kc: ReturnType<typeof loadKubeConfig>,
  log: (line: string) => void,
): Promise<void> {
  const istio = moduleDir(ISTIO_API_MODULE);
  const gatewayApi = moduleDir(GATEWAY_API_MODULE);
  const standard = path.join(gatewayApi, 'config', 'crd', 'standard');
  const files = [
    path.join(istio, 'kubernetes', 'customresourcedefinitions.gen.yaml'),
    ...execFileSync('ls', [standard], { encoding: 'utf8' })
      .split('\n')
      .filter((name) => name.endsWith('.yaml'))
      .map((name) => path.join(standard, name)),
    // Weir's own CRDs: the chart's, as a cluster admin installs them with Weir.
    path.join(here, '..', '..', 'deploy', 'helm', 'weir', 'crds', 'routingchanges.weir.dev.yaml'),
    // Argo Rollouts, so tests can create a Rollout that locks a VirtualService.
    path.join(here, 'rollouts-crd.yaml'),
  ];
  const crds = files.flatMap(loadYamlManifests).filter((m) => m.kind === 'CustomResourceDefinition');
  await applyManifests(kc, crds, 'weir-cluster');
  for (const crd of crds) {
    await waitFor(`CRD ${crd.metadata.name} established`, 60_000, noFatal, async () => {
      const current = await kubeRequest<{
        status?: { conditions?: Array<{ type: string; status: string }> };
      }>(kc, {
        method: 'GET',
        path: `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${crd.metadata.name}`,
      });
      const established = current.status?.conditions?.some(
        (c) => c.type === 'Established' && c.status === 'True',
      );
      if (!established) throw new Error('not yet established');
      // Established comes a moment before the API server serves the new paths.
      const { group, names, versions } = crd.spec as CrdSpec;
      for (const version of versions.filter((v) => v.served)) {
        await kubeRequest(kc, {
          method: 'GET',
          path: `/apis/${group}/${version.name}/${names.plural}`,
          query: { limit: '1' },
        });
      }
    });
  }
  log(`${crds.length} CRDs established (${ISTIO_API_MODULE}, ${GATEWAY_API_MODULE})`);
}

interface CrdSpec {
  group: string;
  names: { plural: string };
  versions: Array<{ name: string; served: boolean }>;
}

/** Reads every document of a YAML file as a manifest (empty documents skipped). */
export function loadYamlManifests(file: string): Manifest[] {
  return YAML.parseAllDocuments(readFileSync(file, 'utf8'))
    .map((doc) => doc.toJS() as Manifest | null)
    .filter((m): m is Manifest => Boolean(m?.kind));
}

/** Where the Go module proxy put `module` (downloaded on first use). */
export function moduleDir(module: string): string {
  const out = execFileSync('go', ['mod', 'download', '-json', module], {
    encoding: 'utf8',
    cwd: os.tmpdir(),
    env: { ...process.env, GOFLAGS: '-mod=mod', GOTOOLCHAIN: 'local' },
  });
  return (JSON.parse(out) as { Dir: string }).Dir;
}

function kubeconfigYaml(server: string, caFile: string, tokens: Record<ClusterUser, string>): string {
  const names = Object.keys(tokens) as ClusterUser[];
  return YAML.stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'weir-local', cluster: { server, 'certificate-authority': caFile } }],
    users: names.map((name) => ({ name, user: { token: tokens[name] } })),
    contexts: names.map((name) => ({ name, context: { cluster: 'weir-local', user: name } })),
    'current-context': 'operator',
  });
}

async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<net.Server>((resolve, reject) => {
          const srv = net.createServer();
          srv.once('error', reject);
          srv.listen(0, '127.0.0.1', () => resolve(srv));
        }),
    ),
  );
  const ports = servers.map((srv) => (srv.address() as net.AddressInfo).port);
  await Promise.all(servers.map((srv) => new Promise((resolve) => srv.close(resolve))));
  return ports;
}

const noFatal = () => undefined;

/**
 * Retries `check` until it resolves; fails with its last error after `timeoutMs`, or at once
 * when `fatal` names a reason to stop waiting.
 */
export async function waitFor(
  what: string,
  timeoutMs: number,
  fatal: () => string | undefined,
  check: () => Promise<void>,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    const reason = fatal();
    if (reason) throw new Error(`${what}: ${reason}`);
    try {
      await check();
      return;
    } catch (error) {
      last = error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  throw new Error(`timed out waiting for ${what}: ${last instanceof Error ? last.message : String(last)}`);
}

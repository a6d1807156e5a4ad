import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { ClientRequest } from 'node:http';
import { describe, expect, it } from 'vitest';
import type { Manifest } from '../../lib/kube/apply-manifests';
import { applyManifests, manifestCollectionPath } from '../../lib/kube/apply-manifests';
import { watchControllers } from '../../lib/kube/controller-watch';
import { kubeConfigFor } from '../../lib/kube/kube-config';
import { kubeRequest } from '../../lib/kube/request';
import { listRollouts } from '../../lib/kube/rollouts';
import { UnavailableError } from '../../lib/mesh/errors';
import { createKubeHistory } from '../../lib/server/history/kube-history';
import { createKubeStore } from '../../lib/store/kube/kube-store';
import { canaryVirtualService, createTestNamespace, kubeConfigAs } from '../test/kube';
import { until } from '../test/until';
import { CHART, renderChart, runHelm, valuesArgs } from './helm';
import { PROFILES } from './profiles';

const admin = () => kubeConfigAs('admin');

type Probe = { httpGet: { path: string } };
/** The parts of the rendered pod the test looks at. */
interface RenderedPod {
  securityContext: unknown;
  topologySpreadConstraints?: unknown[];
  containers: {
    securityContext: unknown;
    readinessProbe: Probe;
    livenessProbe: Probe;
    startupProbe: Probe;
    resources: { requests?: unknown };
    env: { name: string; value?: string; valueFrom?: unknown }[];
  }[];
}

/** Server-side apply of one manifest, checked but not stored (dryRun=All): what `kubectl apply --server-side --dry-run=server` does. */
async function dryRunApply(manifest: Manifest): Promise<void> {
  const path = `${manifestCollectionPath(manifest)}/${encodeURIComponent(manifest.metadata.name)}`;
  await kubeRequest(admin(), {
    method: 'PATCH',
    path,
    query: { fieldManager: 'helm', dryRun: 'All', fieldValidation: 'Strict', force: 'true' },
    body: manifest,
    contentType: 'application/apply-patch+yaml',
  });
}

describe('the Helm chart', () => {
  it('passes helm lint with its defaults and with every documented profile', () => {
    for (const [name, values] of [['defaults', {}] as const, ...Object.entries(PROFILES)]) {
      const result = runHelm(['lint', '--strict', CHART, ...valuesArgs(values)]);
      expect(result.status, `${name}: ${result.stdout}${result.stderr}`).toBe(0);
    }
  }, 120_000);

  it.each(Object.keys(PROFILES))(
    'renders the %s profile, and the API server accepts every object it makes (server-side apply, dry run)',
    async (profile) => {
      const namespace = await createTestNamespace('weir-chart');
      const values = PROFILES[profile] ?? {};
      // The namespaces a namespace-scoped install names must exist for its Roles, and Istio's
      // root namespace for the mesh config's.
      const scoped = (values.rbac as { namespaces?: string[] } | undefined)?.namespaces ?? [];
      await applyManifests(admin(), [
        ROOT_NAMESPACE,
        ...scoped.map((name) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } })),
      ]);
      const manifests = renderChart(values, namespace);
      const kinds = manifests.map((m) => m.kind);
      expect(kinds).toEqual(
        expect.arrayContaining(['CustomResourceDefinition', 'Deployment', 'Service', 'ServiceAccount']),
      );
      for (const manifest of manifests) {
        await dryRunApply(manifest).catch((error: Error) => {
          throw new Error(`${profile}: ${manifest.kind} ${manifest.metadata.name}: ${error.message}`);
        });
      }
    },
    60_000,
  );

  it('hardens the pod: non-root, read-only root filesystem, no capabilities, probes, spread and a budget with replicas', () => {
    const manifests = renderChart(PROFILES['oidc via an ingress, two replicas'] ?? {}, 'weir-system');
    const deployment = manifests.find((m) => m.kind === 'Deployment') as unknown as {
      spec: { template: { spec: RenderedPod } };
    };
    const pod = deployment.spec.template.spec;
    const container = pod.containers[0];
    if (!container) throw new Error('the Deployment has no container');
    expect(pod.securityContext).toMatchObject({
      runAsNonRoot: true,
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(container.securityContext).toEqual({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    });
    expect(container.readinessProbe.httpGet.path).toBe('/readyz');
    expect(container.livenessProbe.httpGet.path).toBe('/healthz');
    expect(container.startupProbe.httpGet.path).toBe('/healthz');
    expect(container.resources.requests).toBeDefined();
    expect(pod.topologySpreadConstraints).toHaveLength(1);
    expect(manifests.some((m) => m.kind === 'PodDisruptionBudget')).toBe(true);
    expect(manifests.some((m) => m.kind === 'Ingress')).toBe(true);
    expect(container.env.find((e) => e.name === 'WEIR_OIDC_CLIENT_SECRET')?.valueFrom).toEqual({
      secretKeyRef: { name: 'weir-oidc', key: 'client-secret' },
    });
    // Secrets only by reference: no value in the rendered manifests holds one.
    expect(manifests.some((m) => m.kind === 'Secret')).toBe(false);
  });

  it('refuses values that cannot work at template time, with a sentence saying why', () => {
    const refusals: [Record<string, unknown>, RegExp][] = [
      [
        { auth: { mode: 'oidc', oidc: { clientId: 'weir' } }, publicUrl: 'https://w.example' },
        /auth\.mode=oidc needs auth\.oidc\.issuer/,
      ],
      [
        {
          auth: { mode: 'oidc', oidc: { issuer: 'http://dex.example', clientId: 'weir' } },
          publicUrl: 'https://w.example',
        },
        /must be an https URL/,
      ],
      [
        { auth: { mode: 'oidc', oidc: { issuer: 'https://dex.example', clientId: 'weir' } } },
        /needs publicUrl/,
      ],
      [
        { auth: { mode: 'header' }, rbac: { create: false } },
        /impersonates people, which needs the right to impersonate/,
      ],
      [
        { replicaCount: 2, sessions: { store: 'memory' } },
        /replicaCount=2 with sessions\.store=memory cannot work/,
      ],
      [{ auth: { mode: 'local' } }, /nobody signs in/],
      [{ auth: { mode: 'header' } }, /rbac\.impersonateGroups is empty/],
      [{ auth: { mode: 'ldap' } }, /auth\.mode must be token, oidc, header or local, not "ldap"/],
      [{ rbac: { scope: 'namespaces' } }, /rbac\.scope=namespaces needs rbac\.namespaces/],
      [{ rbac: { scope: 'namespaces', namespaces: ['Shop'] } }, /lists "Shop", which is no namespace name/],
      [{ rbac: { scope: 'everywhere' } }, /rbac\.scope must be cluster or namespaces/],
      [{ ingress: { enabled: true } }, /ingress\.enabled=true needs ingress\.host/],
      [{ logLevel: 'loud' }, /logLevel must be/],
      // An empty name rendered resourceNames: [""]: every ConfigMap in the namespace.
      [{ rbac: { meshConfig: { name: '' } } }, /rbac\.meshConfig\.name is "", which is no ConfigMap name/],
      [{ rbac: { meshConfig: { name: 'Istio' } } }, /rbac\.meshConfig\.name is "Istio"/],
      [
        { rbac: { meshConfig: { namespace: '' } } },
        /rbac\.meshConfig\.namespace is "", which is no namespace/,
      ],
      [
        { rbac: { meshConfig: { namespace: 'istio.system' } } },
        /rbac\.meshConfig\.namespace is "istio\.system"/,
      ],
    ];
    for (const [values, sentence] of refusals) {
      const result = runHelm(['template', 'weir', CHART, ...valuesArgs(values)]);
      expect(result.status, JSON.stringify(values)).not.toBe(0);
      expect(result.stderr).toMatch(sentence);
    }
  }, 120_000);
});

const GATEWAY_API_RESOURCES = [
  'gateways',
  'gatewayclasses',
  'httproutes',
  'grpcroutes',
  'tcproutes',
  'tlsroutes',
  'referencegrants',
];
const GATEWAY_API_ROUTES = ['httproutes', 'grpcroutes', 'tcproutes', 'tlsroutes'];

// The CRDs of Rollouts and Canaries, by name (a write lists neither kind where its CRD is
// absent): cluster-scoped, so granted everywhere whatever the install's scope.
const CONTROLLER_DEFINITIONS = ['get', 'list', 'watch'].map(
  (v) => `apiextensions.k8s.io/customresourcedefinitions ${v} [rollouts.argoproj.io,canaries.flagger.app]`,
);

// Rights as README's "Who may do what" lists them for Weir's own credential, as
// `group/resource verb` lines (group "" is the core API).
const READ = [
  '/services get',
  '/services list',
  '/services watch',
  '/pods get',
  '/pods list',
  '/pods watch',
  '/namespaces get',
  '/namespaces list',
  '/namespaces watch',
  ...['gateways', 'virtualservices', 'destinationrules', 'serviceentries', 'sidecars'].flatMap((r) =>
    ['get', 'list', 'watch'].map((v) => `networking.istio.io/${r} ${v}`),
  ),
  ...GATEWAY_API_RESOURCES.flatMap((r) =>
    ['get', 'list', 'watch'].map((v) => `gateway.networking.k8s.io/${r} ${v}`),
  ),
  ...['get', 'list', 'watch', 'create'].map((v) => `weir.dev/routingchanges ${v}`),
  'argoproj.io/rollouts list',
  'argoproj.io/rollouts watch',
  'flagger.app/canaries list',
  'flagger.app/canaries watch',
  ...CONTROLLER_DEFINITIONS,
];
// The mesh config (outbound traffic policy): the `istio` ConfigMap in the root namespace, by name.
const MESH_CONFIG = ['get', 'list', 'watch'].map((v) => `/configmaps ${v} [istio]`);
// The chart's Role for it needs the namespace, as any cluster with Istio has.
const ROOT_NAMESPACE = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'istio-system' } };
const unnamed = (line: string) => line.replace(/ \[.*\]$/, '');
const SESSIONS = ['get', 'list', 'create', 'update', 'delete'].map((v) => `/secrets ${v}`);
const IMPERSONATE = ['/users impersonate', '/groups impersonate'];

interface RulesReview {
  status: {
    resourceRules: {
      verbs: string[];
      apiGroups?: string[];
      resources?: string[];
      resourceNames?: string[];
    }[];
  };
}

/**
 * What the token may do in `namespace`, as `group/resource verb` lines (with `names`, a rule
 * limited to some objects adds ` [a,b]`), without what everyone may.
 */
async function rightsOf(
  token: string,
  namespace: string,
  everyone: Set<string>,
  names = false,
): Promise<string[]> {
  const review = await kubeRequest<RulesReview>(kubeConfigFor(admin(), { token }), {
    method: 'POST',
    path: '/apis/authorization.k8s.io/v1/selfsubjectrulesreviews',
    body: { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectRulesReview', spec: { namespace } },
  });
  const lines = review.status.resourceRules.flatMap((rule) =>
    (rule.apiGroups ?? ['']).flatMap((group) =>
      (rule.resources ?? []).flatMap((resource) =>
        rule.verbs.map(
          (verb) =>
            `${group}/${resource} ${verb}${names && rule.resourceNames ? ` [${rule.resourceNames.join(',')}]` : ''}`,
        ),
      ),
    ),
  );
  return [...new Set(lines)].filter((line) => !everyone.has(line)).sort();
}

/** A token for a service account (TokenRequest, as the kubelet gets one for a pod). */
async function tokenFor(namespace: string, serviceAccount: string): Promise<string> {
  const answer = await kubeRequest<{ status: { token: string } }>(admin(), {
    method: 'POST',
    path: `/api/v1/namespaces/${namespace}/serviceaccounts/${serviceAccount}/token`,
    body: { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: { expirationSeconds: 600 } },
  });
  return answer.status.token;
}

describe("the chart's service account", () => {
  it.each([
    ['token', PROFILES.token, [...READ, ...SESSIONS]],
    ['header', PROFILES['header behind oauth2-proxy'], [...READ, ...IMPERSONATE]],
    [
      'oidc impersonate',
      PROFILES['oidc impersonating, behind a Gateway API route'],
      [...READ, ...SESSIONS, ...IMPERSONATE],
    ],
    [
      'local',
      PROFILES['local behind a network policy'],
      [
        ...READ,
        ...['gateways', 'virtualservices', 'destinationrules', 'serviceentries'].flatMap((r) =>
          ['create', 'update', 'patch', 'delete'].map((v) => `networking.istio.io/${r} ${v}`),
        ),
        ...GATEWAY_API_ROUTES.flatMap((r) =>
          ['create', 'update', 'patch', 'delete'].map((v) => `gateway.networking.k8s.io/${r} ${v}`),
        ),
        // The listener form and the YAML tab replace a Gateway's spec: update, nothing more.
        'gateway.networking.k8s.io/gateways update',
        'gateway.networking.k8s.io/referencegrants create',
        'gateway.networking.k8s.io/referencegrants delete',
      ],
    ],
  ])(
    'may do exactly what README documents for %s, no more (SelfSubjectRulesReview with a TokenRequest token)',
    async (_mode, values, documented) => {
      const namespace = await createTestNamespace('weir-rbac');
      // A release name of its own: ClusterRoles are cluster-wide.
      const release = `weir-${namespace.slice(-6)}`;
      const manifests = renderChart(values ?? {}, namespace, release).filter(
        (m) => m.kind !== 'CustomResourceDefinition',
      );
      const rbac = manifests.filter((m) =>
        ['ServiceAccount', 'ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'].includes(m.kind),
      );
      await applyManifests(admin(), [
        ROOT_NAMESPACE,
        ...rbac,
        { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'nobody', namespace } },
      ]);
      const everyone = new Set(await rightsOf(await tokenFor(namespace, 'nobody'), namespace, new Set()));
      const serviceAccount = rbac.find((m) => m.kind === 'ServiceAccount')?.metadata.name ?? '';
      const token = await tokenFor(namespace, serviceAccount);
      // In its own namespace (where sessions live) and in another one (what it reads everywhere).
      expect(await rightsOf(token, namespace, everyone)).toEqual(
        [...new Set(documented.map(unnamed))].sort(),
      );
      expect(await rightsOf(token, 'default', everyone)).toEqual(
        [...new Set(documented.map(unnamed))].filter((line) => !SESSIONS.includes(line)).sort(),
      );
      // In Istio's root namespace, also the mesh config, by name and nothing else there.
      expect(await rightsOf(token, 'istio-system', everyone)).toEqual(
        [
          ...new Set([
            ...documented.map(unnamed).filter((line) => !SESSIONS.includes(line)),
            ...MESH_CONFIG.map(unnamed),
          ]),
        ].sort(),
      );
      expect(
        (await rightsOf(token, 'istio-system', everyone, true)).filter((line) =>
          line.startsWith('/configmaps'),
        ),
      ).toEqual(MESH_CONFIG);
    },
  );
});

describe('a revisioned Istio in another root namespace (rbac.meshConfig)', () => {
  it('tells Weir where the mesh config is, and reads that ConfigMap there by name alone', async () => {
    const [release, root] = await Promise.all(
      ['weir-revisioned', 'istio-control'].map((prefix) => createTestNamespace(prefix)),
    );
    if (!release || !root) throw new Error('no test namespaces');
    const values = { auth: { mode: 'token' }, rbac: { meshConfig: { namespace: root, name: 'istio-1-24' } } };
    const manifests = renderChart(values, release, `weir-${release.slice(-6)}`).filter(
      (m) => m.kind !== 'CustomResourceDefinition',
    );
    const deployment = manifests.find((m) => m.kind === 'Deployment') as unknown as {
      spec: { template: { spec: RenderedPod } };
    };
    const env = deployment.spec.template.spec.containers[0]?.env;
    expect(env).toContainEqual({ name: 'WEIR_ISTIO_ROOT_NAMESPACE', value: root });
    expect(env).toContainEqual({ name: 'WEIR_ISTIO_MESH_CONFIG', value: 'istio-1-24' });
    const rbac = manifests.filter((m) =>
      ['ServiceAccount', 'ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'].includes(m.kind),
    );
    await applyManifests(admin(), [
      ...rbac,
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'nobody', namespace: release } },
    ]);
    const everyone = new Set(await rightsOf(await tokenFor(release, 'nobody'), release, new Set()));
    const serviceAccount = rbac.find((m) => m.kind === 'ServiceAccount')?.metadata.name ?? '';
    const token = await tokenFor(release, serviceAccount);
    const configMaps = async (namespace: string) =>
      (await rightsOf(token, namespace, everyone, true)).filter((line) => line.startsWith('/configmaps'));
    expect(await configMaps(root)).toEqual(
      ['get', 'list', 'watch'].map((v) => `/configmaps ${v} [istio-1-24]`),
    );
    expect(await configMaps('istio-system')).toEqual([]);
  });
});

describe('a namespace-scoped install (rbac.scope=namespaces)', () => {
  it("gives Roles in the listed namespaces only, and Weir's watch cache, history and locks work with them", async () => {
    const [release, shop, payments, elsewhere] = await Promise.all(
      ['weir-scoped', 'weir-shop', 'weir-payments', 'weir-elsewhere'].map((prefix) =>
        createTestNamespace(prefix),
      ),
    );
    if (!release || !shop || !payments || !elsewhere) throw new Error('no test namespaces');
    const values = { auth: { mode: 'token' }, rbac: { scope: 'namespaces', namespaces: [shop, payments] } };
    const manifests = renderChart(values, release, `weir-${release.slice(-6)}`).filter(
      (m) => m.kind !== 'CustomResourceDefinition',
    );
    const deployment = manifests.find((m) => m.kind === 'Deployment') as unknown as {
      spec: { template: { spec: RenderedPod } };
    };
    expect(deployment.spec.template.spec.containers[0]?.env).toContainEqual({
      name: 'WEIR_NAMESPACES',
      value: `${shop},${payments}`,
    });
    const rbac = manifests.filter((m) =>
      ['ServiceAccount', 'ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'].includes(m.kind),
    );
    await applyManifests(admin(), [
      ROOT_NAMESPACE,
      ...rbac,
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'nobody', namespace: release } },
    ]);
    const everyone = new Set(await rightsOf(await tokenFor(release, 'nobody'), release, new Set(), true));
    const token = await tokenFor(release, rbac.find((m) => m.kind === 'ServiceAccount')?.metadata.name ?? '');

    // The two Namespace objects by name and the controllers' CRDs by name, everywhere (a
    // ClusterRole with resourceNames: a Role cannot grant a cluster-scoped object) ...
    const namespaceObjects = [
      ...['get', 'list', 'watch'].map((verb) => `/namespaces ${verb} [${shop},${payments}]`),
      ...CONTROLLER_DEFINITIONS,
    ];
    // ... what README documents in each listed namespace, sessions in its own, nothing elsewhere.
    const inListed = READ.filter(
      (line) => !line.startsWith('/namespaces ') && !CONTROLLER_DEFINITIONS.includes(line),
    );
    expect(await rightsOf(token, shop, everyone, true)).toEqual([...inListed, ...namespaceObjects].sort());
    expect(await rightsOf(token, payments, everyone, true)).toEqual(
      [...inListed, ...namespaceObjects].sort(),
    );
    expect(await rightsOf(token, release, everyone, true)).toEqual([...SESSIONS, ...namespaceObjects].sort());
    expect(await rightsOf(token, elsewhere, everyone, true)).toEqual(namespaceObjects.sort());
    // In Istio's root namespace: the mesh config by name, and the Sidecars (every namespace's default).
    expect(await rightsOf(token, 'istio-system', everyone, true)).toEqual(
      [
        ...MESH_CONFIG,
        ...['get', 'list', 'watch'].map((v) => `networking.istio.io/sidecars ${v}`),
        ...namespaceObjects,
      ].sort(),
    );

    // Weir's store, history and locks with that credential, limited as WEIR_NAMESPACES says.
    await applyManifests(
      admin(),
      [shop, payments, elsewhere].map((ns) => canaryVirtualService(ns)),
    );
    const kc = kubeConfigFor(admin(), { token });
    const store = createKubeStore({ kc, namespaces: [shop, payments], startTimeoutMs: 20_000 });
    try {
      await store.start();
      const snapshot = store.snapshot();
      expect(snapshot.sync).toMatchObject({ synced: true });
      // The root namespace's Sidecars are read (none there), so the policy is known.
      expect(snapshot.sync.meshConfig).toEqual({ namespace: 'istio-system', name: 'istio' });
      expect(Object.keys(snapshot.objects).sort()).toEqual(
        [
          `Namespace//${payments}`,
          `Namespace//${shop}`,
          `VirtualService/${payments}/reviews`,
          `VirtualService/${shop}/reviews`,
        ].sort(),
      );
      // A change in a watched namespace arrives; one elsewhere does not.
      await applyManifests(admin(), [
        canaryVirtualService(shop, 'ratings'),
        canaryVirtualService(elsewhere, 'ratings'),
      ]);
      await until('the new VirtualService in the watch cache', () =>
        store.get({ kind: 'VirtualService', namespace: shop, name: 'ratings' }),
      );
      expect(store.get({ kind: 'VirtualService', namespace: elsewhere, name: 'ratings' })).toBeUndefined();
    } finally {
      await store.stop();
    }
    // Right after another test restarted the API server a custom resource answers 503 for a
    // moment ("storage is (re)initializing"): asked again until it answers otherwise.
    const settled = <T>(what: string, ask: () => Promise<T>) =>
      until(what, () =>
        ask().then(
          (value) => ({ value }),
          (error) => (error instanceof UnavailableError ? undefined : Promise.reject(error)),
        ),
      );
    expect((await settled('the Rollouts listed', () => listRollouts(kc, [shop, payments]))).value).toEqual(
      [],
    );
    expect(
      (await settled('the history listed', () => createKubeHistory(kc, [shop, payments]).list({}))).value,
    ).toEqual([]);
    // Across the cluster the same credential is refused: what the scope exists for.
    await expect(listRollouts(kc)).rejects.toThrow(/forbidden/i);
    // The lock watches: the CRDs read by name (no Canary CRD on this cluster: none can exist,
    // and a write lists none), Rollouts watched in each listed namespace.
    const controllers = watchControllers(kc, [shop, payments]);
    try {
      expect(await until('no Canary CRD, as its watch says', () => controllers.canaries())).toEqual([]);
      expect(await until('the Rollouts held by their watches', () => controllers.rollouts())).toEqual([]);
    } finally {
      controllers.stop();
    }
  }, 90_000);

  it('with rbac.controllersClusterWide, Weir watches Rollouts once across the cluster and holds those of the listed namespaces', async () => {
    const [release, shop, elsewhere] = await Promise.all(
      ['weir-wide', 'weir-wide-shop', 'weir-wide-elsewhere'].map((prefix) => createTestNamespace(prefix)),
    );
    if (!release || !shop || !elsewhere) throw new Error('no test namespaces');
    const values = {
      auth: { mode: 'token' },
      rbac: { scope: 'namespaces', namespaces: [shop], controllersClusterWide: true },
    };
    const rbac = renderChart(values, release, `weir-${release.slice(-6)}`).filter((m) =>
      ['ServiceAccount', 'ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'].includes(m.kind),
    );
    await applyManifests(admin(), [
      ROOT_NAMESPACE,
      ...rbac,
      ...[shop, elsewhere].map((namespace) => ({
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Rollout',
        metadata: { name: 'reviews', namespace },
        spec: {
          strategy: { canary: { trafficRouting: { istio: { virtualService: { name: 'reviews' } } } } },
        },
      })),
    ]);
    const token = await tokenFor(release, rbac.find((m) => m.kind === 'ServiceAccount')?.metadata.name ?? '');
    const watches = new Set<string>();
    const noteWatch = (message: unknown) => {
      const { path } = (message as { request: ClientRequest }).request;
      if (path.startsWith('/apis/argoproj.io/') && /[?&]watch=true/.test(path))
        watches.add(path.split('?')[0] ?? '');
    };
    subscribe('http.client.request.start', noteWatch);
    const controllers = watchControllers(kubeConfigFor(admin(), { token }), [shop]);
    try {
      const held = await until('the Rollouts held by their watch', () => controllers.rollouts());
      expect(held.map((r) => `${r.namespace}/${r.name}`)).toEqual([`${shop}/reviews`]);
    } finally {
      controllers.stop();
      unsubscribe('http.client.request.start', noteWatch);
    }
    expect([...watches]).toEqual(['/apis/argoproj.io/v1alpha1/rollouts']);
  }, 90_000);
});

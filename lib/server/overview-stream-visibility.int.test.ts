import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as getOverviewEvents } from '@/app/api/overview/events/route';
import { GET as getOverview } from '@/app/api/overview/route';
import type { NamespaceSummary, OverviewAnswer, OverviewPatch } from '@/lib/api/overview';
import { applyManifests, deleteManifests, type Manifest } from '@/lib/kube/apply-manifests';
import { canaryVirtualService, createTestNamespace, kubeConfigAs } from '@/tools/test/kube';
import { sseMessages } from '@/tools/test/sse-messages';
import { useTestCluster, weirRequest } from '@/tools/test/weir-routes';
import { until } from '../../tools/test/until';
import { closeStore, getStore } from './store';

// A person limited to one namespace is told, on the overview stream, only what they may see
// change. A change they may not see (the mesh config they may not read, a Sidecar in a
// namespace hidden from them: each marks every namespace's entry to be summed again) sends them
// nothing at all: not the names or counts of hidden namespaces, and not their own unchanged
// entry either, whose arrival would tell them that something they may not see changed, and when.
const meshConfig = (mode: string): Manifest => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'istio', namespace: 'istio-system' },
  data: { mesh: `outboundTrafficPolicy:\n  mode: ${mode}\n` },
});
const LIMITED = { 'x-forwarded-user': 'lena.limited' };
const MESH_READER = { 'x-forwarded-user': 'mira.meshreader' };
const OPERATOR = { 'x-forwarded-user': 'olivia.operator', 'x-forwarded-groups': 'weir:operators' };
type Person = Record<string, string>;

const reads = (user: string, namespace: string): Manifest => ({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'RoleBinding',
  metadata: { name: `${user}-reads`, namespace },
  roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'weir-reader' },
  subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: user }],
});
const MESH_READER_RIGHTS: Manifest[] = [
  {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name: 'mira-reads-mesh-config', namespace: 'istio-system' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'weir-mesh-config' },
    subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'mira.meshreader' }],
  },
];

describe("a restricted person's overview stream and changes they may not see (WEIR_AUTH=header)", () => {
  let visible: string;
  let hidden: string;
  const external = (name: string, host: string): Manifest => ({
    apiVersion: 'networking.istio.io/v1',
    kind: 'VirtualService',
    metadata: { name, namespace: visible },
    // Exported to its own namespace alone: its findings weigh that namespace's policy only.
    spec: { hosts: [host], exportTo: ['.'], http: [{ route: [{ destination: { host } }] }] },
  });
  // A Sidecar outside the root namespace sets its own namespace's policy alone, yet marks every
  // namespace (the index cannot tell it is not the root's). A ServiceEntry would not do here:
  // every namespace's view holds every ServiceEntry, so one hidden from the person takes the
  // problem counts off their entry, a change they are sent by design (see overview.ts).
  const sidecar = (name: string): Manifest => ({
    apiVersion: 'networking.istio.io/v1',
    kind: 'Sidecar',
    metadata: { name, namespace: hidden },
    spec: { outboundTrafficPolicy: { mode: 'REGISTRY_ONLY' } },
  });

  const overviewAs = async (person: Person) => {
    const response = await getOverview(weirRequest('/api/overview', { headers: person }));
    expect(response.status).toBe(200);
    return (await response.json()) as OverviewAnswer;
  };
  const streamAs = async (person: Person, after: number) => {
    const response = await getOverviewEvents(
      weirRequest(`/api/overview/events?after=${after}`, { headers: person }),
    );
    expect(response.status).toBe(200);
    return sseMessages(response.body as ReadableStream<Uint8Array>);
  };
  /** The next message of a stream, failing loudly when none comes within `ms`. */
  const nextPatch = async (stream: ReturnType<typeof sseMessages>, what: string, ms = 15_000) => {
    const message = await stream.next(ms);
    if (!message) throw new Error(`no overview message within ${ms} ms: waited for ${what}`);
    expect(message.event).toBe('message');
    return JSON.parse(message.data) as OverviewPatch;
  };
  /** Nothing of a namespace the person may not see: every entry and link is `visible`'s. */
  const expectOnlyVisible = (patch: OverviewPatch) => {
    expect(patch.namespaces.map((entry) => entry.name)).toEqual([visible]);
    for (const name of patch.removed) expect(name).toBe(visible);
    for (const link of patch.links) expect([link.source, link.target]).toEqual([visible, visible]);
    expect(JSON.stringify(patch)).not.toContain(hidden);
    expect(JSON.stringify(patch)).not.toContain('istio-system');
  };
  const names = (overview: Pick<OverviewAnswer, 'namespaces'>) =>
    overview.namespaces.map((entry) => entry.name);
  const entryOf = (patch: Pick<OverviewPatch, 'namespaces'>): NamespaceSummary | undefined =>
    patch.namespaces.find((entry) => entry.name === visible);

  /**
   * The stream's entry reaches the problems a fresh GET /api/overview answers (a count and its
   * findings may come in two messages); every message on the way holds only `visible`.
   */
  const reachesOverview = async (
    stream: ReturnType<typeof sseMessages>,
    person: Person,
    first: NamespaceSummary['problems'] | undefined,
  ) => {
    let shown = first;
    for (;;) {
      const answered = entryOf(await overviewAs(person))?.problems;
      if (JSON.stringify(shown) === JSON.stringify(answered)) return;
      const later = await nextPatch(
        stream,
        `${visible}'s problems as GET /api/overview answers them: ${JSON.stringify(answered)}`,
      );
      expectOnlyVisible(later);
      shown = entryOf(later)?.problems ?? shown;
    }
  };

  beforeAll(async () => {
    useTestCluster('header');
    visible = await createTestNamespace('osv-seen');
    hidden = await createTestNamespace('osv-unseen');
    await applyManifests(kubeConfigAs('admin'), [
      meshConfig('ALLOW_ANY'),
      external('partner', 'api.partner.example'),
      canaryVirtualService(hidden, 'secret'),
      reads('lena.limited', visible),
      reads('mira.meshreader', visible),
      ...MESH_READER_RIGHTS,
    ]);
    const { store } = await getStore();
    await until('both namespaces and the mesh config in the cache', () => {
      const config = store.get({ kind: 'ConfigMap', namespace: 'istio-system', name: 'istio' });
      return (
        config?.kind === 'ConfigMap' &&
        config.spec.outboundTrafficPolicy?.mode === 'ALLOW_ANY' &&
        store.get({ kind: 'VirtualService', namespace: hidden, name: 'secret' }) &&
        store.get({ kind: 'VirtualService', namespace: visible, name: 'partner' })
      );
    });
  });
  afterAll(async () => {
    await closeStore();
    // The files after this one find the mesh config as they would without it: absent; and no
    // REGISTRY_ONLY Sidecar, which blocks external hosts of every route exported to its namespace.
    await deleteManifests(kubeConfigAs('admin'), [
      meshConfig('ALLOW_ANY'),
      sidecar('lockdown'),
      ...MESH_READER_RIGHTS,
    ]);
  });

  it('is listed only the namespaces they may see', async () => {
    expect(names(await overviewAs(LIMITED))).toEqual([visible]);
    // The one who may read the mesh config sees its namespace too (an entry of nothing drawn).
    expect(names(await overviewAs(MESH_READER))).toEqual(['istio-system', visible].sort());
  });

  it('sends nothing for a mesh config they may not read or a Sidecar hidden from them; the next message is their own change', async () => {
    const { store } = await getStore();
    const held = await overviewAs(LIMITED);
    const limited = await streamAs(LIMITED, held.sequence);
    const operator = await streamAs(OPERATOR, held.sequence);
    try {
      // A change they see, so the stream is known to be live before the hidden ones.
      await applyManifests(kubeConfigAs('admin'), [external('first', 'api.first.example')]);
      const first = await nextPatch(limited, `${visible} with 2 VirtualServices`);
      expectOnlyVisible(first);
      expect(entryOf(first)?.counts.virtualServices).toBe(2);

      // Changes they may not see: each marks every namespace (the mesh config's policy, a
      // Sidecar's), so each sums their entry again, unchanged.
      await applyManifests(kubeConfigAs('admin'), [meshConfig('REGISTRY_ONLY'), sidecar('lockdown')]);
      await until('the REGISTRY_ONLY mesh config and the Sidecar in the cache', () => {
        const config = store.get({ kind: 'ConfigMap', namespace: 'istio-system', name: 'istio' });
        return (
          config?.kind === 'ConfigMap' &&
          config.spec.outboundTrafficPolicy?.mode === 'REGISTRY_ONLY' &&
          store.get({ kind: 'Sidecar', namespace: hidden, name: 'lockdown' })
        );
      });
      const hiddenAt = store.sequence();
      // Every stream has summed them once the operator's has told of them: its message for
      // them goes out on the same timer as the restricted person's.
      for (;;) {
        const patch = await nextPatch(operator, `the operator's message at sequence ${hiddenAt}`);
        if (patch.sequence >= hiddenAt) break;
      }

      await applyManifests(kubeConfigAs('admin'), [external('second', 'api.second.example')]);
      const next = await nextPatch(limited, `${visible} with 3 VirtualServices`);
      // The message after their first change is their second: nothing came between.
      expect(entryOf(next)?.counts.virtualServices).toBe(3);
      expect(next.sequence).toBeGreaterThan(hiddenAt);
      expectOnlyVisible(next);
      // Its problems may follow in a later message of their own (the route's findings are
      // summed apart from its count): the stream reaches what a fresh read answers.
      await reachesOverview(limited, LIMITED, entryOf(next)?.problems);
    } finally {
      limited.cancel();
      operator.cancel();
    }
  }, 60_000);

  it('sends someone who may read the mesh config, limited to one namespace, only that namespace when the mesh config changes its counts', async () => {
    const { store } = await getStore();
    const modeIs = (mode: string) => () => {
      const config = store.get({ kind: 'ConfigMap', namespace: 'istio-system', name: 'istio' });
      return config?.kind === 'ConfigMap' && config.spec.outboundTrafficPolicy?.mode === mode;
    };
    await applyManifests(kubeConfigAs('admin'), [meshConfig('REGISTRY_ONLY')]);
    await until('the REGISTRY_ONLY mesh config in the cache', modeIs('REGISTRY_ONLY'));
    // The overview sums the new policy a moment after the store holds it.
    const held = await until(`${visible}'s routes blocked in the overview (REGISTRY_ONLY)`, async () => {
      const overview = await overviewAs(MESH_READER);
      return (entryOf(overview)?.problems?.errors ?? 0) > 0 && overview;
    });
    const before = entryOf(held)?.problems;
    expect(before).toBeDefined();
    const reader = await streamAs(MESH_READER, held.sequence);
    try {
      // REGISTRY_ONLY → ALLOW_ANY: the routes to external hosts are no longer blocked (errors)
      // but unknown to the registry (warnings), in their own namespace's view as they read it.
      await applyManifests(kubeConfigAs('admin'), [meshConfig('ALLOW_ANY')]);
      await until('the ALLOW_ANY mesh config in the cache', modeIs('ALLOW_ANY'));
      const patch = await nextPatch(reader, `${visible}'s counts under ALLOW_ANY`);
      expectOnlyVisible(patch);
      expect(entryOf(patch)?.problems).not.toEqual(before);
      await reachesOverview(reader, MESH_READER, entryOf(patch)?.problems);
    } finally {
      reader.cancel();
    }
  }, 60_000);

  it('tells a restricted person to read the overview again when a namespace their browser holds is gone from their list while they were away, naming none', async () => {
    const { store } = await getStore();
    // Gail may read one namespace, and the VirtualServices of a second (nothing else there, not
    // the Namespace itself), which is listed to her only while one is there.
    const GAIL = { 'x-forwarded-user': 'gail.gone' };
    const fading = await createTestNamespace('osv-fading');
    await applyManifests(kubeConfigAs('admin'), [
      reads('gail.gone', visible),
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'Role',
        metadata: { name: 'virtualservices-only', namespace: fading },
        rules: [
          {
            apiGroups: ['networking.istio.io'],
            resources: ['virtualservices'],
            verbs: ['get', 'list', 'watch'],
          },
        ],
      },
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: { name: 'gail-virtualservices', namespace: fading },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'virtualservices-only' },
        subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'gail.gone' }],
      },
      canaryVirtualService(fading, 'last'),
    ]);
    await until(`the VirtualService in ${fading} in the cache`, () =>
      store.get({ kind: 'VirtualService', namespace: fading, name: 'last' }),
    );
    await until(`${fading} listed to Gail`, async () => names(await overviewAs(GAIL)).includes(fading));
    const held = await overviewAs(GAIL);
    expect(names(held)).toEqual([fading, visible].sort());
    // While her browser is away, the namespace empties: it is no longer listed to her.
    await deleteManifests(kubeConfigAs('admin'), [canaryVirtualService(fading, 'last')]);
    await until(
      `the VirtualService in ${fading} gone from the cache`,
      () => store.get({ kind: 'VirtualService', namespace: fading, name: 'last' }) === undefined,
    );
    expect(names(await overviewAs(GAIL))).toEqual([visible]);
    // Back with the sequence of what it holds: no message can name what left her list.
    const response = await getOverviewEvents(
      weirRequest('/api/overview/events', { headers: { ...GAIL, 'last-event-id': String(held.sequence) } }),
    );
    expect(response.status).toBe(200);
    const stream = sseMessages(response.body as ReadableStream<Uint8Array>);
    try {
      const message = await stream.next(15_000);
      if (!message) throw new Error('no message within 15 s: waited for the reset');
      expect(message.event).toBe('reset');
      expect(message.data).not.toContain(fading);
      // The stream is done: the browser opens a new one from the overview it reads again.
      expect(await stream.next(1_000)).toBeUndefined();
    } finally {
      stream.cancel();
    }
  }, 60_000);

  it('answers the restricted person any `after` or Last-Event-ID with 200 or a 422 naming it, never a 5xx, never naming a hidden namespace, writing nothing', async () => {
    const { store } = await getStore();
    const sequence = store.sequence();
    // Any sequence the browser may hold: each makes a first message of what changed since.
    const after = fc.oneof(
      fc.integer({ min: 0, max: sequence }).map(String),
      fc.constantFrom('', '-1', '1e3', '0x10', ' 3', '9'.repeat(16), hidden, '\u0000'),
      fc.string({ maxLength: 8 }),
    );
    const headerSafe = (value: string) => /^[\t\x20-\x7e]*$/.test(value);
    const seen = new Set<number>();
    await fc.assert(
      fc.asyncProperty(
        after,
        fc.option(after.filter(headerSafe), { nil: undefined }),
        async (value, header) => {
          const response = await getOverviewEvents(
            weirRequest(`/api/overview/events?after=${encodeURIComponent(value)}`, {
              headers: { ...LIMITED, ...(header !== undefined && { 'last-event-id': header }) },
            }),
          );
          seen.add(response.status);
          expect([200, 422]).toContain(response.status);
          if (response.status === 422) {
            const body = (await response.json()) as { error?: { message?: string } };
            expect(body.error?.message).toMatch(/^(after|Last-Event-ID): /);
            return;
          }
          const stream = sseMessages(response.body as ReadableStream<Uint8Array>);
          try {
            const message = await stream.next(400);
            if (message?.event === 'message') expectOnlyVisible(JSON.parse(message.data) as OverviewPatch);
            else if (message) expect(message.event).toBe('reset');
          } finally {
            stream.cancel();
          }
        },
      ),
      { numRuns: 40 },
    );
    expect([...seen].sort()).toEqual([200, 422]);
    expect(store.sequence()).toBe(sequence);
  }, 90_000);
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { podSchema } from './core-schemas';
import { podSummary } from './pod-summary';

// Values of every JSON type, so each field is also seen mistyped.
const anyValue = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.constantFrom('', 'Running', 'Pending', 'True', 'False', 'Ready', '__proto__'),
  fc.boolean(),
  fc.integer(),
  fc.constant(null),
  fc.constant(undefined),
  fc.array(fc.string({ maxLength: 3 }), { maxLength: 2 }),
  fc.dictionary(fc.string({ maxLength: 3 }), fc.string({ maxLength: 3 }), { maxKeys: 2 }),
);
// Mostly well-formed, sometimes not: a field left out, or any value in its place.
const field = <T>(good: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 20, arbitrary: good }, { weight: 1, arbitrary: anyValue });
const record = (fields: Record<string, fc.Arbitrary<unknown>>) =>
  fc.record(
    Object.fromEntries(Object.entries(fields).map(([key, value]) => [key, field(value)])) as Record<
      string,
      fc.Arbitrary<unknown>
    >,
    { requiredKeys: [] },
  );

const labels = fc.dictionary(
  fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('app', 'version', '__proto__')),
  field(fc.string({ maxLength: 6 })),
  { maxKeys: 4 },
);
const owner = record({
  apiVersion: fc.constant('apps/v1'),
  kind: fc.constant('ReplicaSet'),
  name: fc.string({ minLength: 1, maxLength: 6 }),
  uid: fc.uuid(),
  controller: fc.boolean(),
  blockOwnerDeletion: fc.boolean(),
});
const condition = record({
  type: fc.constantFrom('Ready', 'PodScheduled'),
  status: fc.constantFrom('True', 'False'),
});
const pod = record({
  metadata: field(
    record({
      name: fc.string({ maxLength: 6 }),
      namespace: fc.string({ maxLength: 6 }),
      uid: fc.uuid(),
      resourceVersion: fc.nat().map(String),
      labels,
      annotations: labels,
      ownerReferences: fc.array(field(owner), { maxLength: 2 }),
      creationTimestamp: fc.constant('2026-12-02T16:00:00Z'),
    }),
  ),
  spec: record({ nodeName: fc.string({ maxLength: 6 }), containers: fc.constant([]) }),
  status: record({
    phase: fc.constantFrom('Running', 'Pending', 'Succeeded'),
    ready: fc.boolean(),
    conditions: fc.array(field(condition), { maxLength: 3 }),
    podIP: fc.constant('10.0.0.1'),
  }),
});

describe('podSummary', () => {
  it("is the schema's summary for every pod it reads, and leaves the rest to the schema", () => {
    let read = 0;
    fc.assert(
      fc.property(pod, (raw) => {
        const quick = podSummary(raw as Record<string, unknown>);
        const parsed = podSchema.safeParse(raw);
        // Never reads what the schema refuses; where it reads, the same summary.
        if (!parsed.success) expect(quick).toBeUndefined();
        if (quick) expect(quick).toStrictEqual(parsed.data);
        read += quick ? 1 : 0;
      }),
      { numRuns: 2_000 },
    );
    // Most generated pods are well-formed: the quick path is what was compared.
    expect(read).toBeGreaterThan(200);
  });

  it('reads a pod as the API server lists it', () => {
    const raw = {
      metadata: {
        name: 'svc-0-v1-0',
        namespace: 'team-7',
        uid: '1f0e',
        resourceVersion: '42',
        labels: { app: 'svc-0', version: 'v1' },
        annotations: { 'sidecar.istio.io/status': '{}' },
        ownerReferences: [
          { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'svc-0-v1', uid: 'a', controller: true },
        ],
        managedFields: [{ manager: 'kubelet' }],
      },
      spec: { nodeName: 'node-1', containers: [{ name: 'app' }] },
      status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }], podIP: '10.0.0.1' },
    };
    expect(podSummary(raw)).toStrictEqual(podSchema.parse(raw));
    expect(podSummary(raw)?.status).toEqual({ phase: 'Running', ready: true });
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { InvalidError } from '../mesh/errors';
import { keyOf, objectKey } from '../mesh/object-key';
import type { MeshObject, MeshSnapshot } from '../mesh/types';
import { validate } from '../validate/validate';
import { snapshotFromYaml } from '../validate/yaml-fixtures';
import { forgetFindings, recallFindings, rememberedCount, rememberFindings } from './gate-memo';
import { checkFindings } from './submit-change';

// Counts the gate's whole runs of the rules; each still runs the real rules.
const runs = vi.hoisted(() => ({ count: 0 }));
vi.mock('../validate', async (original) => {
  const real = await original<typeof import('../validate')>();
  return {
    ...real,
    validate: (snapshot: MeshSnapshot) => {
      runs.count++;
      return real.validate(snapshot);
    },
  };
});

const load = (folder: string, names: readonly string[]) =>
  snapshotFromYaml(
    names.map((name) => ({ file: name, text: readFileSync(path.join(folder, name), 'utf8') })),
  );
const demoDir = fileURLToPath(new URL('../../demo/mesh', import.meta.url));
const fixturesDir = fileURLToPath(new URL('../validate/fixtures', import.meta.url));
const meshes: Array<[string, MeshSnapshot]> = [
  [
    'demo',
    load(
      demoDir,
      readdirSync(demoDir).filter((name) => name.endsWith('.yaml')),
    ),
  ],
  ...readdirSync(fixturesDir).flatMap((code) =>
    ['positive', 'negative'].map((kind): [string, MeshSnapshot] => [
      `${code}/${kind}`,
      load(path.join(fixturesDir, code), [`${kind}.yaml`]),
    ]),
  ),
];

/** Every weight of an object's routes (a VirtualService's destinations, a Gateway API route's backendRefs). */
function weightSlots(object: MeshObject): Array<Record<string, unknown>> {
  const spec = (object as { spec?: Record<string, unknown> }).spec ?? {};
  const [lists, field] =
    object.kind === 'VirtualService' ? [['http', 'tls', 'tcp'], 'route'] : [['rules'], 'backendRefs'];
  return lists.flatMap((list) =>
    (Array.isArray(spec[list]) ? (spec[list] as Array<Record<string, unknown>>) : []).flatMap((route) =>
      Array.isArray(route?.[field]) ? (route[field] as Array<Record<string, unknown>>) : [],
    ),
  );
}

const weighted = meshes.flatMap(([name, snapshot]) =>
  Object.values(snapshot.objects)
    .filter(
      (object): object is MeshObject =>
        object.kind !== 'Invalid' && weightSlots(object as MeshObject).length > 0,
    )
    .map((object) => ({ name: `${name} ${keyOf(object)}`, snapshot, object })),
);

function withWeights(object: MeshObject, weights: readonly (number | undefined)[]): MeshObject {
  const copy = structuredClone(object);
  weightSlots(copy).forEach((slot, i) => {
    const weight = weights[i % weights.length];
    if (weight === undefined) delete slot.weight;
    else slot.weight = weight;
  });
  return copy;
}

/** The gate as it was: the rules run over the view before and after, errors compared. */
function twoRuns(snapshot: MeshSnapshot, before: MeshObject, after: MeshObject): string {
  const key = keyOf(after);
  const mine = (all: ReturnType<typeof validate>) => all.filter((f) => objectKey(f.ref) === key);
  const old = mine(validate({ ...snapshot, objects: { ...snapshot.objects, [key]: before } }));
  const found = mine(validate({ ...snapshot, objects: { ...snapshot.objects, [key]: after } }));
  const known = new Map<string, number>();
  for (const f of old) known.set(`${f.code} ${f.message}`, (known.get(`${f.code} ${f.message}`) ?? 0) + 1);
  const introduced = found.filter((f) => {
    const id = `${f.code} ${f.message}`;
    const left = known.get(id) ?? 0;
    known.set(id, left - 1);
    return f.severity === 'error' && left <= 0;
  });
  if (introduced.length > 0)
    return `refused: ${[...introduced]
      .sort(byPlace)
      .map((f) => f.message)
      .join('; ')}`;
  return JSON.stringify(found.filter((f) => f.severity === 'warning').sort(byPlace));
}

// The gate answers findings by path, code and message, however it found them.
function byPlace(a: { path: string; code: string; message: string }, b: typeof a): number {
  const order = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return order(a.path, b.path) || order(a.code, b.code) || order(a.message, b.message);
}

function gate(snapshot: MeshSnapshot, before: MeshObject, after: MeshObject): string {
  try {
    return JSON.stringify(checkFindings(snapshot, before, after));
  } catch (error) {
    if (error instanceof InvalidError) return `refused: ${error.message}`;
    throw error;
  }
}

describe('write gate: a canary step (weights alone)', () => {
  it(`judges as two whole runs of the rules would, on ${weighted.length} weighted objects of the demo and the rule fixtures`, () => {
    expect(weighted.length).toBeGreaterThan(40);
    const outcomes = { refused: 0, written: 0 };
    const weight = fc.oneof(
      fc.integer({ min: 0, max: 100 }),
      fc.integer({ min: -3, max: 130 }),
      fc.constant(undefined),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...weighted),
        fc.array(weight, { minLength: 1, maxLength: 4 }),
        fc.array(weight, { minLength: 1, maxLength: 4 }),
        ({ snapshot, object }, from, to) => {
          const before = withWeights(object, from);
          const after = withWeights(object, to);
          const view = { ...snapshot, objects: { ...snapshot.objects, [keyOf(object)]: before } };
          const judged = gate(view, before, after);
          expect(judged).toBe(twoRuns(view, before, after));
          outcomes[judged.startsWith('refused') ? 'refused' : 'written']++;
        },
      ),
      { numRuns: 400 },
    );
    // Both ways were tried: new errors refused, and steps let through.
    expect(outcomes.refused).toBeGreaterThan(3);
    expect(outcomes.written).toBeGreaterThan(20);
  });

  it('judges a drag (steps, each from the last one written, other objects changing between some) as two whole runs would', () => {
    const weight = fc.integer({ min: -3, max: 130 });
    const outcomes = { recalled: 0, refused: 0 };
    fc.assert(
      fc.property(
        fc.constantFrom(...weighted),
        fc.array(
          fc.record({
            weights: fc.array(weight, { minLength: 1, maxLength: 4 }),
            // Someone else's change to another object of the view before this step: a label
            // more, or the object deleted (a DestinationRule gone leaves subsets unknown).
            other: sometimes(fc.record({ index: fc.nat(), deleted: fc.boolean() })),
            // The version the API server gives the step's write (any: no rule reads it).
            version: fc.nat({ max: 3 }),
            // The mesh config now unknown (a person who may not read it) or known again.
            meshConfigUnknown: sometimes(fc.boolean()),
            // Someone else's edit of the dragged object itself: an annotation more, and
            // maybe their own weights.
            edited: sometimes(fc.array(weight, { minLength: 1, maxLength: 4 })),
          }),
          { minLength: 2, maxLength: 6 },
        ),
        ({ snapshot, object }, steps) => {
          forgetFindings();
          const key = keyOf(object);
          let view: MeshSnapshot = { ...snapshot, objects: { ...snapshot.objects } };
          let held = object;
          for (const step of steps) {
            if (step.other) view = withAnotherObjectChanged(view, key, step.other);
            if (step.meshConfigUnknown !== undefined)
              view = withMeshConfigUnknown(view, step.meshConfigUnknown);
            if (step.edited) {
              const theirs = step.edited.length > 1 ? withWeights(held, step.edited) : held;
              held = {
                ...theirs,
                metadata: {
                  ...theirs.metadata,
                  annotations: { ...held.metadata.annotations, [`edited-${steps.indexOf(step)}`]: 'yes' },
                  resourceVersion: `a${held.metadata.resourceVersion ?? ''}`,
                },
              };
              view = { ...view, objects: { ...view.objects, [key]: held } };
            }
            const after = withWeights(held, step.weights);
            runs.count = 0;
            const judged = gate(view, held, after);
            expect(judged).toBe(twoRuns(view, held, after));
            if (runs.count === 0) outcomes.recalled++;
            if (judged.startsWith('refused')) {
              outcomes.refused++;
              continue;
            }
            // Written: the store now holds it, at a new version.
            held = {
              ...after,
              metadata: {
                ...after.metadata,
                resourceVersion: `${step.version}${held.metadata.resourceVersion ?? ''}`,
              },
            };
            view = { ...view, objects: { ...view.objects, [key]: held } };
          }
        },
      ),
      { numRuns: 300 },
    );
    expect(outcomes.recalled).toBeGreaterThan(50);
    expect(outcomes.refused).toBeGreaterThan(3);
  });

  it("a drag's next step runs no whole run of the rules; a change elsewhere in the view one", () => {
    forgetFindings();
    const demo = meshes[0]?.[1] as MeshSnapshot;
    const key = 'VirtualService/shop/catalog';
    const first = demo.objects[key] as MeshObject | undefined;
    if (!first) throw new Error('the demo has no VirtualService shop/catalog');
    const step1 = withWeights(first, [70, 30]);
    checkFindings(demo, first, step1);
    const written = { ...step1, metadata: { ...step1.metadata, resourceVersion: '999' } };
    const view = { ...demo, objects: { ...demo.objects, [key]: written } };
    runs.count = 0;
    checkFindings(view, written, withWeights(written, [60, 40]));
    expect(runs.count).toBe(0);
    runs.count = 0;
    const step2 = withWeights(written, [60, 40]);
    const written2 = { ...step2, metadata: { ...step2.metadata, resourceVersion: '1000' } };
    const moved = withAnotherObjectChanged({ ...view, objects: { ...view.objects, [key]: written2 } }, key, {
      index: 0,
      deleted: false,
    });
    checkFindings(moved, written2, withWeights(written2, [50, 50]));
    expect(runs.count).toBe(1);
  });

  it("judges someone else's weights between two steps as theirs, not as the last step's", () => {
    forgetFindings();
    const demo = meshes[0]?.[1] as MeshSnapshot;
    const key = 'VirtualService/shop/catalog';
    const first = demo.objects[key] as MeshObject;
    const step = withWeights(first, [70, 30]);
    checkFindings(demo, first, step);
    // Their weight is negative, which Istio refuses: an error that was there before this step
    // is no new one.
    const theirs = withWeights({ ...step, metadata: { ...step.metadata, resourceVersion: '7' } }, [-3, 40]);
    const view = { ...demo, objects: { ...demo.objects, [key]: theirs } };
    const same = withWeights(theirs, [-3, 40]);
    expect(gate(view, theirs, same)).toBe(twoRuns(view, theirs, same));
    expect(gate(view, theirs, same)).not.toMatch(/^refused/);
  });

  it('forgets a gate after 10 s, and never keeps more than 16', async () => {
    forgetFindings();
    const demo = meshes[0]?.[1] as MeshSnapshot;
    const key = 'VirtualService/shop/catalog';
    const first = demo.objects[key] as MeshObject;
    const step = withWeights(first, [70, 30]);
    const view = { ...demo, objects: { ...demo.objects, [key]: step } };
    rememberFindings(view, key, [], 1_000);
    expect(recallFindings(view, key, 1_000 + 9_000)).toEqual([]);
    expect(recallFindings(view, key, 1_000 + 10_001)).toBeUndefined();
    for (let i = 0; i < 20; i++) rememberFindings(view, `VirtualService/shop/n${i}` as typeof key, []);
    expect(rememberedCount()).toBe(16);
  });

  it('runs the rules over the view once, not twice', () => {
    forgetFindings();
    const demo = meshes[0]?.[1] as MeshSnapshot;
    const before = demo.objects['VirtualService/shop/catalog'] as MeshObject | undefined;
    if (!before) throw new Error('the demo has no VirtualService shop/catalog');
    runs.count = 0;
    checkFindings(demo, before, withWeights(before, [70, 30]));
    expect(runs.count).toBe(1);
    // Anything else moved: both runs, as before.
    runs.count = 0;
    const renamed = structuredClone(before) as MeshObject & { spec: { hosts?: string[] } };
    renamed.spec.hosts = [...(renamed.spec.hosts ?? []), 'other.example.com'];
    checkFindings(demo, before, renamed);
    expect(runs.count).toBe(2);
  });
});

/** The view with another object than `key` changed (a label more) or deleted. */
function withAnotherObjectChanged(
  view: MeshSnapshot,
  key: string,
  { index, deleted }: { index: number; deleted: boolean },
): MeshSnapshot {
  const others = Object.keys(view.objects).filter((k) => k !== key);
  const other = others[index % Math.max(1, others.length)] as keyof typeof view.objects | undefined;
  if (!other) return view;
  const { [other]: object, ...rest } = view.objects;
  if (deleted) return { ...view, objects: rest };
  const copy = {
    ...(object as MeshObject),
    metadata: {
      ...(object as MeshObject).metadata,
      labels: { ...(object as MeshObject).metadata.labels, moved: 'yes' },
    },
  } as MeshObject;
  return { ...view, objects: { ...view.objects, [other]: copy } };
}

/** The view with the mesh config unknown (as a person who may not read it sees it), or known. */
function withMeshConfigUnknown(view: MeshSnapshot, unknown: boolean): MeshSnapshot {
  const place = { namespace: 'istio-system', name: 'istio' };
  return {
    ...view,
    sync: { ...view.sync, meshConfig: unknown ? { ...place, unknown: 'Weir may not read it' } : place },
  };
}

/** A value one step in four, else undefined: most steps of a drag follow the last unchanged. */
function sometimes<T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> {
  return fc.oneof({ arbitrary: fc.constant(undefined), weight: 3 }, { arbitrary, weight: 1 });
}

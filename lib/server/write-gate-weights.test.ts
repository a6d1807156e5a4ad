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
  if (introduced.length > 0) return `refused: ${introduced.map((f) => f.message).join('; ')}`;
  return JSON.stringify(found.filter((f) => f.severity === 'warning'));
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

  it('runs the rules over the view once, not twice', () => {
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

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { VirtualService } from '../../mesh/types';
import { service, snapshotOf, versions, virtualService } from '../test-fixtures';
import { validate } from '../validate';
import { admissionProblems } from './check';

const canary = (weights: [number, number]): VirtualService =>
  virtualService('shop', 'catalog', {
    hosts: ['catalog'],
    http: [
      {
        route: [
          { destination: { host: 'catalog', subset: 'v1' }, weight: weights[0] },
          { destination: { host: 'catalog', subset: 'v2' }, weight: weights[1] },
        ],
      },
    ],
  });

const weight = fc.integer({ min: -5, max: 105 });

describe('admission problems, judged once per object', () => {
  it('judge each version of an object by its own fields, whatever version was judged before', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(weight, weight), { minLength: 1, maxLength: 6 }), (steps) => {
        for (const weights of steps) {
          const object = canary(weights);
          // A copy never judged before: what the object's own fields say.
          const fresh = admissionProblems(structuredClone(object));
          expect(admissionProblems(object)).toEqual(fresh);
          // Asked again, the same answer.
          expect(admissionProblems(object)).toEqual(fresh);
          const negative = weights.some((w) => w < 0);
          expect(fresh.some((p) => p.path.endsWith('.weight') && p.code === 'VS_DESTINATION_INVALID')).toBe(
            negative,
          );
        }
      }),
    );
  });

  it("a write's gate sees the new version's refusal, and none once it is put right", () => {
    const around = [service('shop', 'catalog'), versions('shop', 'catalog', 'v1', 'v2')];
    const refused = (object: VirtualService) =>
      validate(snapshotOf([...around, object])).filter((f) => f.code === 'VS_DESTINATION_INVALID');
    expect(refused(canary([90, 10]))).toEqual([]);
    expect(refused(canary([110, -10])).map((f) => f.path)).toEqual(['spec.http[0].route[1].weight']);
    expect(refused(canary([90, 10]))).toEqual([]);
  });
});

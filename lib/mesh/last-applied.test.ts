import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LAST_APPLIED_ANNOTATION, withoutLastApplied } from './last-applied';

const vs = (annotations?: Record<string, string>) => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'VirtualService',
  metadata: { name: 'reviews', namespace: 'shop', ...(annotations && { annotations }), resourceVersion: '7' },
  spec: { hosts: ['reviews'] },
});

describe('withoutLastApplied', () => {
  it("drops kubectl's last-applied-configuration and keeps every other annotation, in place", () => {
    const raw = vs({ team: 'shop', [LAST_APPLIED_ANNOTATION]: '{"big":"copy"}', owner: 'ana' });
    const kept = withoutLastApplied(raw);
    expect(kept).toEqual(vs({ team: 'shop', owner: 'ana' }));
    expect(Object.keys(kept.metadata)).toEqual(['name', 'namespace', 'annotations', 'resourceVersion']);
    // The input is left as it was.
    expect(raw.metadata.annotations?.[LAST_APPLIED_ANNOTATION]).toBe('{"big":"copy"}');
  });

  it('drops `annotations` when that was the only one', () => {
    expect(withoutLastApplied(vs({ [LAST_APPLIED_ANNOTATION]: '{}' }))).toEqual(vs());
  });

  it('answers an object without it, or anything that is not a manifest, as it is', () => {
    const plain = vs({ team: 'shop' });
    expect(withoutLastApplied(plain)).toBe(plain);
    for (const odd of [null, 3, 'text', [], { metadata: null }, { metadata: { annotations: ['x'] } }])
      expect(withoutLastApplied(odd)).toBe(odd);
  });

  it('never changes anything but that one annotation', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string(), fc.string()),
        fc.boolean(),
        fc.dictionary(fc.string(), fc.jsonValue()),
        (annotations, applied, rest) => {
          const given = applied ? { ...annotations, [LAST_APPLIED_ANNOTATION]: '{}' } : annotations;
          const raw: Record<string, unknown> & { metadata: { name: string; annotations?: object } } = {
            ...rest,
            metadata: { name: 'a', annotations: given },
          };
          const out = withoutLastApplied(raw);
          const { [LAST_APPLIED_ANNOTATION]: _gone, ...expected } = given;
          expect(out.metadata.annotations ?? {}).toEqual(expected);
          expect(out.metadata.name).toBe('a');
          for (const key of Object.keys(rest)) if (key !== 'metadata') expect(out[key]).toBe(rest[key]);
          // Twice is once.
          expect(withoutLastApplied(out)).toEqual(out);
        },
      ),
    );
  });
});

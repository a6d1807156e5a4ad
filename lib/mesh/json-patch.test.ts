import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type JsonPatchOp, jsonPatch } from './json-patch';

/** A plain RFC 6902 applier, enough to check the patches round-trip. */
function apply(document: unknown, ops: JsonPatchOp[]): unknown {
  let root = structuredClone(document);
  for (const op of ops) {
    const segments = op.path
      .split('/')
      .slice(1)
      .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
    if (segments.length === 0) {
      if (op.op === 'replace') root = structuredClone(op.value);
      continue;
    }
    const last = segments.pop() as string;
    let parent = root as Record<string, unknown>;
    for (const s of segments) parent = parent[s] as Record<string, unknown>;
    if (op.op === 'remove') delete parent[last];
    else if (op.op !== 'test') parent[last] = structuredClone(op.value);
  }
  return root;
}

describe('jsonPatch', () => {
  it('changes exactly the weights of a canary step', () => {
    const before = { spec: { http: [{ route: [{ weight: 90 }, { weight: 10 }], timeout: '5s' }] } };
    const after = { spec: { http: [{ route: [{ weight: 75 }, { weight: 25 }], timeout: '5s' }] } };
    expect(jsonPatch(before, after)).toEqual([
      { op: 'replace', path: '/spec/http/0/route/0/weight', value: 75 },
      { op: 'replace', path: '/spec/http/0/route/1/weight', value: 25 },
    ]);
  });

  it('escapes keys that hold / and ~', () => {
    expect(jsonPatch({ a: { 'x/y~': 1 } }, { a: { 'x/y~': 2 } })).toEqual([
      { op: 'replace', path: '/a/x~1y~0', value: 2 },
    ]);
  });

  it('turns any document into any other', () => {
    // Object keys as Kubernetes manifests have them (never `__proto__`).
    const key = fc.string().filter((k) => k !== '__proto__');
    const json = fc.jsonValue({ maxDepth: 4 }).filter((v) => !JSON.stringify(v).includes('"__proto__"'));
    fc.assert(
      fc.property(fc.dictionary(key, json), fc.dictionary(key, json), (a, b) => {
        // Compared as JSON: a manifest knows no difference between 0 and -0.
        const asJson = (value: unknown) => JSON.parse(JSON.stringify(value));
        expect(asJson(apply(a, jsonPatch(a, b)))).toEqual(asJson(b));
      }),
    );
  });
});

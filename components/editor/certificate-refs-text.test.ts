import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CertRef, certsError, certsText, parseCerts, readCerts } from './certificate-refs-text';

describe('certificateRefs as the Gateway form writes them', () => {
  it('reads Secrets by name or namespace/name, and other kinds by Kind.group: before them', () => {
    expect(
      parseCerts(
        'tls, certs/shop, Certificate.cert-manager.io:certs/shop, ConfigMap:ca, Secret.example.com:x',
      ),
    ).toEqual([
      { name: 'tls' },
      { name: 'shop', namespace: 'certs' },
      { group: 'cert-manager.io', kind: 'Certificate', name: 'shop', namespace: 'certs' },
      { kind: 'ConfigMap', name: 'ca' },
      { group: 'example.com', kind: 'Secret', name: 'x' },
    ]);
    expect(parseCerts(' , ')).toBeUndefined();
  });

  it('writes a reference to another kind with its kind and group, never as a Secret', () => {
    expect(
      certsText([
        { name: 'tls' },
        { group: '', kind: 'Secret', name: 'own', namespace: 'certs' },
        { group: 'cert-manager.io', kind: 'Certificate', name: 'shop', namespace: 'certs' },
        { group: '', kind: 'ConfigMap', name: 'ca' },
      ]),
    ).toBe('tls, certs/own, Certificate.cert-manager.io:certs/shop, ConfigMap:ca');
  });

  it('keeps group, kind, namespace and name through text and back (after the CRD defaults)', () => {
    const label = fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,10}[a-z0-9])?$/);
    const ref: fc.Arbitrary<CertRef> = fc.record(
      {
        group: fc.oneof(
          fc.constant(''),
          fc.tuple(label, label).map(([a, b]) => `${a}.${b}`),
        ),
        kind: fc.oneof(fc.constant('Secret'), fc.stringMatching(/^[A-Z][a-zA-Z0-9]{0,12}$/)),
        namespace: label,
        name: label,
      },
      { requiredKeys: ['name'] },
    );
    // The CRD's defaults: group "" (core), kind Secret.
    const resolved = (r: CertRef) => ({
      group: r.group ?? '',
      kind: r.kind ?? 'Secret',
      namespace: r.namespace,
      name: r.name,
    });
    fc.assert(
      fc.property(fc.array(ref, { minLength: 1, maxLength: 4 }), (refs) => {
        expect(parseCerts(certsText(refs))?.map(resolved)).toEqual(refs.map(resolved));
      }),
    );
  });

  it.each([
    ['certs:shop', /"certs" before the colon is no kind/],
    ['a,b', /holds a comma/],
    ['certs/a/b', /more than one slash/],
    ['Certificate.cert-manager.io:certs:shop', /more than one colon/],
    ['/shop', /empty namespace/],
    ['certs/', /names no object/],
    ['tls, ', /names no object|holds a comma/],
  ])('refuses %s, naming the field, rather than read something else', (text, why) => {
    const error = certsError(text);
    expect(error).toMatch(/^certificateRefs: /);
    expect(error).toMatch(why);
    expect(parseCerts(text)).toBeUndefined();
  });

  it('any ObjectName, odd characters and all, reads back as written or is refused: never as another ref', () => {
    // ObjectName: 1-253 characters, no pattern; a namespace is a DNS label.
    const objectName = fc.oneof(
      fc.string({ minLength: 1, maxLength: 20 }),
      fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,10}[a-z0-9])?$/),
      fc.constantFrom('a,b', 'a, b', 'a:b', 'a/b', 'a"b', ' a', 'Secret:x'),
    );
    const ref: fc.Arbitrary<CertRef> = fc.record(
      {
        group: fc.constantFrom('', 'cert-manager.io'),
        kind: fc.constantFrom('Secret', 'Certificate'),
        namespace: fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,10}[a-z0-9])?$/),
        name: objectName,
      },
      { requiredKeys: ['name'] },
    );
    const resolved = (r: CertRef) => ({
      group: r.group ?? '',
      kind: r.kind ?? 'Secret',
      namespace: r.namespace,
      name: r.name,
    });
    fc.assert(
      fc.property(fc.array(ref, { minLength: 1, maxLength: 3 }), (refs) => {
        const read = readCerts(certsText(refs));
        if ('error' in read) expect(read.error).toMatch(/^certificateRefs: /);
        else expect(read.refs?.map(resolved)).toEqual(refs.map(resolved));
      }),
      { numRuns: 500 },
    );
  });
});

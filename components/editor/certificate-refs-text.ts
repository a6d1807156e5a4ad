import type { Listener } from '@/lib/mesh/gateway-api-types';

/** One certificateRef of a Gateway listener, as its CRD writes it. */
export type CertRef = NonNullable<NonNullable<Listener['tls']>['certificateRefs']>[number];

// The form's one-line text of a listener's certificateRefs, comma-separated:
//   `tls-cert, other-ns/shop-cert`                  core Secrets (the CRD's default kind)
//   `Certificate.cert-manager.io:certs/shop`        any other kind: Kind.group, then a colon
//   `ConfigMap:certs/ca`                            a core kind other than Secret
// A ref's group and kind are kept both ways: a reference to something that is no Secret must
// never come back from the form as one (the validation and ReferenceGrant logic read the kind).

const isSecret = (ref: CertRef) => (ref.group ?? '') === '' && (ref.kind ?? 'Secret') === 'Secret';

function refText(ref: CertRef): string {
  const where = ref.namespace ? `${ref.namespace}/${ref.name}` : ref.name;
  if (isSecret(ref)) return where;
  const kind = ref.kind ?? 'Secret';
  return `${ref.group ? `${kind}.${ref.group}` : kind}:${where}`;
}

export function certsText(refs: CertRef[] | undefined): string {
  return (refs ?? []).map(refText).join(', ');
}

function parseRef(part: string): CertRef {
  const colon = part.indexOf(':');
  const type = colon >= 0 ? part.slice(0, colon).trim() : '';
  const where = colon >= 0 ? part.slice(colon + 1).trim() : part;
  const [namespace, name] = where.includes('/') ? where.split('/', 2) : [undefined, where];
  const ref: CertRef = { name: name ?? '' };
  if (type) {
    const dot = type.indexOf('.');
    const kind = dot >= 0 ? type.slice(0, dot) : type;
    const group = dot >= 0 ? type.slice(dot + 1) : '';
    if (group) ref.group = group;
    if (kind !== 'Secret' || group) ref.kind = kind;
  }
  if (namespace) ref.namespace = namespace;
  return ref;
}

export function parseCerts(text: string): CertRef[] | undefined {
  const refs = text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map(parseRef);
  return refs.length > 0 ? refs : undefined;
}

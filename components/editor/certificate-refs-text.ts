import type { Listener } from '@/lib/mesh/gateway-api-types';
import { certificateTarget, isSecretRef } from '@/lib/mesh/resolve';

/** One certificateRef of a Gateway listener, as its CRD writes it. */
export type CertRef = NonNullable<NonNullable<Listener['tls']>['certificateRefs']>[number];

// The form's one-line text of a listener's certificateRefs, comma-separated:
//   `tls-cert, other-ns/shop-cert`                  core Secrets (the CRD's default kind)
//   `Certificate.cert-manager.io:certs/shop`        any other kind: Kind.group, then a colon
//   `ConfigMap:certs/ca`                            a core kind other than Secret
// A ref's group and kind are kept both ways: a reference to something that is no Secret must
// never come back from the form as one (the validation and ReferenceGrant logic read the kind).

// Kind, or Kind.group (a group is a DNS subdomain).
const TYPE = /^([A-Z][A-Za-z0-9-]*)(?:\.([a-z0-9]([-a-z0-9.]*[a-z0-9])?))?$/;
// What the text uses to separate (and quote): a name or namespace holding one cannot be
// written on one line; such a ref is written quoted, which the parser refuses, so the field
// says so and keeps the value rather than reading it back as something else.
const ODD = /[,:/"\s]/;
const FIELD = 'certificateRefs';

function refText(ref: CertRef): string {
  if (ODD.test(ref.name) || (ref.namespace !== undefined && ODD.test(ref.namespace)))
    return `"${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}"`;
  const where = ref.namespace ? `${ref.namespace}/${ref.name}` : ref.name;
  if (isSecretRef(certificateTarget(ref, ''))) return where;
  const kind = ref.kind ?? 'Secret';
  return `${ref.group ? `${kind}.${ref.group}` : kind}:${where}`;
}

export function certsText(refs: CertRef[] | undefined): string {
  return (refs ?? []).map(refText).join(', ');
}

class CertsTextError extends Error {}

function parseRef(part: string): CertRef {
  if (part.includes('"'))
    throw new CertsTextError(
      `${FIELD}: ${part} has a name with a comma, colon, slash, quote or space, which this line cannot hold: edit the Gateway's YAML`,
    );
  if (part.includes(','))
    throw new CertsTextError(
      `${FIELD}: "${part}" holds a comma: separate references with a comma and a space`,
    );
  const pieces = part.split(':');
  if (pieces.length > 2)
    throw new CertsTextError(`${FIELD}: "${part}" has more than one colon (Kind.group:namespace/name)`);
  const [type, where] = pieces.length === 2 ? [pieces[0] ?? '', pieces[1] ?? ''] : ['', part];
  const places = where.split('/');
  if (places.length > 2)
    throw new CertsTextError(`${FIELD}: "${part}" has more than one slash (namespace/name)`);
  const [namespace, name] = places.length === 2 ? [places[0], places[1] ?? ''] : [undefined, where];
  if (!name) throw new CertsTextError(`${FIELD}: "${part}" names no object`);
  if (namespace === '')
    throw new CertsTextError(`${FIELD}: "${part}" has an empty namespace before the slash`);
  const ref: CertRef = { name };
  if (pieces.length === 2) {
    const typed = TYPE.exec(type);
    if (!typed)
      throw new CertsTextError(
        `${FIELD}: "${type}" before the colon is no kind: write Kind or Kind.group (a capital first)`,
      );
    const kind = typed[1] ?? '';
    const group = typed[2] ?? '';
    if (group) ref.group = group;
    if (kind !== 'Secret' || group) ref.kind = kind;
  }
  if (namespace) ref.namespace = namespace;
  return ref;
}

/** The refs a line of text names, or the first error in it, naming the field. */
export function readCerts(text: string): { refs: CertRef[] | undefined } | { error: string } {
  try {
    const refs = text.trim() === '' ? [] : text.trim().split(/,\s+/).map(parseRef);
    return { refs: refs.length > 0 ? refs : undefined };
  } catch (error) {
    if (error instanceof CertsTextError) return { error: error.message };
    throw error;
  }
}

/** The refs a line of text names; undefined for none or for text that does not read (see certsError). */
export function parseCerts(text: string): CertRef[] | undefined {
  const read = readCerts(text);
  return 'refs' in read ? read.refs : undefined;
}

/** Why a line of text does not read as certificateRefs, naming the field; undefined when it does. */
export function certsError(text: string): string | undefined {
  const read = readCerts(text);
  return 'error' in read ? read.error : undefined;
}

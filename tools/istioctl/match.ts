// Pairs Weir's findings with istioctl's messages by istioctl code and object. Pure.
import type { InvalidObject } from '../../lib/mesh/types';
import type { Finding } from '../../lib/validate/types';
import type { IstioMessage } from './reference';

export type Status = 'agree' | 'weir-only' | 'istioctl-only';

/** One istioctl code on one object, with what each side said about it. */
export interface Row {
  istioCode: string;
  /** As istioctl writes it: `VirtualService shop/reviews`, `Namespace shop`. */
  object: string;
  weir: string[];
  istioctl: string[];
  status: Status;
}

/** A Weir finding that no istioctl message corresponds to by design. */
export interface Extra {
  code: string;
  object: string;
}

// istioctl analyze also runs Istio's admission checks, reporting them as IST0106
// (SchemaValidationError) with the webhook's text; these Weir rules are the same check.
const SCHEMA_CHECKS: Record<string, (finding: Finding) => boolean> = {
  DR_DUPLICATE_SUBSET: () => true, // "duplicate subset names: v1"
  VS_WEIGHTS_ZERO: () => true, // "total destination weight = 0"
};

/** The istioctl code a finding is compared under; undefined for Weir's own checks. */
export function istioCodeOf(finding: Finding): string | undefined {
  if (finding.istioCode) return finding.istioCode;
  return SCHEMA_CHECKS[finding.code]?.(finding) ? 'IST0106' : undefined;
}

/** The object a finding is compared on, named as istioctl names it. */
export function objectOf(finding: Finding): string {
  // istioctl reports a namespace without injection on the Namespace; Weir on the rules in it.
  if (finding.code === 'NAMESPACE_NOT_INJECTED') return `Namespace ${finding.ref.namespace}`;
  return objectName(finding.ref.kind, finding.ref.namespace, finding.ref.name);
}

function objectName(kind: string, namespace: string | undefined, name: string): string {
  return namespace ? `${kind} ${namespace}/${name}` : `${kind} ${name}`;
}

/**
 * Compares one file's results. An object Weir refuses to read (its parse error) counts as
 * IST0106, istioctl's schema validation error.
 */
export function compareFindings(
  findings: readonly Finding[],
  invalid: readonly InvalidObject[],
  messages: readonly IstioMessage[],
): { rows: Row[]; extras: Extra[] } {
  const rows = new Map<string, Row>();
  const row = (istioCode: string, object: string): Row => {
    const key = `${istioCode} ${object}`;
    let entry = rows.get(key);
    if (!entry) {
      entry = { istioCode, object, weir: [], istioctl: [], status: 'agree' };
      rows.set(key, entry);
    }
    return entry;
  };
  const extras: Extra[] = [];
  for (const finding of findings) {
    const istioCode = istioCodeOf(finding);
    if (istioCode) addOnce(row(istioCode, objectOf(finding)).weir, finding.code);
    else extras.push({ code: finding.code, object: objectOf(finding) });
  }
  for (const object of invalid) {
    addOnce(
      row('IST0106', objectName(object.ofKind, object.metadata.namespace, object.metadata.name)).weir,
      'INVALID',
    );
  }
  for (const message of messages) addOnce(row(message.code, message.origin.trim()).istioctl, message.message);
  for (const entry of rows.values()) {
    if (entry.weir.length === 0) entry.status = 'istioctl-only';
    else if (entry.istioctl.length === 0) entry.status = 'weir-only';
  }
  const sorted = [...rows.values()].sort(
    (a, b) => a.istioCode.localeCompare(b.istioCode) || a.object.localeCompare(b.object),
  );
  return { rows: sorted, extras: uniqueExtras(extras) };
}

function addOnce(values: string[], value: string): void {
  if (!values.includes(value)) values.push(value);
}

function uniqueExtras(extras: Extra[]): Extra[] {
  const seen = new Set<string>();
  return extras.filter((extra) => {
    const key = `${extra.code} ${extra.object}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

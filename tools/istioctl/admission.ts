// Weir's verdict on each Istio object against Istio's own admission validation (validate-config,
// built by tools/istioctl/build.sh): the same accept/refuse for every object, and where Weir
// refuses, a finding at the field that was changed. Used by admission.test.ts (the gate) and
// admission-agreement.ts (the table in docs/validation.md).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { keyOf } from '../../lib/mesh/object-key';
import { parseObject } from '../../lib/mesh/parse';
import { ADMISSION_RULES } from '../../lib/validate/admission/codes';
import { snapshotOf } from '../../lib/validate/test-fixtures';
import { validate } from '../../lib/validate/validate';
import { binaryDir } from './reference';

/** Weir's error rules that stand for a refusal of Istio's webhook. */
const REFUSING: ReadonlySet<string> = new Set([
  ...ADMISSION_RULES.map((rule) => rule.code),
  'VS_WEIGHTS_ZERO',
  'DR_DUPLICATE_SUBSET',
]);
const ISTIO_KINDS = new Set(['Gateway', 'VirtualService', 'DestinationRule', 'ServiceEntry']);

export interface Verdict {
  doc: number;
  kind: string;
  namespace: string;
  name: string;
  refuse: boolean;
  /** Istio's errors, or Weir's `path: message` lines. */
  reasons: string[];
  /** Weir only: the paths its refusal names. */
  paths?: string[];
  /** Weir only: it could not read the object (a value of the wrong type). */
  invalid?: boolean;
}

export function oraclePath(): string {
  return path.join(binaryDir(), 'validate-config');
}

export function oracleBuilt(): boolean {
  return existsSync(oraclePath());
}

/** Istio's verdict on every Istio networking object of a multi-document YAML text. */
export function istioVerdicts(text: string): Verdict[] {
  const run = spawnSync(oraclePath(), ['-'], { input: text, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`validate-config failed: ${run.stderr || run.error}`);
  return run.stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const v = JSON.parse(line) as {
        doc: number;
        kind: string;
        namespace: string;
        name: string;
        verdict: string;
        errors: string[];
      };
      return {
        doc: v.doc,
        kind: v.kind,
        namespace: v.namespace,
        name: v.name,
        refuse: v.verdict === 'refuse',
        reasons: v.errors,
      };
    });
}

/** Weir's verdict on the same objects: refused when it cannot read one, or finds a refusing error. */
export function weirVerdicts(text: string): Verdict[] {
  const verdicts: Verdict[] = [];
  parseAllDocuments(text).forEach((document, doc) => {
    const raw = document.toJSON() as {
      kind?: unknown;
      apiVersion?: unknown;
      metadata?: Record<string, unknown>;
    };
    if (
      !raw ||
      typeof raw.kind !== 'string' ||
      !ISTIO_KINDS.has(raw.kind) ||
      typeof raw.apiVersion !== 'string' ||
      !raw.apiVersion.startsWith('networking.istio.io/')
    )
      return;
    const name = typeof raw.metadata?.name === 'string' ? raw.metadata.name : '';
    const namespace = typeof raw.metadata?.namespace === 'string' ? raw.metadata.namespace : '';
    const base = { doc, kind: raw.kind, namespace, name };
    const object = parseObject(raw);
    if (!object) return;
    if (object.kind === 'Invalid') {
      verdicts.push({
        ...base,
        refuse: true,
        invalid: true,
        reasons: [object.reason],
        paths: [object.reason.split(':')[0] ?? ''],
      });
      return;
    }
    const snapshot = snapshotOf([]);
    snapshot.objects[keyOf(object)] = object;
    const refusals = validate(snapshot).filter((f) => REFUSING.has(f.code));
    verdicts.push({
      ...base,
      refuse: refusals.length > 0,
      reasons: refusals.map((f) => `${f.code} ${f.path}: ${f.message}`),
      paths: refusals.map((f) => f.path),
    });
  });
  return verdicts;
}

export interface Comparison {
  objects: number;
  agree: number;
  /** Istio refuses, Weir accepts. */
  missed: { weir: Verdict; istio: Verdict }[];
  /** Weir refuses, Istio accepts. */
  extra: { weir: Verdict; istio: Verdict }[];
}

/** Pairs the two verdicts on one text object by object (by document index). */
export function compare(text: string): Comparison {
  const istio = new Map(istioVerdicts(text).map((v) => [v.doc, v]));
  const result: Comparison = { objects: 0, agree: 0, missed: [], extra: [] };
  for (const weir of weirVerdicts(text)) {
    const theirs = istio.get(weir.doc);
    if (!theirs) continue;
    result.objects++;
    if (weir.refuse === theirs.refuse) result.agree++;
    else if (theirs.refuse) result.missed.push({ weir, istio: theirs });
    else result.extra.push({ weir, istio: theirs });
  }
  return result;
}

/**
 * Whether one of Weir's paths is at a changed field: the field itself, inside it, around it, in
 * the same top-level list element (the server, route or subset it belongs to: a rule between
 * two fields, a protocol and its TLS settings, is reported at one of them), the same field of
 * another element (the second of two duplicates), or the hosts a changed gateway binding judges.
 */
export function pathMatches(weirPaths: readonly string[], changed: readonly string[]): boolean {
  const inside = (a: string, b: string) => a === b || a.startsWith(`${b}.`) || a.startsWith(`${b}[`);
  const element = (c: string) => /^[^[]*\[\d+\]/.exec(c)?.[0] ?? c.split('.')[0] ?? c;
  const shape = (c: string) => c.replace(/\[\d+\]/g, '[]');
  // A changed field can make a sibling wrong: gateways bind hosts, and a TLS route's SNI hosts
  // must lie within the VirtualService's hosts, so Istio (and Weir) name the sibling.
  const bound = (p: string, c: string) =>
    (c.startsWith('spec.gateways') && p.startsWith('spec.hosts')) ||
    (c.startsWith('spec.hosts') && /^spec\.tls\[\d+\]\.match\[\d+\]\.sniHosts/.test(p));
  return weirPaths.some((p) =>
    changed.some((c) => inside(p, element(c)) || inside(c, p) || shape(p) === shape(c) || bound(p, c)),
  );
}

/**
 * A refusal for a value of the wrong type (`"80"` for a port number). Istio's JSON decoding
 * takes a quoted number, but the API server refuses it first: the CRD's schema says integer.
 */
export function typeRefusal(weir: Verdict): boolean {
  return weir.invalid === true && weir.reasons.every((reason) => /: expected (a|an) /.test(reason));
}

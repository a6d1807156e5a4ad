// Reading an Istio object's spec the way Istio's Go code sees it once decoded: a missing
// message is nil, a missing string is "", a missing number is 0, a missing list is empty.
// Weir's schemas are loose (lib/mesh/schema-parts.ts), so any field may hold anything here.

import type { AdmissionCode } from './codes';

export type Json = Record<string, unknown>;

/** One thing Istio's admission validation refuses, at a field path inside the object. */
export interface Problem {
  code: AdmissionCode;
  path: string;
  message: string;
}

/** Collects problems; `at(path)` narrows it to a sub-field. */
export class Problems {
  readonly list: Problem[] = [];
  add(code: AdmissionCode, path: string, message: string): void {
    this.list.push({ code, path, message });
  }
  /** Adds when `message` is set: the helpers in names.ts answer a message or undefined. */
  check(code: AdmissionCode, path: string, message: string | undefined): void {
    if (message !== undefined) this.add(code, path, message);
  }
}

/** The message, or undefined when the field is absent or not an object (Go: nil). */
export function rec(value: unknown): Json | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined;
}

export function arr(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

export function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

export function num(value: unknown): number {
  return typeof value === 'number' ? value : 0;
}

export function strings(value: unknown): string[] {
  return arr(value).map(str);
}

export function entries(value: unknown): [string, unknown][] {
  return Object.entries(rec(value) ?? {});
}

/** A protobuf wrapper (`{value: n}`) or a bare number, as Istio's JSON decoding accepts both. */
export function wrapped(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  const inner = rec(value)?.value;
  return typeof inner === 'number' ? inner : value === undefined || value === null ? undefined : 0;
}

/** `spec.http[0]` + `route` → `spec.http[0].route`; map keys that are not identifiers are quoted. */
export function field(path: string, name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? `${path}.${name}` : `${path}[${JSON.stringify(name)}]`;
}

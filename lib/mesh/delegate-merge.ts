import type { HTTPMatchRequest, HTTPRoute, StringMatch } from './types';

// Istio's delegate merge (pilot/pkg/model/virtualservice.go, mergeHTTPRoute and friends),
// ported as it is: a delegate route's match blocks each need a compatible block in the root
// route, the merged block takes the delegate's conditions over the root's, and a delegate
// route with one incompatible block is dropped whole. Unset fields come from the root route.
// Gateway names are compared as written: resolve them first (Istio merges after
// ResolveVirtualServiceShortnames). The trace follows merged routes; the validator reports the
// dropped ones (VS_DELEGATE_ROUTE_OUTSIDE_ROOT).

/** The merged match blocks, or undefined when the delegate route conflicts with the root's and is dropped. */
export function mergeMatches(
  root: readonly HTTPMatchRequest[] | undefined,
  delegate: readonly HTTPMatchRequest[] | undefined,
): HTTPMatchRequest[] | undefined {
  if (!root || root.length === 0) return [...(delegate ?? [])];
  if (!delegate || delegate.length === 0) return [...root];
  const out: HTTPMatchRequest[] = [];
  for (const sub of delegate) {
    let found = false;
    for (const top of root) {
      if (hasConflict(top, sub)) continue;
      out.push(mergeMatch(top, sub));
      found = true;
    }
    if (!found) return undefined;
  }
  return out.length === 0 ? undefined : out;
}

/** Why a delegate route is dropped: its first match block that fits inside none of the root's. */
export interface MergeConflict {
  /** Index of that block in the delegate route's `match`. */
  leafIndex: number;
  /** Per root block, the field it conflicts on (`uri`, `headers.x-user`, `port`…). */
  fields: string[];
}

/** Why mergeMatches drops the delegate route, or undefined when it does not. */
export function mergeConflict(
  root: readonly HTTPMatchRequest[] | undefined,
  delegate: readonly HTTPMatchRequest[] | undefined,
): MergeConflict | undefined {
  if (!root || root.length === 0 || !delegate || delegate.length === 0) return undefined;
  for (const [leafIndex, sub] of delegate.entries()) {
    const fields: string[] = [];
    for (const top of root) {
      const field = conflictField(top, sub);
      if (field === undefined) break;
      fields.push(field);
    }
    if (fields.length === root.length) return { leafIndex, fields };
  }
  return undefined;
}

/** The delegate route with the root's match merged in and the root's unset fields inherited. */
export function mergeRoute(root: HTTPRoute, delegate: HTTPRoute): HTTPRoute | undefined {
  const match = mergeMatches(root.match, delegate.match);
  if (match === undefined) return undefined;
  const name = !delegate.name ? root.name : root.name ? `${root.name}-${delegate.name}` : delegate.name;
  const merged: HTTPRoute = { ...delegate, match };
  if (name !== undefined) merged.name = name;
  for (const key of [
    'rewrite',
    'directResponse',
    'timeout',
    'retries',
    'fault',
    'mirror',
    'mirrorPercentage',
    'corsPolicy',
    'mirrors',
    'headers',
  ] as const) {
    if (merged[key] === undefined && root[key] !== undefined)
      (merged as Record<string, unknown>)[key] = root[key];
  }
  return merged;
}

function mergeMatch(root: HTTPMatchRequest, delegate: HTTPMatchRequest): HTTPMatchRequest {
  const out: HTTPMatchRequest = { ...delegate };
  out.name = !delegate.name ? root.name : root.name ? `${root.name}-${delegate.name}` : delegate.name;
  if (!out.name) delete out.name;
  out.uri ??= root.uri;
  out.scheme ??= root.scheme;
  out.method ??= root.method;
  out.authority ??= root.authority;
  out.headers = { ...root.headers, ...delegate.headers };
  out.withoutHeaders = { ...root.withoutHeaders, ...delegate.withoutHeaders };
  out.queryParams = { ...root.queryParams, ...delegate.queryParams };
  if (!out.port) out.port = root.port;
  out.sourceLabels = { ...root.sourceLabels, ...delegate.sourceLabels };
  if (!out.sourceNamespace) out.sourceNamespace = root.sourceNamespace;
  if (!out.gateways || out.gateways.length === 0) out.gateways = root.gateways;
  return out;
}

function hasConflict(root: HTTPMatchRequest, leaf: HTTPMatchRequest): boolean {
  return conflictField(root, leaf) !== undefined;
}

/**
 * The first field on which a delegate's match block lies outside a root's, in the order
 * Istio's hasConflict checks them (a path inside the block: `uri`, `headers.x-user`); undefined
 * when it fits inside.
 */
export function conflictField(root: HTTPMatchRequest, leaf: HTTPMatchRequest): string | undefined {
  for (const field of ['uri', 'scheme', 'method', 'authority'] as const)
    if (stringMatchConflict(root[field], leaf[field])) return field;
  for (const field of ['headers', 'withoutHeaders', 'queryParams'] as const) {
    const own = root[field] ?? {};
    for (const [key, value] of Object.entries(leaf[field] ?? {})) {
      // Own keys only: a header named `constructor` is not Object.prototype's.
      if (stringMatchConflict(Object.hasOwn(own, key) ? own[key] : undefined, value))
        return `${field}.${key}`;
    }
  }
  if ((root.ignoreUriCase === true) !== (leaf.ignoreUriCase === true)) return 'ignoreUriCase';
  if (root.port && leaf.port && root.port !== leaf.port) return 'port';
  if (root.sourceNamespace && leaf.sourceNamespace !== root.sourceNamespace) return 'sourceNamespace';
  const labels = root.sourceLabels ?? {};
  for (const [key, value] of Object.entries(leaf.sourceLabels ?? {})) {
    const own = Object.hasOwn(labels, key) ? labels[key] : undefined;
    if (own !== undefined && own !== value) return `sourceLabels.${key}`;
  }
  const rootGateways = root.gateways ?? [];
  const leafGateways = leaf.gateways ?? [];
  if (rootGateways.length > 0 && leafGateways.length > 0) {
    if (rootGateways.length < leafGateways.length) return 'gateways';
    if (leafGateways.some((gateway) => !rootGateways.includes(gateway))) return 'gateways';
  }
  return undefined;
}

/** Istio's stringMatchConflict: whether a delegate's string match can lie outside the root's. */
export function stringMatchConflict(root: StringMatch | undefined, leaf: StringMatch | undefined): boolean {
  if (!root || !leaf) return false;
  if (root.regex && (leaf.regex || leaf.prefix || leaf.exact)) return true;
  if (leaf.regex && (root.regex || root.prefix || root.exact)) return true;
  if (root.exact) return !!leaf.prefix || leaf.exact !== root.exact;
  if (root.prefix) {
    if (leaf.prefix) return !leaf.prefix.startsWith(root.prefix);
    if (leaf.exact) return !leaf.exact.startsWith(root.prefix);
  }
  return true;
}

import type { HTTPMatchRequest, HTTPRoute, StringMatch } from '../mesh/types';

// Istio's delegate merge (pilot/pkg/model/virtualservice.go, mergeHTTPRoute and friends),
// ported as it is: a delegate route's match blocks each need a compatible block in the root
// route, the merged block takes the delegate's conditions over the root's, and a delegate
// route with one incompatible block is dropped whole. Unset fields come from the root route.

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
  const pairs: Array<[StringMatch | undefined, StringMatch | undefined]> = [
    [root.uri, leaf.uri],
    [root.scheme, leaf.scheme],
    [root.method, leaf.method],
    [root.authority, leaf.authority],
  ];
  if (pairs.some(([a, b]) => stringMatchConflict(a, b))) return true;
  for (const [own, theirs] of [
    [root.headers, leaf.headers],
    [root.withoutHeaders, leaf.withoutHeaders],
    [root.queryParams, leaf.queryParams],
  ] as const) {
    for (const [key, value] of Object.entries(theirs ?? {})) {
      if (stringMatchConflict(own?.[key], value)) return true;
    }
  }
  if ((root.ignoreUriCase === true) !== (leaf.ignoreUriCase === true)) return true;
  if (root.port && leaf.port && root.port !== leaf.port) return true;
  if (root.sourceNamespace && leaf.sourceNamespace !== root.sourceNamespace) return true;
  for (const [key, value] of Object.entries(leaf.sourceLabels ?? {})) {
    const own = root.sourceLabels?.[key];
    if (own !== undefined && own !== value) return true;
  }
  const rootGateways = root.gateways ?? [];
  const leafGateways = leaf.gateways ?? [];
  if (rootGateways.length > 0 && leafGateways.length > 0) {
    if (rootGateways.length < leafGateways.length) return true;
    if (leafGateways.some((gateway) => !rootGateways.includes(gateway))) return true;
  }
  return false;
}

function stringMatchConflict(root: StringMatch | undefined, leaf: StringMatch | undefined): boolean {
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

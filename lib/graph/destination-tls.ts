import { hostCovers, resolveHost } from '../mesh/resolve';
import type { DestinationRule } from '../mesh/types';
import { type MeshIndex, namespaceOf } from './index-snapshot';
import { list, num, record, text } from './read';

/** The TLS a sidecar (or gateway) starts toward a host, as a DestinationRule sets it. */
export interface OriginatedTls {
  mode: string;
  /** The Secret holding the client certificate, by name only. */
  credentialName?: string;
  sni?: string;
  rule: DestinationRule;
}

/** DestinationRules by resolved host (exact) and the wildcard ones, built once per graph. */
export interface RuleIndex {
  exact: ReadonlyMap<string, DestinationRule>;
  wildcard: readonly { host: string; rule: DestinationRule }[];
}

const built = new WeakMap<MeshIndex, RuleIndex>();

function rulesOf(index: MeshIndex): RuleIndex {
  let rules = built.get(index);
  if (rules) return rules;
  const exact = new Map<string, DestinationRule>();
  const wildcard: { host: string; rule: DestinationRule }[] = [];
  for (const rule of index.destinationRules) {
    const host = resolveHost(text(rule.spec.host) ?? '', namespaceOf(rule), index.namespaces);
    if (!host) continue;
    if (host.startsWith('*')) wildcard.push({ host, rule });
    else if (!exact.has(host)) exact.set(host, rule);
  }
  rules = { exact, wildcard };
  built.set(index, rules);
  return rules;
}

/**
 * The DestinationRule that applies to a host: one naming it exactly, else the most specific
 * wildcard covering it (Istio picks the closest match; exportTo is left to validation).
 */
export function ruleFor(index: MeshIndex, fqdn: string): DestinationRule | undefined {
  const rules = rulesOf(index);
  const named = rules.exact.get(fqdn);
  if (named) return named;
  let best: { rule: DestinationRule; length: number } | undefined;
  for (const { host, rule } of rules.wildcard) {
    if (hostCovers(host, fqdn) && (!best || host.length > best.length)) best = { rule, length: host.length };
  }
  return best?.rule;
}

/**
 * The TLS settings for traffic to `fqdn` (on `port`, to `subset`): the subset's port-level,
 * the subset's, the rule's port-level, then the rule's own `tls`, the first that is set (a
 * subset's policy overrides the rule's, a port's the policy's, as Istio merges them).
 * Undefined without a rule or without TLS; mode DISABLE counts as none.
 */
export function tlsToward(
  index: MeshIndex,
  place: { fqdn: string; port?: number; subset?: string },
): OriginatedTls | undefined {
  const rule = ruleFor(index, place.fqdn);
  if (!rule) return undefined;
  const subset = list(rule.spec.subsets)
    .map(record)
    .find((entry) => place.subset !== undefined && entry.name === place.subset);
  const policies = [record(subset?.trafficPolicy), record(rule.spec.trafficPolicy)];
  for (const policy of policies) {
    const forPort = list(policy.portLevelSettings)
      .map(record)
      .find((setting) => place.port !== undefined && num(record(setting.port).number) === place.port);
    for (const tls of [record(forPort?.tls), record(policy.tls)]) {
      const mode = text(tls.mode);
      if (!mode) continue;
      if (mode === 'DISABLE') return undefined;
      const credentialName = text(tls.credentialName);
      const sni = text(tls.sni);
      return { mode, rule, ...(credentialName && { credentialName }), ...(sni && { sni }) };
    }
  }
  return undefined;
}

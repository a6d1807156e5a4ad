import { backendIdentity, backendPhrase } from './changes/backend-rule';
import { type BackendRef, GATEWAY_ROUTE_KINDS, type GatewayRoute } from './gateway-api-types';
import { backendShares } from './resolve/gateway-api';
import type { MeshObject } from './types';

/**
 * How the backends' shares of each rule of a Gateway API route moved between two versions,
 * one phrase per rule that changed: `rules[0]: cart-v1:80 90% → 70%, cart-v2:80 10% → 30%`,
 * `rules[0]: cart-v3:80 added at 0%`, `rules[0]: cart-v1:80 90% → 100%, cart-v2:80 removed (10%)`.
 * Empty when neither is a Gateway API route or no share moved.
 */
export function backendShareChanges(before: MeshObject | undefined, after: MeshObject | undefined): string[] {
  const rules = (object: MeshObject | undefined) =>
    object && (GATEWAY_ROUTE_KINDS as readonly string[]).includes(object.kind)
      ? ((object as GatewayRoute).spec.rules ?? [])
      : [];
  const old = rules(before);
  const now = rules(after);
  const namespace = after?.metadata.namespace ?? before?.metadata.namespace ?? '';
  const phrases: string[] = [];
  for (let i = 0; i < Math.max(old.length, now.length); i++) {
    const was = shares(old[i]?.backendRefs, namespace);
    const is = shares(now[i]?.backendRefs, namespace);
    const ids = new Set([...was.keys(), ...is.keys()]);
    // A backend added or removed is said so (a removed one at 0% moved no share, but left).
    const moves = [...ids]
      .filter((id) => was.get(id)?.share !== is.get(id)?.share)
      .map((id) => {
        const w = was.get(id);
        const n = is.get(id);
        const label = (n ?? w)?.label ?? id;
        return !w
          ? `${label} added at ${n?.share}%`
          : !n
            ? `${label} removed (${w.share}%)`
            : `${label} ${w.share}% → ${n.share}%`;
      });
    if (moves.length > 0) phrases.push(`rules[${i}]: ${moves.join(', ')}`);
  }
  return phrases;
}

// Keyed by what each backend points at (group, kind, namespace, name, port: `backendIdentity`),
// so `cart:80` in two namespaces, or a Service and a Hostname of one name, are two backends.
function shares(backends: readonly BackendRef[] | undefined, namespace: string) {
  const list = backends ?? [];
  const percent = backendShares(list.map((b) => b.weight));
  return new Map(
    list.map((b, i) => [
      backendIdentity(b, namespace),
      { label: labelOf(b, namespace), share: percent[i] ?? 0 },
    ]),
  );
}

/** `cart-v2:80`, `ledger.payments:80`, `api.example.com:443 (Hostname)`. */
function labelOf(backend: BackendRef, namespace: string): string {
  const kind = backend.kind ?? 'Service';
  return `${backendPhrase(backend, namespace)}${kind === 'Service' && !backend.group ? '' : ` (${kind})`}`;
}

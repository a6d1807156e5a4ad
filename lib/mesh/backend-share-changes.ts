import { GATEWAY_ROUTE_KINDS, type GatewayRoute } from './gateway-api-types';
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
  const phrases: string[] = [];
  for (let i = 0; i < Math.max(old.length, now.length); i++) {
    const was = shares(old[i]?.backendRefs);
    const is = shares(now[i]?.backendRefs);
    const names = new Set([...was.keys(), ...is.keys()]);
    // A backend added or removed is said so (a removed one at 0% moved no share, but left).
    const moves = [...names]
      .filter((name) => was.get(name) !== is.get(name))
      .map((name) =>
        !was.has(name)
          ? `${name} added at ${is.get(name)}%`
          : !is.has(name)
            ? `${name} removed (${was.get(name)}%)`
            : `${name} ${was.get(name)}% → ${is.get(name)}%`,
      );
    if (moves.length > 0) phrases.push(`rules[${i}]: ${moves.join(', ')}`);
  }
  return phrases;
}

function shares(backends: ReadonlyArray<{ name: string; port?: number; weight?: number }> | undefined) {
  const list = backends ?? [];
  const percent = backendShares(list.map((b) => b.weight));
  return new Map(
    list.map((b, i) => [`${b.name}${b.port !== undefined ? `:${b.port}` : ''}`, percent[i] ?? 0]),
  );
}

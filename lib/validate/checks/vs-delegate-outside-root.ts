import { mergeConflict } from '../../mesh/delegate-merge';
import { gatewayKey } from '../../mesh/resolve';
import type { HTTPMatchRequest } from '../../mesh/types';
import type { Check } from '../check';
import { list, namespaceOf, record } from '../walk';
import { delegationsOf } from './vs-delegate';

type Match = Record<string, unknown>;

/**
 * A delegate's route whose match lies outside every match of the root route that delegates to
 * it (a path outside the root's prefix, another method, a port…) is dropped when istiod merges
 * them. Reported on the delegate, once per root route.
 */
export const vsDelegateOutsideRoot: Check = {
  name: 'vs-delegate-outside-root',
  codes: ['VS_DELEGATE_ROUTE_OUTSIDE_ROOT'],
  run(context, { each, emit }) {
    each(context.virtualServices, (root) => {
      for (const { index, delegate } of delegationsOf(context, root)) {
        // Not taken as a delegate at all: VS_DELEGATE_NOT_FOUND or VS_DELEGATE_HAS_HOSTS.
        if (!delegate || list(delegate.spec.hosts).length > 0) continue;
        const rootMatches = matchesOf(list(root.spec.http)[index], namespaceOf(root));
        list(delegate.spec.http).forEach((route, routeIndex) => {
          const leafMatches = matchesOf(route, namespaceOf(delegate));
          const conflict = mergeConflict(
            rootMatches as HTTPMatchRequest[],
            leafMatches as HTTPMatchRequest[],
          );
          if (!conflict) return;
          const fields = new Set(conflict.fields);
          const field = fields.size === 1 ? [...fields][0] : undefined;
          const leaf = leafMatches[conflict.leafIndex] ?? {};
          const name =
            typeof record(route).name === 'string' ? `Route "${record(route).name}"` : 'This route';
          emit(
            'VS_DELEGATE_ROUTE_OUTSIDE_ROOT',
            delegate,
            `spec.http[${routeIndex}].match[${conflict.leafIndex}]${field ? `.${field}` : ''}`,
            `${name} is dropped when ${namespaceOf(root)}/${root.metadata.name} spec.http[${index}] delegates here: its match ${matchText(leaf, field)} lies outside ${rootMatches.length === 1 ? 'the root route’s match' : 'every match of the root route'} (${rootMatches.map((m) => matchText(m, field)).join('; ')}), so Istio drops it.`,
          );
        });
      }
    });
  },
};

// Istio merges after resolving gateway names (ResolveVirtualServiceShortnames), each in its
// own VirtualService's namespace.
function matchesOf(route: unknown, namespace: string): Match[] {
  return list(record(route).match as unknown[] | undefined).map((value) => {
    const match = record(value);
    const gateways = list(match.gateways as unknown[] | undefined).filter((g) => typeof g === 'string');
    return gateways.length === 0
      ? match
      : { ...match, gateways: gateways.map((g) => gatewayKey(g, namespace)) };
  });
}

/** A string match as written: `prefix /cart`. */
function stringMatchText(value: unknown): string {
  const match = record(value);
  for (const kind of ['exact', 'prefix', 'regex'])
    if (typeof match[kind] === 'string' && match[kind] !== '') return `${kind} ${match[kind]}`;
  return 'any';
}

/** The conflicting part of a match as written: `uri prefix /cart`, `port 8080`. */
function matchText(match: Match, field: string | undefined): string {
  if (field === undefined) return JSON.stringify(match);
  if (['uri', 'scheme', 'method', 'authority'].includes(field))
    return `${field} ${stringMatchText(match[field])}`;
  const dot = field.indexOf('.');
  if (dot > 0) {
    const map = record(match[field.slice(0, dot)]);
    const key = field.slice(dot + 1);
    const value = Object.hasOwn(map, key) ? map[key] : undefined;
    return `${field} ${field.startsWith('sourceLabels') ? String(value ?? 'any') : value === undefined ? 'any' : stringMatchText(value)}`;
  }
  const value = match[field];
  return `${field} ${value === undefined ? 'unset' : JSON.stringify(value)}`;
}

import 'server-only';
import { createHash } from 'node:crypto';
import type { KubeConfig } from '../../kube/kube-config';
import { createRoutingChange, listRoutingChanges } from '../../kube/routing-changes';
import { toMeshError } from '../../kube/status-error';
import { ConflictError } from '../../mesh/errors';
import { type HistoryFilter, matchesHistoryFilter, newestFirst } from '../../mesh/history';
import type { HistoryStore } from './history-store';

/**
 * History as RoutingChange custom resources (weir.dev/v1alpha1), one per change, in the
 * changed object's namespace, written with Weir's own credential: they survive restarts, are
 * shared by every replica, and auditors read them through RBAC (and kubectl) like anything
 * else. People get no create right on them, so nobody can forge an entry through Weir.
 * With `scope` (WEIR_NAMESPACES) history is listed in those namespaces only, one list each.
 */
export function createKubeHistory(kc: KubeConfig, scope?: readonly string[]): HistoryStore {
  return {
    description: 'RoutingChange resources (weir.dev/v1alpha1)',
    async record(entry, dedupeKey) {
      const name = dedupeKey
        ? `x-${createHash('sha256').update(dedupeKey).digest('hex').slice(0, 32)}`
        : undefined;
      try {
        return await createRoutingChange(kc, entry, name);
      } catch (error) {
        // Another replica recorded the same outside change first.
        if (name && error instanceof ConflictError) return undefined;
        throw toMeshError(error);
      }
    },
    async list(filter: HistoryFilter) {
      const object = filter.kind && filter.name ? { kind: filter.kind, name: filter.name } : undefined;
      // Limited to some namespaces, Weir may list history only in those: one list each.
      const asked = filter.namespaces?.length ? filter.namespaces : undefined;
      const lists = scope
        ? scope.filter((namespace) => !asked || asked.includes(namespace))
        : [asked?.length === 1 ? asked[0] : undefined];
      let entries: Awaited<ReturnType<typeof listRoutingChanges>>;
      try {
        entries = (
          await Promise.all(lists.map((namespace) => listRoutingChanges(kc, { namespace, object })))
        ).flat();
      } catch (error) {
        throw toMeshError(error);
      }
      const found = entries.filter((entry) => matchesHistoryFilter(entry, filter)).sort(newestFirst);
      return filter.limit ? found.slice(0, filter.limit) : found;
    },
  };
}

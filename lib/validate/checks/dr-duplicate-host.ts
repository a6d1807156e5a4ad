import { normalizeHost } from '../../mesh/resolve';
import type { DestinationRule } from '../../mesh/types';
import type { Check } from '../check';
import { namespaceOf } from '../walk';

/** One namespace has at most one DestinationRule per host (workload-scoped rules aside). */
export const drDuplicateHost: Check = {
  name: 'dr-duplicate-host',
  codes: ['DR_DUPLICATE_HOST'],
  run(context, { each, emit }) {
    const groups = new Map<string, DestinationRule[]>();
    each(context.destinationRules, (dr) => {
      if (typeof dr.spec.host !== 'string' || dr.spec.workloadSelector) return;
      const namespace = namespaceOf(dr);
      const host = context.resolveHost(normalizeHost(dr.spec.host), namespace).fqdn;
      const key = `${namespace}\n${host}`;
      const group = groups.get(key);
      if (group) group.push(dr);
      else groups.set(key, [dr]);
    });
    for (const group of groups.values()) {
      if (group.length < 2) continue;
      for (const dr of group) {
        const others = group.filter((other) => other !== dr).map((other) => other.metadata.name);
        emit(
          'DR_DUPLICATE_HOST',
          dr,
          'spec.host',
          `DestinationRule ${others.join(', ')} in the same namespace is also for host "${dr.spec.host}".`,
        );
      }
    }
  },
};

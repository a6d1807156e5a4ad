import { selectorText } from '../../mesh/resolve';
import type { Check } from '../check';
import { list, namespaceOf, record } from '../walk';

/** Each subset selects pods, and at least one of them is ready. */
export const drSubsetPods: Check = {
  name: 'dr-subset-pods',
  codes: ['DR_SUBSET_NO_PODS', 'DR_SUBSET_NO_READY_PODS'],
  run(context, { each, emit }) {
    // Without any pod Weir knows nothing about workloads (a folder of manifests, say).
    if (context.pods.length === 0) return;
    each(context.destinationRules, (dr) => {
      if (typeof dr.spec.host !== 'string') return;
      const resolved = context.resolveHost(dr.spec.host, namespaceOf(dr));
      const workloads = resolved.service
        ? { namespace: namespaceOf(resolved.service), selector: resolved.service.spec.selector }
        : resolved.serviceEntry
          ? {
              namespace: namespaceOf(resolved.serviceEntry),
              selector: resolved.serviceEntry.spec.workloadSelector?.labels,
            }
          : undefined;
      // No selector: endpoints managed by hand or outside the cluster; nothing to check.
      if (!workloads?.selector || Object.keys(workloads.selector).length === 0) return;
      list(dr.spec.subsets).forEach((value, index) => {
        const subset = record(value);
        const selector = { ...workloads.selector, ...(record(subset.labels) as Record<string, string>) };
        const pods = context.podsSelectedBy(selector, workloads.namespace);
        const name = String(subset.name);
        if (pods.length === 0) {
          emit(
            'DR_SUBSET_NO_PODS',
            dr,
            `spec.subsets[${index}]`,
            `Subset "${name}" selects no pod in namespace ${workloads.namespace} (${selectorText(selector)}).`,
          );
        } else if (!pods.some((pod) => pod.status?.ready)) {
          emit(
            'DR_SUBSET_NO_READY_PODS',
            dr,
            `spec.subsets[${index}]`,
            `Subset "${name}" selects ${pods.length} pod${pods.length === 1 ? '' : 's'}, none of them ready.`,
          );
        }
      });
    });
  },
};

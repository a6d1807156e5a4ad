import type { Check } from '../check';
import { destinationsOf, namespaceOf } from '../walk';

/** A subset a route or mirror names is defined by a DestinationRule for its host. */
export const vsSubset: Check = {
  name: 'vs-subset',
  codes: ['VS_SUBSET_NOT_FOUND'],
  run(context, { each, emit }) {
    each(context.virtualServices, (vs) => {
      for (const site of destinationsOf(vs)) {
        const subset = site.destination.subset;
        if (typeof subset !== 'string' || subset === '') continue;
        const resolved = context.resolveHost(site.destination.host, namespaceOf(vs));
        // Subsets come from DestinationRules, whether or not a Service has the host: an unknown
        // host and an undefined subset are two problems, both reported.
        const rules = context.rulesFor(resolved.fqdn);
        const defined = context.subsetsFor(resolved.fqdn);
        if (defined.has(subset)) continue;
        const known =
          rules.length === 0
            ? 'no DestinationRule is defined for the host'
            : defined.size === 0
              ? 'its DestinationRules define no subsets'
              : `its DestinationRules define ${[...defined].join(', ')}`;
        emit(
          'VS_SUBSET_NOT_FOUND',
          vs,
          `${site.path}.subset`,
          `Subset "${subset}" of host "${site.destination.host}" is not defined (${known}).`,
        );
      }
    });
  },
};

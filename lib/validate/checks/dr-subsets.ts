import { selectorText } from '../../mesh/resolve';
import type { Check } from '../check';
import { list, record } from '../walk';

/** Subsets of one DestinationRule have distinct names and distinct labels. */
export const drSubsets: Check = {
  name: 'dr-subsets',
  codes: ['DR_DUPLICATE_SUBSET', 'DR_SUBSETS_SAME_LABELS'],
  run(context, { each, emit }) {
    each(context.destinationRules, (dr) => {
      const names = new Map<string, number>();
      const labels = new Map<string, number>();
      list(dr.spec.subsets).forEach((value, index) => {
        const subset = record(value);
        if (typeof subset.name === 'string') {
          const first = names.get(subset.name);
          if (first === undefined) names.set(subset.name, index);
          else {
            emit(
              'DR_DUPLICATE_SUBSET',
              dr,
              `spec.subsets[${index}].name`,
              `Subset name "${subset.name}" is already used by subsets[${first}].`,
            );
          }
        }
        const text = selectorText(record(subset.labels) as Record<string, string>);
        const same = labels.get(text);
        if (same === undefined) labels.set(text, index);
        else {
          emit(
            'DR_SUBSETS_SAME_LABELS',
            dr,
            `spec.subsets[${index}].labels`,
            `Subset "${String(subset.name)}" has the same labels as subsets[${same}] (${text || 'none'}): both select the same pods.`,
          );
        }
      });
    });
  },
};

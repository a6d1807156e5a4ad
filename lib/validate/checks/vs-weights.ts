import { effectiveWeights } from '../../mesh/weights';
import type { Check } from '../check';
import { routesOf } from '../walk';

/**
 * The weights of a route add up to 100 (a total of 0 sends traffic nowhere; any other total
 * is shared out in proportion); a lone destination carries no misleading weight.
 */
export const vsWeights: Check = {
  name: 'vs-weights',
  codes: ['VS_WEIGHTS_ZERO', 'VS_WEIGHTS_NOT_100', 'VS_LONE_WEIGHT_BELOW_100'],
  run(context, { each, emit }) {
    each(context.virtualServices, (vs) => {
      for (const route of routesOf(vs)) {
        const weights = route.destinations.map((entry) =>
          typeof entry.weight === 'number' ? entry.weight : 0,
        );
        if (weights.length > 1) {
          const total = weights.reduce((sum, weight) => sum + weight, 0);
          if (total === 0) {
            emit(
              'VS_WEIGHTS_ZERO',
              vs,
              `${route.path}.route`,
              `Weights add up to 0 (${weights.join(' + ')}; a missing weight counts as 0): no destination gets traffic.`,
            );
          } else if (total !== 100) {
            const shares = effectiveWeights(weights).map((share) => `${share}%`);
            emit(
              'VS_WEIGHTS_NOT_100',
              vs,
              `${route.path}.route`,
              `Weights add up to ${total}, not 100 (${weights.join(' + ')}; a missing weight counts as 0): Istio shares traffic in proportion, ${shares.join(' / ')}.`,
            );
          }
        } else if (weights.length === 1) {
          const weight = route.destinations[0]?.weight;
          // Istio treats a lone destination as 100 whatever its weight says.
          if (typeof weight === 'number' && weight < 100) {
            emit(
              'VS_LONE_WEIGHT_BELOW_100',
              vs,
              `${route.path}.route[0].weight`,
              `The only destination has weight ${weight}, but receives all traffic.`,
            );
          }
        }
      }
    });
  },
};

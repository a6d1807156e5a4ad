import { InvalidError } from '../errors';

/**
 * What the sliders send, checked: one whole percentage from 0 to 100 per destination
 * (`noun`: `destinations`, `backendRefs`), adding up to 100. InvalidError naming the field.
 */
export function checkPercentages(
  where: string,
  count: number,
  noun: string,
  weights: unknown,
): asserts weights is number[] {
  if (!Array.isArray(weights) || weights.length !== count) {
    const got = Array.isArray(weights) ? `${weights.length} weights` : 'no list of weights';
    throw new InvalidError(`${where} has ${count} ${noun}, got ${got}`);
  }
  weights.forEach((weight, i) => {
    if (!Number.isInteger(weight) || weight < 0 || weight > 100) {
      throw new InvalidError(
        `weights[${i}] must be a whole number from 0 to 100, got ${JSON.stringify(weight)}`,
      );
    }
  });
  const total = (weights as number[]).reduce((a, b) => a + b, 0);
  if (total !== 100) throw new InvalidError(`weights of ${where} must add up to 100, got ${total}`);
}

// Weight arithmetic for the destinations of one route. Weir keeps the weights of a route as
// whole percentages that add up to exactly 100; every function here returns such a list
// (except effectiveWeights for a route Istio itself refuses, see there).

/**
 * What Istio sends to each destination, as whole percentages. Istio reads weights as relative
 * (a destination gets weight / sum of weights), a missing weight as 0, and sends all traffic
 * to a lone destination whatever its weight. Several destinations whose weights are all 0 or
 * missing are refused by Istio's validation ("total destination weight = 0"): all zeros here.
 */
export function effectiveWeights(weights: readonly (number | undefined)[]): number[] {
  if (weights.length === 0) return [];
  if (weights.length === 1) return [100];
  const relative = weights.map((w) => (w === undefined ? 0 : wholeNonNegative(w)));
  if (sum(relative) === 0) return relative;
  return apportion(relative, 100);
}

/**
 * Moves one weight to `value` and spreads the difference over the unlocked others in
 * proportion to their current weights (equally when they are all 0), in whole percentages
 * that add up to 100. Locked others never move, so `value` is clamped to what they leave;
 * with no unlocked other the moved weight cannot change. The moved entry's own lock is
 * ignored: moving it is an explicit act.
 *
 * Input that does not add up to 100 (a hand-edited 55/40) is taken as it stands: locked
 * entries keep their values, the moved one takes `value`, and the unlocked others share what
 * is left in proportion to their values, so the result adds up to 100 again. Locks that
 * cannot hold (locked values above 100 in total) are dropped.
 */
export function rebalance(
  weights: readonly number[],
  index: number,
  value: number,
  locked: readonly boolean[] = [],
): number[] {
  checkIndex(weights.length, index);
  const current = weights.map(percent);
  if (current.length === 1) return [100];

  let lockedOthers = current.map((_, i) => i !== index && locked[i] === true);
  if (sum(current.filter((_, i) => lockedOthers[i])) > 100) lockedOthers = lockedOthers.map(() => false);
  const lockedSum = sum(current.filter((_, i) => lockedOthers[i]));
  const free = current.map((_, i) => i !== index && !lockedOthers[i]);

  const available = 100 - lockedSum;
  const target = free.includes(true) ? Math.min(Math.max(percent(value), 0), available) : available;
  const shares = apportion(
    current.filter((_, i) => free[i]),
    available - target,
  );

  let next = 0;
  return current.map((w, i) => {
    if (i === index) return target;
    if (free[i]) return shares[next++] ?? 0;
    return w;
  });
}

/**
 * Splits 100 evenly over `n` destinations (34/33/33). With `locked` and `current`, locked
 * entries keep their current weight and the others share the rest evenly; when nothing is
 * unlocked, `current` is returned normalised to 100. Locks need `current` and are ignored
 * without it, or when they add up to more than 100.
 */
export function evenSplit(n: number, locked: readonly boolean[] = [], current?: readonly number[]): number[] {
  if (n <= 0) return [];
  const ones = Array.from({ length: n }, () => 1);
  if (!current || !locked.some(Boolean)) return apportion(ones, 100);

  const values = ones.map((_, i) => percent(current[i] ?? 0));
  const isLocked = ones.map((_, i) => locked[i] === true);
  const lockedSum = sum(values.filter((_, i) => isLocked[i]));
  if (lockedSum > 100) return apportion(ones, 100);
  if (isLocked.every(Boolean)) return apportion(values, 100);

  const shares = apportion(
    ones.filter((_, i) => !isLocked[i]),
    100 - lockedSum,
  );
  let next = 0;
  return values.map((w, i) => (isLocked[i] ? w : (shares[next++] ?? 0)));
}

/** Sends all traffic to one destination and none to the others: the blue/green switch. */
export function sendAll(n: number, index: number): number[] {
  checkIndex(n, index);
  return Array.from({ length: n }, (_, i) => (i === index ? 100 : 0));
}

/**
 * Splits the whole number `total` in proportion to `shares` (equally when they are all 0),
 * by largest remainder: every part is a whole number and the parts add up to `total`.
 */
export function apportion(shares: readonly number[], total: number): number[] {
  if (shares.length === 0) return [];
  const whole = shares.map(wholeNonNegative);
  const weights = sum(whole) === 0 ? whole.map(() => 1) : whole;
  const divisor = sum(weights);
  // Integer arithmetic throughout, so no floating-point residue decides a remainder.
  const parts = weights.map((w) => Math.floor((w * total) / divisor));
  const remainders = weights.map((w, i) => ({ i, remainder: (w * total) % divisor }));
  remainders.sort((a, b) => b.remainder - a.remainder || a.i - b.i);
  let left = total - sum(parts);
  for (const { i } of remainders) {
    if (left <= 0) break;
    parts[i] = (parts[i] ?? 0) + 1;
    left--;
  }
  return parts;
}

function wholeNonNegative(value: number): number {
  return Number.isFinite(value) && value > 0 ? Math.round(value) : 0;
}

function percent(value: number): number {
  return Math.min(wholeNonNegative(value), 100);
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

function checkIndex(length: number, index: number): void {
  if (!Number.isInteger(index) || index < 0 || index >= length) {
    throw new RangeError(`weight index ${index} is outside 0..${length - 1}`);
  }
}

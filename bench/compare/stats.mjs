// @ts-check
/**
 * Medians and percentiles for the comparison bench, and the order of its samples.
 * @module
 */

/**
 * The order in which round `round` samples `items`: shifted by one each round, and backwards in odd
 * rounds, so that each item comes first, last and after each other item in turn. (Shifting alone keeps
 * the cycle: with a, b, c, b would follow a in two rounds of three.)
 * @template T
 * @param {readonly T[]} items
 * @param {number} round
 * @returns {T[]}
 */
export function roundOrder(items, round) {
  const shifted = items.map((_, i) => /** @type {T} */ (items[(i + round) % items.length]));
  return round % 2 === 1 ? shifted.reverse() : shifted;
}

/**
 * The median of `values` (the mean of the middle two for an even count); NaN when empty.
 * @param {readonly number[]} values
 */
export function median(values) {
  return percentile(values, 50);
}

/**
 * The `p`-th percentile of `values`, by linear interpolation between the closest ranks; NaN when empty.
 * @param {readonly number[]} values
 * @param {number} p 0 to 100
 */
export function percentile(values, p) {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return (sorted[low] ?? Number.NaN) + ((sorted[high] ?? Number.NaN) - (sorted[low] ?? Number.NaN)) * (rank - low);
}

// @ts-check
/**
 * Medians and percentiles for the comparison bench.
 * @module
 */

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

// The one statistic the benchmarks quote: shared machines are noisy, so medians, never single runs.

/** Median of a list of numbers (NaN for an empty list). */
export function median(values) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

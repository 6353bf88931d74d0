// Median, min and max of repeated measurements, rounded for bench/results/lambda.json.

/** The spread of one figure over the repetitions. */
export interface Summary {
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

export const MiB = 2 ** 20;

export function summarize(values: readonly number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  return { median: round(median), min: round(sorted[0] ?? 0), max: round(sorted[sorted.length - 1] ?? 0) };
}

function round(value: number): number {
  return Math.abs(value) >= 10 ? Math.round(value * 10) / 10 : Math.round(value * 10_000) / 10_000;
}

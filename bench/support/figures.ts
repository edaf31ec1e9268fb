/** One measured figure beside the baseline it was measured against in the same run. */
export interface Figure {
  /** Stable key, e.g. `ingest.batch500`, `reads.1m.dashboard`. */
  id: string;
  label: string;
  value: number;
  unit: string;
  /** Further numbers of the same measurement (p50/p99, rows, repetitions…). */
  details?: Record<string, number | string>;
  baseline: { label: string; value: number; unit: string };
  /** value ÷ baseline.value */
  ratio: number;
  goal?: { text: string; met: boolean };
  /** How to measure only this figure again. */
  command: string;
}

/** The p-th percentile (0–100) of the values, nearest-rank. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

export const median = (values: readonly number[]) => percentile(values, 50);

/** Milliseconds a call takes, with sub-millisecond precision. */
export async function timed<T>(call: () => Promise<T>): Promise<[ms: number, result: T]> {
  const started = performance.now();
  const result = await call();
  return [performance.now() - started, result];
}

/** Three significant digits: a ratio of 0.000297 stays 0.000297, not 0. */
export function ratioOf(value: number, baseline: number): number {
  return Number((value / baseline).toPrecision(3));
}

export function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

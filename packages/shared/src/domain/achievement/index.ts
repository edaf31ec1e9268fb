/**
 * Target arithmetic for managers: achievement against a target, coverage of a potential,
 * growth over a baseline, run rates, year-end projections and monthly target paths.
 *
 * Every ratio returns `null` instead of dividing by zero. Counts are whole people.
 */
import { parseYearMonth, type YearMonth } from "../calendar/index.ts";
import { DomainError } from "../errors.ts";

/** Codes of the errors thrown here. */
export type AchievementErrorCode = "invalid_count" | "invalid_split";

/** A ratio with its percentage, rounded to two decimals (`0.0363` → `3.63`). */
export interface Ratio {
  ratio: number;
  percent: number;
}

/** {@link Ratio} plus the whole percent a dashboard shows. */
export interface Achievement extends Ratio {
  /**
   * Whole percent, rounded *down* so that 99.6 % never shows as a met target of 100 %.
   * Blitar 2021: 17,189 / 15,030 → 114.
   */
  wholePercent: number;
}

const MONTHS_IN_YEAR = 12;

function round2(value: number): number {
  return Math.round(value * 100 + Number.EPSILON * 100) / 100;
}

function ratioOf(numerator: number, denominator: number): Ratio | null {
  if (denominator === 0 || !Number.isFinite(numerator) || !Number.isFinite(denominator)) return null;
  const ratio = numerator / denominator;
  return { ratio, percent: round2(ratio * 100) };
}

/** Share of a target reached: `achievement(17_189, 15_030)` → 114.36 %, whole 114. */
export function achievement(reached: number, target: number): Achievement | null {
  const r = ratioOf(reached, target);
  // A tiny epsilon keeps exact hits (e.g. 1.14 × 100 = 113.99999…) from flooring one short.
  return r && { ...r, wholePercent: Math.floor(r.ratio * 100 + 1e-9) };
}

/**
 * Share of a potential population covered. Sumbagsel: 48,858 BPU participants of a potential
 * the seed rounds to "1.34 million" → 3.63 % (the exact 1,340,000 gives 3.65 %; the seed's
 * percentage was computed on the unrounded potential, about 1.345 million).
 */
export function coverage(participants: number, potential: number): Ratio | null {
  return ratioOf(participants, potential);
}

/**
 * Target for a growth over a baseline, rounded up to whole people so that meeting it means
 * the growth was reached: Malang, +30 % over 22,761 BPU participants in 2019 → 29,590.
 */
export function growthTarget(baseline: number, growthPct: number): number {
  // baseline × (100 + pct) / 100 keeps 100 × 130 / 100 exact, unlike 100 × 1.3.
  const target = Math.ceil((baseline * (100 + growthPct)) / 100 - 1e-9);
  return target === 0 ? 0 : target; // no -0 from ceil(-1e-9)
}

/** Growth of `current` over `baseline` (29,590 over 22,761 → ratio 0.30, 30.00 %). */
export function growthOverBaseline(current: number, baseline: number): Ratio | null {
  return ratioOf(current - baseline, baseline);
}

/**
 * Month number (1–12) of `asOfMonth`, i.e. months elapsed in its year when the month itself
 * is counted as done.
 */
export function monthsElapsedInYear(asOfMonth: YearMonth): number {
  return parseYearMonth(asOfMonth).month;
}

/** Months left in the year after `asOfMonth` (November → 1, December → 0). */
export function remainingMonthsInYear(asOfMonth: YearMonth): number {
  return MONTHS_IN_YEAR - monthsElapsedInYear(asOfMonth);
}

/**
 * Average sign-ups per month from January of `asOfMonth`'s year through `asOfMonth`
 * (inclusive; missing months count as zero; other years are ignored).
 *
 * @param reachedByMonth new sign-ups per month, keyed `YYYY-MM` (not cumulative).
 */
export function monthlyRunRate(
  reachedByMonth: Readonly<Record<YearMonth, number>>,
  asOfMonth: YearMonth,
): number {
  const { year, month } = parseYearMonth(asOfMonth);
  let sum = 0;
  for (const [key, count] of Object.entries(reachedByMonth)) {
    const m = parseYearMonth(key);
    if (m.year === year && m.month <= month) sum += count;
  }
  return sum / month;
}

/**
 * Linear projection of the year-end total: the year-to-date total spread over the elapsed
 * months (the as-of month counted as done) and carried to December, rounded to whole people.
 * Blitar: 17,189 by November → 18,752.
 */
export function projectYearEnd(reachedToDate: number, asOfMonth: YearMonth): number {
  return Math.round((reachedToDate / monthsElapsedInYear(asOfMonth)) * MONTHS_IN_YEAR);
}

/**
 * Sign-ups still needed per remaining month to reach `target`, rounded up. `0` when the
 * target is already reached; `null` when it is not and no month remains.
 */
export function gapPerRemainingMonth(
  target: number,
  reached: number,
  remainingMonths: number,
): number | null {
  const gap = target - reached;
  if (gap <= 0) return 0;
  if (remainingMonths <= 0) return null;
  return Math.ceil(gap / remainingMonths);
}

/**
 * Cumulative target per month, January first (12 entries, the last equal to `target`).
 *
 * Without `monthlySplit` the target is spread evenly. With it (12 non-negative numbers), the
 * split is used as is when it sums to `target` (absolute monthly targets), and otherwise as
 * weights (e.g. percentages, or more weight on months with events). Cumulative values are
 * rounded to whole people, so they never decrease.
 *
 * @throws DomainError `invalid_count` for a negative or non-integer target; `invalid_split`
 *   for a split that is not 12 non-negative numbers with a positive sum.
 */
export function targetPath(target: number, monthlySplit?: readonly number[]): number[] {
  if (!Number.isSafeInteger(target) || target < 0) {
    throw new DomainError<AchievementErrorCode>(
      "invalid_count",
      "Target harus bilangan bulat, tidak negatif.",
      {
        target,
      },
    );
  }
  const weights = monthlySplit ?? new Array<number>(MONTHS_IN_YEAR).fill(1);
  const total = weights.reduce((sum, w) => sum + w, 0);
  if (
    weights.length !== MONTHS_IN_YEAR ||
    weights.some((w) => !Number.isFinite(w) || w < 0) ||
    !(total > 0)
  ) {
    throw new DomainError<AchievementErrorCode>(
      "invalid_split",
      "Pembagian target harus 12 angka tidak negatif dengan jumlah lebih dari nol.",
      { months: weights.length },
    );
  }
  let running = 0;
  return weights.map((w) => {
    running += w;
    return Math.round((target * running) / total);
  });
}

import {
  type Achievement,
  achievement,
  coverage,
  dateInTimeZone,
  gapPerRemainingMonth,
  growthOverBaseline,
  isYearMonth,
  monthlyRunRate,
  projectYearEnd,
  type Ratio,
  remainingMonthsInYear,
  targetPath,
} from "@jangkau/shared/domain/index";
import { fieldError } from "@jangkau/shared/errors";
import type { TimeZone } from "@jangkau/shared/schema/enums";

/**
 * Progress of one office (or campaign, or regency) towards a yearly target — pure, so the
 * dashboard, the partner view and the tests compute it the same way.
 *
 * What counts as "reached" in a year:
 *  - `opening`: participants carried into the year (`targets.starting_participants`), for an
 *    office that counts a stock (Sumbagsel's 48,858 BPU participants; Malang's 22,761);
 *  - `imported`: the year's total counted outside Jangkau (a `baselines` row for that same
 *    year) — what a branch imports when it starts using Jangkau late in a year, or for a
 *    past year (Blitar's 17,189 in 2021);
 *  - `signups`: live sign-ups recorded in Jangkau, from the rollup cells, up to `asOf`.
 */
export interface TargetTerms {
  value: number;
  potential: number | null;
  startingParticipants: number | null;
  /** Twelve monthly numbers (absolute or weights, see `targetPath`), or null for an even path. */
  monthlySplit: number[] | null;
}

export interface ProgressInput {
  year: number;
  /** Last month counted as done (`YYYY-MM`); null before the year has started. */
  asOf: string | null;
  target: TargetTerms | null;
  imported: number;
  /** Live sign-ups per month (`YYYY-MM`); months of other years are ignored. */
  signupsByMonth: Readonly<Record<string, number>>;
  /** The baseline year's total, for growth over it. */
  baselineTotal: number | null;
}

export interface MonthPoint {
  month: string;
  signups: number;
  /** Cumulative reached at the end of the month; null for months after `asOf`. */
  reached: number | null;
  /** Cumulative target path at the end of the month; null without a target. */
  targetPath: number | null;
}

export interface Progress {
  asOf: string | null;
  opening: number;
  imported: number;
  signups: number;
  reached: number;
  target: number | null;
  achievement: Achievement | null;
  coverage: Ratio | null;
  growth: Ratio | null;
  runRate: number | null;
  projection: number | null;
  remainingMonths: number | null;
  gapPerMonth: number | null;
  monthly: MonthPoint[];
}

export const monthsOfYear = (year: number): string[] =>
  Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, "0")}`);

/**
 * The month progress is measured at: the one asked for (it must lie in the year), else
 * December for a past year, the current month for this year, and null for a future year.
 */
export function asOfMonth(year: number, today: string, requested?: string): string | null {
  if (requested !== undefined) {
    if (!isYearMonth(requested) || Number(requested.slice(0, 4)) !== year) {
      throw fieldError("asOf", "as_of_outside_year", `Bulan acuan harus berada di tahun ${year}.`);
    }
    return requested;
  }
  const thisYear = Number(today.slice(0, 4));
  if (year < thisYear) return `${year}-12`;
  if (year > thisYear) return null;
  return today;
}

/** The cumulative target path, shifted up by the opening stock; an invalid split falls back to even. */
function pathOf(terms: TargetTerms): number[] {
  const opening = terms.startingParticipants ?? 0;
  const toGain = Math.max(0, terms.value - opening);
  let path: number[];
  try {
    path = targetPath(toGain, terms.monthlySplit ?? undefined);
  } catch {
    path = targetPath(toGain);
  }
  return path.map((v) => v + opening);
}

export function computeProgress(input: ProgressInput): Progress {
  const { year, asOf, target } = input;
  const months = monthsOfYear(year);
  const opening = target?.startingParticipants ?? 0;
  const counted = (m: string) => (asOf !== null && m <= asOf ? (input.signupsByMonth[m] ?? 0) : 0);
  const signups = months.reduce((sum, m) => sum + counted(m), 0);
  const gained = input.imported + signups;
  const reached = opening + gained;
  const path = target ? pathOf(target) : null;

  let cumulative = opening + input.imported;
  const monthly = months.map((month, i) => {
    const inMonth = counted(month);
    cumulative += inMonth;
    return {
      month,
      signups: input.signupsByMonth[month] ?? 0,
      reached: asOf !== null && month <= asOf ? cumulative : null,
      targetPath: path ? (path[i] ?? null) : null,
    };
  });

  let runRate: number | null = null;
  let projection: number | null = null;
  let remainingMonths: number | null = null;
  if (asOf !== null) {
    // An imported total has no months; counting it in January gives the same year-to-date average.
    const byMonth: Record<string, number> = { [`${year}-01`]: input.imported };
    for (const m of months) byMonth[m] = (byMonth[m] ?? 0) + counted(m);
    runRate = monthlyRunRate(byMonth, asOf);
    projection = opening + projectYearEnd(gained, asOf);
    remainingMonths = remainingMonthsInYear(asOf);
  }

  return {
    asOf,
    opening,
    imported: input.imported,
    signups,
    reached,
    target: target?.value ?? null,
    achievement: target ? achievement(reached, target.value) : null,
    coverage: target?.potential ? coverage(reached, target.potential) : null,
    growth: input.baselineTotal != null ? growthOverBaseline(reached, input.baselineTotal) : null,
    runRate,
    projection,
    remainingMonths,
    gapPerMonth:
      target && remainingMonths !== null
        ? gapPerRemainingMonth(target.value, reached, remainingMonths)
        : target && asOf === null
          ? gapPerRemainingMonth(target.value, reached, 12)
          : null,
    monthly,
  };
}

/** Rollup cell counters as stored. */
export interface CellRow {
  scope: string;
  month: string;
  dim: string;
  key: string;
  recorded: number;
  verified: number;
  registered: number;
  rejected: number;
}

export const live = (c: CellRow) => c.recorded + c.verified + c.registered;

/** Live sign-ups per month of the cells matching `scope`/`dim`/`key`. */
export function liveByMonth(
  cells: readonly CellRow[],
  scope: string,
  dim = "total",
  key = "",
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of cells) {
    if (c.scope === scope && c.dim === dim && c.key === key) out[c.month] = (out[c.month] ?? 0) + live(c);
  }
  return out;
}

/** Live sign-ups per key of a breakdown (`occupation`, `payer`, …) of one scope, months up to `asOf`. */
export function liveByKey(
  cells: readonly CellRow[],
  scope: string,
  dim: string,
  asOf: string | null,
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of cells) {
    if (c.scope !== scope || c.dim !== dim || asOf === null || c.month > asOf) continue;
    out[c.key] = (out[c.key] ?? 0) + live(c);
  }
  return out;
}

/** Counters summed over months up to `asOf`, by status. */
export function statusTotals(cells: readonly CellRow[], scope: string, asOf: string | null) {
  const t = { recorded: 0, verified: 0, registered: 0, rejected: 0 };
  for (const c of cells) {
    if (c.scope !== scope || c.dim !== "total" || asOf === null || c.month > asOf) continue;
    t.recorded += c.recorded;
    t.verified += c.verified;
    t.registered += c.registered;
    t.rejected += c.rejected;
  }
  return t;
}

/** Sum of a record's values. */
export const total = (r: Readonly<Record<string, number>>) => Object.values(r).reduce((a, b) => a + b, 0);

/**
 * UTC bounds of the events read for a year: those starting in the year (in any of WIB, WITA,
 * WIT) and in the year before, since an event late in December still yields sign-ups in
 * January (lists are verified after the event).
 */
export const eventWindow = (year: number) => ({
  from: `${year - 2}-12-31T15:00:00.000Z`,
  to: `${year}-12-31T17:00:00.000Z`,
});

/**
 * {@link eventInYear} from the event's totals instead of its cells: `countedInYear` is every
 * sign-up (rejected too) of its cells in the year's months — positive exactly when one of
 * those cells counts something, as counters never go below zero.
 */
export function eventInYearByCount(
  e: { startsAt: string; timeZone: TimeZone },
  year: number,
  countedInYear: number,
): boolean {
  return dateInTimeZone(e.startsAt, e.timeZone).startsWith(`${year}-`) || countedInYear > 0;
}

/** An event belongs to a year's view when it starts in that year or has sign-ups counted in it. */
export function eventInYear(
  e: { id: string; startsAt: string; timeZone: TimeZone },
  year: number,
  cells: readonly CellRow[],
): boolean {
  if (dateInTimeZone(e.startsAt, e.timeZone).startsWith(`${year}-`)) return true;
  const scope = `event:${e.id}`;
  return cells.some((c) => c.scope === scope && c.month.startsWith(`${year}-`) && live(c) + c.rejected > 0);
}

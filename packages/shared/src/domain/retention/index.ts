/**
 * Whether a BPU participant keeps paying: status from the months paid, sponsorship ends, and
 * retention k months after sign-up. Months are `YYYY-MM` in the participant's time zone (see
 * {@link monthInTimeZone}).
 *
 * Rules (DOMAIN.md): protection for a month needs that month's contribution; arrears may be
 * paid up to 3 months late; after more than 3 consecutive unpaid months participation ends.
 * There is no fine, and the person may resume with the same NIK.
 */
import {
  addMonths,
  compareIso,
  daysBetween,
  firstDayOfMonth,
  type IsoDate,
  lastDayOfMonth,
  monthFromOrdinal,
  monthOrdinal,
  monthsBetween,
  type YearMonth,
} from "../calendar/index.ts";
import { DomainError } from "../errors.ts";
import { type TimeZone, utcToLocal } from "../timezone/index.ts";

export { addMonths, monthsBetween };

/** Codes of the errors thrown here (besides the calendar's `invalid_month`). */
export type RetentionErrorCode = "as_of_before_signup" | "invalid_horizon";

/** Unpaid months that may still be paid as arrears; one more and participation ends. */
export const MAX_ARREARS_MONTHS = 3;

/** Default warning window before a sponsorship ends, in days. */
export const SPONSOR_WARNING_DAYS = 30;

/**
 * - `registered` — signed up, nothing paid yet, still within the first 3 months.
 * - `never_paid` — signed up, nothing paid for more than 3 months.
 * - `active` — paid through the as-of month (or beyond).
 * - `in_arrears` — 1–3 months behind; may still pay them.
 * - `lapsed` — more than 3 consecutive months unpaid: participation has ended.
 */
export type ParticipantStatus = "registered" | "never_paid" | "active" | "in_arrears" | "lapsed";

/** Where a sponsorship (CSR, APBD…) stands at the as-of month. */
export type SponsorshipState = "none" | "sponsored" | "ended";

/** Input of {@link participantStatus}. */
export interface PaymentHistory {
  signupMonth: YearMonth;
  /** Months whose contribution is paid, by anyone (self, sponsor, paguyuban); any order. */
  paidMonths: readonly YearMonth[];
  asOfMonth: YearMonth;
  /** Last month a sponsor pays for, inclusive. */
  sponsoredUntil?: YearMonth | null;
  /** Reference day for {@link ParticipantStatusResult.sponsorEndingWithinDays}; default the first day of `asOfMonth`. */
  today?: IsoDate;
  /** Warning window in days; default {@link SPONSOR_WARNING_DAYS}. */
  sponsorWarningDays?: number;
}

/** Result of {@link participantStatus}. */
export interface ParticipantStatusResult {
  status: ParticipantStatus;
  /** Last month of the current run of paid months (may lie after `asOfMonth` when paid ahead); `null` if none. */
  paidThrough: YearMonth | null;
  /** Unpaid months up to and including `asOfMonth`; 0 when active. */
  monthsBehind: number;
  sponsoredUntil: YearMonth | null;
  sponsorship: SponsorshipState;
  /** Days from `today` to the last sponsored day, when that is within the warning window. */
  sponsorEndingWithinDays?: number;
  /** True when payments stopped when the sponsorship ended and the worker has not taken over. */
  stoppedWhenSponsorshipEnded: boolean;
  /** First month of the current participation period; `null` before any payment. */
  periodStart: YearMonth | null;
  /** Periods that ended in a lapse before the current one. */
  previousLapses: number;
  /** True when the current period is a resumption after a lapse. */
  resumed: boolean;
}

/**
 * Status of a participant at `asOfMonth`.
 *
 * `paidThrough` is the end of the run of consecutive paid months that contains the latest
 * payment for a month up to `asOfMonth`, continued through any months paid ahead. Months paid
 * only after `asOfMonth` with a gap before them are ignored. `monthsBehind` = months from
 * `paidThrough` to `asOfMonth`; with no payment, from the month before sign-up.
 *
 * **Resumption.** A gap of more than {@link MAX_ARREARS_MONTHS} unpaid months between two paid
 * months means the participant lapsed and later resumed with the same NIK. The gap is not
 * owed (no arrears, no fine): the status is computed from the latest payments alone, so a
 * payment for the current month makes a lapsed participant `active` again, with `resumed`
 * true, `periodStart` at the first month paid after the gap, and the earlier period counted in
 * `previousLapses`. Shorter gaps are arrears within one period (paid late or still open).
 *
 * @throws DomainError `invalid_month` for a malformed month, `as_of_before_signup`.
 */
export function participantStatus(history: PaymentHistory): ParticipantStatusResult {
  const signup = monthOrdinal(history.signupMonth);
  const asOf = monthOrdinal(history.asOfMonth);
  if (asOf < signup) {
    throw new DomainError<RetentionErrorCode>(
      "as_of_before_signup",
      "Bulan acuan sebelum bulan pendaftaran.",
      {
        signupMonth: history.signupMonth,
        asOfMonth: history.asOfMonth,
      },
    );
  }
  const paid = new Set(history.paidMonths.map(monthOrdinal));
  const sponsoredUntil = history.sponsoredUntil ?? null;
  const sponsorEnd = sponsoredUntil === null ? null : monthOrdinal(sponsoredUntil);

  const upToAsOf = [...paid].filter((m) => m <= asOf).sort((a, b) => a - b);
  const latest = upToAsOf.at(-1);
  let paidThroughOrdinal: number | null = null;
  if (latest !== undefined) {
    paidThroughOrdinal = latest;
    while (paid.has(paidThroughOrdinal + 1)) paidThroughOrdinal += 1;
  }

  const monthsBehind = Math.max(0, asOf - (paidThroughOrdinal ?? signup - 1));
  let status: ParticipantStatus;
  if (paidThroughOrdinal === null) status = monthsBehind > MAX_ARREARS_MONTHS ? "never_paid" : "registered";
  else if (monthsBehind === 0) status = "active";
  else status = monthsBehind > MAX_ARREARS_MONTHS ? "lapsed" : "in_arrears";

  // Participation periods: paid months separated by more than MAX_ARREARS_MONTHS unpaid ones.
  let periodStart: number | null = null;
  let previousLapses = 0;
  let previous: number | null = null;
  for (const month of upToAsOf) {
    if (previous === null) periodStart = month;
    else if (month - previous - 1 > MAX_ARREARS_MONTHS) {
      previousLapses += 1;
      periodStart = month;
    }
    previous = month;
  }

  const result: ParticipantStatusResult = {
    status,
    paidThrough: paidThroughOrdinal === null ? null : monthFromOrdinal(paidThroughOrdinal),
    monthsBehind,
    sponsoredUntil,
    sponsorship: sponsorEnd === null ? "none" : asOf <= sponsorEnd ? "sponsored" : "ended",
    stoppedWhenSponsorshipEnded:
      sponsorEnd !== null &&
      asOf > sponsorEnd &&
      monthsBehind > 0 &&
      paidThroughOrdinal !== null &&
      paidThroughOrdinal <= sponsorEnd,
    periodStart: periodStart === null ? null : monthFromOrdinal(periodStart),
    previousLapses,
    resumed: previousLapses > 0,
  };

  if (sponsoredUntil !== null && sponsorEnd !== null && asOf <= sponsorEnd) {
    const today = history.today ?? firstDayOfMonth(history.asOfMonth);
    const daysLeft = daysBetween(today, lastDayOfMonth(sponsoredUntil));
    if (daysLeft >= 0 && daysLeft <= (history.sponsorWarningDays ?? SPONSOR_WARNING_DAYS)) {
      result.sponsorEndingWithinDays = daysLeft;
    }
  }
  return result;
}

/**
 * The month (`YYYY-MM`) an instant falls in, in the participant's time zone — month
 * boundaries move with it: `2026-01-31T17:30Z` is still January in UTC but February in WIB.
 */
export function monthInTimeZone(instant: Date | string, tz: TimeZone): YearMonth {
  return utcToLocal(instant, tz).slice(0, 7);
}

/**
 * Whether a participant still paid `k` months after the sign-up month — paid for month
 * `signupMonth + k` (k = 3: signed up in January, paid for April). `null` while that month is
 * after `asOf`, so a cohort's curve only counts those who could have got there. Based on the
 * payments recorded so far: an arrears payment made later can still turn `false` into `true`.
 *
 * @throws DomainError `invalid_horizon` unless `k` is a positive integer.
 */
export function retainedAt(
  signupMonth: YearMonth,
  paidMonths: readonly YearMonth[],
  k: number,
  asOf: YearMonth,
): boolean | null {
  if (!Number.isInteger(k) || k <= 0) {
    throw new DomainError<RetentionErrorCode>(
      "invalid_horizon",
      "Horizon retensi harus bilangan bulat positif.",
      {
        k,
      },
    );
  }
  const month = addMonths(signupMonth, k);
  if (compareIso(month, asOf) > 0) return null;
  const target = monthOrdinal(month);
  return paidMonths.some((m) => monthOrdinal(m) === target);
}

/** One point of a cohort's retention curve. */
export interface CohortRetention {
  k: number;
  /** Participants whose month `signupMonth + k` is not after `asOf`. */
  observed: number;
  retained: number;
  /** `retained / observed`; `null` when nobody is observed yet. */
  rate: number | null;
}

/** Retention of a group of participants at each horizon in `ks` (e.g. `[3, 6, 12]`). */
export function cohortRetention(
  participants: readonly { signupMonth: YearMonth; paidMonths: readonly YearMonth[] }[],
  ks: readonly number[],
  asOf: YearMonth,
): CohortRetention[] {
  return ks.map((k) => {
    let observed = 0;
    let retained = 0;
    for (const p of participants) {
      const r = retainedAt(p.signupMonth, p.paidMonths, k, asOf);
      if (r === null) continue;
      observed += 1;
      if (r) retained += 1;
    }
    return { k, observed, retained, rate: observed === 0 ? null : retained / observed };
  });
}

/**
 * The stages of one funnel (signed up → registered → first payment → still active) as a
 * partner may see them. A stage below `min` is hidden; so is a stage within `min` of a stage
 * already shown, unless equal to it: side by side, "signed up 12, paid 8" would tell a group
 * of four people who did not pay. Stages are taken in the order given, so the earlier one is
 * kept. Any two shown stages then differ by 0 or by at least `min`.
 */
export function suppressFunnelStages<K extends string>(
  counts: Readonly<Record<K, number>>,
  order: readonly K[],
  min = 5,
): Record<K, number | null> {
  const out = {} as Record<K, number | null>;
  const shown: number[] = [];
  for (const stage of order) {
    const n = counts[stage];
    const tooClose = shown.some((s) => s !== n && Math.abs(s - n) < min);
    if (n < min || tooClose) out[stage] = null;
    else {
      out[stage] = n;
      shown.push(n);
    }
  }
  return out;
}

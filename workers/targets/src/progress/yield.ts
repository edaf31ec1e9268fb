import { type Achievement, achievement } from "@jangkau/shared/domain/index";
import type { EventStatus } from "@jangkau/shared/schema/enums";

/** What an event delivered for what it cost: the manager's "which events deliver". */
export interface EventYieldInput {
  status: EventStatus;
  signups: number;
  attendance: number | null;
  actualCost: number | null;
  targetSignups: number;
}

export interface EventYield {
  signups: number;
  /** Rupiah per live sign-up; null without a reported cost or without sign-ups. */
  costPerSignup: number | null;
  /** Sign-ups per person attending; null without a reported attendance. */
  signupsPerAttendee: number | null;
  achievement: Achievement | null;
  /** Held or reported: only these are ranked (a planned event has yielded nothing yet). */
  ranked: boolean;
}

export const RANK_BY = ["signups", "cost_per_signup", "signups_per_attendee"] as const;
export type RankBy = (typeof RANK_BY)[number];

export function eventYield(e: EventYieldInput): EventYield {
  return {
    signups: e.signups,
    costPerSignup: e.actualCost != null && e.signups > 0 ? Math.round(e.actualCost / e.signups) : null,
    signupsPerAttendee:
      e.attendance != null && e.attendance > 0 ? Math.round((e.signups / e.attendance) * 100) / 100 : null,
    achievement: e.targetSignups > 0 ? achievement(e.signups, e.targetSignups) : null,
    ranked: e.status === "held" || e.status === "reported",
  };
}

const metric = (y: EventYield, by: RankBy): number | null =>
  by === "signups" ? y.signups : by === "cost_per_signup" ? y.costPerSignup : y.signupsPerAttendee;

/**
 * The best and the worst `n` held events by a yield measure. A lower cost per sign-up is
 * better; events without the measure (no cost reported, no attendance) are left out.
 */
export function rankEvents<T extends { yield: EventYield }>(
  events: readonly T[],
  by: RankBy,
  n = 5,
): { best: T[]; worst: T[] } {
  const lowerIsBetter = by === "cost_per_signup";
  const ranked = events
    .filter((e) => e.yield.ranked && metric(e.yield, by) !== null)
    .sort((a, b) => {
      const d = (metric(b.yield, by) as number) - (metric(a.yield, by) as number);
      return lowerIsBetter ? -d : d;
    });
  const best = ranked.slice(0, n);
  const worst = ranked
    .slice(Math.max(n, ranked.length - n))
    .reverse()
    .filter((e) => !best.includes(e));
  return { best, worst };
}

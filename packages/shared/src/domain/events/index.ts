/**
 * Rules of outreach events and campaigns: which status may follow which, when an event may
 * be reported or take sign-ups, and how an event's yield is measured. Pure — used by the
 * campaigns worker, the enrolment worker (sign-ups) and the SPA alike.
 */
import type { CAMPAIGN_STATUSES, EventStatus } from "../../schema/enums.ts";

export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

/**
 * Allowed status changes of an event: planned → confirmed → held → reported; planned or
 * confirmed may be cancelled (with a reason); a confirmed event may go back to planned.
 * Reported and cancelled are final.
 */
export const EVENT_TRANSITIONS: Readonly<Record<EventStatus, readonly EventStatus[]>> = {
  planned: ["confirmed", "cancelled"],
  confirmed: ["held", "planned", "cancelled"],
  held: ["reported"],
  reported: [],
  cancelled: [],
};

/** True when an event in status `from` may move to `to`. */
export function canTransition(from: EventStatus, to: EventStatus): boolean {
  return EVENT_TRANSITIONS[from].includes(to);
}

/** Campaigns: draft → active → closed; a draft may also be closed without running. */
export const CAMPAIGN_TRANSITIONS: Readonly<Record<CampaignStatus, readonly CampaignStatus[]>> = {
  draft: ["active", "closed"],
  active: ["closed"],
  closed: [],
};

export function canTransitionCampaign(from: CampaignStatus, to: CampaignStatus): boolean {
  return CAMPAIGN_TRANSITIONS[from].includes(to);
}

/** Status changes that belong to the people who hold the event (staff may make them). */
export const REPORTING_STATUSES: readonly EventStatus[] = ["held", "reported"];

/** A rule broken, naming the field it concerns — ready to become a `details.issues[]` entry. */
export interface RuleIssue {
  path: string;
  code: string;
  message: string;
}

/** An event's end must come strictly after its start (both UTC ISO instants). */
export function eventWindowIssue(startsAt: string, endsAt: string): RuleIssue | null {
  if (Date.parse(endsAt) > Date.parse(startsAt)) return null;
  return {
    path: "endLocal",
    code: "end_not_after_start",
    message: "Waktu selesai harus sesudah waktu mulai.",
  };
}

/**
 * What is still missing before an event may be marked reported: the attendance count and
 * the minutes (notulen). An empty list means it is ready.
 */
export function reportReadiness(event: {
  attendance: number | null | undefined;
  minutes: string | null | undefined;
}): RuleIssue[] {
  const missing: RuleIssue[] = [];
  if (event.attendance == null) {
    missing.push({
      path: "attendance",
      code: "attendance_required",
      message: "Jumlah hadir wajib diisi sebelum kegiatan dilaporkan.",
    });
  }
  if (!event.minutes?.trim()) {
    missing.push({
      path: "minutes",
      code: "minutes_required",
      message: "Notulen wajib diisi sebelum kegiatan dilaporkan.",
    });
  }
  return missing;
}

export type SignupWindow = { ok: true } | { ok: false; code: "event_cancelled"; message: string };

/**
 * May sign-ups be recorded against this event? Not on a cancelled one. Reported events stay
 * open: tablets that synced late still bring sign-ups made at the event.
 */
export function canRecordSignups(event: { status: EventStatus }): SignupWindow {
  if (event.status === "cancelled") {
    return {
      ok: false,
      code: "event_cancelled",
      message: "Kegiatan dibatalkan; tidak menerima pendaftaran.",
    };
  }
  return { ok: true };
}

export interface EventYield {
  /** Live sign-ups (recorded + verified + registered). */
  signups: number;
  targetSignups: number;
  /** Sign-ups against target; null without a target. */
  achievement: number | null;
  /** Rupiah per sign-up, from the actual cost once known, else the planned budget. */
  costPerSignup: number | null;
  costBasis: "actual" | "planned" | null;
  /** Sign-ups per person who attended; null until attendance is recorded. */
  signupsPerAttendee: number | null;
}

/** What an event produced, measured against its plan. Ratios are null when undefined. */
export function eventYield(
  event: {
    targetSignups: number;
    attendance: number | null;
    actualCost: number | null;
    plannedBudget: number;
  },
  signups: number,
): EventYield {
  const costBasis = event.actualCost != null ? "actual" : event.plannedBudget > 0 ? "planned" : null;
  const cost = event.actualCost ?? (event.plannedBudget > 0 ? event.plannedBudget : null);
  return {
    signups,
    targetSignups: event.targetSignups,
    achievement: event.targetSignups > 0 ? signups / event.targetSignups : null,
    costPerSignup: cost != null && signups > 0 ? Math.round(cost / signups) : null,
    costBasis: signups > 0 ? costBasis : null,
    signupsPerAttendee: event.attendance && event.attendance > 0 ? signups / event.attendance : null,
  };
}

/** Counts below this are not shown to partners. */
export const PARTNER_MIN_CELL = 5;

export interface SuppressedCell {
  key: string;
  count: number;
}

/**
 * A breakdown safe for a partner view: every cell below `min` is folded into one "other"
 * cell (`key: "other"`); if that cell is itself below `min` (so it could be worked out from
 * the total), the smallest shown cells join it until it is not. Returns the shown cells,
 * largest first, and the "other" count (null when nothing was folded) — `otherCount` is
 * null too when everything is small, and then nothing at all is shown.
 */
export function suppressSmallCells(
  cells: readonly SuppressedCell[],
  min = PARTNER_MIN_CELL,
): { cells: SuppressedCell[]; other: number | null } {
  const sorted = cells.filter((c) => c.count > 0).sort((a, b) => b.count - a.count);
  const shown = sorted.filter((c) => c.count >= min);
  let other = sorted.filter((c) => c.count < min).reduce((n, c) => n + c.count, 0);
  while (other > 0 && other < min && shown.length > 0) {
    other += shown.pop()?.count ?? 0;
  }
  if (other > 0 && other < min) return { cells: [], other: null };
  return { cells: shown, other: other > 0 ? other : null };
}

/** A single count for a partner view: null (shown as "< 5") when between 1 and the threshold. */
export function partnerCount(n: number, min = PARTNER_MIN_CELL): number | null {
  return n === 0 || n >= min ? n : null;
}

import type { Db } from "@jangkau/shared/db/index";
import { addMonths, compareIso, isIsoDate } from "@jangkau/shared/domain/calendar/index";
import {
  type ContributionBreakdown,
  type ContributionRuleSet,
  computeContribution,
  type DiscountRule,
  type Payer,
  paymentStanding,
  sectorForOccupation,
} from "@jangkau/shared/domain/contribution/index";
import { isDomainError } from "@jangkau/shared/domain/errors";
import { participantStatus } from "@jangkau/shared/domain/retention/index";
import { dateInTimeZone } from "@jangkau/shared/domain/timezone/index";
import { loadRetentionFacts, RetentionDeltas, retentionAsOf } from "@jangkau/shared/rollups/retention";
import { discountFromRow, ruleSetFromRow } from "@jangkau/shared/schema/contributions/mapping";
import {
  contributionDiscounts,
  contributionRuleSets,
  contributions,
  followupTasks,
  partners,
} from "@jangkau/shared/schema/index";
import { inArray } from "drizzle-orm";
import {
  closeAsPaid,
  closeAsSuperseded,
  followupsDue,
  loadAssignees,
  loadOpenTasks,
  type SignupPaymentFacts,
  taskRows,
  tasksNoLongerDue,
} from "../followups/service.ts";

/**
 * Recording paid months: each entry — typed by staff or read from a branch's payment export —
 * is checked against the sign-up and the contribution rules, and the accepted ones are written
 * with their retention deltas and follow-up changes in one `db.batch()`.
 */

/** Months ahead of the current one that may be paid in advance. */
export const MAX_MONTHS_AHEAD = 12;

/** One paid month, as staff enter it or as an import row yields it. */
export interface ContributionEntry {
  participantId: string;
  month: string;
  amount: number;
  payer?: Payer | null;
  sponsorPartnerId?: string | null;
  /** Date the payment was made (`YYYY-MM-DD`); absent → not known (standing judged as of today). */
  paidAt?: string | null;
  /** Accept an amount that differs from the rules' expected amount, saying why. */
  overrideReason?: string | null;
}

/** Why an entry was not accepted. `status` is what the single-entry route answers with. */
export interface ContributionIssue {
  field: string;
  code: string;
  message: string;
  status: 404 | 409 | 422;
  details?: Record<string, unknown>;
}

export type EntryCheck =
  | {
      ok: true;
      row: typeof contributions.$inferInsert;
      expected: ContributionBreakdown;
      facts: SignupPaymentFacts;
    }
  | { ok: false; issue: ContributionIssue };

/** The rules as data, loaded once per request. */
export interface ContributionRules {
  rules: ContributionRuleSet[];
  discounts: DiscountRule[];
}

export async function loadContributionRules(db: Db): Promise<ContributionRules> {
  const [ruleRows, discountRows] = await Promise.all([
    db.select().from(contributionRuleSets),
    db.select().from(contributionDiscounts),
  ]);
  return { rules: ruleRows.map(ruleSetFromRow), discounts: discountRows.map(discountFromRow) };
}

/** Partners that exist among these ids. */
export async function knownPartners(
  db: Db,
  ids: readonly (string | null | undefined)[],
): Promise<Set<string>> {
  const wanted = [...new Set(ids.filter((id): id is string => typeof id === "string"))];
  if (wanted.length === 0) return new Set();
  const rows = await db.select({ id: partners.id }).from(partners).where(inArray(partners.id, wanted));
  return new Set(rows.map((r) => r.id));
}

/**
 * Who pays a month when the entry does not say: the sign-up's sponsor for the months of the
 * sponsorship (a paguyuban pays for as long as the member is in it), the worker otherwise.
 */
export function defaultPayer(
  f: SignupPaymentFacts,
  month: string,
): { payer: Payer; sponsorPartnerId: string | null } {
  if (f.payer === "paguyuban") return { payer: "paguyuban", sponsorPartnerId: f.sponsorPartnerId };
  if (f.payer === "self") return { payer: "self", sponsorPartnerId: null };
  const from = f.sponsoredFrom ?? f.signupMonth;
  const inPeriod =
    compareIso(month, from) >= 0 && (f.sponsoredUntil === null || compareIso(month, f.sponsoredUntil) <= 0);
  return inPeriod
    ? { payer: f.payer, sponsorPartnerId: f.sponsorPartnerId }
    : { payer: "self", sponsorPartnerId: null };
}

/**
 * What `month` costs this participant when `payer` pays it in `paidInMonth`: the rule set in
 * force, the sign-up's band and JHT choice, and PP 50/2025 by sector — withheld for APBN/APBD
 * payers and for a lapsed participant paying an old month.
 *
 * @throws ContributionError `no_rule_for_date`, `unknown_band`.
 */
export function expectedContribution(
  f: SignupPaymentFacts,
  p: {
    month: string;
    payer: Payer;
    paidInMonth: string;
    alsoPaid: readonly string[];
    rules: ContributionRules;
  },
): ContributionBreakdown {
  const standing = paymentStanding({
    signupMonth: f.signupMonth,
    otherPaidMonths: [...f.paidMonths, ...p.alsoPaid],
    month: p.month,
    paidInMonth: p.paidInMonth,
  });
  return computeContribution({
    rules: p.rules.rules,
    discounts: p.rules.discounts,
    month: p.month,
    bandCode: f.incomeBand,
    programmes: { jht: f.jht },
    sector: sectorForOccupation(f.occupation),
    payer: p.payer,
    standing,
  });
}

const issue = (
  status: ContributionIssue["status"],
  field: string,
  code: string,
  message: string,
  details?: Record<string, unknown>,
): EntryCheck => ({ ok: false, issue: { status, field, code, message, ...(details ? { details } : {}) } });

/**
 * Check one entry. `facts` is the participant's live sign-up in the caller's scope (undefined:
 * no such participant for this caller); `alsoPaid` holds months accepted earlier in the same
 * request, so a file paying one month twice is caught and standing sees the whole history.
 */
export function checkEntry(
  entry: ContributionEntry,
  facts: SignupPaymentFacts | undefined,
  ctx: {
    rules: ContributionRules;
    partnerIds: Set<string>;
    alsoPaid: readonly string[];
    now: Date;
    source: "manual" | "import";
    importBatchId?: string;
    recordedBy: string | null;
  },
): EntryCheck {
  if (!facts) {
    return issue(
      404,
      "participantId",
      "participant_not_found",
      "Peserta tidak ditemukan atau di luar wilayah kerja Anda.",
    );
  }
  const { month } = entry;
  if (compareIso(month, facts.signupMonth) < 0) {
    return issue(422, "month", "month_before_signup", "Bulan iuran sebelum bulan pendaftaran peserta.", {
      signupMonth: facts.signupMonth,
    });
  }
  const today = dateInTimeZone(ctx.now, facts.timeZone);
  const lastPayable = addMonths(today.slice(0, 7), MAX_MONTHS_AHEAD);
  if (compareIso(month, lastPayable) > 0) {
    return issue(
      422,
      "month",
      "month_too_far_ahead",
      `Iuran paling jauh dibayar ${MAX_MONTHS_AHEAD} bulan di muka.`,
      {
        lastPayableMonth: lastPayable,
      },
    );
  }
  if (facts.paidMonths.includes(month) || ctx.alsoPaid.includes(month)) {
    return issue(409, "month", "duplicate_month", "Iuran bulan ini sudah tercatat untuk peserta ini.", {
      month,
    });
  }
  if (entry.paidAt != null) {
    if (!isIsoDate(entry.paidAt)) {
      return issue(422, "paidAt", "invalid_date", "Tanggal bayar harus berformat YYYY-MM-DD.");
    }
    if (compareIso(entry.paidAt, today) > 0) {
      return issue(422, "paidAt", "paid_at_in_future", "Tanggal bayar tidak boleh setelah hari ini.");
    }
  }

  const fallback = defaultPayer(facts, month);
  const payer = entry.payer ?? fallback.payer;
  let sponsorPartnerId = entry.sponsorPartnerId ?? null;
  if (payer === "self" && sponsorPartnerId !== null) {
    return issue(
      422,
      "sponsorPartnerId",
      "sponsor_not_allowed",
      "Iuran mandiri tidak memiliki organisasi pembayar.",
    );
  }
  if (sponsorPartnerId === null && payer !== "self" && payer === facts.payer)
    sponsorPartnerId = facts.sponsorPartnerId;
  if (sponsorPartnerId !== null && !ctx.partnerIds.has(sponsorPartnerId)) {
    return issue(422, "sponsorPartnerId", "unknown_sponsor", "Organisasi pembayar tidak dikenal.");
  }

  let expected: ContributionBreakdown;
  try {
    expected = expectedContribution(facts, {
      month,
      payer,
      paidInMonth: (entry.paidAt ?? today).slice(0, 7),
      alsoPaid: ctx.alsoPaid,
      rules: ctx.rules,
    });
  } catch (err) {
    if (isDomainError(err)) {
      return issue(422, err.code === "no_rule_for_date" ? "month" : "incomeBand", err.code, err.message);
    }
    throw err;
  }

  const override = entry.overrideReason?.trim() || null;
  if (entry.amount !== expected.total && override === null) {
    return issue(
      422,
      "amount",
      "amount_mismatch",
      `Jumlah tidak sesuai aturan iuran: seharusnya ${expected.total} rupiah untuk bulan ini.`,
      {
        expectedAmount: expected.total,
        discountId: expected.discountId,
        discountWithheld: expected.discountWithheld,
      },
    );
  }

  const at = ctx.now.toISOString();
  return {
    ok: true,
    expected,
    facts,
    row: {
      id: crypto.randomUUID(),
      participantId: facts.participantId,
      signupId: facts.signupId,
      month,
      payer,
      sponsorPartnerId,
      amount: entry.amount,
      expectedAmount: expected.total,
      amountOverrideReason: entry.amount === expected.total ? null : override,
      source: ctx.source,
      importBatchId: ctx.importBatchId ?? null,
      paidAt: entry.paidAt ?? null,
      recordedBy: ctx.recordedBy,
      createdAt: at,
      updatedAt: at,
    },
  };
}

/**
 * The writes for accepted entries, to put in one `db.batch()` with the caller's own rows
 * (audit, import batch): the contributions, the retention cells' deltas (when the rollup has
 * been built), and the follow-ups — calls the payments answered are closed as paid, calls the
 * new status needs are created.
 */
export async function contributionWrites(
  db: Db,
  accepted: readonly Extract<EntryCheck, { ok: true }>[],
  now: Date,
) {
  const statements = [];
  const rows = accepted.map((a) => a.row);
  for (let i = 0; i < rows.length; i += 100)
    statements.push(db.insert(contributions).values(rows.slice(i, i + 100)));

  const byParticipant = new Map<string, { facts: SignupPaymentFacts; months: string[] }>();
  for (const a of accepted) {
    const entry = byParticipant.get(a.facts.participantId) ?? { facts: a.facts, months: [] };
    entry.months.push(a.row.month);
    byParticipant.set(a.facts.participantId, entry);
  }
  const participantIds = [...byParticipant.keys()];

  const state = await retentionAsOf(db);
  if (state.rebuiltAt !== null) {
    const deltas = new RetentionDeltas(state.asOf);
    const before = await loadRetentionFacts(db, participantIds);
    for (const [id, facts] of before) {
      const added = byParticipant.get(id)?.months ?? [];
      deltas.change(facts, { ...facts, paidMonths: [...facts.paidMonths, ...added] });
    }
    statements.push(...deltas.statements(db));
  }

  // A call the payment answered (due before it, not after) is done and paid; a call that was
  // no longer due anyway (time overtook it since the last generation) is cancelled.
  const open = await loadOpenTasks(db, inArray(followupTasks.participantId, participantIds));
  const answered: string[] = [];
  const overtaken: string[] = [];
  const newTasks: { facts: SignupPaymentFacts; plans: ReturnType<typeof followupsDue> }[] = [];
  for (const { facts, months } of byParticipant.values()) {
    const dueBefore = new Set(followupsDue(facts, now).map((p) => `${p.kind}|${p.periodKey}`));
    const after = { ...facts, paidMonths: [...facts.paidMonths, ...months] };
    const plans = followupsDue(after, now);
    for (const t of tasksNoLongerDue(
      plans,
      open.filter((t) => t.participantId === facts.participantId),
    )) {
      (dueBefore.has(`${t.kind}|${t.periodKey}`) ? answered : overtaken).push(t.id);
    }
    if (plans.length) newTasks.push({ facts: after, plans });
  }
  if (answered.length) statements.push(closeAsPaid(db, answered, now));
  if (overtaken.length) statements.push(closeAsSuperseded(db, overtaken, now));
  if (newTasks.length) {
    const assignees = await loadAssignees(
      db,
      newTasks.map((t) => t.facts),
    );
    const taskInserts = newTasks.flatMap((t) =>
      taskRows(t.facts, t.plans, assignees.get(t.facts.signupId) ?? null, now),
    );
    for (let i = 0; i < taskInserts.length; i += 100) {
      statements.push(
        db
          .insert(followupTasks)
          .values(taskInserts.slice(i, i + 100))
          .onConflictDoNothing(),
      );
    }
  }
  return statements;
}

/** True when a failed batch broke the one-payment-per-month rule (a concurrent write of the same month). */
export function isDuplicateMonthViolation(err: unknown): boolean {
  const text =
    err instanceof Error ? `${err.message} ${String((err as { cause?: unknown }).cause ?? "")}` : "";
  return /UNIQUE constraint failed: contributions\.participant_id, contributions\.month/.test(text);
}

/**
 * A participant's payment status now, in their time zone: active / in arrears / lapsed (or
 * registered, never paid), paid through, sponsored until, and the follow-ups it calls for.
 */
export function paymentStatusNow(f: SignupPaymentFacts, now: Date) {
  const today = dateInTimeZone(now, f.timeZone);
  const month = today.slice(0, 7);
  const asOfMonth = compareIso(month, f.signupMonth) < 0 ? f.signupMonth : month;
  const status = participantStatus({
    signupMonth: f.signupMonth,
    paidMonths: f.paidMonths,
    asOfMonth,
    sponsoredUntil: f.sponsoredUntil,
    today,
  });
  return { asOfMonth, today, timeZone: f.timeZone, ...status, followupsDue: followupsDue(f, now) };
}

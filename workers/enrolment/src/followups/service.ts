import type { Db } from "@jangkau/shared/db/index";
import type { Payer } from "@jangkau/shared/domain/contribution/index";
import { type FollowupPlan, followupsFor } from "@jangkau/shared/domain/followups/index";
import { participantStatus } from "@jangkau/shared/domain/retention/index";
import { dateInTimeZone, type TimeZone } from "@jangkau/shared/domain/timezone/index";
import type { SignupStatus } from "@jangkau/shared/schema/enums";
import {
  contributions,
  eventStaff,
  followupTasks,
  participants,
  partners,
  signups,
  users,
} from "@jangkau/shared/schema/index";
import { and, asc, eq, inArray, ne, type SQL, sql } from "drizzle-orm";

/**
 * Follow-up tasks from payment status: which tasks a participant needs today, who calls them,
 * and the writes that bring the stored tasks in line — used by the daily generation and by
 * every contribution write (a payment closes the calls it answers in the same batch).
 */

/** What the follow-up rules need to know about one participant's live sign-up. */
export interface PaymentFacts {
  participantId: string;
  signupId: string;
  officeId: string;
  signupMonth: string;
  paidMonths: readonly string[];
  /** Last sponsored month (`YYYY-MM`), from the sign-up's sponsored-until date. */
  sponsoredUntil: string | null;
  timeZone: TimeZone;
  /** Calls start once the sign-up is registered (has a KPJ): before that nobody can pay. */
  signupStatus: SignupStatus;
}

/** `YYYY-MM` of a sponsorship date (or month); null when absent. */
export function sponsoredUntilMonth(value: string | null | undefined): string | null {
  return value && /^\d{4}-\d{2}/.test(value) ? value.slice(0, 7) : null;
}

/** The follow-ups a registered participant's payments call for at `now`, in their time zone. */
export function followupsDue(f: PaymentFacts, now: Date): FollowupPlan[] {
  if (f.signupStatus !== "registered") return [];
  const today = dateInTimeZone(now, f.timeZone);
  const asOfMonth = today.slice(0, 7);
  if (asOfMonth < f.signupMonth) return [];
  const status = participantStatus({
    signupMonth: f.signupMonth,
    paidMonths: f.paidMonths,
    asOfMonth,
    sponsoredUntil: f.sponsoredUntil,
    today,
  });
  return followupsFor({ status, signupMonth: f.signupMonth, asOfMonth, today });
}

export interface OpenTask {
  id: string;
  participantId: string;
  kind: string;
  periodKey: string;
}

/** Open tasks the current plans no longer call for. */
export function tasksNoLongerDue(plans: readonly FollowupPlan[], open: readonly OpenTask[]): OpenTask[] {
  const wanted = new Set(plans.map((p) => `${p.kind}|${p.periodKey}`));
  return open.filter((t) => !wanted.has(`${t.kind}|${t.periodKey}`));
}

/** What decides who calls a participant. */
export interface AssignmentFacts {
  participantId: string;
  signupId: string;
  officeId: string;
  eventId: string | null;
  recordedBy: string | null;
  payer: string;
  sponsorPartnerId: string | null;
}

/**
 * Who calls each participant: the coordinator of the paguyuban that pays their dues (a
 * partner user of that paguyuban); else the staff member who recorded the sign-up; else the
 * event's staff; else a staff member of the branch, spread by participant. `null` when the
 * branch has no staff — a manager assigns those.
 */
export async function loadAssignees(
  db: Db,
  list: readonly AssignmentFacts[],
): Promise<Map<string, string | null>> {
  const out = new Map<string, string | null>();
  if (list.length === 0) return out;
  const officeIds = [...new Set(list.map((f) => f.officeId))];
  const staff = await db
    .select({ id: users.id, officeId: users.officeId })
    .from(users)
    .where(and(eq(users.role, "staff"), eq(users.active, true), inArray(users.officeId, officeIds)))
    .orderBy(asc(users.id));
  const staffByOffice = new Map<string, string[]>();
  for (const s of staff) {
    if (s.officeId) staffByOffice.set(s.officeId, [...(staffByOffice.get(s.officeId) ?? []), s.id]);
  }
  const staffOffice = new Map(staff.map((s) => [s.id, s.officeId]));

  const eventIds = [...new Set(list.map((f) => f.eventId).filter((id): id is string => id !== null))];
  const eventStaffBy = new Map<string, string[]>();
  if (eventIds.length) {
    for (const es of await db
      .select()
      .from(eventStaff)
      .where(inArray(eventStaff.eventId, eventIds))
      .orderBy(asc(eventStaff.userId))) {
      eventStaffBy.set(es.eventId, [...(eventStaffBy.get(es.eventId) ?? []), es.userId]);
    }
  }

  const paguyubanIds = [
    ...new Set(
      list
        .filter((f) => f.payer === "paguyuban" && f.sponsorPartnerId)
        .map((f) => f.sponsorPartnerId as string),
    ),
  ];
  const coordinatorBy = new Map<string, string>();
  if (paguyubanIds.length) {
    const rows = await db
      .select({ userId: users.id, partnerId: users.partnerId })
      .from(users)
      .innerJoin(partners, eq(partners.id, users.partnerId))
      .where(
        and(
          inArray(users.partnerId, paguyubanIds),
          eq(users.role, "partner"),
          eq(users.active, true),
          inArray(partners.type, ["paguyuban", "koperasi"]),
        ),
      )
      .orderBy(asc(users.id));
    for (const r of rows)
      if (r.partnerId && !coordinatorBy.has(r.partnerId)) coordinatorBy.set(r.partnerId, r.userId);
  }

  for (const f of list) {
    const coordinator =
      f.payer === "paguyuban" && f.sponsorPartnerId ? coordinatorBy.get(f.sponsorPartnerId) : undefined;
    const recorder = f.recordedBy && staffOffice.get(f.recordedBy) === f.officeId ? f.recordedBy : undefined;
    const atEvent = (f.eventId ? (eventStaffBy.get(f.eventId) ?? []) : []).find(
      (id) => staffOffice.get(id) === f.officeId,
    );
    const branch = staffByOffice.get(f.officeId) ?? [];
    const spread = branch.length ? branch[spreadIndex(f.participantId, branch.length)] : undefined;
    out.set(f.signupId, coordinator ?? recorder ?? atEvent ?? spread ?? null);
  }
  return out;
}

/** A stable index in `[0, n)` from a UUID, so a branch's calls spread evenly over its staff. */
function spreadIndex(id: string, n: number): number {
  return Number.parseInt(id.replace(/-/g, "").slice(0, 8), 16) % n;
}

/** New task rows for plans, to insert with `onConflictDoNothing` (the unique key makes it idempotent). */
export function taskRows(
  f: PaymentFacts,
  plans: readonly FollowupPlan[],
  assigneeUserId: string | null,
  now: Date,
): (typeof followupTasks.$inferInsert)[] {
  const at = now.toISOString();
  return plans.map((p) => ({
    id: crypto.randomUUID(),
    participantId: f.participantId,
    signupId: f.signupId,
    officeId: f.officeId,
    kind: p.kind,
    periodKey: p.periodKey,
    dueDate: p.dueDate,
    assigneeUserId,
    status: "open" as const,
    createdAt: at,
    updatedAt: at,
  }));
}

/** A live sign-up as the payment rules see it: facts for status, assignment and expected amounts. */
export interface SignupPaymentFacts extends PaymentFacts, AssignmentFacts {
  occupation: string;
  incomeBand: string;
  jht: boolean;
  sponsoredFrom: string | null;
  payer: Payer;
}

/** The live sign-ups matching `where`, with their paid months. */
export async function loadPaymentFacts(db: Db, where: SQL | undefined): Promise<SignupPaymentFacts[]> {
  const rows = await db
    .select({
      participantId: signups.participantId,
      signupId: signups.id,
      officeId: signups.officeId,
      eventId: signups.eventId,
      recordedBy: signups.recordedBy,
      payer: signups.payer,
      sponsorPartnerId: signups.sponsorPartnerId,
      signupMonth: signups.signupMonth,
      sponsoredFrom: signups.sponsoredFrom,
      sponsoredUntil: signups.sponsoredUntil,
      occupation: signups.occupation,
      incomeBand: signups.incomeBand,
      jht: signups.jht,
      signupStatus: signups.status,
      timeZone: participants.timeZone,
    })
    .from(signups)
    .innerJoin(participants, eq(participants.id, signups.participantId))
    .where(and(ne(signups.status, "rejected"), where));
  const paid = new Map<string, string[]>();
  const ids = rows.map((r) => r.participantId);
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    for (const c of await db
      .select({ participantId: contributions.participantId, month: contributions.month })
      .from(contributions)
      .where(inArray(contributions.participantId, chunk))) {
      paid.set(c.participantId, [...(paid.get(c.participantId) ?? []), c.month]);
    }
  }
  return rows.map((r) => ({
    ...r,
    sponsoredFrom: sponsoredUntilMonth(r.sponsoredFrom),
    sponsoredUntil: sponsoredUntilMonth(r.sponsoredUntil),
    paidMonths: paid.get(r.participantId) ?? [],
  }));
}

/** Open tasks matching `where` (e.g. of some participants, or of some offices). */
export function loadOpenTasks(db: Db, where: SQL | undefined): Promise<OpenTask[]> {
  return db
    .select({
      id: followupTasks.id,
      participantId: followupTasks.participantId,
      kind: followupTasks.kind,
      periodKey: followupTasks.periodKey,
    })
    .from(followupTasks)
    .where(and(eq(followupTasks.status, "open"), where));
}

/** Close tasks a payment answered: done, outcome `paid`. */
export function closeAsPaid(db: Db, ids: readonly string[], now: Date) {
  const at = now.toISOString();
  return db
    .update(followupTasks)
    .set({ status: "done", outcome: "paid", outcomeAt: at, updatedAt: at })
    .where(and(inArray(followupTasks.id, [...ids]), eq(followupTasks.status, "open")));
}

/** Close tasks that time has overtaken (a reminder became arrears, arrears became a lapse). */
export function closeAsSuperseded(db: Db, ids: readonly string[], now: Date) {
  return db
    .update(followupTasks)
    .set({ status: "cancelled", updatedAt: now.toISOString() })
    .where(and(inArray(followupTasks.id, [...ids]), eq(followupTasks.status, "open")));
}

export interface GenerationReport {
  asOf: string;
  participants: number;
  created: Record<string, number>;
  superseded: number;
}

/**
 * Generate the follow-up tasks of every registered sign-up in `officeIds` (all offices when null)
 * as of `now`: insert the tasks the status calls for (once per participant, kind and period —
 * running it again creates nothing) and cancel open tasks it no longer calls for.
 */
export async function generateFollowups(
  db: Db,
  options: { officeIds: readonly string[] | null; now: Date },
): Promise<GenerationReport> {
  const { now } = options;
  const where = and(
    eq(signups.status, "registered"),
    options.officeIds === null ? undefined : inArray(signups.officeId, [...options.officeIds]),
  );
  if (options.officeIds !== null && options.officeIds.length === 0) {
    return { asOf: now.toISOString(), participants: 0, created: {}, superseded: 0 };
  }
  const facts = await loadPaymentFacts(db, where);
  // Open tasks of the offices, also of sign-ups no longer registered: those are cancelled below.
  const open = await loadOpenTasks(
    db,
    options.officeIds === null ? undefined : inArray(followupTasks.officeId, [...options.officeIds]),
  );
  const openBy = new Map<string, OpenTask[]>();
  for (const t of open) openBy.set(t.participantId, [...(openBy.get(t.participantId) ?? []), t]);
  const live = new Set(facts.map((f) => f.participantId));

  const due = facts.map((f) => ({ f, plans: followupsDue(f, now) }));
  const needAssignee = due.filter((d) => d.plans.length > 0).map((d) => d.f);
  const assignees = await loadAssignees(db, needAssignee);

  const rows: (typeof followupTasks.$inferInsert)[] = [];
  const superseded: string[] = [];
  for (const { f, plans } of due) {
    rows.push(...taskRows(f, plans, assignees.get(f.signupId) ?? null, now));
    superseded.push(...tasksNoLongerDue(plans, openBy.get(f.participantId) ?? []).map((t) => t.id));
  }
  for (const t of open) if (!live.has(t.participantId)) superseded.push(t.id);

  const created: Record<string, number> = {};
  for (let i = 0; i < rows.length; i += 100) {
    const inserted = await db
      .insert(followupTasks)
      .values(rows.slice(i, i + 100))
      .onConflictDoNothing()
      .returning({ kind: followupTasks.kind });
    for (const r of inserted) created[r.kind] = (created[r.kind] ?? 0) + 1;
  }
  for (let i = 0; i < superseded.length; i += 500) {
    await closeAsSuperseded(db, superseded.slice(i, i + 500), now);
  }
  return { asOf: now.toISOString(), participants: facts.length, created, superseded: superseded.length };
}

/** Count of open tasks per assignee — for the managers' overview. */
export function openTaskCounts(db: Db, where: SQL | undefined) {
  return db
    .select({
      assigneeUserId: followupTasks.assigneeUserId,
      kind: followupTasks.kind,
      n: sql<number>`count(*)`,
    })
    .from(followupTasks)
    .where(and(eq(followupTasks.status, "open"), where))
    .groupBy(followupTasks.assigneeUserId, followupTasks.kind);
}

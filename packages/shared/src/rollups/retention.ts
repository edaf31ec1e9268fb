import { and, eq, inArray, ne, sql } from "drizzle-orm";
import type { Db } from "../db/index.ts";
import { compareIso, type YearMonth } from "../domain/calendar/index.ts";
import { monthInTimeZone, participantStatus, retainedAt } from "../domain/retention/index.ts";
import type { TimeZone } from "../domain/timezone/index.ts";
import { contributions } from "../schema/contributions/table.ts";
import type { SignupStatus } from "../schema/enums.ts";
import { eventPartners } from "../schema/events/table.ts";
import { offices } from "../schema/offices/table.ts";
import { participants } from "../schema/participants/table.ts";
import { retentionRollupState, rollupRetention } from "../schema/rollups/table.ts";
import { signups } from "../schema/signups/table.ts";

/**
 * Retention rollups: per scope and sign-up cohort month, how many signed up, were registered,
 * made a first payment, and were still paying 3, 6 and 12 months on — so the event page and
 * the dashboard show active participants produced, not forms filled.
 *
 * Cells: scope `national`, `office:<id>` (the branch and its regional office), `campaign:<id>`,
 * `event:<id>`; dim/key `total`/"", `occupation`, `payer` (who pays, at sign-up) and `partner`
 * (each partner of the event, and the sponsor — a sign-up with two partners counts under both,
 * so partner keys do not add up to the total).
 *
 * "Active" horizons and "active now" depend on the as-of instant kept in
 * `retention_rollup_state`: every write adds the difference its change makes (computed with
 * that same instant) in its own `db.batch()`, and {@link rebuildRetentionRollups} recomputes
 * everything from raw rows as of a new instant.
 */

export const RETENTION_HORIZONS = [3, 6, 12] as const;
export const RETENTION_DIMS = ["total", "occupation", "payer", "partner"] as const;
export type RetentionDim = (typeof RETENTION_DIMS)[number];
const STATE_ID = "retention";

/** What one sign-up contributes to the retention cells. */
export interface RetentionFacts {
  officePath: string[];
  campaignId: string | null;
  eventId: string | null;
  partnerIds: string[];
  occupation: string;
  payer: string;
  cohortMonth: YearMonth;
  signupStatus: SignupStatus;
  timeZone: TimeZone;
  /** Months paid, by anyone. */
  paidMonths: readonly YearMonth[];
}

export interface RetentionCounters {
  signedUp: number;
  registered: number;
  firstPayment: number;
  activeM3: number;
  activeM6: number;
  activeM12: number;
  activeNow: number;
  observedM3: number;
  observedM6: number;
  observedM12: number;
}

const COUNTER_KEYS = [
  "signedUp",
  "registered",
  "firstPayment",
  "activeM3",
  "activeM6",
  "activeM12",
  "activeNow",
  "observedM3",
  "observedM6",
  "observedM12",
] as const satisfies readonly (keyof RetentionCounters)[];

const zero = (): RetentionCounters => ({
  signedUp: 0,
  registered: 0,
  firstPayment: 0,
  activeM3: 0,
  activeM6: 0,
  activeM12: 0,
  activeNow: 0,
  observedM3: 0,
  observedM6: 0,
  observedM12: 0,
});

/**
 * One sign-up's counters as of `asOf`, from the domain rules: a rejected sign-up counts
 * nowhere; "active at k" is a payment for month `cohort + k` once that month has come
 * ({@link retainedAt}); "active now" is status `active` in the participant's current month.
 */
export function retentionCounters(f: RetentionFacts, asOf: Date | string): RetentionCounters {
  const c = zero();
  if (f.signupStatus === "rejected") return c;
  c.signedUp = 1;
  c.registered = f.signupStatus === "registered" ? 1 : 0;
  const paid = f.paidMonths.filter((m) => compareIso(m, f.cohortMonth) >= 0);
  c.firstPayment = paid.length > 0 ? 1 : 0;
  const asOfMonth = monthInTimeZone(asOf, f.timeZone);
  if (compareIso(asOfMonth, f.cohortMonth) < 0) return c;
  for (const k of RETENTION_HORIZONS) {
    const retained = retainedAt(f.cohortMonth, paid, k, asOfMonth);
    c[`observedM${k}`] = retained === null ? 0 : 1;
    c[`activeM${k}`] = retained ? 1 : 0;
  }
  const { status } = participantStatus({ signupMonth: f.cohortMonth, paidMonths: paid, asOfMonth });
  c.activeNow = status === "active" ? 1 : 0;
  return c;
}

function scopesOf(f: RetentionFacts): string[] {
  const scopes = ["national", ...f.officePath.map((id) => `office:${id}`)];
  if (f.campaignId) scopes.push(`campaign:${f.campaignId}`);
  if (f.eventId) scopes.push(`event:${f.eventId}`);
  return scopes;
}

function keysOf(f: RetentionFacts): [RetentionDim, string][] {
  return [
    ["total", ""],
    ["occupation", f.occupation],
    ["payer", f.payer],
    ...[...new Set(f.partnerIds)].map((id): [RetentionDim, string] => ["partner", id]),
  ];
}

type CellId = `${string}|${string}|${string}|${string}`;

/** Accumulates counter differences over many writes so each cell is upserted once per batch. */
export class RetentionDeltas {
  readonly cells = new Map<CellId, RetentionCounters>();

  constructor(readonly asOf: Date | string) {}

  private add(f: RetentionFacts, sign: 1 | -1) {
    const counters = retentionCounters(f, this.asOf);
    if (counters.signedUp === 0) return;
    for (const scope of scopesOf(f)) {
      for (const [dim, key] of keysOf(f)) {
        const id: CellId = `${scope}|${f.cohortMonth}|${dim}|${key}`;
        let cell = this.cells.get(id);
        if (!cell) {
          cell = zero();
          this.cells.set(id, cell);
        }
        for (const k of COUNTER_KEYS) cell[k] += sign * counters[k];
      }
    }
  }

  insert(f: RetentionFacts): this {
    this.add(f, 1);
    return this;
  }

  remove(f: RetentionFacts): this {
    this.add(f, -1);
    return this;
  }

  /** A change of payments, status or any dimension: out of the old cells, into the new. */
  change(before: RetentionFacts, after: RetentionFacts): this {
    this.add(before, -1);
    this.add(after, 1);
    return this;
  }

  /** Upserts for every non-zero cell, to append to the write's `db.batch()`. */
  statements(db: Db) {
    const out = [];
    for (const [id, d] of this.cells) {
      if (COUNTER_KEYS.every((k) => d[k] === 0)) continue;
      const [scope, cohortMonth, dim, key] = id.split("|") as [string, string, string, string];
      const set = Object.fromEntries(
        COUNTER_KEYS.map((k) => [k, sql`${rollupRetention[k]} + ${d[k]}`]),
      ) as Record<(typeof COUNTER_KEYS)[number], ReturnType<typeof sql>>;
      out.push(
        db
          .insert(rollupRetention)
          .values({ scope, cohortMonth, dim, key, ...d })
          .onConflictDoUpdate({
            target: [
              rollupRetention.scope,
              rollupRetention.cohortMonth,
              rollupRetention.dim,
              rollupRetention.key,
            ],
            set,
          }),
      );
    }
    return out;
  }
}

/** The instant the rollup is computed as of; "now" when it was never built. */
export async function retentionAsOf(db: Db): Promise<{ asOf: string; rebuiltAt: string | null }> {
  const [row] = await db.select().from(retentionRollupState).where(eq(retentionRollupState.id, STATE_ID));
  return row
    ? { asOf: row.asOf, rebuiltAt: row.rebuiltAt }
    : { asOf: new Date().toISOString(), rebuiltAt: null };
}

/**
 * Retention facts of the live (not rejected) sign-ups of these participants, with every paid
 * month — what a contribution write needs to compute its delta. Keyed by participant id.
 */
export async function loadRetentionFacts(
  db: Db,
  participantIds: readonly string[],
): Promise<Map<string, RetentionFacts & { signupId: string }>> {
  const out = new Map<string, RetentionFacts & { signupId: string }>();
  if (participantIds.length === 0) return out;
  const ids = [...new Set(participantIds)];
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const rows = await db
      .select({
        signupId: signups.id,
        participantId: signups.participantId,
        officeId: signups.officeId,
        parentOfficeId: offices.parentId,
        campaignId: signups.campaignId,
        eventId: signups.eventId,
        sponsorPartnerId: signups.sponsorPartnerId,
        occupation: signups.occupation,
        payer: signups.payer,
        cohortMonth: signups.signupMonth,
        status: signups.status,
        timeZone: participants.timeZone,
      })
      .from(signups)
      .innerJoin(participants, eq(participants.id, signups.participantId))
      .innerJoin(offices, eq(offices.id, signups.officeId))
      .where(and(inArray(signups.participantId, chunk), ne(signups.status, "rejected")));
    const eventIds = [...new Set(rows.map((r) => r.eventId).filter((id): id is string => id !== null))];
    const partnersByEvent = new Map<string, string[]>();
    if (eventIds.length) {
      for (const ep of await db
        .select()
        .from(eventPartners)
        .where(inArray(eventPartners.eventId, eventIds))) {
        partnersByEvent.set(ep.eventId, [...(partnersByEvent.get(ep.eventId) ?? []), ep.partnerId]);
      }
    }
    const paidByParticipant = new Map<string, string[]>();
    for (const c of await db
      .select({ participantId: contributions.participantId, month: contributions.month })
      .from(contributions)
      .where(inArray(contributions.participantId, chunk))) {
      paidByParticipant.set(c.participantId, [...(paidByParticipant.get(c.participantId) ?? []), c.month]);
    }
    for (const r of rows) {
      const partnerIds = [...(r.eventId ? (partnersByEvent.get(r.eventId) ?? []) : [])];
      if (r.sponsorPartnerId) partnerIds.push(r.sponsorPartnerId);
      out.set(r.participantId, {
        signupId: r.signupId,
        officePath: r.parentOfficeId ? [r.officeId, r.parentOfficeId] : [r.officeId],
        campaignId: r.campaignId,
        eventId: r.eventId,
        partnerIds,
        occupation: r.occupation,
        payer: r.payer,
        cohortMonth: r.cohortMonth,
        signupStatus: r.status,
        timeZone: r.timeZone,
        paidMonths: paidByParticipant.get(r.participantId) ?? [],
      });
    }
  }
  return out;
}

/**
 * Recompute every retention cell from the raw sign-ups and contributions, in SQL, as of `now`
 * (`npm run db:rebuild-retention`; also run by the follow-up job). The participant's current
 * month follows their time zone; month `cohort + k` is `strftime('%Y-%m', cohort || '-01',
 * '+k months')`. The API tests check this against the domain functions on the same rows.
 */
export async function rebuildRetentionRollups(db: Db, now: Date = new Date()): Promise<void> {
  const asOf = now.toISOString();
  const monthIn = (tz: TimeZone) => `'${monthInTimeZone(now, tz)}'`;
  const asOfMonth = `(case p.time_zone when 'WITA' then ${monthIn("WITA")} when 'WIT' then ${monthIn("WIT")} else ${monthIn("WIB")} end)`;
  const kMonth = (k: number) => `strftime('%Y-%m', s.signup_month || '-01', '+${k} months')`;
  const paidFor = (month: string) =>
    `exists (select 1 from contributions c where c.participant_id = s.participant_id and c.month = ${month})`;
  const horizonColumns = RETENTION_HORIZONS.map(
    (k) =>
      `(${kMonth(k)} <= f_as_of) as observed_m_${k}, (${kMonth(k)} <= f_as_of and ${paidFor(kMonth(k))}) as active_m_${k}`,
  ).join(",\n      ");
  // One row per live sign-up with its 0/1 counters, then grouped per scope and dimension.
  const facts = `
    select s.id as signup_id, s.office_id, o.parent_id, s.campaign_id, s.event_id, s.occupation, s.payer,
      s.signup_month as cohort,
      (s.status = 'registered') as registered,
      exists (select 1 from contributions c where c.participant_id = s.participant_id and c.month >= s.signup_month) as first_payment,
      ${horizonColumns},
      (f_as_of >= s.signup_month and ${paidFor("f_as_of")}) as active_now
    from (select s.*, ${asOfMonth} as f_as_of from signups s join participants p on p.id = s.participant_id
          where s.status <> 'rejected') s
    join offices o on o.id = s.office_id`;
  const scopes = [
    ["'national'", "1"],
    ["'office:' || f.office_id", "1"],
    ["'office:' || f.parent_id", "f.parent_id is not null"],
    ["'campaign:' || f.campaign_id", "f.campaign_id is not null"],
    ["'event:' || f.event_id", "f.event_id is not null"],
  ] as const;
  const partnerLinks = `
    select s.id as signup_id, ep.partner_id from signups s join event_partners ep on ep.event_id = s.event_id
    union
    select s.id, s.sponsor_partner_id from signups s where s.sponsor_partner_id is not null`;
  const dims = [
    ["total", "''", ""],
    ["occupation", "f.occupation", ""],
    ["payer", "f.payer", ""],
    ["partner", "pl.partner_id", "join temp.retention_partner_links pl on pl.signup_id = f.signup_id"],
  ] as const;
  // The per-sign-up facts and partner links are computed once into temporary tables (one
  // connection: the batch is one transaction), then grouped 20 ways.
  const statements = [
    sql`drop table if exists temp.retention_facts`,
    sql`drop table if exists temp.retention_partner_links`,
    sql.raw(`create temp table retention_facts as ${facts}`),
    sql.raw(`create temp table retention_partner_links as ${partnerLinks}`),
    sql`delete from rollup_retention`,
  ];
  for (const [scopeExpr, where] of scopes) {
    for (const [dim, keyExpr, join] of dims) {
      statements.push(
        sql.raw(`insert into rollup_retention (scope, cohort_month, dim, key, signed_up, registered, first_payment,
            active_m_3, active_m_6, active_m_12, active_now, observed_m_3, observed_m_6, observed_m_12)
          select ${scopeExpr}, f.cohort, '${dim}', ${keyExpr}, count(*), sum(f.registered), sum(f.first_payment),
            sum(f.active_m_3), sum(f.active_m_6), sum(f.active_m_12), sum(f.active_now),
            sum(f.observed_m_3), sum(f.observed_m_6), sum(f.observed_m_12)
          from temp.retention_facts f ${join}
          where ${where}
          group by 1, 2, 3, 4`),
      );
    }
  }
  statements.push(sql`drop table temp.retention_facts`, sql`drop table temp.retention_partner_links`);
  statements.push(
    sql`insert into retention_rollup_state (id, as_of, rebuilt_at) values (${STATE_ID}, ${asOf}, ${new Date().toISOString()})
        on conflict (id) do update set as_of = excluded.as_of, rebuilt_at = excluded.rebuilt_at`,
  );
  await db.batch(
    statements.map((s) => db.run(s)) as [ReturnType<typeof db.run>, ...ReturnType<typeof db.run>[]],
  );
}

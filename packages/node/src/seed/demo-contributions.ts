import type { Db } from "@jangkau/shared/db/index";
import { addMonths, compareIso, daysInMonth, parseYearMonth } from "@jangkau/shared/domain/calendar/index";
import type { Payer } from "@jangkau/shared/domain/contribution/index";
import { dateInTimeZone } from "@jangkau/shared/domain/timezone/index";
import type { Env } from "@jangkau/shared/env";
import { contributions, followupTasks, signups } from "@jangkau/shared/schema/index";
import { and, eq, inArray } from "drizzle-orm";
import {
  checkEntry,
  expectedContribution,
  knownPartners,
  loadContributionRules,
} from "../../../../workers/enrolment/src/contributions/service.ts";
import { runRetentionJob } from "../../../../workers/enrolment/src/followups/job.ts";
import {
  loadPaymentFacts,
  type SignupPaymentFacts,
} from "../../../../workers/enrolment/src/followups/service.ts";

/** A small seeded generator, so the demo is the same on every fresh database. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return { next, int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)) };
}

type Rng = ReturnType<typeof random>;

/** The months a registered participant paid, and who paid each, by the patterns the branches describe. */
function paymentHistory(f: SignupPaymentFacts, current: string, rng: Rng): { month: string; payer: Payer }[] {
  const months: { month: string; payer: Payer }[] = [];
  const span = (from: string, count: number, payer: Payer) => {
    for (let i = 0; i < count; i++) {
      const month = addMonths(from, i);
      if (compareIso(month, current) > 0) break;
      months.push({ month, payer });
    }
  };
  const elapsed = (from: string) => Math.max(0, monthsFrom(from, current) + 1);
  const r = rng.next();
  if (f.payer === "apbd" || f.payer === "csr") {
    // The sponsor pays every month of its programme (this month's payment may not be in yet)…
    const until = f.sponsoredUntil ?? current;
    const sponsoredMonths = Math.min(elapsed(f.signupMonth), monthsFrom(f.signupMonth, until) + 1);
    span(f.signupMonth, sponsoredMonths - (r < 0.3 ? 1 : 0), f.payer);
    // …and when it ends, some workers take over and most stop: the Blitar homework.
    if (compareIso(until, current) < 0 && r < 0.35)
      span(addMonths(until, 1), rng.int(1, elapsed(until)), "self");
    return months;
  }
  if (f.payer === "paguyuban") {
    // The paguyuban collects dues together: steady, now and then a month late.
    span(f.signupMonth, elapsed(f.signupMonth) - (r < 0.2 ? 1 : 0), "paguyuban");
    return months;
  }
  // Self-paid: many pay two or three months and stop; some keep paying; a few lapse and come back.
  if (r < 0.15) return months;
  if (r < 0.6) span(f.signupMonth, rng.int(1, 3), "self");
  else if (r < 0.85) span(f.signupMonth, elapsed(f.signupMonth) - (rng.next() < 0.3 ? 1 : 0), "self");
  else {
    const first = rng.int(1, 2);
    span(f.signupMonth, first, "self");
    span(addMonths(f.signupMonth, first + 4), rng.int(1, 3), "self");
  }
  return months;
}

function monthsFrom(from: string, to: string): number {
  const a = parseYearMonth(from);
  const b = parseYearMonth(to);
  return (b.year - a.year) * 12 + (b.month - a.month);
}

/**
 * Payment histories for the demo sign-ups that were registered (a KPJ exists), checked by the
 * same rules as the API (`checkEntry`: expected amounts with PP 50/2025 and the APBD
 * exclusion): Pemkot Madiun pays its APBD participants, the CSR sponsor pays its six months
 * and then most workers stop, the Pasar Legi paguyuban pays steadily, self-payers mostly pay a
 * few months and stop. Then the follow-ups are generated, a few calls already worked, and the
 * retention rollup is built. Works with no sign-ups at all.
 */
export async function seedDemoContributions(
  db: Db,
  _env: Env,
  now = new Date(),
): Promise<{ recorded: number }> {
  const rng = random(20_211_126);
  const registered = await db
    .select({ participantId: signups.participantId })
    .from(signups)
    .where(eq(signups.status, "registered"));
  const ids = registered.map((r) => r.participantId);
  const facts: SignupPaymentFacts[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    facts.push(...(await loadPaymentFacts(db, inArray(signups.participantId, ids.slice(i, i + 500)))));
  }
  const rules = await loadContributionRules(db);
  const partnerIds = await knownPartners(
    db,
    facts.map((f) => f.sponsorPartnerId),
  );

  const rows: (typeof contributions.$inferInsert)[] = [];
  for (const f of facts) {
    const today = dateInTimeZone(now, f.timeZone);
    const current = today.slice(0, 7);
    const paid: string[] = [];
    for (const { month, payer } of paymentHistory(f, current, rng)) {
      // Paid during the month (sponsors early in it), never after today.
      const { year, month: m } = parseYearMonth(month);
      const day = Math.min(payer === "self" ? rng.int(3, 27) : rng.int(2, 10), daysInMonth(year, m));
      let paidAt = `${month}-${String(day).padStart(2, "0")}`;
      if (compareIso(paidAt, today) > 0) paidAt = today;
      let amount: number;
      try {
        amount = expectedContribution(f, {
          month,
          payer,
          paidInMonth: paidAt.slice(0, 7),
          alsoPaid: paid,
          rules,
        }).total;
      } catch {
        continue;
      }
      const check = checkEntry({ participantId: f.participantId, month, amount, payer, paidAt }, f, {
        rules,
        partnerIds,
        alsoPaid: paid,
        now,
        source: payer === "self" ? "manual" : "import",
        recordedBy: null,
      });
      if (!check.ok) continue;
      paid.push(month);
      rows.push(check.row);
    }
  }
  for (let i = 0; i < rows.length; i += 200) await db.insert(contributions).values(rows.slice(i, i + 200));

  await runRetentionJob(db, now);

  // Some calls were already made this week: a few promises and a few numbers that did not answer.
  const open = await db
    .select({ id: followupTasks.id })
    .from(followupTasks)
    .where(and(eq(followupTasks.status, "open"), inArray(followupTasks.kind, ["arrears", "reactivation"])));
  const yesterday = new Date(now.getTime() - 86_400_000).toISOString();
  const promised = open.filter(() => rng.next() < 0.12).map((t) => t.id);
  const unreachable = open.filter((t) => !promised.includes(t.id) && rng.next() < 0.1).map((t) => t.id);
  if (promised.length) {
    await db
      .update(followupTasks)
      .set({ outcome: "promised", outcomeNote: "Janji bayar setelah panen/pasaran", outcomeAt: yesterday })
      .where(inArray(followupTasks.id, promised));
  }
  if (unreachable.length) {
    await db
      .update(followupTasks)
      .set({ outcome: "unreachable", outcomeNote: "Nomor tidak aktif", outcomeAt: yesterday })
      .where(inArray(followupTasks.id, unreachable));
  }
  return { recorded: rows.length };
}

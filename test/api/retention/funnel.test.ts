import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_IDS } from "../../../packages/node/src/seed/demo.ts";
import { addMonths, compareIso } from "../../../packages/shared/src/domain/calendar/index.ts";
import {
  cohortRetention,
  monthInTimeZone,
  participantStatus,
} from "../../../packages/shared/src/domain/retention/index.ts";
import type { TimeZone } from "../../../packages/shared/src/domain/timezone/index.ts";
import { rebuildRetentionRollups, retentionAsOf } from "../../../packages/shared/src/rollups/retention.ts";
import type { Payer } from "../../../packages/shared/src/schema/enums.ts";
import {
  contributions,
  eventPartners,
  offices,
  participants,
  signups,
} from "../../../packages/shared/src/schema/index.ts";
import { AS, createTestApp, type TestApp } from "../../support/app.ts";
import { insertSignups, type SignupFixture } from "../../support/signup-fixtures.ts";
import { expectedAmount, exportBody, insertPaidMonths, ok, participantsOf, thisMonth } from "./support.ts";

const E = DEMO_IDS.events;
const P = DEMO_IDS.partners;

/** Deterministic pseudo-random numbers (mulberry32), so a failure can be replayed. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

type Counters = Record<
  | "signedUp"
  | "registered"
  | "firstPayment"
  | "activeM3"
  | "activeM6"
  | "activeM12"
  | "activeNow"
  | "observedM3"
  | "observedM6"
  | "observedM12",
  number
>;
type Cohort = { cohortMonth: string } & Counters;
interface Group {
  key: string;
  funnel: Counters;
  cohorts: Cohort[];
  curve: { k: number; observed: number; retained: number; rate: number | null }[];
}

let t: TestApp;
let admin: string;
let staffBlitar: string;
const people: { participantId: string; signupId: string; signupMonth: string; occupation: string }[] = [];

/**
 * The funnel recomputed from the raw rows with the domain's own functions (participantStatus,
 * cohortRetention) — independent of the rollup's SQL and of its deltas.
 */
async function recomputeFunnel(
  scope: string,
  by: "total" | "occupation" | "payer" | "partner",
  asOf: string,
) {
  const rows = await t.db
    .select({ s: signups, p: participants })
    .from(signups)
    .innerJoin(participants, eq(participants.id, signups.participantId));
  const links = await t.db.select().from(eventPartners);
  const paid = await t.db
    .select({ participantId: contributions.participantId, month: contributions.month })
    .from(contributions);
  const parentOf = new Map((await t.db.select().from(offices)).map((o) => [o.id, o.parentId]));
  const paidBy = new Map<string, string[]>();
  for (const c of paid) paidBy.set(c.participantId, [...(paidBy.get(c.participantId) ?? []), c.month]);

  const groups = new Map<
    string,
    Map<string, { signupMonth: string; paidMonths: string[]; registered: boolean; tz: TimeZone }[]>
  >();
  for (const { s, p } of rows) {
    if (s.status === "rejected") continue;
    const inScope =
      scope === "national" ||
      scope === `office:${s.officeId}` ||
      scope === `office:${parentOf.get(s.officeId)}` ||
      scope === `campaign:${s.campaignId}` ||
      scope === `event:${s.eventId}`;
    if (!inScope) continue;
    let keys: string[];
    if (by === "total") keys = [""];
    else if (by === "occupation") keys = [s.occupation];
    else if (by === "payer") keys = [s.payer];
    else {
      keys = links.filter((l) => l.eventId === s.eventId).map((l) => l.partnerId);
      if (s.sponsorPartnerId) keys.push(s.sponsorPartnerId);
      keys = [...new Set(keys)];
    }
    const member = {
      signupMonth: s.signupMonth,
      paidMonths: (paidBy.get(s.participantId) ?? []).filter((m) => compareIso(m, s.signupMonth) >= 0),
      registered: s.status === "registered",
      tz: p.timeZone,
    };
    for (const key of keys) {
      const byCohort = groups.get(key) ?? new Map();
      byCohort.set(s.signupMonth, [...(byCohort.get(s.signupMonth) ?? []), member]);
      groups.set(key, byCohort);
    }
  }
  const out = new Map<string, Cohort[]>();
  for (const [key, byCohort] of groups) {
    const cohorts: Cohort[] = [];
    for (const [cohortMonth, members] of byCohort) {
      const asOfMonth = monthInTimeZone(asOf, members[0]?.tz ?? "WIB");
      const curve = cohortRetention(members, [3, 6, 12], asOfMonth);
      const at = (k: number) => curve.find((c) => c.k === k) as { observed: number; retained: number };
      cohorts.push({
        cohortMonth,
        signedUp: members.length,
        registered: members.filter((m) => m.registered).length,
        firstPayment: members.filter((m) => m.paidMonths.length > 0).length,
        activeM3: at(3).retained,
        activeM6: at(6).retained,
        activeM12: at(12).retained,
        observedM3: at(3).observed,
        observedM6: at(6).observed,
        observedM12: at(12).observed,
        activeNow:
          compareIso(asOfMonth, cohortMonth) < 0
            ? 0
            : members.filter(
                (m) =>
                  participantStatus({ signupMonth: m.signupMonth, paidMonths: m.paidMonths, asOfMonth })
                    .status === "active",
              ).length,
      });
    }
    out.set(
      key,
      cohorts.sort((a, b) => compareIso(a.cohortMonth, b.cohortMonth)),
    );
  }
  return out;
}

async function report(scope: string, by: string) {
  return ok<{ asOf: string; groups: Group[] }>(
    await t.request(`/api/enrolment/retention?scope=${encodeURIComponent(scope)}&by=${by}`, { token: admin }),
  );
}

const SCOPES = [
  "national",
  "office:kw-jatim",
  "office:kc-blitar",
  "office:kc-madiun",
  `campaign:${DEMO_IDS.campaigns.blitar}`,
  `event:${E.jemputBolaBlitar}`,
  `event:${E.jemputBolaTulungagung}`,
  `event:${E.sosialisasiMadiun}`,
] as const;
const DIMS = ["total", "occupation", "payer", "partner"] as const;

/** Every scope and breakdown of the API equals the recomputation, cohort by cohort. */
async function expectRollupEqualsRecomputation() {
  const { asOf } = await retentionAsOf(t.db);
  for (const scope of SCOPES) {
    for (const by of DIMS) {
      const api = await report(scope, by);
      const expected = await recomputeFunnel(scope, by, asOf);
      const actual = new Map(api.groups.map((g) => [g.key, g.cohorts]));
      expect(actual, `${scope} by ${by}`).toEqual(expected);
      for (const g of api.groups) {
        const sum = (k: keyof Counters) => g.cohorts.reduce((n, c) => n + c[k], 0);
        expect(g.funnel.signedUp).toBe(sum("signedUp"));
        expect(g.curve[1]).toMatchObject({ k: 3, observed: sum("observedM3"), retained: sum("activeM3") });
      }
    }
  }
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login(AS.admin);
  staffBlitar = await t.login(AS.staffBlitar);
  const rand = random(20211126);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)] as T;
  const fixtures: (SignupFixture & { paid: string[] })[] = [];
  for (let i = 0; i < 90; i++) {
    const signupMonth = addMonths(thisMonth(), -Math.floor(rand() * 15));
    const place = pick([
      { eventId: E.jemputBolaBlitar },
      { eventId: E.jemputBolaTulungagung },
      { eventId: E.sosialisasiMadiun },
      { officeId: "kc-blitar", campaignId: DEMO_IDS.campaigns.blitar, source: "paguyuban_list" as const },
    ]);
    const payer: Payer =
      place.eventId === E.sosialisasiMadiun
        ? pick(["apbd", "self"] as const)
        : pick(["self", "self", "csr", "paguyuban"] as const);
    const sponsorPartnerId =
      payer === "apbd"
        ? P.pemkotMadiun
        : payer === "csr"
          ? P.csrSumberMakmur
          : payer === "paguyuban"
            ? P.paguyubanPasarBlitar
            : null;
    // The Blitar pattern: pay a few months, then stop; some resume; some never pay.
    const firstRun = Math.floor(rand() * 6);
    const gap = rand() < 0.3 ? 4 + Math.floor(rand() * 3) : 0;
    const secondRun = gap ? Math.floor(rand() * 4) : 0;
    const paid: string[] = [];
    for (let m = 0; m < firstRun; m++) paid.push(addMonths(signupMonth, m));
    for (let m = 0; m < secondRun; m++) paid.push(addMonths(signupMonth, firstRun + gap + m));
    fixtures.push({
      ...place,
      signupMonth,
      occupation: pick(["pedagang", "ojek", "petani", "nelayan"]),
      payer,
      sponsorPartnerId,
      status: pick(["recorded", "verified", "registered", "registered", "rejected"] as const),
      kpj: `2601${String(i).padStart(7, "0")}`,
      paid: paid.filter((m) => compareIso(m, thisMonth()) <= 0),
    });
  }
  const signupIds = await insertSignups(t.db, t.env, fixtures);
  const participantIds = await participantsOf(t.db, signupIds);
  for (const [i, f] of fixtures.entries()) {
    people.push({
      participantId: participantIds[i] as string,
      signupId: signupIds[i] as string,
      signupMonth: f.signupMonth,
      occupation: f.occupation as string,
    });
  }
  await insertPaidMonths(
    t.db,
    fixtures.map((f, i) => ({
      participantId: participantIds[i] as string,
      signupId: signupIds[i] as string,
      months: f.paid,
    })),
  );
});

describe("retention funnel", () => {
  it("equals a recomputation from raw contributions after a rebuild, in every scope and breakdown", async () => {
    await rebuildRetentionRollups(t.db, new Date());
    await expectRollupEqualsRecomputation();
    const national = await report("national", "total");
    const total = national.groups[0] as Group;
    expect(total.funnel.signedUp).toBeGreaterThan(50);
    expect(total.funnel.firstPayment).toBeLessThan(total.funnel.signedUp);
  });

  it("stays equal when payments are recorded one by one and by import (deltas in the same batch)", async () => {
    const blitarPeople = await t.db
      .select({
        participantId: signups.participantId,
        kpj: participants.kpj,
        status: signups.status,
        officeId: signups.officeId,
      })
      .from(signups)
      .innerJoin(participants, eq(participants.id, signups.participantId));
    const paidNow = new Set(
      (await t.db.select().from(contributions))
        .filter((c) => c.month === thisMonth())
        .map((c) => c.participantId),
    );
    const open = people.filter((p) => {
      const row = blitarPeople.find((b) => b.participantId === p.participantId);
      return row?.status !== "rejected" && row?.officeId === "kc-blitar" && !paidNow.has(p.participantId);
    });
    expect(open.length).toBeGreaterThan(6);
    const month = thisMonth();
    for (const p of open.slice(0, 3)) {
      await ok(
        await t.request("/api/enrolment/contributions", {
          method: "POST",
          token: staffBlitar,
          json: { participantId: p.participantId, month, amount: expectedAmount(month, p.occupation) },
        }),
        201,
      );
    }
    const csv = [
      "kpj,bulan,jumlah",
      ...open.slice(3, 8).map((p) => {
        const kpj = blitarPeople.find((b) => b.participantId === p.participantId)?.kpj;
        return `${kpj},${month},${expectedAmount(month, p.occupation)}`;
      }),
    ].join("\n");
    const imported = await ok<{ recorded: number }>(
      await t.request("/api/enrolment/contributions/import", {
        method: "POST",
        token: staffBlitar,
        json: await exportBody("kc-blitar", csv),
      }),
      201,
    );
    expect(imported.recorded).toBe(5);
    await expectRollupEqualsRecomputation();

    const before = await report("office:kc-blitar", "occupation");
    const { asOf } = await retentionAsOf(t.db);
    await rebuildRetentionRollups(t.db, new Date(asOf));
    expect((await report("office:kc-blitar", "occupation")).groups).toEqual(before.groups);
  });
});

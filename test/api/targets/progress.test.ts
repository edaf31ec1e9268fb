import type { InStatement } from "@libsql/client";
import { eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { DEMO_IDS } from "../../../packages/node/src/seed/demo.ts";
import { dbFor } from "../../../packages/shared/src/db/index.ts";
import { events, rollupRetention } from "../../../packages/shared/src/schema/index.ts";
import { AS, createTestApp, type TestApp } from "../../support/app.ts";
import { insertSignups, type SignupFixture } from "../../support/signup-fixtures.ts";

/**
 * Drill-down numbers, region → branch → regency → campaign → event, from a known set of
 * sign-ups; and proof that a dashboard read touches rollup cells and small tables only.
 */
const E = DEMO_IDS.events;
const C = DEMO_IDS.campaigns;
// Demo events are placed relative to "now": fix it so they fall in 2026 (Blitar's jemput
// bola on 16 April, Tulungagung's on 16 May).
const NOW = new Date("2026-06-15T03:00:00Z");
const Q = "year=2026&asOf=2026-06";

let t: TestApp;
let token: string;

const many = (n: number, f: SignupFixture): SignupFixture[] => Array.from({ length: n }, () => ({ ...f }));

beforeAll(async () => {
  t = await createTestApp({ now: NOW });
  token = await t.login(AS.managerJatim);
  const res = await t.request("/api/targets", {
    method: "POST",
    token,
    json: {
      officeId: "kc-blitar",
      year: 2026,
      segment: "bpu",
      kind: "absolute",
      value: 15_030,
      monthlySplit: [900, 1000, 1100, 1200, 1300, 1300, 1300, 1350, 1400, 1450, 1400, 1330],
      regencySplit: { "35.72": 2_500, "35.05": 5_000, "35.04": 4_030, "35.03": 3_500 },
    },
  });
  expect(res.status).toBe(201);
  await insertSignups(t.db, t.env, [
    // Pasar Legi, Kota Blitar (35.72), April: 30 live, 4 rejected.
    ...many(18, { eventId: E.jemputBolaBlitar, signupMonth: "2026-04", occupation: "pedagang_pasar" }),
    ...many(5, {
      eventId: E.jemputBolaBlitar,
      signupMonth: "2026-04",
      occupation: "pedagang_pasar",
      payer: "paguyuban",
    }),
    ...many(7, {
      eventId: E.jemputBolaBlitar,
      signupMonth: "2026-04",
      occupation: "penjahit",
      status: "verified",
    }),
    ...many(4, { eventId: E.jemputBolaBlitar, signupMonth: "2026-04", status: "rejected" }),
    // TPI Popoh, Tulungagung (35.04), May: 12.
    ...many(12, { eventId: E.jemputBolaTulungagung, signupMonth: "2026-05", occupation: "nelayan" }),
    // A kelurahan list in Kab. Blitar (35.05), February, under the Blitar campaign: 8.
    ...many(8, {
      officeId: "kc-blitar",
      campaignId: C.blitar,
      regencyCode: "35.05",
      signupMonth: "2026-02",
      occupation: "petani",
      source: "kelurahan_list",
      status: "registered",
    }),
    // Madiun, elsewhere in Jawa Timur: 6 in June.
    ...many(6, { eventId: E.sosialisasiMadiun, signupMonth: "2026-06", payer: "apbd" }),
  ]);
});

async function get<T>(path: string, as = token): Promise<T> {
  const res = await t.request(path, { token: as });
  const text = await res.text();
  expect(res.status, text).toBe(200);
  return JSON.parse(text) as T;
}

type Pct = { percent: number; wholePercent?: number } | null;
interface Detail {
  target: { value: number } | null;
  derivedTarget: { value: number; reached: number; offices: number } | null;
  progress: {
    signups: number;
    reached: number;
    achievement: Pct;
    projection: number | null;
    gapPerMonth: number | null;
    monthly: { month: string; signups: number; reached: number | null; targetPath: number | null }[];
  };
  statuses: { recorded: number; verified: number; registered: number; rejected: number } | null;
  breakdowns: Record<string, { key: string; label: string; count: number }[]> | null;
  regencies: { code: string; name: string; target: number | null; signups: number; achievement: Pct }[];
  children: { office: { id: string }; target: { value: number } | null; progress: { reached: number } }[];
  campaigns: { id: string; signups: number; targetSignups: number; eventTargets: number }[];
  campaignTargetsTotal: number;
  events: {
    id: string;
    signups: number;
    yield: { costPerSignup: number | null; signupsPerAttendee: number | null };
  }[];
  ranking: { best: string[]; worst: string[] };
}

describe("branch: Blitar", () => {
  it("adds up sign-ups by month against the monthly plan", async () => {
    const d = await get<Detail>(`/api/targets/progress/offices/kc-blitar?${Q}`);
    expect(d.target?.value).toBe(15_030);
    expect(d.progress.signups).toBe(50);
    expect(d.progress.achievement?.percent).toBe(0.33);
    expect(d.progress.monthly.map((m) => m.signups)).toEqual([0, 8, 0, 30, 12, 0, 0, 0, 0, 0, 0, 0]);
    expect(d.progress.monthly.map((m) => m.reached)).toEqual([
      0,
      8,
      8,
      38,
      50,
      50,
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
    // The plan, cumulated: 900, 1,900, 3,000 … 15,030.
    expect(d.progress.monthly.slice(0, 3).map((m) => m.targetPath)).toEqual([900, 1_900, 3_000]);
    expect(d.progress.monthly[11]?.targetPath).toBe(15_030);
    expect(d.progress.projection).toBe(100);
    expect(d.progress.gapPerMonth).toBe(Math.ceil((15_030 - 50) / 6));
    expect(d.statuses).toEqual({ recorded: 35, verified: 7, registered: 8, rejected: 4 });
    expect(d.breakdowns?.occupation?.map((o) => [o.key, o.count])).toEqual([
      ["pedagang_pasar", 23],
      ["nelayan", 12],
      ["petani", 8],
      ["penjahit", 7],
    ]);
    expect(d.breakdowns?.occupation?.[0]?.label).toBe("Pedagang pasar");
    expect(d.breakdowns?.payer?.find((p) => p.key === "paguyuban")?.count).toBe(5);
    expect(d.breakdowns?.source?.map((s) => [s.key, s.count])).toEqual([
      ["event", 42],
      ["kelurahan_list", 8],
    ]);
  });

  it("covers each regency against its split", async () => {
    const d = await get<Detail>(`/api/targets/progress/offices/kc-blitar?${Q}`);
    expect(d.regencies.map((r) => [r.code, r.target, r.signups])).toEqual([
      ["35.03", 3_500, 0],
      ["35.04", 4_030, 12],
      ["35.05", 5_000, 8],
      ["35.72", 2_500, 30],
    ]);
    expect(d.regencies.find((r) => r.code === "35.72")?.achievement?.percent).toBe(1.2);
  });

  it("rolls up campaign and event targets and ranks events by yield", async () => {
    const d = await get<Detail>(`/api/targets/progress/offices/kc-blitar?${Q}`);
    expect(d.campaigns).toEqual([
      expect.objectContaining({ id: C.blitar, signups: 50, targetSignups: 350, eventTargets: 170 }),
    ]);
    expect(d.campaignTargetsTotal).toBe(350);
    const byId = new Map(d.events.map((e) => [e.id, e]));
    expect(byId.get(E.jemputBolaBlitar)).toMatchObject({
      signups: 30,
      yield: { costPerSignup: 240_000, signupsPerAttendee: 0.23 },
    });
    expect(byId.get(E.jemputBolaTulungagung)).toMatchObject({
      signups: 12,
      yield: { costPerSignup: 575_000, signupsPerAttendee: 0.14 },
    });
    expect(d.ranking.best).toEqual([E.jemputBolaBlitar, E.jemputBolaTulungagung]);

    // Cheaper per sign-up ranks first when ranked by cost; a planned event is never ranked.
    const cost = await get<Detail>(`/api/targets/progress/offices/kw-jatim?${Q}&rankBy=cost_per_signup`);
    expect(cost.ranking.best.slice(0, 2)).toEqual([E.jemputBolaBlitar, E.jemputBolaTulungagung]);
    expect(cost.ranking.best).not.toContain(E.sosialisasiMadiun);
  });

  it("drills into a regency: its sign-ups, its split, its events and campaigns", async () => {
    const d = await get<Detail & { regency: { code: string; name: string } }>(
      `/api/targets/progress/offices/kc-blitar?${Q}&regency=35.72`,
    );
    expect(d.regency).toEqual({ code: "35.72", name: "Kota Blitar" });
    expect(d.target?.value).toBe(15_030);
    expect(d.progress.signups).toBe(30);
    expect(d.progress.monthly[11]?.targetPath).toBe(2_500);
    expect(d.events.map((e) => e.id)).toEqual([E.jemputBolaBlitar]);
    expect(d.campaigns.map((c) => [c.id, c.signups])).toEqual([[C.blitar, 30]]);
    expect(d.breakdowns).toBeNull();
  });
});

describe("region: Jawa Timur", () => {
  it("lists its branches and sums their targets when it has none of its own", async () => {
    const d = await get<Detail>(`/api/targets/progress/offices/kw-jatim?${Q}`);
    expect(d.target).toBeNull();
    expect(d.progress.signups).toBe(56);
    expect(d.derivedTarget).toMatchObject({
      value: 15_030,
      reached: 50,
      offices: 1,
      projection: 100,
      gapPerMonth: Math.ceil((15_030 - 50) / 6),
    });
    const children = new Map(d.children.map((c) => [c.office.id, c]));
    expect([...children.keys()].sort()).toEqual(["kc-blitar", "kc-madiun", "kc-malang"]);
    expect(children.get("kc-blitar")?.progress.reached).toBe(50);
    expect(children.get("kc-madiun")?.progress.reached).toBe(6);
    expect(children.get("kc-madiun")?.target).toBeNull();
    expect(d.campaigns.map((c) => c.id).sort()).toEqual([C.blitar, C.madiun, C.malang].sort());
  });

  it("shows every office in scope on the overview, and nothing outside it", async () => {
    const o = await get<{ offices: { office: { id: string }; progress: { signups: number } }[] }>(
      `/api/targets/progress/offices?${Q}`,
    );
    expect(o.offices.map((x) => x.office.id).sort()).toEqual([
      "kc-blitar",
      "kc-madiun",
      "kc-malang",
      "kw-jatim",
    ]);
    expect(o.offices.find((x) => x.office.id === "kw-jatim")?.progress.signups).toBe(56);
  });
});

describe("active participants, once the retention job has counted them", () => {
  it("reads the retention cells of the office's cohorts beside the sign-ups", async () => {
    await t.db.insert(rollupRetention).values([
      {
        scope: "office:kc-blitar",
        cohortMonth: "2026-04",
        dim: "total",
        key: "",
        signedUp: 30,
        firstPayment: 22,
        activeNow: 17,
      },
      {
        scope: "office:kc-blitar",
        cohortMonth: "2026-05",
        dim: "total",
        key: "",
        signedUp: 12,
        firstPayment: 9,
        activeNow: 9,
      },
      // Another year's cohort and a breakdown cell are not summed in.
      {
        scope: "office:kc-blitar",
        cohortMonth: "2025-12",
        dim: "total",
        key: "",
        signedUp: 99,
        firstPayment: 99,
        activeNow: 99,
      },
      {
        scope: "office:kc-blitar",
        cohortMonth: "2026-04",
        dim: "payer",
        key: "self",
        signedUp: 25,
        firstPayment: 20,
        activeNow: 15,
      },
    ]);
    const d = await get<{ retention: { signedUp: number; firstPayment: number; activeNow: number } | null }>(
      `/api/targets/progress/offices/kc-blitar?${Q}`,
    );
    expect(d.retention).toEqual({ signedUp: 42, firstPayment: 31, activeNow: 26 });
    const madiun = await get<{ retention: unknown }>(`/api/targets/progress/offices/kc-madiun?${Q}`);
    expect(madiun.retention).toBeNull();
  });
});

describe("campaign and event", () => {
  it("follows a campaign against its target spread over its period", async () => {
    const d = await get<{
      campaign: { targetSignups: number };
      progress: Detail["progress"];
      eventTargets: number;
      breakdowns: { regency: { key: string; label: string; count: number }[] };
      events: { id: string; signups: number }[];
    }>(`/api/targets/progress/campaigns/${C.blitar}?${Q}`);
    expect(d.campaign.targetSignups).toBe(350);
    expect(d.progress.signups).toBe(50);
    expect(d.progress.monthly[11]?.targetPath).toBe(350);
    expect(d.eventTargets).toBe(170);
    expect(d.breakdowns.regency.map((r) => [r.key, r.label, r.count])).toEqual([
      ["35.72", "Kota Blitar", 30],
      ["35.04", "Kabupaten Tulungagung", 12],
      ["35.05", "Kabupaten Blitar", 8],
    ]);
    expect(d.events.map((e) => [e.id, e.signups])).toEqual([
      [E.jemputBolaBlitar, 30],
      [E.jemputBolaTulungagung, 12],
    ]);
  });

  it("shows an event's yield by status and breakdown", async () => {
    const d = await get<{
      statuses: Detail["statuses"];
      yield: { signups: number; costPerSignup: number; signupsPerAttendee: number };
      breakdowns: { payer: { key: string; count: number }[] };
      event: { partners: { name: string }[] };
    }>(`/api/targets/progress/events/${E.jemputBolaBlitar}`);
    expect(d.statuses).toEqual({ recorded: 23, verified: 7, registered: 0, rejected: 4 });
    expect(d.yield).toMatchObject({ signups: 30, costPerSignup: 240_000, signupsPerAttendee: 0.23 });
    expect(d.breakdowns.payer.map((p) => [p.key, p.count])).toEqual([
      ["self", 25],
      ["paguyuban", 5],
    ]);
    expect(d.event.partners.map((p) => p.name)).toContain("Paguyuban Pedagang Pasar Legi Blitar");
  });

  it("hides campaigns and events outside the caller's scope", async () => {
    const other = await t.login(AS.managerSumbagsel);
    const c = await t.request(`/api/targets/progress/campaigns/${C.blitar}`, { token: other });
    const e = await t.request(`/api/targets/progress/events/${E.jemputBolaBlitar}`, { token: other });
    expect([c.status, e.status]).toEqual([404, 404]);
  });
});

describe("a dashboard read touches rollup cells and small tables only", () => {
  const client = () => dbFor(t.env.TURSO_DATABASE_URL).$client;
  let restore: (() => void) | undefined;
  afterEach(() => restore?.());

  /** Record every statement the app's database client runs, and how many round trips. */
  function recordQueries() {
    const c = client();
    const execute = c.execute.bind(c);
    const batch = c.batch.bind(c);
    const log = { statements: [] as { sql: string; args: unknown }[], roundTrips: 0 };
    const keep = (s: InStatement) =>
      log.statements.push(typeof s === "string" ? { sql: s, args: [] } : { sql: s.sql, args: s.args });
    c.execute = ((s: InStatement) => {
      log.roundTrips += 1;
      keep(s);
      return execute(s);
    }) as typeof c.execute;
    c.batch = ((stmts: InStatement[], mode?: Parameters<typeof batch>[1]) => {
      log.roundTrips += 1;
      for (const s of stmts) keep(s);
      return batch(stmts, mode);
    }) as typeof c.batch;
    restore = () => {
      c.execute = execute;
      c.batch = batch;
    };
    return log;
  }

  async function plan(s: { sql: string; args: unknown }) {
    const rs = await t.db.$client.execute({
      sql: `EXPLAIN QUERY PLAN ${s.sql}`,
      args: s.args as never,
    });
    return rs.rows.map((r) => String(r.detail));
  }

  it.each([
    ["overview", `/api/targets/progress/offices?${Q}`, 2],
    ["office", `/api/targets/progress/offices/kw-jatim?${Q}`, 2],
    ["regency", `/api/targets/progress/offices/kc-blitar?${Q}&regency=35.72`, 2],
    ["campaign", `/api/targets/progress/campaigns/${C.blitar}?${Q}`, 3],
    ["event", `/api/targets/progress/events/${E.jemputBolaBlitar}`, 2],
  ])("%s", async (_name, path, maxRoundTrips) => {
    const log = recordQueries();
    await get(path);
    restore?.();
    expect(log.roundTrips).toBeLessThanOrEqual(maxRoundTrips);
    expect(log.statements.some((s) => s.sql.includes("rollup_cells"))).toBe(true);
    for (const s of log.statements) {
      expect(s.sql).not.toMatch(/["\s](signups|participants|contributions)["\s]/i);
      const details = await plan(s);
      // Every read of rollup_cells is an index search on its primary key, never a scan.
      for (const d of details.filter((x) => x.includes("rollup_cells"))) expect(d, s.sql).toMatch(/^SEARCH/);
    }
  });

  it("stays on the rollups when there are many sign-ups elsewhere", async () => {
    await insertSignups(
      t.db,
      t.env,
      many(300, { officeId: "kc-palembang", regencyCode: "16.71", signupMonth: "2026-03" }),
    );
    const [e] = await t.db.select().from(events).where(eq(events.id, E.jemputBolaBlitar));
    expect(e?.attendance).toBe(131);
    const log = recordQueries();
    const d = await get<Detail>(`/api/targets/progress/offices/kc-blitar?${Q}`);
    restore?.();
    expect(d.progress.signups).toBe(50);
    expect(log.statements.some((s) => /palembang/.test(JSON.stringify(s.args)))).toBe(false);
  });
});

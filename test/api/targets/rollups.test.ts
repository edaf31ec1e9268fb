import { execFile } from "node:child_process";
import { resolve } from "node:path";
import { promisify } from "node:util";
import { eq, inArray, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_IDS } from "../../../packages/node/src/seed/demo.ts";
import {
  RollupDeltas,
  rebuildSignupRollups,
  type SignupFacts,
} from "../../../packages/shared/src/rollups/signups.ts";
import type { Payer, SignupStatus } from "../../../packages/shared/src/schema/enums.ts";
import { offices, rollupCells, signups } from "../../../packages/shared/src/schema/index.ts";
import { createTestApp, type TestApp } from "../../support/app.ts";
import { insertSignups, type SignupFixture } from "../../support/signup-fixtures.ts";

const E = DEMO_IDS.events;
let t: TestApp;
let parents: Map<string, string | null>;

beforeAll(async () => {
  t = await createTestApp();
  parents = new Map((await t.db.select().from(offices)).map((o) => [o.id, o.parentId]));
});

type SignupRow = typeof signups.$inferSelect;

/** What a sign-up row contributes to the rollups — as the enrolment worker derives it. */
function factsOf(row: SignupRow): SignupFacts {
  const parent = parents.get(row.officeId);
  return {
    officePath: parent ? [row.officeId, parent] : [row.officeId],
    campaignId: row.campaignId,
    eventId: row.eventId,
    signupMonth: row.signupMonth,
    regencyCode: row.regencyCode,
    occupation: row.occupation,
    payer: row.payer,
    source: row.source,
    status: row.status,
  };
}

const cellKey = (c: { scope: string; month: string; dim: string; key: string }) =>
  `${c.scope}|${c.month}|${c.dim}|${c.key}`;

/** Non-zero cells as `key → "recorded,verified,registered,rejected"`. */
async function storedCells(): Promise<Map<string, string>> {
  const rows = await t.db.select().from(rollupCells);
  return new Map(
    rows
      .filter((r) => r.recorded || r.verified || r.registered || r.rejected)
      .map((r) => [cellKey(r), [r.recorded, r.verified, r.registered, r.rejected].join(",")]),
  );
}

/** An independent recount from the raw rows, in plain code (not the SQL of the rebuild). */
async function recount(): Promise<Map<string, string>> {
  const counts = new Map<string, number[]>();
  const order: SignupStatus[] = ["recorded", "verified", "registered", "rejected"];
  for (const row of await t.db.select().from(signups)) {
    const d = new RollupDeltas().insert(factsOf(row));
    for (const [key, delta] of d.cells) {
      const c = counts.get(key) ?? [0, 0, 0, 0];
      order.forEach((s, i) => {
        c[i] = (c[i] ?? 0) + delta[s];
      });
      counts.set(key, c);
    }
  }
  return new Map([...counts].filter(([, c]) => c.some((n) => n !== 0)).map(([k, c]) => [k, c.join(",")]));
}

/** Apply a change to some sign-ups the way a writer must: row updates and deltas in one batch. */
async function change(ids: string[], patch: (row: SignupRow) => Partial<SignupRow> | "delete") {
  const rows = await t.db.select().from(signups).where(inArray(signups.id, ids));
  const deltas = new RollupDeltas();
  const statements = [];
  for (const row of rows) {
    const next = patch(row);
    if (next === "delete") {
      deltas.remove(factsOf(row));
      statements.push(t.db.delete(signups).where(eq(signups.id, row.id)));
    } else {
      deltas.change(factsOf(row), factsOf({ ...row, ...next }));
      statements.push(
        t.db
          .update(signups)
          .set({ ...next, version: row.version + 1 })
          .where(eq(signups.id, row.id)),
      );
    }
  }
  statements.push(...deltas.statements(t.db));
  await t.db.batch(statements as [(typeof statements)[number], ...(typeof statements)[number][]]);
}

const occupations = ["pedagang_pasar", "becak", "nelayan", "petani", "guru_ngaji", "penjahit"];
const payers: Payer[] = ["self", "csr", "apbd", "paguyuban"];
const months = ["2025-11", "2025-12", "2026-01", "2026-02", "2026-03"];

describe("rollup cells equal a full recomputation from the raw sign-ups", () => {
  it("after inserts, status changes, rejections, edits and deletions", async () => {
    const fixtures: SignupFixture[] = [];
    const places: Partial<SignupFixture>[] = [
      { eventId: E.jemputBolaBlitar },
      { eventId: E.jemputBolaTulungagung },
      { eventId: E.sarasehanPalembang },
      { eventId: E.sosialisasiMadiun },
      { officeId: "kc-malang", campaignId: DEMO_IDS.campaigns.malang, regencyCode: "35.73" },
      { officeId: "kc-madiun", regencyCode: "35.77", source: "kelurahan_list", payer: "apbd" },
      { officeId: "kc-surakarta", regencyCode: null, source: "paguyuban_list" },
    ];
    for (let i = 0; i < 420; i++) {
      fixtures.push({
        ...(places[i % places.length] as SignupFixture),
        signupMonth: months[i % months.length] as string,
        occupation: occupations[i % occupations.length],
        payer: places[i % places.length]?.payer ?? payers[i % payers.length],
        status: i % 11 === 0 ? "verified" : "recorded",
      });
    }
    const ids = await insertSignups(t.db, t.env, fixtures);
    expect(await storedCells()).toEqual(await recount());

    // Verification, then registration of some of the verified.
    await change(ids.slice(0, 120), (r) => ({ status: r.status === "recorded" ? "verified" : "registered" }));
    await change(ids.slice(0, 40), () => ({ status: "registered" }));
    // Rejections after verification and validation (a duplicate, a formal worker…).
    await change(ids.slice(100, 150), () => ({ status: "rejected", rejectReason: "duplicate" }));
    // Corrections that move a sign-up between cells: occupation, payer, month, event.
    await change(ids.slice(150, 175), (r) => ({
      occupation: "marbot_takmir",
      payer: r.payer === "csr" ? "self" : "csr",
    }));
    await change(ids.slice(175, 185), () => ({ signupMonth: "2026-04" }));
    await change(ids.slice(185, 195), () => ({
      eventId: E.jemputBolaBlitar,
      campaignId: DEMO_IDS.campaigns.blitar,
      officeId: "kc-blitar",
      regencyCode: "35.72",
    }));
    // A rejected sign-up reinstated, and deletions (some live, some rejected).
    await change(ids.slice(100, 105), () => ({ status: "recorded", rejectReason: null }));
    await change(ids.slice(140, 160), () => "delete");
    await change(ids.slice(300, 320), () => "delete");

    const incremental = await storedCells();
    const expected = await recount();
    expect(incremental.size).toBeGreaterThan(500);
    expect(incremental).toEqual(expected);

    // The SQL rebuild (what `npm run db:rebuild-rollups` runs) lands on the same cells.
    await rebuildSignupRollups(t.db);
    expect(await storedCells()).toEqual(expected);

    // And the live totals add up across the hierarchy: national = Σ branches, region = Σ its branches.
    const [national] = await t.db
      .select({ n: sql<number>`sum(recorded + verified + registered)` })
      .from(rollupCells)
      .where(sql`${rollupCells.scope} = 'national' and ${rollupCells.dim} = 'total'`);
    const [raw] = await t.db
      .select({ n: sql<number>`count(*)` })
      .from(signups)
      .where(sql`${signups.status} <> 'rejected'`);
    expect(national?.n).toBe(raw?.n);
  }, 60_000);

  it("`npm run db:rebuild-rollups` repairs drifted cells and reports how many it changed", async () => {
    await insertSignups(t.db, t.env, [
      { eventId: E.jemputBolaBlitar, signupMonth: "2026-05" },
      { eventId: E.jemputBolaBlitar, signupMonth: "2026-05", status: "registered" },
    ]);
    const good = await storedCells();
    // Simulate drift: a counter bumped outside any batch, and a stray cell.
    await t.db.run(
      sql`update rollup_cells set recorded = recorded + 7 where scope = 'national' and dim = 'total'`,
    );
    await t.db
      .insert(rollupCells)
      .values({ scope: "office:kc-blitar", month: "1999-01", dim: "total", key: "", recorded: 3 });
    expect(await storedCells()).not.toEqual(good);

    const root = resolve(import.meta.dirname, "../../..");
    const { stdout } = await promisify(execFile)(
      resolve(root, "node_modules/.bin/tsx"),
      [resolve(root, "packages/node/src/cli/rebuild-rollups.ts")],
      {
        cwd: root,
        env: {
          ...process.env,
          DATABASE_URL: t.env.TURSO_DATABASE_URL,
          JWT_SECRET: t.env.JWT_SECRET,
          NIK_ENC_KEYS: t.env.NIK_ENC_KEYS,
          NIK_HMAC_KEY: t.env.NIK_HMAC_KEY,
          APP_ENV: "test",
        },
      },
    );
    const report = JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}") as {
      cells: number;
      changedCells: number;
    };
    expect(report.changedCells).toBeGreaterThanOrEqual(6);
    expect(report.cells).toBe(good.size);
    expect(await storedCells()).toEqual(good);
  }, 60_000);
});

import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_IDS } from "../../../packages/node/src/seed/demo.ts";
import { seedDemoSignups } from "../../../packages/node/src/seed/demo-signups.ts";
import { parseNik } from "../../../packages/shared/src/domain/nik/index.ts";
import { rebuildSignupRollups } from "../../../packages/shared/src/rollups/signups.ts";
import { events, participants, rollupCells, signups } from "../../../packages/shared/src/schema/index.ts";
import { nikVault } from "../../../packages/shared/src/security/nik-vault.ts";
import { createTestApp, type TestApp } from "../../support/app.ts";

let t: TestApp;
let seconds = 0;
beforeAll(async () => {
  t = await createTestApp();
  const started = performance.now();
  await seedDemoSignups(t.db, t.env);
  seconds = (performance.now() - started) / 1000;
}, 60_000);

describe("demo sign-ups", () => {
  it("records about 600 sign-ups through the service, quickly", async () => {
    const [row] = await t.db.select({ n: sql<number>`count(*)` }).from(signups);
    expect(row?.n).toBe(600);
    expect(seconds).toBeLessThan(8);
  });

  it("gives every participant a NIK from the regency of its event or list, agreeing with birth date and sex", async () => {
    const vault = nikVault(t.env.NIK_ENC_KEYS, t.env.NIK_HMAC_KEY);
    const rows = await t.db
      .select({
        cipher: participants.nikCipher,
        keyVersion: participants.nikKeyVersion,
        sex: participants.sex,
        birthDate: participants.birthDate,
        regency: signups.regencyCode,
        eventArea: events.areaCode,
      })
      .from(signups)
      .innerJoin(participants, eq(participants.id, signups.participantId))
      .leftJoin(events, eq(events.id, signups.eventId));
    for (const r of rows) {
      const parsed = parseNik(await vault.decrypt(r.cipher, r.keyVersion));
      expect(parsed.ok).toBe(true);
      if (!parsed.ok) continue;
      expect(parsed.regencyCode).toBe(r.regency);
      if (r.eventArea) expect(r.eventArea.startsWith(parsed.regencyCode)).toBe(true);
      expect(parsed.sex).toBe(r.sex);
      expect(parsed.birthDate).toBe(r.birthDate);
    }
  });

  it("follows the seeds: APBD in Madiun, CSR and paguyuban in Blitar, fitting occupations", async () => {
    const payers = await t.db
      .select({
        eventId: signups.eventId,
        source: signups.source,
        payer: signups.payer,
        n: sql<number>`count(*)`,
      })
      .from(signups)
      .groupBy(signups.eventId, signups.source, signups.payer);
    const of = (eventId: string | null, payer: string) =>
      payers.find((p) => p.eventId === eventId && p.payer === payer)?.n ?? 0;
    expect(of(null, "apbd")).toBeGreaterThan(150);
    expect(of(DEMO_IDS.events.jemputBolaBlitar, "csr")).toBeGreaterThan(30);
    expect(of(DEMO_IDS.events.jemputBolaBlitar, "paguyuban")).toBeGreaterThan(30);
    expect(of(DEMO_IDS.events.sarasehanPalembang, "self")).toBe(110);

    const csr = await t.db
      .select({ from: signups.sponsoredFrom, until: signups.sponsoredUntil })
      .from(signups)
      .where(eq(signups.payer, "csr"))
      .limit(1);
    const [from, until] = [csr[0]?.from ?? "", csr[0]?.until ?? ""];
    expect(
      Number(until.slice(5, 7)) -
        Number(from.slice(5, 7)) +
        12 * (Number(until.slice(0, 4)) - Number(from.slice(0, 4))),
    ).toBe(5);

    const tulungagung = await t.db
      .selectDistinct({ occupation: signups.occupation })
      .from(signups)
      .where(eq(signups.eventId, DEMO_IDS.events.jemputBolaTulungagung));
    expect(tulungagung.map((o) => o.occupation).sort()).toEqual(["buruh_tani", "nelayan", "petani"]);
  });

  it("spreads over past months with every status, and the rollups equal a recount", async () => {
    const months = await t.db.selectDistinct({ m: signups.signupMonth }).from(signups);
    expect(months.length).toBeGreaterThanOrEqual(8);
    const statuses = await t.db
      .select({ status: signups.status, n: sql<number>`count(*)` })
      .from(signups)
      .groupBy(signups.status);
    const n = Object.fromEntries(statuses.map((s) => [s.status, s.n]));
    expect(n.registered).toBeGreaterThan(250);
    expect(n.verified).toBeGreaterThan(50);
    expect(n.rejected).toBeGreaterThan(5);
    const withKpj = await t.db
      .select({ n: sql<number>`count(*)` })
      .from(participants)
      .where(sql`kpj is not null`);
    expect(withKpj[0]?.n).toBe(n.registered);

    const snapshot = async () =>
      (await t.db.select().from(rollupCells))
        .filter((c) => c.recorded || c.verified || c.registered || c.rejected)
        .map((c) => JSON.stringify(c))
        .sort();
    const incremental = await snapshot();
    await rebuildSignupRollups(t.db);
    expect(await snapshot()).toEqual(incremental);
  });
});

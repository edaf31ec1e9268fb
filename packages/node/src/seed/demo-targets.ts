import type { Db } from "@jangkau/shared/db/index";
import { dateInTimeZone, growthTarget } from "@jangkau/shared/domain/index";
import { baselines, targetSplits, targets } from "@jangkau/shared/schema/index";
import { DEMO_IDS } from "./demo.ts";

/** Fixed ids, so demo links and tests can point at a target. */
export const DEMO_TARGET_IDS = {
  blitar: "4f405162-5e05-4a0f-9a5e-000000000001",
  blitar2021: "4f405162-5e05-4a0f-9a5e-000000000002",
  malang: "4f405162-5e05-4a0f-9a5e-000000000003",
  malangPu: "4f405162-5e05-4a0f-9a5e-000000000004",
  sumbagsel: "4f405162-5e05-4a0f-9a5e-000000000005",
  palembang: "4f405162-5e05-4a0f-9a5e-000000000006",
  madiun: "4f405162-5e05-4a0f-9a5e-000000000007",
  surakarta: "4f405162-5e05-4a0f-9a5e-000000000008",
} as const;

/** Sumbagsel's BPU potential: the seed's "1.34 million", unrounded so 48,858 is its 3.63 %. */
export const SUMBAGSEL_POTENTIAL = 1_345_000;

/** Blitar's monthly plan: 15,030 over the year, heavier after the first quarter. */
export const BLITAR_MONTHLY_PLAN = [900, 1000, 1100, 1200, 1300, 1300, 1300, 1350, 1400, 1450, 1400, 1330];

/**
 * Targets and historical totals modelled on the seeds, for the current year:
 * - Malang: BPU +30 % over its 2019 total of 22,761 (→ 29,590), counted as a stock; the 2019
 *   PU (162,574 workers) and Jakon (33,479) totals, and a PU target of +7 % (the seed's 7–10 %).
 * - Blitar: an absolute 15,030 with a monthly plan and a split over its four regencies; its
 *   2020 total (2,150 in Kota/Kab Blitar + about 1,500 in Tulungagung and Trenggalek) and the
 *   17,189 of January–November 2021 imported as that year's total, with the 2021 target of
 *   15,030 — so the dashboard shows 2021 at 114 %.
 * - Sumbagsel (regional): 48,858 BPU participants at the start (3.63 % of 1,345,000), aiming at
 *   4.5 % coverage; Palembang a branch target under it.
 * - Madiun: 2,298 active BPU participants (August 2019) growing to 4,000; Surakarta 2,500.
 * Jawa Timur and Jawa Tengah & DIY have no target of their own: their branches' add up.
 */
export async function seedDemoTargets(db: Db, now = new Date()): Promise<void> {
  const year = Number(dateInTimeZone(now, "WIB").slice(0, 4));
  const T = DEMO_TARGET_IDS;
  const createdBy = DEMO_IDS.users.admin;
  const stamp = now.toISOString();
  const base = (
    officeId: string,
    y: number,
    segment: "bpu" | "pu" | "jakon",
    total: number,
    source: string,
  ) => ({
    id: crypto.randomUUID(),
    officeId,
    year: y,
    segment,
    regencyCode: "",
    total,
    source,
    createdAt: stamp,
    updatedAt: stamp,
  });
  await db
    .insert(baselines)
    .values([
      base("kc-malang", 2019, "bpu", 22_761, "MalangTIMES 2020: peserta BPU (mandiri) 2019"),
      base("kc-malang", 2019, "pu", 162_574, "MalangTIMES 2020: tenaga kerja dari 6.666 perusahaan aktif"),
      base("kc-malang", 2019, "jakon", 33_479, "MalangTIMES 2020: peserta jasa konstruksi"),
      base(
        "kc-blitar",
        2020,
        "bpu",
        3_650,
        "ANTARA 2021: 2.150 Kota/Kab Blitar + ±1.500 Tulungagung dan Trenggalek",
      ),
      base("kc-blitar", 2021, "bpu", 17_189, "Rekap Januari–November 2021 (sebelum memakai Jangkau)"),
      base(
        "kc-madiun",
        2019,
        "bpu",
        2_298,
        "ANTARA 2019: peserta BPU aktif Madiun dan Magetan per 22 Agustus",
      ),
      base("kw-sumbagsel", 2019, "bpu", 48_858, "ANTARA 2020: peserta BPU Sumbagsel"),
    ])
    .onConflictDoNothing();

  const target = (
    id: string,
    officeId: string,
    y: number,
    fields: Partial<typeof targets.$inferInsert> & { value: number },
  ): typeof targets.$inferInsert => ({
    id,
    officeId,
    year: y,
    segment: "bpu",
    kind: "absolute",
    createdBy,
    createdAt: stamp,
    updatedAt: stamp,
    ...fields,
  });
  await db
    .insert(targets)
    .values([
      target(T.blitar, "kc-blitar", year, { value: 15_030 }),
      target(T.blitar2021, "kc-blitar", 2021, { value: 15_030, baselineYear: 2020 }),
      target(T.malang, "kc-malang", year, {
        kind: "growth",
        growthBp: 3_000,
        baselineYear: 2019,
        value: growthTarget(22_761, 30),
        startingParticipants: 22_761,
      }),
      target(T.malangPu, "kc-malang", year, {
        segment: "pu",
        kind: "growth",
        growthBp: 700,
        baselineYear: 2019,
        value: growthTarget(162_574, 7),
        startingParticipants: 162_574,
      }),
      target(T.sumbagsel, "kw-sumbagsel", year, {
        value: Math.round(SUMBAGSEL_POTENTIAL * 0.045),
        baselineYear: 2019,
        potential: SUMBAGSEL_POTENTIAL,
        startingParticipants: 48_858,
      }),
      target(T.palembang, "kc-palembang", year, { value: 2_400 }),
      target(T.madiun, "kc-madiun", year, { value: 4_000, baselineYear: 2019, startingParticipants: 2_298 }),
      target(T.surakarta, "kc-surakarta", year, { value: 2_500 }),
    ])
    .onConflictDoNothing();

  await db
    .insert(targetSplits)
    .values([
      ...BLITAR_MONTHLY_PLAN.map((value, i) => ({
        targetId: T.blitar,
        dimension: "month" as const,
        key: String(i + 1).padStart(2, "0"),
        value,
      })),
      // Kota Blitar, Kab. Blitar, Tulungagung, Trenggalek.
      { targetId: T.blitar, dimension: "regency" as const, key: "35.72", value: 2_500 },
      { targetId: T.blitar, dimension: "regency" as const, key: "35.05", value: 5_000 },
      { targetId: T.blitar, dimension: "regency" as const, key: "35.04", value: 4_030 },
      { targetId: T.blitar, dimension: "regency" as const, key: "35.03", value: 3_500 },
    ])
    .onConflictDoNothing();
}

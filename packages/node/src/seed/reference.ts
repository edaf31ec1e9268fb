import type { Db } from "@jangkau/shared/db/index";
import { areas, officeRegencies, offices } from "@jangkau/shared/schema/index";
import { sql } from "drizzle-orm";
import { getDistricts, getProvinces, getRegencies, getVillages } from "idn-area-data";

type AreaRow = typeof areas.$inferInsert;

/**
 * Every Kemendagri area (38 provinces, 514 regencies/cities, 7,285 districts, 83,762
 * villages) from `idn-area-data`. Idempotent: existing codes are left alone.
 */
export async function loadAreas(db: Db): Promise<number> {
  const [{ n }] = (await db.select({ n: sql<number>`count(*)` }).from(areas)) as [{ n: number }];
  const [provinces, regencies, districts, villages] = await Promise.all([
    getProvinces(),
    getRegencies(),
    getDistricts(),
    getVillages(),
  ]);
  const total = provinces.length + regencies.length + districts.length + villages.length;
  if (n >= total) return 0;

  const rows: AreaRow[] = [
    ...provinces.map((p) => ({
      code: p.code,
      level: "province" as const,
      name: p.name,
      parentCode: null,
      provinceCode: p.code,
    })),
    ...regencies.map((r) => ({
      code: r.code,
      level: "regency" as const,
      name: r.name,
      parentCode: r.province_code,
      provinceCode: r.province_code,
    })),
    ...districts.map((d) => ({
      code: d.code,
      level: "district" as const,
      name: d.name,
      parentCode: d.regency_code,
      provinceCode: d.code.slice(0, 2),
    })),
    ...villages.map((v) => ({
      code: v.code,
      level: "village" as const,
      name: v.name,
      parentCode: v.district_code,
      provinceCode: v.code.slice(0, 2),
    })),
  ];
  // 5 columns × 1,000 rows stays under SQLite's 32,766 bound-parameter limit.
  const chunks = [];
  for (let i = 0; i < rows.length; i += 1000) {
    chunks.push(
      db
        .insert(areas)
        .values(rows.slice(i, i + 1000))
        .onConflictDoNothing(),
    );
  }
  await db.batch(chunks as [(typeof chunks)[number], ...(typeof chunks)[number][]]);
  return rows.length;
}

/** The offices named in DOMAIN.md: kantor wilayah → kantor cabang, and the regencies each covers. */
export const OFFICES = [
  {
    id: "kw-jatim",
    code: "KW-JATIM",
    kind: "regional",
    name: "Kantor Wilayah Jawa Timur",
    parentId: null,
    provinceCode: "35",
    regencies: [],
  },
  {
    id: "kw-jateng-diy",
    code: "KW-JATENG-DIY",
    kind: "regional",
    name: "Kantor Wilayah Jawa Tengah & DIY",
    parentId: null,
    provinceCode: "33",
    regencies: [],
  },
  {
    id: "kw-sumbagsel",
    code: "KW-SUMBAGSEL",
    kind: "regional",
    name: "Kantor Wilayah Sumbagsel",
    parentId: null,
    provinceCode: "16",
    regencies: [],
  },
  {
    id: "kc-malang",
    code: "KC-MALANG",
    kind: "branch",
    name: "Kantor Cabang Malang",
    parentId: "kw-jatim",
    provinceCode: "35",
    regencies: ["35.73", "35.07", "35.79"],
  },
  {
    id: "kc-madiun",
    code: "KC-MADIUN",
    kind: "branch",
    name: "Kantor Cabang Madiun",
    parentId: "kw-jatim",
    provinceCode: "35",
    regencies: ["35.77", "35.19", "35.20", "35.21", "35.02", "35.01"],
  },
  {
    id: "kc-blitar",
    code: "KC-BLITAR",
    kind: "branch",
    name: "Kantor Cabang Blitar",
    parentId: "kw-jatim",
    provinceCode: "35",
    regencies: ["35.72", "35.05", "35.04", "35.03"],
  },
  {
    id: "kc-surakarta",
    code: "KC-SURAKARTA",
    kind: "branch",
    name: "Kantor Cabang Surakarta",
    parentId: "kw-jateng-diy",
    provinceCode: "33",
    regencies: ["33.72", "33.11", "33.13"],
  },
  {
    id: "kc-palembang",
    code: "KC-PALEMBANG",
    kind: "branch",
    name: "Kantor Cabang Palembang",
    parentId: "kw-sumbagsel",
    provinceCode: "16",
    regencies: ["16.71", "16.07", "16.10"],
  },
] as const;

/** Offices and their regencies; idempotent. All five branches lie in WIB provinces. */
export async function loadOffices(db: Db): Promise<void> {
  await db
    .insert(offices)
    .values(OFFICES.map(({ regencies: _r, ...o }) => ({ ...o, timeZone: "WIB" as const })))
    .onConflictDoNothing();
  await db
    .insert(officeRegencies)
    .values(OFFICES.flatMap((o) => o.regencies.map((regencyCode) => ({ officeId: o.id, regencyCode }))))
    .onConflictDoNothing();
}

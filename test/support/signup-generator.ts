import { and, eq, like } from "drizzle-orm";
import type { Db } from "../../packages/shared/src/db/index.ts";
import { areas } from "../../packages/shared/src/schema/index.ts";
import type { SignupInput } from "../../packages/shared/src/schema/signups/validation.ts";

/** Where generated sign-ups come from: an event and the villages of the NIK's district. */
export interface SignupPlace {
  eventId: string;
  /** Six-digit district of issue, e.g. "357701" (Kecamatan Manguharjo, Kota Madiun). */
  district: string;
  /** Kemendagri village codes inside that district, e.g. "35.77.01.1001". */
  villages: readonly string[];
}

/** The village codes of a district (`"357701"` → `35.77.01.%`), as the areas table knows them. */
export async function villagesOf(db: Db, district: string): Promise<string[]> {
  const prefix = `${district.slice(0, 2)}.${district.slice(2, 4)}.${district.slice(4, 6)}.`;
  const rows = await db
    .select({ code: areas.code })
    .from(areas)
    .where(and(eq(areas.level, "village"), like(areas.code, `${prefix}%`)));
  if (rows.length === 0) throw new Error(`no villages under ${prefix}`);
  return rows.map((r) => r.code);
}

const OCCUPATIONS = ["becak", "ojek", "pedagang_keliling", "pedagang_pasar", "penjahit"] as const;
const GIVEN = { M: ["Slamet", "Bambang", "Joko", "Sugeng", "Heru"], F: ["Siti", "Sri", "Endang", "Lestari"] };
const FAMILY = ["Wibowo", "Santoso", "Rahayu", "Prasetyo", "Handayani"];
const DAY_MS = 86_400_000;
/** Serials per birth date: 0001–9999. */
const SERIALS = 9_999;

/**
 * Valid, distinct sign-ups for load and reliability runs: the n-th record gets a NIK issued
 * in the place's district whose birth date and sex agree with the person (women's day + 40),
 * a serial that cycles 0001–9999 and a birth date that moves on one day per cycle — so up
 * to tens of millions of records never share a NIK. Deterministic in `n` except for the
 * UUID and the times, which are "now".
 */
export function signupGenerator(place: SignupPlace, options: { start?: number } = {}) {
  let n = options.start ?? 0;
  const born0 = Date.UTC(1966, 0, 1);
  return function nextSignup(overrides: Partial<SignupInput> = {}): SignupInput {
    const i = n++;
    const sex: "M" | "F" = i % 2 === 0 ? "M" : "F";
    const birth = new Date(born0 + Math.floor(i / SERIALS) * DAY_MS);
    const birthDate = birth.toISOString().slice(0, 10);
    const dd = String(birth.getUTCDate() + (sex === "F" ? 40 : 0)).padStart(2, "0");
    const nik = `${place.district}${dd}${birthDate.slice(5, 7)}${birthDate.slice(2, 4)}${String((i % SERIALS) + 1).padStart(4, "0")}`;
    const now = Date.now();
    return {
      id: crypto.randomUUID(),
      eventId: place.eventId,
      nik,
      fullName: `${GIVEN[sex][i % GIVEN[sex].length]} ${FAMILY[(i >> 3) % FAMILY.length]}`,
      sex,
      birthDate,
      phone: `0812${String(10_000_000 + (i % 89_999_999)).slice(0, 8)}`,
      occupation: OCCUPATIONS[i % OCCUPATIONS.length] as (typeof OCCUPATIONS)[number],
      villageCode: place.villages[i % place.villages.length] as string,
      address: `RT ${String(1 + (i % 12)).padStart(2, "0")} RW ${String(1 + (i % 7)).padStart(2, "0")}`,
      incomeBand: "B01",
      jht: i % 10 === 0,
      payer: "self",
      consentGiven: true,
      consentVersion: "2026-07",
      consentAt: new Date(now - 120_000).toISOString(),
      recordedAt: new Date(now - 60_000).toISOString(),
      ...overrides,
    };
  };
}

/** Matches a NIK-shaped run of exactly 16 digits anywhere in a text. */
export const SIXTEEN_DIGITS = /(?<!\d)\d{16}(?!\d)/;

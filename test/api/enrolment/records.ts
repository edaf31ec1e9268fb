import { DEMO_IDS } from "../../../packages/node/src/seed/demo.ts";
import type { SignupInput } from "../../../packages/shared/src/schema/signups/validation.ts";

let serial = 0;

/** A valid NIK issued in Kartoharjo, Kota Madiun (35.77.01), unique within the test run. */
export function madiunNik(birth: { day: number; month: number; year: number }, sex: "M" | "F"): string {
  serial += 1;
  const dd = String(birth.day + (sex === "F" ? 40 : 0)).padStart(2, "0");
  const mm = String(birth.month).padStart(2, "0");
  const yy = String(birth.year % 100).padStart(2, "0");
  const rand = 1000 + ((process.pid * 7 + serial) % 8000);
  return `357701${dd}${mm}${yy}${String(rand).padStart(4, "0")}`;
}

/**
 * A sign-up at today's Madiun sosialisasi that passes every rule: APBD paid by Pemkot Madiun
 * for the year, a becak driver from Kelurahan Oro-oro Ombo. Each call has a new UUID and NIK.
 */
export function madiunRecord(overrides: Partial<SignupInput> & Record<string, unknown> = {}): SignupInput {
  const birth = { day: 5, month: 5, year: 1980 + (serial % 20) };
  const sex = serial % 2 === 0 ? "F" : "M";
  const nik = madiunNik(birth, sex);
  const now = new Date();
  const year = now.getUTCFullYear();
  return {
    id: crypto.randomUUID(),
    eventId: DEMO_IDS.events.sosialisasiMadiun,
    nik,
    fullName: sex === "F" ? "Sri Wahyuningsih" : "Slamet Riyadi",
    sex,
    birthDate: `${birth.year}-05-05`,
    phone: "0812-3456-7890",
    occupation: "becak",
    villageCode: "35.77.01.1001",
    address: "Jl. Salak RT 02 RW 03",
    incomeBand: "B01",
    jht: false,
    payer: "apbd",
    sponsorPartnerId: DEMO_IDS.partners.pemkotMadiun,
    sponsoredFrom: `${year}-01-01`,
    sponsoredUntil: `${year}-12-31`,
    consentGiven: true,
    consentVersion: "2026-07",
    consentAt: now.toISOString(),
    recordedAt: now.toISOString(),
    ...overrides,
  } as SignupInput;
}

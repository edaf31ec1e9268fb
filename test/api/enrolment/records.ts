import { expect } from "vitest";
import { DEMO_IDS } from "../../../packages/node/src/seed/demo.ts";
import type { SignupInput } from "../../../packages/shared/src/schema/signups/validation.ts";
import type { TestApp } from "../../support/app.ts";

let serial = 0;

/** A valid NIK issued in `district` (six digits, e.g. "357701"), unique within the test file. */
export function nikFor(district: string, birth: string, sex: "M" | "F"): string {
  serial += 1;
  const [y, m, d] = birth.split("-") as [string, string, string];
  const dd = String(Number(d) + (sex === "F" ? 40 : 0)).padStart(2, "0");
  return `${district}${dd}${m}${y.slice(2)}${String(1000 + serial).padStart(4, "0")}`;
}

function base(
  place: { district: string; village: string; eventId: string },
  overrides: Record<string, unknown>,
) {
  const n = serial + 1;
  const sex: "M" | "F" = n % 2 === 0 ? "F" : "M";
  const birthDate = `${1970 + (n % 30)}-0${1 + (n % 9)}-1${n % 10}`;
  const now = new Date().toISOString();
  return {
    id: crypto.randomUUID(),
    eventId: place.eventId,
    nik: nikFor(place.district, birthDate, sex),
    fullName: sex === "F" ? "Sri Wahyuningsih" : "Slamet Riyadi",
    sex,
    birthDate,
    phone: "0812-3456-7890",
    occupation: "becak",
    villageCode: place.village,
    address: "Jl. Salak RT 02 RW 03",
    incomeBand: "B01",
    jht: false,
    payer: "self",
    consentGiven: true,
    consentVersion: "2026-07",
    consentAt: now,
    recordedAt: now,
    ...overrides,
  } as SignupInput;
}

/**
 * A sign-up at today's Madiun sosialisasi that passes every rule: a becak driver from
 * Kelurahan Oro-oro Ombo, paid from the APBD by Pemkot Madiun for the year. A new UUID and
 * NIK on each call.
 */
export function madiunRecord(overrides: Record<string, unknown> = {}): SignupInput {
  const year = new Date().getUTCFullYear();
  return base(
    { district: "357701", village: "35.77.01.1001", eventId: DEMO_IDS.events.sosialisasiMadiun },
    {
      payer: "apbd",
      sponsorPartnerId: DEMO_IDS.partners.pemkotMadiun,
      sponsoredFrom: `${year}-01-01`,
      sponsoredUntil: `${year}-12-31`,
      ...overrides,
    },
  );
}

/** A self-paying market trader at the Pasar Legi event in Kota Blitar (staff: petugas.blitar). */
export function blitarRecord(overrides: Record<string, unknown> = {}): SignupInput {
  return base(
    { district: "357201", village: "35.72.01.1002", eventId: DEMO_IDS.events.jemputBolaBlitar },
    { occupation: "pedagang_pasar", ...overrides },
  );
}

export interface BatchResult {
  index: number;
  id: string | null;
  status: string;
  issues?: { path: string; code: string; message: string }[];
  warnings?: { path: string; code: string }[];
  duplicate?: {
    sameScope: boolean;
    signupDate: string;
    eventTitle?: string;
    signupId?: string;
    inBatchIndex?: number;
  };
  signup?: {
    id: string;
    participantId: string;
    nikMasked: string;
    status: string;
    monthlyContribution: number;
  };
}

/** POSTs a batch and returns its per-record results (asserting the 200). */
export async function postBatch(t: TestApp, token: string, records: unknown[]): Promise<BatchResult[]> {
  const res = await t.request("/api/enrolment/signups/batch", { method: "POST", token, json: { records } });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { results: BatchResult[] };
  return body.results;
}

export const errorOf = async (res: Response) =>
  ((await res.json()) as { error: { code: string; message: string; details?: Record<string, unknown> } })
    .error;

import { inArray } from "drizzle-orm";
import Papa from "papaparse";
import { expect } from "vitest";
import type { Db } from "../../../packages/shared/src/db/index.ts";
import { addMonths } from "../../../packages/shared/src/domain/calendar/index.ts";
import {
  BPU_CONTRIBUTION_RULES,
  computeContribution,
  type Payer,
  PP50_2025_DISCOUNTS,
  sectorForOccupation,
} from "../../../packages/shared/src/domain/contribution/index.ts";
import { monthInTimeZone } from "../../../packages/shared/src/domain/retention/index.ts";
import { contributions, signups } from "../../../packages/shared/src/schema/index.ts";
import { sha256Hex } from "../../../packages/shared/src/security/encoding.ts";

export interface ApiError {
  code: string;
  message: string;
  details?: { issues?: { path: string; code: string; message: string }[]; [k: string]: unknown };
}

export async function errorOf(res: Response, status: number, code: string): Promise<ApiError> {
  const text = await res.text();
  expect({ status: res.status, text }).toMatchObject({ status });
  const error = (JSON.parse(text) as { error: ApiError }).error;
  expect(error.code).toBe(code);
  return error;
}

export async function ok<T>(res: Response, status = 200): Promise<T> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return JSON.parse(text) as T;
}

/** The current month in WIB, and months relative to it, so tests hold whatever the date. */
export const thisMonth = () => monthInTimeZone(new Date(), "WIB");
export const monthsAgo = (n: number) => addMonths(thisMonth(), -n);

/** Participant id of each sign-up, in the same order. */
export async function participantsOf(db: Db, signupIds: readonly string[]): Promise<string[]> {
  const rows = await db
    .select({ id: signups.id, participantId: signups.participantId })
    .from(signups)
    .where(inArray(signups.id, [...signupIds]));
  const by = new Map(rows.map((r) => [r.id, r.participantId]));
  return signupIds.map((id) => by.get(id) as string);
}

/** Raw paid months, written straight to the table (setup for readers; the API has its own tests). */
export async function insertPaidMonths(
  db: Db,
  list: {
    participantId: string;
    signupId: string;
    months: readonly string[];
    payer?: Payer;
    amount?: number;
  }[],
) {
  const rows = list.flatMap((p) =>
    p.months.map((month) => ({
      id: crypto.randomUUID(),
      participantId: p.participantId,
      signupId: p.signupId,
      month,
      payer: p.payer ?? ("self" as const),
      amount: p.amount ?? 16_800,
      expectedAmount: p.amount ?? 16_800,
      source: "import" as const,
    })),
  );
  for (let i = 0; i < rows.length; i += 200) await db.insert(contributions).values(rows.slice(i, i + 200));
}

/** What the rules say a lowest-band month costs (the unit tests check the rules themselves). */
export function expectedAmount(month: string, occupation: string, payer: Payer = "self"): number {
  return computeContribution({
    rules: BPU_CONTRIBUTION_RULES,
    discounts: PP50_2025_DISCOUNTS,
    month,
    bandCode: "B01",
    sector: sectorForOccupation(occupation),
    payer,
    standing: "active",
  }).total;
}

/** A payment export as the SPA's list reader sends it: CSV text → headers and rows of cells. */
export async function exportBody(officeId: string, csv: string, extra: Record<string, unknown> = {}) {
  const parsed = Papa.parse<string[]>(csv.trim(), { header: false });
  const [headers = [], ...data] = parsed.data;
  return {
    officeId,
    fileName: "status-iuran.csv",
    fileHash: await sha256Hex(csv),
    headers,
    rows: data.map((cells, i) => ({ rowNumber: i + 2, cells })),
    ...extra,
  };
}

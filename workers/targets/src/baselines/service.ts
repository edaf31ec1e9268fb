import { auditEntry } from "@jangkau/shared/audit";
import { isAdmin, type Principal } from "@jangkau/shared/auth/permissions";
import type { Db } from "@jangkau/shared/db/index";
import { ConflictError, type FieldIssue, NotFoundError, ValidationError } from "@jangkau/shared/errors";
import type { AppEnv } from "@jangkau/shared/http/types";
import { baselines } from "@jangkau/shared/schema/index";
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Context } from "hono";
import { allOffices, assertOfficeInScope, currentMonth, type OfficeNode, subtree } from "../offices/tree.ts";
import { growthTargetRecomputations, regenciesOf, targetsRestingOn } from "../targets/service.ts";
import { type CsvRecord, type RowIssue, readBaselineCsv } from "./csv.ts";
import type { BaselineInput } from "./validation.ts";

type BaselineRow = typeof baselines.$inferSelect;

export function baselineView(row: BaselineRow) {
  return {
    id: row.id,
    officeId: row.officeId,
    year: row.year,
    segment: row.segment,
    regencyCode: row.regencyCode,
    total: row.total,
    source: row.source,
    updatedAt: row.updatedAt,
  };
}

export async function listBaselines(
  db: Db,
  p: Principal,
  filter: { officeId?: string; year?: number; segment?: BaselineRow["segment"] },
) {
  const rows = await db
    .select()
    .from(baselines)
    .where(
      and(
        isAdmin(p) ? undefined : inArray(baselines.officeId, p.officeIds.length ? p.officeIds : [""]),
        filter.officeId ? eq(baselines.officeId, filter.officeId) : undefined,
        filter.year ? eq(baselines.year, filter.year) : undefined,
        filter.segment ? eq(baselines.segment, filter.segment) : undefined,
      ),
    )
    .orderBy(
      asc(baselines.officeId),
      asc(baselines.year),
      asc(baselines.segment),
      asc(baselines.regencyCode),
    );
  return rows.map(baselineView);
}

/** Issues of one baseline beyond its shape: a future year, a regency the office does not cover. */
function baselineIssues(
  input: BaselineInput,
  regencies: ReadonlySet<string>,
  thisYear: number,
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (input.year > thisYear) {
    issues.push({
      path: "year",
      code: "baseline_in_future",
      message: "Data dasar adalah angka historis; tahunnya tidak boleh setelah tahun ini.",
    });
  }
  if (input.regencyCode && !regencies.has(input.regencyCode)) {
    issues.push({
      path: "regencyCode",
      code: "not_office_regency",
      message: "Kabupaten/kota ini bukan wilayah kerja kantor.",
    });
  }
  return issues;
}

/** Upsert statements for baselines, plus the growth targets their new totals move. */
async function upsertStatements(c: Context<AppEnv>, inputs: readonly BaselineInput[]) {
  const db = c.get("db");
  const now = new Date().toISOString();
  const upserts = inputs.map((b) =>
    db
      .insert(baselines)
      .values({ id: crypto.randomUUID(), ...b, source: b.source ?? null, createdAt: now, updatedAt: now })
      .onConflictDoUpdate({
        target: [baselines.officeId, baselines.year, baselines.segment, baselines.regencyCode],
        set: { total: b.total, source: b.source ?? null, updatedAt: now },
      })
      .returning(),
  );
  const recompute = await growthTargetRecomputations(
    db,
    inputs.filter((b) => b.regencyCode === ""),
  );
  return { upserts, recompute };
}

/** Enter or correct one historical total (keyed by office, year, segment and regency). */
export async function upsertBaseline(c: Context<AppEnv>, p: Principal, input: BaselineInput) {
  const db = c.get("db");
  const offices = await allOffices(db);
  assertOfficeInScope(p, input.officeId, new Set(offices.map((o) => o.id)));
  const regencies = await regenciesOf(db, subtree(offices, input.officeId));
  const issues = baselineIssues(input, regencies, Number(currentMonth().slice(0, 4)));
  if (issues.length) throw new ValidationError("Data dasar tidak valid.", issues);
  const { upserts, recompute } = await upsertStatements(c, [input]);
  const [first] = upserts;
  if (!first) throw new Error("unreachable: one baseline, one upsert");
  const results = await db.batch([
    first,
    ...recompute,
    auditEntry(c, "baseline.upsert", "baseline", `${input.officeId}/${input.year}/${input.segment}`, {
      officeId: input.officeId,
      year: input.year,
      segment: input.segment,
      regencyCode: input.regencyCode,
      total: input.total,
      targetsRecomputed: recompute.length,
    }),
  ]);
  const [row] = results[0] as BaselineRow[];
  if (!row) throw new Error("upsert returned no row");
  return baselineView(row);
}

export async function deleteBaseline(c: Context<AppEnv>, p: Principal, id: string) {
  const db = c.get("db");
  const [row] = await db.select().from(baselines).where(eq(baselines.id, id));
  if (!row || !(isAdmin(p) || p.officeIds.includes(row.officeId))) {
    throw new NotFoundError("baseline_not_found", "Data dasar tidak ditemukan.");
  }
  if (row.regencyCode === "") {
    const resting = await targetsRestingOn(db, row);
    if (resting.length) {
      throw new ConflictError(
        "baseline_in_use",
        "Data dasar ini dipakai sebagai tahun dasar target pertumbuhan; ubah targetnya dahulu.",
        { targetIds: resting.map((t) => t.id) },
      );
    }
  }
  await db.batch([
    db.delete(baselines).where(eq(baselines.id, id)),
    auditEntry(c, "baseline.delete", "baseline", id, {
      officeId: row.officeId,
      year: row.year,
      segment: row.segment,
      regencyCode: row.regencyCode,
    }),
  ]);
}

/**
 * Import historical totals from CSV. Every row is checked on its own; the valid rows are
 * written in one batch (unless `dryRun`), the others come back with their line and field.
 */
export async function importBaselines(c: Context<AppEnv>, p: Principal, text: string, dryRun: boolean) {
  const db = c.get("db");
  const offices = await allOffices(db);
  const byCode = new Map<string, OfficeNode>();
  for (const o of offices) {
    byCode.set(o.id.toLowerCase(), o);
    byCode.set(o.code.toLowerCase(), o);
  }
  const read = readBaselineCsv(text, (s) => byCode.get(s.trim().toLowerCase())?.id);
  const issues: RowIssue[] = [...read.issues];
  const thisYear = Number(currentMonth().slice(0, 4));
  const regencyCache = new Map<string, Set<string>>();
  const accepted: CsvRecord[] = [];
  for (const rec of read.records) {
    const officeId = rec.input.officeId;
    if (!(isAdmin(p) || p.officeIds.includes(officeId))) {
      issues.push({
        row: rec.row,
        path: "officeId",
        code: "office_out_of_scope",
        message: "Kantor ini di luar wilayah kewenangan Anda.",
      });
      continue;
    }
    let regencies = regencyCache.get(officeId);
    if (!regencies) {
      regencies = await regenciesOf(db, subtree(offices, officeId));
      regencyCache.set(officeId, regencies);
    }
    const own = baselineIssues(rec.input, regencies, thisYear);
    if (own.length) {
      issues.push(...own.map((i) => ({ row: rec.row, ...i })));
      continue;
    }
    accepted.push(rec);
  }
  issues.sort((a, b) => a.row - b.row);
  if (!dryRun && accepted.length) {
    const { upserts, recompute } = await upsertStatements(
      c,
      accepted.map((r) => r.input),
    );
    const [first, ...rest] = upserts;
    if (first) {
      await db.batch([
        first,
        ...rest,
        ...recompute,
        auditEntry(c, "baseline.import", "baseline", "csv", {
          rows: accepted.length,
          rejectedRows: new Set(issues.map((i) => i.row)).size,
          targetsRecomputed: recompute.length,
        }),
      ]);
    }
  }
  return {
    dryRun,
    imported: dryRun ? 0 : accepted.length,
    valid: accepted.length,
    rejected: new Set(issues.map((i) => i.row)).size,
    issues,
  };
}

/** Baseline rows needed by the progress views: whole-office and regency totals of some years. */
export async function baselinesFor(
  db: Db,
  officeIds: readonly string[],
  years: readonly number[],
  segment: BaselineRow["segment"],
) {
  if (officeIds.length === 0 || years.length === 0) return [];
  return db
    .select()
    .from(baselines)
    .where(
      and(
        inArray(baselines.officeId, [...officeIds]),
        inArray(baselines.year, [...new Set(years)]),
        eq(baselines.segment, segment),
      ),
    );
}

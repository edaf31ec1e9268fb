import { auditEntry } from "@jangkau/shared/audit";
import { isAdmin, type Principal } from "@jangkau/shared/auth/permissions";
import type { Db } from "@jangkau/shared/db/index";
import { growthTarget } from "@jangkau/shared/domain/index";
import { ConflictError, NotFoundError, UnprocessableError, ValidationError } from "@jangkau/shared/errors";
import type { AppEnv } from "@jangkau/shared/http/types";
import { baselines, officeRegencies, targetSplits, targets } from "@jangkau/shared/schema/index";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Context } from "hono";
import { allOffices, assertOfficeInScope, currentMonth, subtree } from "../offices/tree.ts";
import { type TargetTermsInput, targetTermIssues } from "./validation.ts";

type TargetRow = typeof targets.$inferSelect;
type SplitRow = typeof targetSplits.$inferSelect;
type Segment = TargetRow["segment"];

/** A target as the API shows it: growth in percent, splits as a 12-month array and a regency map. */
export function targetView(row: TargetRow, splits: readonly SplitRow[]) {
  const own = splits.filter((s) => s.targetId === row.id);
  const months = own.filter((s) => s.dimension === "month");
  const regencies = own.filter((s) => s.dimension === "regency");
  return {
    id: row.id,
    officeId: row.officeId,
    year: row.year,
    segment: row.segment,
    kind: row.kind,
    value: row.value,
    growthPct: row.growthBp == null ? null : row.growthBp / 100,
    baselineYear: row.baselineYear,
    potential: row.potential,
    startingParticipants: row.startingParticipants,
    monthlySplit: months.length
      ? Array.from({ length: 12 }, (_, i) => months.find((m) => Number(m.key) === i + 1)?.value ?? 0)
      : null,
    regencySplit: regencies.length ? Object.fromEntries(regencies.map((r) => [r.key, r.value])) : null,
    version: row.version,
    updatedAt: row.updatedAt,
  };
}
export type TargetView = ReturnType<typeof targetView>;

/** Regency codes an office covers: its own, or (a regional office) those of its branches. */
export async function regenciesOf(db: Db, officeIds: readonly string[]): Promise<Set<string>> {
  if (officeIds.length === 0) return new Set();
  const rows = await db
    .select({ code: officeRegencies.regencyCode })
    .from(officeRegencies)
    .where(inArray(officeRegencies.officeId, [...officeIds]));
  return new Set(rows.map((r) => r.code));
}

/** The whole-office baseline total of a year, or null. */
async function baselineTotal(db: Db, officeId: string, year: number, segment: Segment) {
  const [row] = await db
    .select({ total: baselines.total })
    .from(baselines)
    .where(
      and(
        eq(baselines.officeId, officeId),
        eq(baselines.year, year),
        eq(baselines.segment, segment),
        eq(baselines.regencyCode, ""),
      ),
    );
  return row?.total ?? null;
}

/**
 * The target value: as given for an absolute target; for a growth target, computed from the
 * baseline year's total (Malang: +30 % over 22,761 in 2019 → 29,590).
 */
async function resolveValue(
  db: Db,
  officeId: string,
  segment: Segment,
  year: number,
  input: TargetTermsInput,
): Promise<number | null> {
  if (input.kind === "absolute") return input.value ?? null;
  if (input.growthPct === undefined || input.baselineYear == null || input.baselineYear >= year) return null;
  const base = await baselineTotal(db, officeId, input.baselineYear, segment);
  if (base === null) {
    const message = `Belum ada data dasar ${input.baselineYear} untuk kantor dan segmen ini.`;
    throw new UnprocessableError("baseline_missing", message, {
      issues: [{ path: "baselineYear", code: "baseline_missing", message }],
    });
  }
  return growthTarget(base, input.growthPct);
}

/** Checks scope and every rule, then returns the office's regencies and the resolved value. */
async function checkTerms(
  db: Db,
  p: Principal,
  officeId: string,
  year: number,
  segment: Segment,
  input: TargetTermsInput,
) {
  const offices = await allOffices(db);
  assertOfficeInScope(p, officeId, new Set(offices.map((o) => o.id)));
  const regencies = await regenciesOf(db, subtree(offices, officeId));
  const thisYear = Number(currentMonth().slice(0, 4));
  const shapeIssues = targetTermIssues({ ...input, year }, input.value ?? null, regencies, thisYear);
  if (shapeIssues.length) throw new ValidationError("Target tidak valid.", shapeIssues);
  const value = await resolveValue(db, officeId, segment, year, input);
  const valueIssues = targetTermIssues({ ...input, year }, value, regencies, thisYear);
  if (valueIssues.length) throw new ValidationError("Target tidak valid.", valueIssues);
  return value as number;
}

function splitRows(targetId: string, input: TargetTermsInput): SplitRow[] {
  const rows: SplitRow[] = [];
  for (const [i, value] of (input.monthlySplit ?? []).entries()) {
    rows.push({ targetId, dimension: "month", key: String(i + 1).padStart(2, "0"), value });
  }
  for (const [key, value] of Object.entries(input.regencySplit ?? {})) {
    rows.push({ targetId, dimension: "regency", key, value });
  }
  return rows;
}

const columns = (input: TargetTermsInput, value: number) => ({
  kind: input.kind,
  value,
  growthBp:
    input.kind === "growth" && input.growthPct !== undefined ? Math.round(input.growthPct * 100) : null,
  baselineYear: input.baselineYear ?? null,
  potential: input.potential ?? null,
  startingParticipants: input.startingParticipants ?? null,
});

const auditDetails = (row: {
  officeId: string;
  year: number;
  segment: string;
  kind: string;
  value: number;
}) => ({
  officeId: row.officeId,
  year: row.year,
  segment: row.segment,
  kind: row.kind,
  value: row.value,
});

/** Targets in the caller's scope, with their splits. */
export async function listTargets(
  db: Db,
  p: Principal,
  filter: { year?: number; officeId?: string; segment?: Segment },
) {
  const rows = await db
    .select()
    .from(targets)
    .where(
      and(
        isAdmin(p) ? undefined : inArray(targets.officeId, p.officeIds.length ? p.officeIds : [""]),
        filter.year ? eq(targets.year, filter.year) : undefined,
        filter.officeId ? eq(targets.officeId, filter.officeId) : undefined,
        filter.segment ? eq(targets.segment, filter.segment) : undefined,
      ),
    )
    .orderBy(asc(targets.year), asc(targets.officeId), asc(targets.segment));
  const splits = rows.length
    ? await db
        .select()
        .from(targetSplits)
        .where(
          inArray(
            targetSplits.targetId,
            rows.map((r) => r.id),
          ),
        )
    : [];
  return rows.map((r) => targetView(r, splits));
}

export async function getTarget(db: Db, p: Principal, id: string) {
  const [row] = await db.select().from(targets).where(eq(targets.id, id));
  if (!row || !(isAdmin(p) || p.officeIds.includes(row.officeId))) {
    throw new NotFoundError("target_not_found", "Target tidak ditemukan.");
  }
  const splits = await db.select().from(targetSplits).where(eq(targetSplits.targetId, id));
  return { row, view: targetView(row, splits) };
}

/** True when a libSQL error (possibly wrapped by drizzle) is a UNIQUE/PRIMARY KEY violation. */
export function isUniqueViolation(err: unknown): boolean {
  for (let e: unknown = err; e; e = (e as { cause?: unknown }).cause) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === "string" && code.startsWith("SQLITE_CONSTRAINT")) return true;
    if (typeof message === "string" && message.includes("UNIQUE constraint failed")) return true;
  }
  return false;
}

const existsAtVersion = (id: string, version: number) =>
  sql`exists (select 1 from ${targets} where ${targets.id} = ${id} and ${targets.version} = ${version})`;

/** An audit entry written only if the target is still at `version` when the batch runs. */
function auditIfAtVersion(
  c: Context<AppEnv>,
  action: string,
  id: string,
  version: number,
  details: Record<string, unknown>,
) {
  return c
    .get("db")
    .run(sql`insert into audit_log (id, at, actor_user_id, action, entity, entity_id, details, request_id)
    select ${crypto.randomUUID()}, ${new Date().toISOString()}, ${c.get("principal")?.userId ?? null},
      ${action}, 'target', ${id}, ${JSON.stringify(details)}, ${c.get("requestId")}
    where ${existsAtVersion(id, version)}`);
}

export async function createTarget(
  c: Context<AppEnv>,
  p: Principal,
  body: TargetTermsInput & { officeId: string; year: number; segment: Segment },
) {
  const db = c.get("db");
  const value = await checkTerms(db, p, body.officeId, body.year, body.segment, body);
  const [existing] = await db
    .select({ id: targets.id })
    .from(targets)
    .where(
      and(
        eq(targets.officeId, body.officeId),
        eq(targets.year, body.year),
        eq(targets.segment, body.segment),
      ),
    );
  const exists = () =>
    new ConflictError("target_exists", "Kantor ini sudah punya target untuk tahun dan segmen ini.", {
      targetId: existing?.id,
      issues: [{ path: "year", code: "target_exists", message: "Target tahun ini sudah ada." }],
    });
  if (existing) throw exists();
  const id = crypto.randomUUID();
  const row = {
    id,
    officeId: body.officeId,
    year: body.year,
    segment: body.segment,
    ...columns(body, value),
    createdBy: p.userId,
  };
  const splits = splitRows(id, body);
  try {
    await db.batch([
      db.insert(targets).values(row),
      ...(splits.length ? [db.insert(targetSplits).values(splits)] : []),
      auditEntry(c, "target.create", "target", id, auditDetails(row)),
    ]);
  } catch (err) {
    if (isUniqueViolation(err)) throw exists();
    throw err;
  }
  return (await getTarget(db, p, id)).view;
}

export async function updateTarget(
  c: Context<AppEnv>,
  p: Principal,
  id: string,
  body: TargetTermsInput & { version: number },
) {
  const db = c.get("db");
  const { row } = await getTarget(db, p, id);
  const value = await checkTerms(db, p, row.officeId, row.year, row.segment, body);
  const conflict = (current: number) =>
    new ConflictError("version_conflict", "Target sudah diubah orang lain. Muat ulang lalu coba lagi.", {
      currentVersion: current,
    });
  if (row.version !== body.version) throw conflict(row.version);
  const guard = existsAtVersion(id, body.version);
  // The split and audit statements are guarded by the version and run before the update,
  // so a concurrent edit that wins the race leaves this whole batch without effect.
  const results = await db.batch([
    db.run(sql`delete from ${targetSplits} where ${targetSplits.targetId} = ${id} and ${guard}`),
    ...splitRows(id, body).map((s) =>
      db.run(sql`insert into ${targetSplits} (target_id, dimension, key, value)
        select ${s.targetId}, ${s.dimension}, ${s.key}, ${s.value} where ${guard}`),
    ),
    auditIfAtVersion(c, "target.update", id, body.version, auditDetails({ ...row, ...columns(body, value) })),
    db
      .update(targets)
      .set({ ...columns(body, value), version: body.version + 1, updatedAt: new Date().toISOString() })
      .where(and(eq(targets.id, id), eq(targets.version, body.version)))
      .returning({ id: targets.id }),
  ]);
  const updated = results[results.length - 1] as { id: string }[];
  if (updated.length === 0) {
    const [now] = await db.select({ version: targets.version }).from(targets).where(eq(targets.id, id));
    if (!now) throw new NotFoundError("target_not_found", "Target tidak ditemukan.");
    throw conflict(now.version);
  }
  return (await getTarget(db, p, id)).view;
}

export async function deleteTarget(c: Context<AppEnv>, p: Principal, id: string, version: number) {
  const db = c.get("db");
  const { row } = await getTarget(db, p, id);
  const conflict = (current: number) =>
    new ConflictError("version_conflict", "Target sudah diubah orang lain. Muat ulang lalu coba lagi.", {
      currentVersion: current,
    });
  if (row.version !== version) throw conflict(row.version);
  const results = await db.batch([
    db.run(
      sql`delete from ${targetSplits} where ${targetSplits.targetId} = ${id} and ${existsAtVersion(id, version)}`,
    ),
    auditIfAtVersion(c, "target.delete", id, version, auditDetails(row)),
    db
      .delete(targets)
      .where(and(eq(targets.id, id), eq(targets.version, version)))
      .returning({ id: targets.id }),
  ]);
  if ((results[2] as { id: string }[]).length === 0) {
    const [now] = await db.select({ version: targets.version }).from(targets).where(eq(targets.id, id));
    if (!now) throw new NotFoundError("target_not_found", "Target tidak ditemukan.");
    throw conflict(now.version);
  }
}

/**
 * Statements that recompute the growth targets resting on whole-office baselines whose
 * totals changed, for the baseline write's batch (each changed target's version is bumped).
 */
export async function growthTargetRecomputations(
  db: Db,
  changed: readonly { officeId: string; year: number; segment: Segment; total: number }[],
) {
  if (changed.length === 0) return [];
  const dependants = await db
    .select({
      id: targets.id,
      officeId: targets.officeId,
      segment: targets.segment,
      baselineYear: targets.baselineYear,
      growthBp: targets.growthBp,
      value: targets.value,
    })
    .from(targets)
    .where(
      and(
        inArray(targets.officeId, [...new Set(changed.map((k) => k.officeId))]),
        eq(targets.kind, "growth"),
      ),
    );
  const statements = [];
  for (const t of dependants) {
    const base = changed.find(
      (k) => k.officeId === t.officeId && k.segment === t.segment && k.year === t.baselineYear,
    );
    if (!base) continue;
    const next = growthTarget(base.total, (t.growthBp ?? 0) / 100);
    if (next === t.value) continue;
    statements.push(
      db
        .update(targets)
        .set({ value: next, version: sql`${targets.version} + 1`, updatedAt: new Date().toISOString() })
        .where(eq(targets.id, t.id)),
    );
  }
  return statements;
}

/** Growth targets that rest on a baseline (to refuse deleting it). */
export async function targetsRestingOn(db: Db, key: { officeId: string; year: number; segment: Segment }) {
  return db
    .select({ id: targets.id, year: targets.year })
    .from(targets)
    .where(
      and(
        eq(targets.officeId, key.officeId),
        eq(targets.segment, key.segment),
        eq(targets.kind, "growth"),
        eq(targets.baselineYear, key.year),
      ),
    );
}

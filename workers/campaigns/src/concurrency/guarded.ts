import type { Db } from "@jangkau/shared/db/index";
import { ConflictError } from "@jangkau/shared/errors";
import { getTableColumns, type SQL, sql } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";

/**
 * Optimistic concurrency inside one `db.batch()` (a single transaction, no round trips):
 * every dependent write of an edit — child rows, the audit entry — is guarded by the SAME
 * condition as the final `UPDATE … WHERE version = ?`, and placed BEFORE that update. In the
 * transaction they all see one state, so either the expected version is there and everything
 * applies, or it is not and nothing does (the update then reports 0 rows → 409).
 */

/** `insert into <table> select <row values> where <guard>` — an insert that happens only if the guard holds. */
export function insertWhen<T extends SQLiteTable>(db: Db, table: T, row: T["$inferInsert"], guard: SQL) {
  const values = Object.entries(getTableColumns(table)).map(([key, column]) => {
    let value = (row as Record<string, unknown>)[key];
    if (value === undefined) value = column.defaultFn ? column.defaultFn() : (column.default ?? null);
    return value === null ? sql`null` : sql.param(value, column);
  });
  return db.insert(table).select(sql`select ${sql.join(values, sql`, `)} where ${guard}`);
}

export type BatchItem = Parameters<Db["batch"]>[0][number];

/** Runs a non-empty list of statements as one atomic batch. */
export async function runBatch(db: Db, statements: BatchItem[]) {
  if (statements.length === 0) return [];
  return db.batch(statements as [BatchItem, ...BatchItem[]]);
}

/** Rows changed by a batch statement's result (libSQL `ResultSet`). */
export function rowsAffected(result: unknown): number {
  return (result as { rowsAffected?: number } | undefined)?.rowsAffected ?? 0;
}

/** The 409 for an edit that started from an older version. */
export function versionConflict(entity: string, currentVersion: number | null): ConflictError {
  return new ConflictError(
    "version_conflict",
    "Data ini telah diubah orang lain. Muat ulang untuk melihat versi terbaru, lalu ulangi perubahan Anda.",
    {
      entity,
      currentVersion,
      issues: [{ path: "version", code: "version_conflict", message: "Versi usang." }],
    },
  );
}

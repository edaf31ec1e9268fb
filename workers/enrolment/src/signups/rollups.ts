import type { Db } from "@jangkau/shared/db/index";
import type { RollupDeltas } from "@jangkau/shared/rollups/signups";
import { rollupCells } from "@jangkau/shared/schema/index";
import type { InStatement } from "@libsql/client";
import { sql } from "drizzle-orm";

/** 8 bound values per cell; 400 cells stay far below SQLite's 32,766-parameter bound. */
const CELLS_PER_STATEMENT = 400;

/**
 * The rollup deltas as multi-row upserts (`… on conflict do update set recorded = recorded +
 * excluded.recorded`): one statement for up to 400 cells instead of one per cell, so a single
 * sign-up costs one rollup statement, not 25. Append to the same `db.batch()` as the write.
 */
export function rollupUpserts(db: Db, deltas: RollupDeltas) {
  const rows: (typeof rollupCells.$inferInsert)[] = [];
  for (const [cell, d] of deltas.cells) {
    if (!d.recorded && !d.verified && !d.registered && !d.rejected) continue;
    const [scope, month, dim, key] = cell.split("|") as [string, string, string, string];
    rows.push({ scope, month, dim, key, ...d });
  }
  const statements = [];
  for (let i = 0; i < rows.length; i += CELLS_PER_STATEMENT) {
    statements.push(
      db
        .insert(rollupCells)
        .values(rows.slice(i, i + CELLS_PER_STATEMENT))
        .onConflictDoUpdate({
          target: [rollupCells.scope, rollupCells.month, rollupCells.dim, rollupCells.key],
          set: {
            recorded: sql`${rollupCells.recorded} + excluded.recorded`,
            verified: sql`${rollupCells.verified} + excluded.verified`,
            registered: sql`${rollupCells.registered} + excluded.registered`,
            rejected: sql`${rollupCells.rejected} + excluded.rejected`,
          },
        }),
    );
  }
  return statements;
}

/** The same upserts as plain libSQL statements, for the write path that bypasses the query builder. */
export function rollupUpsertStatements(deltas: RollupDeltas): InStatement[] {
  const cells: [string, string, string, string, number, number, number, number][] = [];
  for (const [cell, d] of deltas.cells) {
    if (!d.recorded && !d.verified && !d.registered && !d.rejected) continue;
    const [scope, month, dim, key] = cell.split("|") as [string, string, string, string];
    cells.push([scope, month, dim, key, d.recorded, d.verified, d.registered, d.rejected]);
  }
  const statements: InStatement[] = [];
  for (let i = 0; i < cells.length; i += CELLS_PER_STATEMENT) {
    const chunk = cells.slice(i, i + CELLS_PER_STATEMENT);
    statements.push({
      sql:
        `insert into rollup_cells (scope, month, dim, key, recorded, verified, registered, rejected) values ${chunk
          .map(() => "(?, ?, ?, ?, ?, ?, ?, ?)")
          .join(", ")} ` +
        "on conflict (scope, month, dim, key) do update set recorded = recorded + excluded.recorded, " +
        "verified = verified + excluded.verified, registered = registered + excluded.registered, " +
        "rejected = rejected + excluded.rejected",
      args: chunk.flat(),
    });
  }
  return statements;
}

import type { Db } from "@jangkau/shared/db/index";
import { rollupCells, rollupRetention } from "@jangkau/shared/schema/index";
import { and, eq, inArray, type SQLWrapper, sql } from "drizzle-orm";

/**
 * Reads of the rollup tables, shaped so SQLite answers them from the primary key
 * (scope, month, dim, key): scopes and months are always given as lists, so each read is a
 * set of index lookups over the cells asked for — never a scan of sign-ups, and never a scan
 * of other scopes' cells. Turso bills rows read; these read only the cells shown.
 */
type Scopes = readonly string[] | SQLWrapper;

const scopeIn = (column: typeof rollupCells.scope | typeof rollupRetention.scope, scopes: Scopes) =>
  Array.isArray(scopes)
    ? inArray(column, scopes.length ? [...scopes] : [""])
    : inArray(column, scopes as SQLWrapper);

/** Cells of `scopes` for `months`, restricted to some breakdowns (`dims`) and, optionally, one key. */
export function cellsOf(
  db: Db,
  scopes: Scopes,
  months: readonly string[],
  dims: readonly string[] = ["total"],
  key?: string,
) {
  return db
    .select({
      scope: rollupCells.scope,
      month: rollupCells.month,
      dim: rollupCells.dim,
      key: rollupCells.key,
      recorded: rollupCells.recorded,
      verified: rollupCells.verified,
      registered: rollupCells.registered,
      rejected: rollupCells.rejected,
    })
    .from(rollupCells)
    .where(
      and(
        scopeIn(rollupCells.scope, scopes),
        inArray(rollupCells.month, [...months]),
        dims.length === 1 ? eq(rollupCells.dim, dims[0] as string) : inArray(rollupCells.dim, [...dims]),
        key === undefined ? undefined : eq(rollupCells.key, key),
      ),
    );
}

const liveSql = sql<number>`sum(${rollupCells.recorded} + ${rollupCells.verified} + ${rollupCells.registered})`;

/**
 * Live sign-ups per breakdown key, summed over `scopes` and `months` in SQL: one row per
 * dim and key instead of every month's cell of every scope (a partner's 41 shared events ×
 * 12 months × each occupation and payer is 4,500 cells; their totals are a dozen rows).
 * Same primary-key search as {@link cellsOf}.
 */
export function keyTotalsOf(db: Db, scopes: Scopes, months: readonly string[], dims: readonly string[]) {
  return db
    .select({ dim: rollupCells.dim, key: rollupCells.key, live: liveSql.mapWith(Number) })
    .from(rollupCells)
    .where(
      and(
        scopeIn(rollupCells.scope, scopes),
        inArray(rollupCells.month, [...months]),
        inArray(rollupCells.dim, [...dims]),
      ),
    )
    .groupBy(rollupCells.dim, rollupCells.key);
}

/**
 * Per scope (an event or a campaign), from its `total` cells of `months` (or those of one
 * breakdown key, e.g. a regency): the live sign-ups of the months up to `asOf`, and every
 * sign-up counted in any of the months (rejected too) — what a list of events or campaigns
 * needs, one row per scope instead of one per scope and month. No `asOf` (a year still to
 * come): nothing is live yet.
 */
export function scopeTotalsOf(
  db: Db,
  scopes: Scopes,
  months: readonly string[],
  asOf: string | null,
  cell: { dim: string; key: string } = { dim: "total", key: "" },
) {
  const counted = sql`${rollupCells.recorded} + ${rollupCells.verified} + ${rollupCells.registered}`;
  return db
    .select({
      scope: rollupCells.scope,
      live: sql<number>`coalesce(sum(case when ${rollupCells.month} <= ${asOf} then ${counted} end), 0)`.mapWith(
        Number,
      ),
      counted: sql<number>`sum(${counted} + ${rollupCells.rejected})`.mapWith(Number),
    })
    .from(rollupCells)
    .where(
      and(
        scopeIn(rollupCells.scope, scopes),
        inArray(rollupCells.month, [...months]),
        eq(rollupCells.dim, cell.dim),
        eq(rollupCells.key, cell.key),
      ),
    )
    .groupBy(rollupCells.scope);
}

/**
 * Retention counters of sign-up cohorts (written by the retention job once it runs): the
 * "active participants" beside the sign-ups. Empty until that job has produced rows.
 */
export function retentionOf(db: Db, scopes: Scopes, months: readonly string[]) {
  return db
    .select({
      scope: rollupRetention.scope,
      signedUp: rollupRetention.signedUp,
      firstPayment: rollupRetention.firstPayment,
      activeNow: rollupRetention.activeNow,
    })
    .from(rollupRetention)
    .where(
      and(
        scopeIn(rollupRetention.scope, scopes),
        inArray(rollupRetention.cohortMonth, [...months]),
        eq(rollupRetention.dim, "total"),
        eq(rollupRetention.key, ""),
      ),
    );
}

/** Retention totals of one scope, or null when the retention job has not written any. */
export function retentionTotals(
  rows: readonly { scope: string; signedUp: number; firstPayment: number; activeNow: number }[],
  scope: string,
) {
  const own = rows.filter((r) => r.scope === scope);
  if (own.length === 0) return null;
  return {
    signedUp: own.reduce((s, r) => s + r.signedUp, 0),
    firstPayment: own.reduce((s, r) => s + r.firstPayment, 0),
    activeNow: own.reduce((s, r) => s + r.activeNow, 0),
  };
}

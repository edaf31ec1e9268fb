import { integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * Pre-aggregated counters the dashboards read instead of scanning sign-ups.
 *
 * A cell is (scope, month, dim, key): scope is `national`, `office:<id>` (every ancestor of
 * the sign-up's branch too), `campaign:<id>` or `event:<id>`; month is the sign-up month
 * (YYYY-MM); dim/key is `total`/"" or a breakdown — `occupation`, `payer`, `source`,
 * `regency`. Counters are kept per sign-up status and updated in the same `db.batch()` as
 * the write that changes them; `npm run db:rebuild-rollups` recomputes them from raw rows.
 */
export const rollupCells = sqliteTable(
  "rollup_cells",
  {
    scope: text().notNull(),
    month: text().notNull(),
    dim: text().notNull(),
    key: text().notNull(),
    recorded: integer().notNull().default(0),
    verified: integer().notNull().default(0),
    registered: integer().notNull().default(0),
    rejected: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.scope, t.month, t.dim, t.key] })],
);

/**
 * Retention counters per scope and sign-up cohort month: how many of the cohort made a first
 * payment and were still active 3, 6 and 12 months on. `observedMk` counts those whose month
 * `cohort + k` has come by the rollup's as-of instant (see {@link retentionRollupState}), so
 * a curve divides `activeMk / observedMk`. Contribution writes add their deltas in the same
 * `db.batch()`; the retention job rebuilds everything from raw rows and moves the as-of on.
 */
export const rollupRetention = sqliteTable(
  "rollup_retention",
  {
    scope: text().notNull(),
    cohortMonth: text().notNull(),
    dim: text().notNull(),
    key: text().notNull(),
    signedUp: integer().notNull().default(0),
    registered: integer().notNull().default(0),
    firstPayment: integer().notNull().default(0),
    activeM3: integer().notNull().default(0),
    activeM6: integer().notNull().default(0),
    activeM12: integer().notNull().default(0),
    activeNow: integer().notNull().default(0),
    observedM3: integer().notNull().default(0),
    observedM6: integer().notNull().default(0),
    observedM12: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.scope, t.cohortMonth, t.dim, t.key] })],
);

/**
 * The instant `rollup_retention` is computed as of (one row, id `retention`): "active now"
 * and the observed horizons depend on it, so the deltas of later writes use the same instant
 * until the next rebuild.
 */
export const retentionRollupState = sqliteTable("retention_rollup_state", {
  id: text().primaryKey(),
  asOf: text().notNull(),
  rebuiltAt: text().notNull(),
});

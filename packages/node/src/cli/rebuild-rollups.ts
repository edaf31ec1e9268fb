import { dbFor } from "@jangkau/shared/db/index";
import { rebuildSignupRollups } from "@jangkau/shared/rollups/signups";
import { loadConfig } from "../config.ts";

/**
 * `npm run db:rebuild-rollups`: recompute every sign-up rollup cell from the raw sign-ups
 * (after a restore, a manual correction, or to check that the counters never drifted).
 * Prints how many cells changed; the recomputation replaces all cells in one batch.
 */
const config = loadConfig();
const db = dbFor(config.env.TURSO_DATABASE_URL, config.env.TURSO_AUTH_TOKEN);

const snapshot = async () => {
  const rs = await db.$client.execute(
    "select scope, month, dim, key, recorded, verified, registered, rejected from rollup_cells",
  );
  const cells = new Map<string, string>();
  for (const r of rs.rows) {
    const counts = [r.recorded, r.verified, r.registered, r.rejected].map(Number);
    if (counts.some((n) => n !== 0)) cells.set(`${r.scope}|${r.month}|${r.dim}|${r.key}`, counts.join(","));
  }
  return cells;
};

const started = performance.now();
const before = await snapshot();
await rebuildSignupRollups(db);
const after = await snapshot();
let changed = 0;
for (const key of new Set([...before.keys(), ...after.keys()])) {
  if (before.get(key) !== after.get(key)) changed += 1;
}
console.log(
  JSON.stringify({
    cells: after.size,
    changedCells: changed,
    ms: Math.round(performance.now() - started),
  }),
);
db.$client.close();

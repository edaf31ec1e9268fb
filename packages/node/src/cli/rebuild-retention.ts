import { dbFor } from "@jangkau/shared/db/index";
import { rebuildRetentionRollups } from "@jangkau/shared/rollups/retention";
import { loadConfig } from "../config.ts";

/**
 * `npm run db:rebuild-retention`: recompute every retention cell (funnel and curves) from the
 * raw sign-ups and contributions, as of now. Prints how many cells changed.
 */
const config = loadConfig();
const db = dbFor(config.env.TURSO_DATABASE_URL, config.env.TURSO_AUTH_TOKEN);

const snapshot = async () => {
  const rs = await db.$client.execute("select * from rollup_retention");
  return new Map(rs.rows.map((r) => [`${r.scope}|${r.cohort_month}|${r.dim}|${r.key}`, JSON.stringify(r)]));
};

const started = performance.now();
const before = await snapshot();
await rebuildRetentionRollups(db, new Date());
const after = await snapshot();
let changed = 0;
for (const key of new Set([...before.keys(), ...after.keys()]))
  if (before.get(key) !== after.get(key)) changed += 1;
console.log(
  JSON.stringify({ cells: after.size, changedCells: changed, ms: Math.round(performance.now() - started) }),
);
db.$client.close();

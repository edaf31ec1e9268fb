import { parseArgs } from "node:util";
import { dbFor } from "@jangkau/shared/db/index";
import { runRetentionJob } from "../../../../workers/enrolment/src/followups/job.ts";
import { loadConfig } from "../config.ts";

/**
 * `npm run followups:generate [-- --as-of 2026-11-25] [--office kc-blitar]`: the daily job —
 * follow-up calls from payment status (idempotent: a second run creates nothing), then the
 * retention rollup rebuilt as of the same instant. A date means noon WIB of that day.
 */
const { values } = parseArgs({
  options: { "as-of": { type: "string" }, office: { type: "string", multiple: true } },
});
const asOf = values["as-of"];
if (asOf !== undefined && !/^\d{4}-\d{2}-\d{2}(T.*)?$/.test(asOf)) {
  console.error("--as-of harus berformat YYYY-MM-DD atau instan ISO-8601.");
  process.exit(2);
}
const now = asOf === undefined ? new Date() : new Date(asOf.length === 10 ? `${asOf}T05:00:00.000Z` : asOf);
if (Number.isNaN(now.getTime())) {
  console.error("--as-of bukan tanggal yang ada.");
  process.exit(2);
}
const config = loadConfig();
const db = dbFor(config.env.TURSO_DATABASE_URL, config.env.TURSO_AUTH_TOKEN);
const result = await runRetentionJob(db, now, values.office ?? null);
console.log(JSON.stringify(result));
db.$client.close();

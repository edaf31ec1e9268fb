import type { Db } from "@jangkau/shared/db/index";
import { rebuildRetentionRollups } from "@jangkau/shared/rollups/retention";
import { type GenerationReport, generateFollowups } from "./service.ts";

/**
 * The daily retention job: generate the follow-up calls of every office as of `now`, then
 * rebuild the retention rollup as of `now` ("active now" and the observed horizons move with
 * the calendar). Run by the Worker's cron trigger, `npm run followups:generate` and `npm start`.
 */
export async function runRetentionJob(
  db: Db,
  now: Date,
  officeIds: readonly string[] | null = null,
): Promise<{ followups: GenerationReport; retentionRebuiltMs: number }> {
  const followups = await generateFollowups(db, { officeIds, now });
  const started = performance.now();
  await rebuildRetentionRollups(db, now);
  return { followups, retentionRebuiltMs: Math.round(performance.now() - started) };
}

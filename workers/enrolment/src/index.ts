import { dbFor } from "@jangkau/shared/db/index";
import type { Env } from "@jangkau/shared/env";
import { logLine } from "@jangkau/shared/http/log";
import { app } from "./app.ts";
import { runRetentionJob } from "./followups/job.ts";

/** Cloudflare Workers entry point: the API, and the daily retention job on the cron trigger. */
export default {
  fetch: app.fetch,
  scheduled(controller: ScheduledController, env: Env, ctx: ExecutionContext) {
    const db = dbFor(env.TURSO_DATABASE_URL, env.TURSO_AUTH_TOKEN);
    ctx.waitUntil(
      runRetentionJob(db, new Date(controller.scheduledTime)).then((r) =>
        logLine({
          msg: "retention_job",
          participants: r.followups.participants,
          created: r.followups.created,
        }),
      ),
    );
  },
};

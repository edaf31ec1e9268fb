import { createApiApp } from "@jangkau/shared/http/app";
import { baselineRoutes } from "./baselines/routes.ts";
import { partnerRoutes } from "./partner/routes.ts";
import { progressRoutes } from "./progress/routes.ts";
import { targetRoutes } from "./targets/routes.ts";

/**
 * The targets worker: yearly targets and baselines, progress and the dashboards' reads, and
 * the partners' aggregate view. The fixed prefixes are mounted before `/api/targets/:id`.
 */
export const app = createApiApp({ name: "targets", title: "Jangkau — targets" })
  .route("/api/targets/baselines", baselineRoutes)
  .route("/api/targets/progress", progressRoutes)
  .route("/api/targets/partner", partnerRoutes)
  .route("/api/targets", targetRoutes);

export type TargetsApp = typeof app;

import { createApiApp } from "@jangkau/shared/http/app";
import { targetRoutes } from "./targets/routes.ts";

/** The targets worker: yearly targets and baselines, progress and the dashboards' reads. */
export const app = createApiApp({ name: "targets", title: "Jangkau — targets" }).route(
  "/api/targets",
  targetRoutes,
);

export type TargetsApp = typeof app;

import type { RouteDefinition } from "@solidjs/router";
import { lazy } from "solid-js";

/** Managers' and admins' page for yearly targets and historical baselines. */
export const targetsRoutes: RouteDefinition[] = [
  { path: "/targets", component: lazy(() => import("./TargetsPage.tsx")) },
];

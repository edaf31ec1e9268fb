import type { RouteDefinition } from "@solidjs/router";
import { lazy } from "solid-js";

/** The managers' and admins' home: targets, progress and drill-down (charts load with it, lazily). */
export const dashboardRoutes: RouteDefinition[] = [
  { path: "/dashboard", component: lazy(() => import("./DashboardPage.tsx")) },
];

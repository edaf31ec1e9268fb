import type { RouteDefinition } from "@solidjs/router";
import { lazy } from "solid-js";

/** Pages of the follow-up feature, mounted inside the app shell by `routes.tsx`. */
export const followupRoutes: RouteDefinition[] = [
  { path: "/followups", component: lazy(() => import("./CallListPage.tsx")) },
];

import type { RouteDefinition } from "@solidjs/router";
import { lazy } from "solid-js";

/** Pages of the retention feature, mounted inside the app shell by `routes.tsx`. */
export const retentionRoutes: RouteDefinition[] = [
  { path: "/retention", component: lazy(() => import("./RetentionPage.tsx")) },
];

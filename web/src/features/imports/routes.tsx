import type { RouteDefinition } from "@solidjs/router";
import { lazy } from "solid-js";

/** Pages of the list import (pendataan) feature, mounted inside the app shell by `routes.tsx`. */
export const importRoutes: RouteDefinition[] = [
  { path: "/imports", component: lazy(() => import("./ImportsPage.tsx")) },
  { path: "/imports/review", component: lazy(() => import("./ReviewPage.tsx")) },
];

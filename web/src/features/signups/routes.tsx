import type { RouteDefinition } from "@solidjs/router";
import { lazy } from "solid-js";

/** Pages of the sign-up feature, mounted inside the app shell by `routes.tsx`. */
export const signupRoutes: RouteDefinition[] = [
  { path: "/signups", component: lazy(() => import("./SignupsPage.tsx")) },
  { path: "/signups/:id", component: lazy(() => import("./SignupDetailPage.tsx")) },
];

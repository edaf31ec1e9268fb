import type { RouteDefinition } from "@solidjs/router";
import { lazy } from "solid-js";
import { startBackgroundSync } from "./pending.ts";

// Registers the logout guard at start-up and resumes sending whatever a previous visit left waiting.
startBackgroundSync();

/** Pages of this feature, mounted inside the app shell by `routes.tsx`. */
export const captureRoutes: RouteDefinition[] = [
  { path: "/capture", component: lazy(() => import("./CapturePage.tsx")) },
];

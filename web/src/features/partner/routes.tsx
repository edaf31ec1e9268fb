import type { RouteDefinition } from "@solidjs/router";
import { lazy } from "solid-js";

/** The partner's home: aggregate progress of its area and shared events. */
export const partnerRoutes: RouteDefinition[] = [
  { path: "/partner", component: lazy(() => import("./PartnerPage.tsx")) },
];

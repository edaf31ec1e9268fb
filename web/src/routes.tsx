import type { RouteDefinition } from "@solidjs/router";
import { lazy } from "solid-js";
import { campaignRoutes } from "./features/campaigns/routes.tsx";
import { captureRoutes } from "./features/capture/routes.tsx";
import { dashboardRoutes } from "./features/dashboard/routes.tsx";
import { eventRoutes } from "./features/events/routes.tsx";
import { followupRoutes } from "./features/followups/routes.tsx";
import { importRoutes } from "./features/imports/routes.tsx";
import { partnerRoutes } from "./features/partner/routes.tsx";
import { retentionRoutes } from "./features/retention/routes.tsx";
import { signupRoutes } from "./features/signups/routes.tsx";
import { targetsRoutes } from "./features/targets/routes.tsx";
import AppShell from "./shell/AppShell.tsx";

/**
 * Every page is lazy-loaded, so the login and capture screens never pay for the dashboards'
 * charts. Each feature lists its pages in its own `features/<name>/routes.tsx`.
 */
export const routes: RouteDefinition[] = [
  { path: "/login", component: lazy(() => import("./auth/LoginPage.tsx")) },
  {
    path: "/",
    component: AppShell,
    children: [
      { path: "/", component: lazy(() => import("./pages/RoleHome.tsx")) },
      ...dashboardRoutes,
      ...captureRoutes,
      ...partnerRoutes,
      ...targetsRoutes,
      ...campaignRoutes,
      ...eventRoutes,
      ...followupRoutes,
      ...retentionRoutes,
      ...signupRoutes,
      ...importRoutes,
    ],
  },
];

import type { RouteDefinition } from "@solidjs/router";
import { lazy } from "solid-js";

/** Pages of the campaign feature, mounted inside the app shell by `routes.tsx`. */
export const campaignRoutes: RouteDefinition[] = [
  { path: "/campaigns", component: lazy(() => import("./CampaignsPage.tsx")) },
  { path: "/campaigns/new", component: lazy(() => import("./CampaignFormPage.tsx")) },
  { path: "/campaigns/:id", component: lazy(() => import("./CampaignPage.tsx")) },
  { path: "/campaigns/:id/edit", component: lazy(() => import("./CampaignFormPage.tsx")) },
];

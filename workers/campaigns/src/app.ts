import { createApiApp } from "@jangkau/shared/http/app";
import { authRoutes } from "./auth/routes.ts";
import { calendarRoutes } from "./calendar/routes.ts";
import { campaignRoutes } from "./campaigns/routes.ts";
import { eventRoutes } from "./events/routes.ts";
import { partnerRoutes } from "./partners/routes.ts";
import { referenceRoutes } from "./reference/routes.ts";

/**
 * The campaigns worker: sign-in and sessions, reference data (offices, areas), partners,
 * campaigns and events. Routes are chained so `typeof app` types the SPA's `hc` client.
 */
export const app = createApiApp({ name: "campaigns", title: "Jangkau — campaigns" })
  .route("/api/auth", authRoutes)
  .route("/api", referenceRoutes)
  .route("/api/campaigns", campaignRoutes)
  .route("/api/events", eventRoutes)
  .route("/api/partners", partnerRoutes)
  .route("/api/calendar", calendarRoutes);

export type CampaignsApp = typeof app;

import { createApiApp } from "@jangkau/shared/http/app";
import { authRoutes } from "./auth/routes.ts";
import { referenceRoutes } from "./reference/routes.ts";

/**
 * The campaigns worker: sign-in and sessions, reference data (offices, areas), partners,
 * campaigns and events. Routes are chained so `typeof app` types the SPA's `hc` client.
 */
export const app = createApiApp({ name: "campaigns", title: "Jangkau — campaigns" })
  .route("/api/auth", authRoutes)
  .route("/api", referenceRoutes);

export type CampaignsApp = typeof app;

import { createApiApp } from "@jangkau/shared/http/app";
import { captureRoutes } from "./capture/routes.ts";
import { contributionRoutes, participantContributionRoutes } from "./contributions/routes.ts";
import { followupRoutes } from "./followups/routes.ts";
import { importRoutes } from "./imports/routes.ts";
import { participantRoutes } from "./participants/routes.ts";
import { retentionRoutes } from "./retention/routes.ts";
import { rulesRoutes } from "./rules/routes.ts";
import { signupRoutes } from "./signups/routes.ts";

/**
 * The enrolment worker: sign-ups (single and batched, idempotent), participants and their
 * protected NIKs, contribution rules, contributions and follow-ups, list imports.
 */
export const app = createApiApp({ name: "enrolment", title: "Jangkau — enrolment" })
  .route("/api/enrolment/contribution-rules", rulesRoutes)
  .route("/api/enrolment/signups", signupRoutes)
  .route("/api/enrolment", participantRoutes)
  .route("/api/enrolment", captureRoutes)
  .route("/api/enrolment/imports", importRoutes)
  .route("/api/enrolment/contributions", contributionRoutes)
  .route("/api/enrolment/participants", participantContributionRoutes)
  .route("/api/enrolment/followups", followupRoutes)
  .route("/api/enrolment/retention", retentionRoutes);

export type EnrolmentApp = typeof app;

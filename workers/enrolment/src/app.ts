import { createApiApp } from "@jangkau/shared/http/app";
import { rulesRoutes } from "./rules/routes.ts";

/**
 * The enrolment worker: sign-ups (single and batched, idempotent), participants and their
 * protected NIKs, contribution rules, contributions and follow-ups, list imports.
 */
export const app = createApiApp({ name: "enrolment", title: "Jangkau — enrolment" }).route(
  "/api/enrolment/contribution-rules",
  rulesRoutes,
);

export type EnrolmentApp = typeof app;

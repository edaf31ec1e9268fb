import type { RouteDefinition } from "@solidjs/router";
import { lazy } from "solid-js";

/** Pages of the event feature, mounted inside the app shell by `routes.tsx`. */
export const eventRoutes: RouteDefinition[] = [
  { path: "/events", component: lazy(() => import("./EventsPage.tsx")) },
  { path: "/events/calendar", component: lazy(() => import("./CalendarPage.tsx")) },
  { path: "/events/new", component: lazy(() => import("./EventFormPage.tsx")) },
  { path: "/events/:id", component: lazy(() => import("./EventPage.tsx")) },
  { path: "/events/:id/edit", component: lazy(() => import("./EventFormPage.tsx")) },
  { path: "/events/:id/report", component: lazy(() => import("./EventReportPage.tsx")) },
  { path: "/partner/events", component: lazy(() => import("./PartnerEventsPage.tsx")) },
  {
    path: "/partner/events/:id",
    component: lazy(() => import("./PartnerEventsPage.tsx").then((m) => ({ default: m.PartnerEventPage }))),
  },
];

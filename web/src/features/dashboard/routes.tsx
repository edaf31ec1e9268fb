import type { RouteDefinition } from "@solidjs/router";
import { lazy } from "solid-js";

const Home = lazy(() => import("../../pages/HomePage.tsx"));

/** Pages of this feature, mounted inside the app shell by `routes.tsx`. */
export const dashboardRoutes: RouteDefinition[] = [
  { path: "/dashboard", component: () => <Home title="Dasbor" /> },
];

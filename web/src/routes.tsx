import type { RouteDefinition } from "@solidjs/router";
import { lazy } from "solid-js";
import AppShell from "./shell/AppShell.tsx";

/**
 * Every page is lazy-loaded, so the login and capture screens never pay for the dashboards'
 * charts. A feature adds its pages to `featureRoutes` from its own `features/<name>/routes.ts`.
 */
const Home = lazy(() => import("./pages/HomePage.tsx"));

export const featureRoutes: RouteDefinition[] = [
  { path: "/dashboard", component: () => <Home title="Dasbor" /> },
  { path: "/capture", component: () => <Home title="Pendaftaran peserta" /> },
  { path: "/partner", component: () => <Home title="Progres mitra" /> },
];

export const routes: RouteDefinition[] = [
  { path: "/login", component: lazy(() => import("./auth/LoginPage.tsx")) },
  {
    path: "/",
    component: AppShell,
    children: [{ path: "/", component: lazy(() => import("./pages/RoleHome.tsx")) }, ...featureRoutes],
  },
];

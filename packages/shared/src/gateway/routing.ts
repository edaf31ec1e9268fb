import type { GatewayEnv } from "../env.ts";

/**
 * Which worker serves which `/api` prefix. The gateway (Workers) and the Node host both
 * dispatch with this one table, so a request takes the same path in both runtimes.
 */
export const API_ROUTES: ReadonlyArray<readonly [prefix: string, binding: keyof Omit<GatewayEnv, "ASSETS">]> =
  [
    ["/api/auth", "CAMPAIGNS"],
    ["/api/campaigns", "CAMPAIGNS"],
    ["/api/events", "CAMPAIGNS"],
    ["/api/partners", "CAMPAIGNS"],
    ["/api/offices", "CAMPAIGNS"],
    ["/api/areas", "CAMPAIGNS"],
    ["/api/calendar", "CAMPAIGNS"],
    ["/api/users", "CAMPAIGNS"],
    ["/api/enrolment", "ENROLMENT"],
    ["/api/targets", "TARGETS"],
  ];

/** The three API workers and the path of each one's OpenAPI document and health check. */
export const WORKERS = [
  { name: "campaigns", binding: "CAMPAIGNS" },
  { name: "enrolment", binding: "ENROLMENT" },
  { name: "targets", binding: "TARGETS" },
] as const;

export function bindingFor(pathname: string): keyof Omit<GatewayEnv, "ASSETS"> | null {
  for (const [prefix, binding] of API_ROUTES) {
    if (pathname === prefix || pathname.startsWith(`${prefix}/`)) return binding;
  }
  return null;
}

import type { Role } from "../schema/enums.ts";

/**
 * Every route declares one of these permissions (see `http/route.ts`); this table is the
 * only place that says which role holds which. Scope (which offices, which partner) is
 * applied separately, inside each query, from the principal.
 */
export const PERMISSIONS = {
  "session:self": ["admin", "manager", "staff", "partner"],
  "reference:read": ["admin", "manager", "staff", "partner"],
  "users:manage": ["admin"],
  "users:read": ["admin", "manager"],
  "partners:read": ["admin", "manager", "staff"],
  "partners:write": ["admin", "manager"],
  "campaigns:read": ["admin", "manager", "staff"],
  "campaigns:write": ["admin", "manager"],
  "events:read": ["admin", "manager", "staff"],
  "events:write": ["admin", "manager"],
  "events:report": ["admin", "manager", "staff"],
  "events:shared": ["partner"],
  "calendar:manage": ["admin", "manager"],
  "signups:record": ["admin", "manager", "staff"],
  "signups:read": ["admin", "manager", "staff"],
  "signups:review": ["admin", "manager", "staff"],
  "signups:delete": ["admin", "manager"],
  /** Also needs the per-user `canRevealNik` flag. */
  "nik:reveal": ["admin", "manager", "staff"],
  "targets:read": ["admin", "manager"],
  "targets:write": ["admin", "manager"],
  "progress:read": ["admin", "manager", "staff"],
  "progress:partner": ["partner"],
  "contributions:read": ["admin", "manager", "staff"],
  "contributions:write": ["admin", "manager", "staff"],
  "followups:work": ["admin", "manager", "staff", "partner"],
  "followups:manage": ["admin", "manager"],
  "imports:write": ["admin", "manager", "staff"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function roleHas(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

/** Who is calling, as carried in the session token. */
export interface Principal {
  userId: string;
  role: Role;
  name: string;
  /** The user's own office (manager, staff). */
  officeId: string | null;
  /** Offices in scope: the own office and every office under it. Empty for admin (= all). */
  officeIds: string[];
  partnerId: string | null;
  canRevealNik: boolean;
}

export const isAdmin = (p: Principal) => p.role === "admin";

/** True when `officeId` lies in the principal's scope. */
export function inOfficeScope(p: Principal, officeId: string): boolean {
  return isAdmin(p) || p.officeIds.includes(officeId);
}

/** The home screen each role lands on after login. */
export const HOME_BY_ROLE: Record<Role, string> = {
  admin: "/dashboard",
  manager: "/dashboard",
  staff: "/capture",
  partner: "/partner",
};

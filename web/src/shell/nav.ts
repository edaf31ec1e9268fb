import type { Me } from "../auth/session.ts";

export interface NavItem {
  href: string;
  label: string;
  roles: Me["role"][];
}

/** Navigation per role; each feature's pages live under these paths. */
export const NAV: NavItem[] = [
  { href: "/dashboard", label: "nav.dashboard", roles: ["admin", "manager"] },
  { href: "/campaigns", label: "nav.campaigns", roles: ["admin", "manager", "staff"] },
  { href: "/events", label: "nav.events", roles: ["admin", "manager", "staff"] },
  { href: "/capture", label: "nav.capture", roles: ["admin", "manager", "staff"] },
  { href: "/signups", label: "nav.signups", roles: ["admin", "manager", "staff"] },
  { href: "/imports", label: "nav.imports", roles: ["admin", "manager", "staff"] },
  { href: "/followups", label: "nav.followups", roles: ["admin", "manager", "staff", "partner"] },
  { href: "/retention", label: "nav.retention", roles: ["admin", "manager"] },
  { href: "/targets", label: "nav.targets", roles: ["admin", "manager"] },
  { href: "/partner", label: "nav.partner", roles: ["partner"] },
  { href: "/partner/events", label: "nav.sharedEvents", roles: ["partner"] },
];

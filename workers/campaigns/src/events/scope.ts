import { isAdmin, type Principal } from "@jangkau/shared/auth/permissions";
import type { Db } from "@jangkau/shared/db/index";
import { officeScope } from "@jangkau/shared/http/scope";
import { eventPartners, eventStaff, events } from "@jangkau/shared/schema/index";
import { and, eq, exists, or, type SQL, sql } from "drizzle-orm";

/**
 * Which events a principal may see, as a WHERE condition:
 * admin all; manager the offices in their scope; staff their branch plus any event they are
 * assigned to; partner only events shared with partners that their organisation co-hosts.
 */
export function eventVisibility(db: Db, p: Principal): SQL | undefined {
  if (isAdmin(p)) return undefined;
  if (p.role === "partner") return partnerVisibility(db, p.partnerId);
  const assigned = exists(
    db
      .select({ one: sql`1` })
      .from(eventStaff)
      .where(and(eq(eventStaff.eventId, events.id), eq(eventStaff.userId, p.userId))),
  );
  if (p.role === "staff") return or(officeScope(p, events.officeId), assigned);
  return officeScope(p, events.officeId);
}

/** Shared with partners AND co-hosted (any role) by this partner organisation. */
export function partnerVisibility(db: Db, partnerId: string | null): SQL {
  if (!partnerId) return sql`0`;
  return and(
    eq(events.sharedWithPartners, true),
    exists(
      db
        .select({ one: sql`1` })
        .from(eventPartners)
        .where(and(eq(eventPartners.eventId, events.id), eq(eventPartners.partnerId, partnerId))),
    ),
  ) as SQL;
}

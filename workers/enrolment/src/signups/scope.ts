import { isAdmin, type Principal } from "@jangkau/shared/auth/permissions";
import { officeScope } from "@jangkau/shared/http/scope";
import { signups } from "@jangkau/shared/schema/index";
import { or, type SQL, sql } from "drizzle-orm";

/**
 * Which sign-ups a principal may read, as a WHERE condition: admin all; managers those of
 * their offices; staff their own and those of events they are assigned to; partners none.
 */
export function signupReadScope(p: Principal): SQL | undefined {
  if (isAdmin(p)) return undefined;
  if (p.role === "manager") return officeScope(p, signups.officeId);
  if (p.role === "staff")
    return or(
      sql`${signups.recordedBy} = ${p.userId}`,
      sql`${signups.eventId} in (select event_id from event_staff where user_id = ${p.userId})`,
    );
  return sql`0`;
}

/** The same rule on a row already read, given the events the staff member is assigned to. */
export function inSignupReadScope(
  p: Principal,
  row: { officeId: string; recordedBy: string | null; eventId: string | null },
  assignedEventIds: ReadonlySet<string>,
): boolean {
  if (isAdmin(p)) return true;
  if (p.role === "manager") return p.officeIds.includes(row.officeId);
  if (p.role === "staff")
    return row.recordedBy === p.userId || (row.eventId !== null && assignedEventIds.has(row.eventId));
  return false;
}

/** Whether the principal may record sign-ups at an event (before looking at the event's status). */
export function mayRecordAtEvent(
  p: Principal,
  event: { officeId: string },
  assigned: boolean,
  source: string,
): boolean {
  if (isAdmin(p)) return true;
  if (!p.officeIds.includes(event.officeId)) return false;
  // At the venue, staff record only at the events they were sent to; lists of their branch may
  // be linked to any of its events.
  if (p.role === "staff") return assigned || source !== "event";
  return p.role === "manager";
}

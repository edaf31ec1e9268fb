import type { Db } from "@jangkau/shared/db/index";
import { partnerCount, suppressSmallCells } from "@jangkau/shared/domain/events/index";
import { NotFoundError } from "@jangkau/shared/errors";
import { areas, eventPartners, events, offices, partners } from "@jangkau/shared/schema/index";
import { and, desc, eq, inArray } from "drizzle-orm";
import { signupBreakdown } from "./outcomes.ts";
import { partnerVisibility } from "./scope.ts";
import { eventTimes } from "./service.ts";

/**
 * What a partner organisation sees of the events it co-hosts and that were shared with
 * partners: the plan in public terms and aggregate outcomes only — no staff, no budget, no
 * minutes, no contact people, and counts below 5 suppressed. Anything else is a 404.
 */

async function sharedRows(db: Db, partnerId: string | null, id?: string) {
  return db
    .select({ event: events, officeName: offices.name, areaName: areas.name })
    .from(events)
    .innerJoin(offices, eq(offices.id, events.officeId))
    .leftJoin(areas, eq(areas.code, events.areaCode))
    .where(and(partnerVisibility(db, partnerId), id ? eq(events.id, id) : undefined))
    .orderBy(desc(events.startsAt))
    .limit(200);
}

async function cohosts(db: Db, eventIds: string[]) {
  if (eventIds.length === 0) return [];
  return db
    .select({
      eventId: eventPartners.eventId,
      name: partners.name,
      type: partners.type,
      role: eventPartners.role,
    })
    .from(eventPartners)
    .innerJoin(partners, eq(partners.id, eventPartners.partnerId))
    .where(inArray(eventPartners.eventId, eventIds));
}

type SharedRow = Awaited<ReturnType<typeof sharedRows>>[number];

async function sharedView(db: Db, row: SharedRow, hosts: Awaited<ReturnType<typeof cohosts>>) {
  const e = row.event;
  const signups = await signupBreakdown(db, `event:${e.id}`);
  const total = partnerCount(signups.total);
  return {
    ...eventTimes(e),
    id: e.id,
    type: e.type,
    title: e.title,
    status: e.status,
    venue: e.venue,
    areaName: row.areaName,
    officeName: row.officeName,
    cohosts: hosts.filter((h) => h.eventId === e.id).map(({ name, type, role }) => ({ name, type, role })),
    expectedAttendance: e.expectedAttendance,
    attendance: e.attendance,
    targetSignups: e.targetSignups,
    outcome: {
      /** null = between 1 and 4, not shown. */
      signups: total,
      achievement: total != null && e.targetSignups > 0 ? total / e.targetSignups : null,
      byOccupation: suppressSmallCells(signups.byOccupation),
      byPayer: suppressSmallCells(signups.byPayer),
    },
  };
}

/** The partner's shared, co-hosted events, newest first. */
export async function listSharedEvents(db: Db, partnerId: string | null) {
  const rows = await sharedRows(db, partnerId);
  const hosts = await cohosts(
    db,
    rows.map((r) => r.event.id),
  );
  return Promise.all(rows.map((r) => sharedView(db, r, hosts)));
}

/** One shared event, or 404 — the same answer whether it does not exist or is not theirs. */
export async function sharedEvent(db: Db, partnerId: string | null, id: string) {
  const [row] = await sharedRows(db, partnerId, id);
  if (!row) throw new NotFoundError("event_not_found", "Kegiatan tidak ditemukan.");
  return sharedView(db, row, await cohosts(db, [id]));
}

import type { Principal } from "@jangkau/shared/auth/permissions";
import type { Db } from "@jangkau/shared/db/index";
import { EVENT_TRANSITIONS, eventYield, reportReadiness } from "@jangkau/shared/domain/events/index";
import { localToUtc, utcToLocal } from "@jangkau/shared/domain/timezone/index";
import { NotFoundError } from "@jangkau/shared/errors";
import {
  areas,
  campaigns,
  type EventStatus,
  type EventType,
  eventActions,
  eventPartners,
  eventStaff,
  events,
  offices,
  partners,
  users,
} from "@jangkau/shared/schema/index";
import { and, asc, desc, eq, exists, gte, inArray, lt, type SQL, sql } from "drizzle-orm";
import { liveSignups, signupBreakdown } from "./outcomes.ts";
import { eventVisibility } from "./scope.ts";

export type EventRow = typeof events.$inferSelect;

export interface EventFilter {
  office?: string;
  type?: EventType;
  status?: EventStatus;
  partner?: string;
  campaign?: string;
  /** Local calendar dates (inclusive). */
  from?: string;
  to?: string;
  /** Only events the caller is assigned to. */
  mine?: boolean;
}

const nextDay = (date: string) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};

/**
 * Date bounds as UTC instants wide enough for every zone: from the start of `from` in WIT
 * (the earliest) to the end of `to` in WIB (the latest). The SPA places events on their
 * local day.
 */
function dateBounds(from?: string, to?: string): SQL[] {
  const out: SQL[] = [];
  if (from) out.push(gte(events.endsAt, localToUtc(`${from}T00:00`, "WIT")));
  if (to) out.push(lt(events.startsAt, localToUtc(`${nextDay(to)}T00:00`, "WIB")));
  return out;
}

/** Events the principal may see, filtered, with their partners, staff count and live sign-ups. */
export async function listEvents(db: Db, p: Principal, f: EventFilter, limit = 500) {
  const where = and(
    eventVisibility(db, p),
    f.office ? eq(events.officeId, f.office) : undefined,
    f.type ? eq(events.type, f.type) : undefined,
    f.status ? eq(events.status, f.status) : undefined,
    f.campaign ? eq(events.campaignId, f.campaign) : undefined,
    f.partner
      ? exists(
          db
            .select({ one: sql`1` })
            .from(eventPartners)
            .where(and(eq(eventPartners.eventId, events.id), eq(eventPartners.partnerId, f.partner))),
        )
      : undefined,
    f.mine
      ? exists(
          db
            .select({ one: sql`1` })
            .from(eventStaff)
            .where(and(eq(eventStaff.eventId, events.id), eq(eventStaff.userId, p.userId))),
        )
      : undefined,
    ...dateBounds(f.from, f.to),
  );
  const rows = await db
    .select({
      event: events,
      campaignName: campaigns.name,
      officeName: offices.name,
      areaName: areas.name,
    })
    .from(events)
    .leftJoin(campaigns, eq(campaigns.id, events.campaignId))
    .innerJoin(offices, eq(offices.id, events.officeId))
    .leftJoin(areas, eq(areas.code, events.areaCode))
    .where(where)
    .orderBy(f.from || f.to ? asc(events.startsAt) : desc(events.startsAt))
    .limit(limit);
  const ids = rows.map((r) => r.event.id);
  const [partnerRows, staffRows, signups] = await Promise.all([
    ids.length
      ? db
          .select({
            eventId: eventPartners.eventId,
            id: partners.id,
            name: partners.name,
            type: partners.type,
            role: eventPartners.role,
          })
          .from(eventPartners)
          .innerJoin(partners, eq(partners.id, eventPartners.partnerId))
          .where(inArray(eventPartners.eventId, ids))
      : [],
    ids.length ? db.select().from(eventStaff).where(inArray(eventStaff.eventId, ids)) : [],
    liveSignups(
      db,
      ids.map((id) => `event:${id}`),
    ),
  ]);
  return rows.map(({ event: e, campaignName, officeName, areaName }) => ({
    ...eventTimes(e),
    id: e.id,
    campaignId: e.campaignId,
    campaignName,
    officeId: e.officeId,
    officeName,
    type: e.type,
    title: e.title,
    status: e.status,
    venue: e.venue,
    areaCode: e.areaCode,
    areaName,
    expectedAttendance: e.expectedAttendance,
    targetSignups: e.targetSignups,
    sharedWithPartners: e.sharedWithPartners,
    partners: partnerRows
      .filter((r) => r.eventId === e.id)
      .map(({ id, name, type, role }) => ({ id, name, type, role })),
    staffCount: staffRows.filter((s) => s.eventId === e.id).length,
    assignedToMe: staffRows.some((s) => s.eventId === e.id && s.userId === p.userId),
    liveSignups: signups.get(`event:${e.id}`) ?? 0,
  }));
}

/** Start and end as UTC instants and as wall-clock time at the venue. */
export function eventTimes(e: Pick<EventRow, "startsAt" | "endsAt" | "timeZone">) {
  return {
    startsAt: e.startsAt,
    endsAt: e.endsAt,
    timeZone: e.timeZone,
    startLocal: utcToLocal(e.startsAt, e.timeZone).slice(0, 16),
    endLocal: utcToLocal(e.endsAt, e.timeZone).slice(0, 16),
  };
}

/** One visible event row, or 404 (also for events outside the caller's scope). */
export async function findVisibleEvent(db: Db, p: Principal, id: string): Promise<EventRow> {
  const [row] = await db
    .select()
    .from(events)
    .where(and(eq(events.id, id), eventVisibility(db, p)));
  if (!row) throw new NotFoundError("event_not_found", "Kegiatan tidak ditemukan.");
  return row;
}

/** The full event page for staff and managers: plan, people, partners, follow-ups, outcome and yield. */
export async function eventDetail(db: Db, p: Principal, id: string) {
  const e = await findVisibleEvent(db, p, id);
  const [campaign, office, area, partnerRows, staffRows, actions, signups] = await Promise.all([
    e.campaignId
      ? db.query.campaigns.findFirst({
          where: eq(campaigns.id, e.campaignId),
          columns: { id: true, name: true, status: true, segment: true },
        })
      : undefined,
    db.query.offices.findFirst({
      where: eq(offices.id, e.officeId),
      columns: { id: true, name: true, kind: true },
    }),
    db.query.areas.findFirst({ where: eq(areas.code, e.areaCode) }),
    db
      .select({ id: partners.id, name: partners.name, type: partners.type, role: eventPartners.role })
      .from(eventPartners)
      .innerJoin(partners, eq(partners.id, eventPartners.partnerId))
      .where(eq(eventPartners.eventId, e.id))
      .orderBy(asc(partners.name)),
    db
      .select({ id: users.id, name: users.name })
      .from(eventStaff)
      .innerJoin(users, eq(users.id, eventStaff.userId))
      .where(eq(eventStaff.eventId, e.id))
      .orderBy(asc(users.name)),
    db
      .select()
      .from(eventActions)
      .where(eq(eventActions.eventId, e.id))
      .orderBy(asc(eventActions.dueDate), asc(eventActions.createdAt)),
    signupBreakdown(db, `event:${e.id}`),
  ]);
  const parentArea =
    area?.parentCode && area.level === "district"
      ? await db.query.areas.findFirst({ where: eq(areas.code, area.parentCode) })
      : undefined;
  return {
    ...eventTimes(e),
    id: e.id,
    version: e.version,
    updatedAt: e.updatedAt,
    campaign: campaign ?? null,
    office: office ?? null,
    type: e.type,
    title: e.title,
    status: e.status,
    cancelReason: e.cancelReason,
    venue: e.venue,
    area: area
      ? { code: area.code, name: area.name, level: area.level, parentName: parentArea?.name ?? null }
      : null,
    expectedAttendance: e.expectedAttendance,
    targetSignups: e.targetSignups,
    plannedBudget: e.plannedBudget,
    actualCost: e.actualCost,
    attendance: e.attendance,
    minutes: e.minutes,
    sharedWithPartners: e.sharedWithPartners,
    partners: partnerRows,
    staff: staffRows,
    assignedToMe: staffRows.some((s) => s.id === p.userId),
    actions: actions.map((a) => ({
      id: a.id,
      action: a.action,
      ownerName: a.ownerName,
      dueDate: a.dueDate,
      done: a.done,
      updatedAt: a.updatedAt,
    })),
    signups,
    yield: eventYield(e, signups.total),
    reportMissing: reportReadiness(e),
    allowedTransitions: EVENT_TRANSITIONS[e.status],
  };
}

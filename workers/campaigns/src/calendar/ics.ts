import type { Db } from "@jangkau/shared/db/index";
import {
  areas,
  type EventType,
  eventPartners,
  events,
  offices,
  partners,
} from "@jangkau/shared/schema/index";
import { and, asc, eq, gte, inArray, or } from "drizzle-orm";
import ical, { ICalCalendarMethod, ICalEventStatus } from "ical-generator";

const TYPE_LABEL: Record<EventType, string> = {
  sarasehan: "Sarasehan",
  rapat_koordinasi: "Rapat koordinasi",
  sosialisasi: "Sosialisasi",
  jemput_bola: "Jemput bola",
  gerai: "Gerai",
};

const STATUS_LABEL = {
  planned: "Direncanakan",
  confirmed: "Dikonfirmasi",
  held: "Terlaksana",
  reported: "Dilaporkan",
  cancelled: "Dibatalkan",
} as const;

/** How far back a feed reaches; calendars keep what they already synced. */
const PAST_DAYS = 90;

/**
 * The iCalendar text of an office's events and those of the offices under it, from
 * {@link PAST_DAYS} days ago on. Times are UTC (`DTSTART:…Z`), UID is the event id, cancelled
 * events stay in the feed as `STATUS:CANCELLED` so subscribed calendars drop them. No
 * personal data: titles, places, partner organisations and a link to the event page.
 */
export async function officeCalendar(db: Db, officeId: string, origin: string, now: Date): Promise<string> {
  const office = await db.query.offices.findFirst({ where: eq(offices.id, officeId) });
  const children = await db
    .select({ id: offices.id })
    .from(offices)
    .where(or(eq(offices.parentId, officeId), eq(offices.id, officeId)));
  const officeIds = children.map((o) => o.id);
  const since = new Date(now.getTime() - PAST_DAYS * 86_400_000).toISOString();
  const rows = await db
    .select({ event: events, areaName: areas.name, officeName: offices.name })
    .from(events)
    .innerJoin(offices, eq(offices.id, events.officeId))
    .leftJoin(areas, eq(areas.code, events.areaCode))
    .where(and(inArray(events.officeId, officeIds), gte(events.endsAt, since)))
    .orderBy(asc(events.startsAt))
    .limit(1000);
  const hosts = rows.length
    ? await db
        .select({ eventId: eventPartners.eventId, name: partners.name })
        .from(eventPartners)
        .innerJoin(partners, eq(partners.id, eventPartners.partnerId))
        .where(
          inArray(
            eventPartners.eventId,
            rows.map((r) => r.event.id),
          ),
        )
    : [];

  const calendar = ical({
    name: `Jangkau — ${office?.name ?? officeId}`,
    prodId: { company: "BPJS Ketenagakerjaan", product: "Jangkau", language: "ID" },
    method: ICalCalendarMethod.PUBLISH,
    ttl: 60 * 60,
  });
  for (const { event: e, areaName, officeName } of rows) {
    const cohosts = hosts.filter((h) => h.eventId === e.id).map((h) => h.name);
    const lines = [
      `${TYPE_LABEL[e.type]} — ${STATUS_LABEL[e.status]} (${e.timeZone})`,
      `Kantor: ${officeName}`,
      cohosts.length ? `Mitra: ${cohosts.join(", ")}` : null,
      e.status === "cancelled" && e.cancelReason ? `Alasan batal: ${e.cancelReason}` : null,
      `${origin}/events/${e.id}`,
    ].filter((l): l is string => l !== null);
    calendar.createEvent({
      id: e.id,
      start: new Date(e.startsAt),
      end: new Date(e.endsAt),
      stamp: new Date(e.updatedAt),
      lastModified: new Date(e.updatedAt),
      sequence: e.version,
      summary: e.title,
      location: [e.venue, areaName].filter(Boolean).join(", ") || null,
      description: lines.join("\n"),
      url: `${origin}/events/${e.id}`,
      status:
        e.status === "cancelled"
          ? ICalEventStatus.CANCELLED
          : e.status === "planned"
            ? ICalEventStatus.TENTATIVE
            : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}

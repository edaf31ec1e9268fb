import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { areas } from "../areas/table.ts";
import { campaigns } from "../campaigns/table.ts";
import { bool, id, stamps, version } from "../columns.ts";
import { EVENT_PARTNER_ROLES, EVENT_STATUSES, EVENT_TYPES, TIME_ZONES } from "../enums.ts";
import { offices } from "../offices/table.ts";
import { partners } from "../partners/table.ts";
import { users } from "../users/table.ts";

/** Sarasehan, rapat koordinasi, sosialisasi, jemput bola, gerai — held by a branch office. */
export const events = sqliteTable(
  "events",
  {
    id: id(),
    campaignId: text().references(() => campaigns.id, { onDelete: "restrict" }),
    /** The branch (or regional) office holding the event; denormalised from the campaign for scope. */
    officeId: text()
      .notNull()
      .references(() => offices.id, { onDelete: "restrict" }),
    type: text({ enum: EVENT_TYPES }).notNull(),
    title: text().notNull(),
    /** UTC instants; shown in `timeZone`, the venue's zone derived from its province. */
    startsAt: text().notNull(),
    endsAt: text().notNull(),
    timeZone: text({ enum: TIME_ZONES }).notNull(),
    venue: text(),
    /** A regency or district code from `areas`. */
    areaCode: text()
      .notNull()
      .references(() => areas.code),
    expectedAttendance: integer(),
    targetSignups: integer().notNull().default(0),
    plannedBudget: integer().notNull().default(0),
    actualCost: integer(),
    status: text({ enum: EVENT_STATUSES }).notNull().default("planned"),
    cancelReason: text(),
    attendance: integer(),
    minutes: text(),
    sharedWithPartners: bool().notNull().default(false),
    createdBy: text().references(() => users.id, { onDelete: "set null" }),
    ...stamps(),
    version: version(),
  },
  (t) => [
    index("events_office_start_idx").on(t.officeId, t.startsAt),
    index("events_campaign_idx").on(t.campaignId),
  ],
);

export const eventPartners = sqliteTable(
  "event_partners",
  {
    eventId: text()
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    partnerId: text()
      .notNull()
      .references(() => partners.id, { onDelete: "restrict" }),
    role: text({ enum: EVENT_PARTNER_ROLES }).notNull().default("co_host"),
  },
  (t) => [
    primaryKey({ columns: [t.eventId, t.partnerId] }),
    index("event_partners_partner_idx").on(t.partnerId),
  ],
);

export const eventStaff = sqliteTable(
  "event_staff",
  {
    eventId: text()
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.userId] }), index("event_staff_user_idx").on(t.userId)],
);

/** Follow-up actions agreed at an event (not the payment follow-up tasks). */
export const eventActions = sqliteTable(
  "event_actions",
  {
    id: id(),
    eventId: text()
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    action: text().notNull(),
    ownerName: text().notNull(),
    dueDate: text(),
    done: bool().notNull().default(false),
    ...stamps(),
  },
  (t) => [index("event_actions_event_idx").on(t.eventId)],
);

/** Revocable secret links to an office's iCalendar feed; only the token's hash is stored. */
export const calendarFeeds = sqliteTable(
  "calendar_feeds",
  {
    id: id(),
    officeId: text()
      .notNull()
      .references(() => offices.id, { onDelete: "cascade" }),
    tokenHash: text().notNull().unique(),
    createdBy: text().references(() => users.id, { onDelete: "set null" }),
    revokedAt: text(),
    ...stamps(),
  },
  (t) => [index("calendar_feeds_office_idx").on(t.officeId)],
);

import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { areas } from "../areas/table.ts";
import { campaigns } from "../campaigns/table.ts";
import { bool, stamps, version } from "../columns.ts";
import { PAYERS, SIGNUP_SOURCES, SIGNUP_STATUSES } from "../enums.ts";
import { events } from "../events/table.ts";
import { offices } from "../offices/table.ts";
import { participants } from "../participants/table.ts";
import { partners } from "../partners/table.ts";
import { users } from "../users/table.ts";

/**
 * One enrolment of a participant, recorded at an event or imported from a list.
 * `id` is the UUID the tablet generated: it is also the idempotency key, and
 * `payloadHash` tells a replay (same payload) from a conflicting reuse of the key.
 */
export const signups = sqliteTable(
  "signups",
  {
    id: text().primaryKey(),
    participantId: text()
      .notNull()
      .references(() => participants.id, { onDelete: "restrict" }),
    eventId: text().references(() => events.id, { onDelete: "restrict" }),
    campaignId: text().references(() => campaigns.id, { onDelete: "set null" }),
    importBatchId: text(),
    source: text({ enum: SIGNUP_SOURCES }).notNull(),
    /** The branch office the sign-up counts for. */
    officeId: text()
      .notNull()
      .references(() => offices.id, { onDelete: "restrict" }),
    regencyCode: text().references(() => areas.code),
    occupation: text().notNull(),
    incomeBand: text().notNull(),
    jht: bool().notNull().default(false),
    payer: text({ enum: PAYERS }).notNull(),
    sponsorPartnerId: text().references(() => partners.id, { onDelete: "restrict" }),
    sponsoredFrom: text(),
    sponsoredUntil: text(),
    /** Rupiah per month at sign-up, from the rules in force. */
    monthlyContribution: integer().notNull(),
    contributionRuleId: text().notNull(),
    discountId: text(),
    consentVersion: text().notNull(),
    consentAt: text().notNull(),
    status: text({ enum: SIGNUP_STATUSES }).notNull().default("recorded"),
    rejectReason: text(),
    /** YYYY-MM of the sign-up in the venue's time zone: the month it counts in. */
    signupMonth: text().notNull(),
    recordedAt: text().notNull(),
    recordedBy: text().references(() => users.id, { onDelete: "set null" }),
    payloadHash: text().notNull(),
    ...stamps(),
    version: version(),
  },
  (t) => [
    index("signups_event_idx").on(t.eventId),
    index("signups_office_month_idx").on(t.officeId, t.signupMonth),
    index("signups_recorded_by_idx").on(t.recordedBy),
    index("signups_import_idx").on(t.importBatchId),
    /** One live enrolment per person: a rejected one does not block a new one. */
    uniqueIndex("signups_participant_live_uq").on(t.participantId).where(sql`status <> 'rejected'`),
  ],
);

import * as v from "valibot";
import { areaCode, count, isoDate, rupiah, text, uuid } from "../../validation/common.ts";
import { officeId } from "../campaigns/validation.ts";
import { EVENT_PARTNER_ROLES, EVENT_STATUSES, EVENT_TYPES } from "../enums.ts";

/**
 * A wall-clock time at the venue, as a `datetime-local` input gives it (`2026-03-10T09:00`).
 * The server derives the zone (WIB/WITA/WIT) from the area's province and stores UTC.
 */
export const localDateTime = v.pipe(
  v.string(),
  v.trim(),
  v.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/, "Waktu harus berformat YYYY-MM-DDTHH:mm."),
);

const version = v.pipe(v.number(), v.integer(), v.minValue(1));

export const eventPartnerInput = v.strictObject({
  partnerId: uuid,
  role: v.optional(v.picklist(EVENT_PARTNER_ROLES), "co_host"),
});

const planFields = {
  type: v.picklist(EVENT_TYPES),
  title: text(200),
  startLocal: localDateTime,
  endLocal: localDateTime,
  venue: v.nullable(text(300)),
  areaCode,
  expectedAttendance: v.nullable(count(1_000_000)),
  targetSignups: count(1_000_000),
  plannedBudget: rupiah,
  partners: v.pipe(v.array(eventPartnerInput), v.maxLength(20, "Maksimal 20 mitra.")),
  staffIds: v.pipe(v.array(uuid), v.maxLength(40, "Maksimal 40 petugas.")),
  sharedWithPartners: v.boolean(),
};

/** POST /api/events — a new event is `planned`. */
export const eventCreateInput = v.strictObject({
  campaignId: uuid,
  type: planFields.type,
  title: planFields.title,
  startLocal: planFields.startLocal,
  endLocal: planFields.endLocal,
  venue: v.optional(planFields.venue, null),
  areaCode: planFields.areaCode,
  expectedAttendance: v.optional(planFields.expectedAttendance, null),
  targetSignups: v.optional(planFields.targetSignups, 0),
  plannedBudget: v.optional(planFields.plannedBudget, 0),
  partners: v.optional(planFields.partners, []),
  staffIds: v.optional(planFields.staffIds, []),
  sharedWithPartners: v.optional(planFields.sharedWithPartners, false),
});

/** PATCH /api/events/:id — the plan; `partners` and `staffIds`, when given, replace the lists. */
export const eventUpdateInput = v.strictObject({
  version,
  ...v.partial(v.object(planFields)).entries,
});

/** PATCH /api/events/:id/outcome — what the event produced, recorded by its staff. */
export const eventOutcomeInput = v.strictObject({
  version,
  attendance: v.optional(v.nullable(count(1_000_000))),
  minutes: v.optional(v.nullable(text(20_000))),
  actualCost: v.optional(v.nullable(rupiah)),
});

/** POST /api/events/:id/status */
export const eventStatusInput = v.strictObject({
  version,
  status: v.picklist(EVENT_STATUSES),
  cancelReason: v.optional(text(500)),
});

/** POST /api/events/:id/actions — a follow-up agreed at the event. */
export const eventActionCreateInput = v.strictObject({
  action: text(500),
  ownerName: text(200),
  dueDate: v.optional(v.nullable(isoDate), null),
});

/** PATCH /api/events/:id/actions/:actionId — `updatedAt` is the stamp the edit started from. */
export const eventActionUpdateInput = v.strictObject({
  updatedAt: v.pipe(v.string(), v.isoTimestamp()),
  action: v.optional(text(500)),
  ownerName: v.optional(text(200)),
  dueDate: v.optional(v.nullable(isoDate)),
  done: v.optional(v.boolean()),
});

export const eventListQuery = v.object({
  office: v.optional(officeId),
  type: v.optional(v.picklist(EVENT_TYPES)),
  status: v.optional(v.picklist(EVENT_STATUSES)),
  partner: v.optional(uuid),
  campaign: v.optional(uuid),
  from: v.optional(isoDate),
  to: v.optional(isoDate),
  mine: v.optional(v.picklist(["1", "0"])),
});

export const calendarFeedInput = v.strictObject({ officeId });

export type EventCreateInput = v.InferOutput<typeof eventCreateInput>;
export type EventUpdateInput = v.InferOutput<typeof eventUpdateInput>;

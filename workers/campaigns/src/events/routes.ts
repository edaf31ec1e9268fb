import { auditRow } from "@jangkau/shared/audit";
import { inOfficeScope, roleHas } from "@jangkau/shared/auth/permissions";
import type { Db } from "@jangkau/shared/db/index";
import { canTransition, REPORTING_STATUSES, reportReadiness } from "@jangkau/shared/domain/events/index";
import { utcToLocal } from "@jangkau/shared/domain/timezone/index";
import {
  ConflictError,
  type FieldIssue,
  ForbiddenError,
  fieldError,
  NotFoundError,
  ValidationError,
} from "@jangkau/shared/errors";
import { principal, route } from "@jangkau/shared/http/route";
import { officeScope } from "@jangkau/shared/http/scope";
import type { AppEnv } from "@jangkau/shared/http/types";
import { valid } from "@jangkau/shared/http/validate";
import { officeId } from "@jangkau/shared/schema/campaigns/validation";
import {
  eventActionCreateInput,
  eventActionUpdateInput,
  eventCreateInput,
  eventListQuery,
  eventOutcomeInput,
  eventStatusInput,
  eventUpdateInput,
} from "@jangkau/shared/schema/events/validation";
import {
  auditLog,
  campaigns,
  eventActions,
  eventPartners,
  eventStaff,
  events,
  offices,
  users,
} from "@jangkau/shared/schema/index";
import { uuid } from "@jangkau/shared/validation/common";
import { and, asc, eq, exists, type SQL, sql } from "drizzle-orm";
import { type Context, Hono } from "hono";
import * as v from "valibot";
import {
  type BatchItem,
  insertWhen,
  rowsAffected,
  runBatch,
  versionConflict,
} from "../concurrency/guarded.ts";
import { checkPartners, checkStaff, planTimes, resolveArea, throwPlanIssues } from "./plan.ts";
import { eventDetail, findVisibleEvent, listEvents } from "./service.ts";
import { listSharedEvents, sharedEvent } from "./shared.ts";

const tags = ["events"];
const idParam = v.object({ id: uuid });
const actionParam = v.object({ id: uuid, actionId: uuid });

/** Reported and cancelled events are final: their plan and outcome no longer change. */
function assertOpen(e: { status: string }) {
  if (e.status === "reported" || e.status === "cancelled") {
    throw new ConflictError(
      "event_locked",
      "Kegiatan sudah dilaporkan atau dibatalkan; tidak dapat diubah.",
      {
        status: e.status,
        issues: [{ path: "status", code: "event_locked", message: "Kegiatan sudah final." }],
      },
    );
  }
}

export const eventRoutes = new Hono<AppEnv>()
  .get(
    "/",
    route({
      summary: "Events in scope, filtered by office, type, status, partner, campaign and dates",
      tags,
      permission: "events:read",
    }),
    valid("query", eventListQuery),
    async (c) => {
      const q = c.req.valid("query");
      const list = await listEvents(c.get("db"), principal(c), { ...q, mine: q.mine === "1" });
      return c.json(list, 200);
    },
  )
  .get(
    "/assignable-staff",
    route({
      summary: "Staff of a branch who may be assigned to its events",
      tags,
      permission: "events:write",
    }),
    valid("query", v.object({ office: officeId })),
    async (c) => {
      const p = principal(c);
      const { office } = c.req.valid("query");
      if (!inOfficeScope(p, office)) throw new NotFoundError("office_not_found", "Kantor tidak ditemukan.");
      const rows = await c
        .get("db")
        .select({ id: users.id, name: users.name })
        .from(users)
        .where(and(eq(users.officeId, office), eq(users.role, "staff"), eq(users.active, true)))
        .orderBy(asc(users.name));
      return c.json(rows, 200);
    },
  )
  .get(
    "/shared",
    route({
      summary: "Partner: shared events the organisation co-hosts, with aggregate outcomes",
      tags,
      permission: "events:shared",
    }),
    async (c) => c.json(await listSharedEvents(c.get("db"), principal(c).partnerId), 200),
  )
  .get(
    "/shared/:id",
    route({
      summary: "Partner: one shared event with aggregate outcomes",
      tags,
      permission: "events:shared",
    }),
    valid("param", idParam),
    async (c) => c.json(await sharedEvent(c.get("db"), principal(c).partnerId, c.req.valid("param").id), 200),
  )
  .get(
    "/:id",
    route({
      summary: "An event: plan, staff, partners, follow-ups, outcome, sign-ups and yield",
      tags,
      permission: "events:read",
    }),
    valid("param", idParam),
    async (c) => c.json(await eventDetail(c.get("db"), principal(c), c.req.valid("param").id), 200),
  )
  .post(
    "/",
    route({ summary: "Plan an event in a campaign", tags, permission: "events:write" }),
    valid("json", eventCreateInput),
    async (c) => {
      const p = principal(c);
      const db = c.get("db");
      const body = c.req.valid("json");
      const issues: FieldIssue[] = [];
      const [campaign] = await db
        .select({
          id: campaigns.id,
          officeId: campaigns.officeId,
          status: campaigns.status,
          tz: offices.timeZone,
        })
        .from(campaigns)
        .innerJoin(offices, eq(offices.id, campaigns.officeId))
        .where(and(eq(campaigns.id, body.campaignId), officeScope(p, campaigns.officeId)));
      if (!campaign) throw fieldError("campaignId", "unknown_campaign", "Kampanye tidak ditemukan.");
      if (campaign.status === "closed") {
        throw new ConflictError("campaign_closed", "Kampanye sudah ditutup; tidak dapat menambah kegiatan.", {
          issues: [{ path: "campaignId", code: "campaign_closed", message: "Kampanye sudah ditutup." }],
        });
      }
      const place = await resolveArea(db, body.areaCode, campaign.tz, issues);
      const times = place ? planTimes(body.startLocal, body.endLocal, place.timeZone, issues) : null;
      const forbidden = await checkPartners(db, p, body.partners, issues);
      await checkStaff(db, campaign.officeId, body.staffIds, issues);
      throwPlanIssues(issues, forbidden);
      if (!times) throw new ValidationError("Rencana kegiatan tidak valid.", issues);

      const id = crypto.randomUUID();
      const now = new Date().toISOString();
      await runBatch(db, [
        db.insert(events).values({
          id,
          campaignId: campaign.id,
          officeId: campaign.officeId,
          type: body.type,
          title: body.title,
          ...times,
          venue: body.venue,
          areaCode: body.areaCode,
          expectedAttendance: body.expectedAttendance,
          targetSignups: body.targetSignups,
          plannedBudget: body.plannedBudget,
          sharedWithPartners: body.sharedWithPartners,
          status: "planned",
          createdBy: p.userId,
          createdAt: now,
          updatedAt: now,
        }),
        ...body.partners.map((x) => db.insert(eventPartners).values({ eventId: id, ...x })),
        ...body.staffIds.map((userId) => db.insert(eventStaff).values({ eventId: id, userId })),
        db.insert(auditLog).values(
          auditRow(c, "event.create", "event", id, {
            campaignId: campaign.id,
            type: body.type,
            partners: body.partners.length,
            staff: body.staffIds.length,
          }),
        ),
      ]);
      return c.json(await eventDetail(db, p, id), 201);
    },
  )
  .patch(
    "/:id",
    route({
      summary: "Change an event's plan (partners and staff lists are replaced when given)",
      tags,
      permission: "events:write",
    }),
    valid("param", idParam),
    valid("json", eventUpdateInput),
    async (c) => {
      const p = principal(c);
      const db = c.get("db");
      const { id } = c.req.valid("param");
      const body = c.req.valid("json");
      const current = await findVisibleEvent(db, p, id);
      if (current.version !== body.version) throw versionConflict("event", current.version);
      assertOpen(current);

      const issues: FieldIssue[] = [];
      const office = await db.query.offices.findFirst({ where: eq(offices.id, current.officeId) });
      const place = await resolveArea(
        db,
        body.areaCode ?? current.areaCode,
        office?.timeZone ?? "WIB",
        issues,
      );
      const startLocal = body.startLocal ?? utcToLocal(current.startsAt, current.timeZone).slice(0, 16);
      const endLocal = body.endLocal ?? utcToLocal(current.endsAt, current.timeZone).slice(0, 16);
      const times = place ? planTimes(startLocal, endLocal, place.timeZone, issues) : null;
      const forbidden = body.partners ? await checkPartners(db, p, body.partners, issues) : [];
      if (body.staffIds) await checkStaff(db, current.officeId, body.staffIds, issues);
      throwPlanIssues(issues, forbidden);
      if (!times) throw new ValidationError("Rencana kegiatan tidak valid.", issues);

      const { partners: partnerList, staffIds, version: _v, startLocal: _s, endLocal: _e, ...plan } = body;
      await writeEventChange(c, id, body.version, {
        action: "event.update",
        details: { fields: Object.keys(body).filter((k) => k !== "version"), fromVersion: body.version },
        set: { ...plan, ...times },
        // The partner and staff lists are replaced, under the same version guard.
        before: (guard) => [
          ...(partnerList
            ? [
                db.delete(eventPartners).where(and(eq(eventPartners.eventId, id), guard)),
                ...partnerList.map((x) => insertWhen(db, eventPartners, { eventId: id, ...x }, guard)),
              ]
            : []),
          ...(staffIds
            ? [
                db.delete(eventStaff).where(and(eq(eventStaff.eventId, id), guard)),
                ...staffIds.map((userId) => insertWhen(db, eventStaff, { eventId: id, userId }, guard)),
              ]
            : []),
        ],
      });
      return c.json(await eventDetail(db, p, id), 200);
    },
  )
  .patch(
    "/:id/outcome",
    route({
      summary: "Record what the event produced: attendance, minutes (notulen), actual cost",
      tags,
      permission: "events:report",
    }),
    valid("param", idParam),
    valid("json", eventOutcomeInput),
    async (c) => {
      const p = principal(c);
      const db = c.get("db");
      const { id } = c.req.valid("param");
      const { version, ...outcome } = c.req.valid("json");
      const current = await findVisibleEvent(db, p, id);
      if (current.version !== version) throw versionConflict("event", current.version);
      assertOpen(current);
      await writeEventChange(c, id, version, {
        action: "event.outcome",
        details: { fields: Object.keys(outcome), fromVersion: version },
        set: outcome,
      });
      return c.json(await eventDetail(db, p, id), 200);
    },
  )
  .post(
    "/:id/status",
    route({
      summary:
        "Move an event along planned → confirmed → held → reported, or cancel it with a reason " +
        "(staff may mark held and reported; the rest needs events:write)",
      tags,
      permission: "events:report",
    }),
    valid("param", idParam),
    valid("json", eventStatusInput),
    async (c) => {
      const p = principal(c);
      const db = c.get("db");
      const { id } = c.req.valid("param");
      const { version, status, cancelReason } = c.req.valid("json");
      const current = await findVisibleEvent(db, p, id);
      if (!REPORTING_STATUSES.includes(status) && !roleHas(p.role, "events:write")) {
        throw new ForbiddenError("status_change_not_allowed", "Perubahan status ini hanya untuk manajer.", {
          issues: [{ path: "status", code: "status_change_not_allowed", message: "Hanya manajer." }],
        });
      }
      if (current.version !== version) throw versionConflict("event", current.version);
      if (!canTransition(current.status, status)) {
        throw new ConflictError(
          "illegal_status_transition",
          `Status tidak dapat berubah dari ${current.status} ke ${status}.`,
          {
            from: current.status,
            to: status,
            issues: [
              {
                path: "status",
                code: "illegal_status_transition",
                message: "Perubahan status tidak diizinkan.",
              },
            ],
          },
        );
      }
      if (status === "cancelled" && !cancelReason) {
        throw fieldError("cancelReason", "cancel_reason_required", "Alasan pembatalan wajib diisi.");
      }
      if (status === "reported") {
        const missing = reportReadiness(current);
        if (missing.length) {
          throw new ConflictError("report_incomplete", "Isi jumlah hadir dan notulen sebelum melaporkan.", {
            issues: missing,
          });
        }
      }
      await writeEventChange(c, id, version, {
        action: "event.status",
        details: { from: current.status, to: status },
        set: { status, cancelReason: status === "cancelled" ? cancelReason : null },
      });
      return c.json(await eventDetail(db, p, id), 200);
    },
  )
  .post(
    "/:id/actions",
    route({ summary: "Add a follow-up action agreed at the event", tags, permission: "events:report" }),
    valid("param", idParam),
    valid("json", eventActionCreateInput),
    async (c) => {
      const p = principal(c);
      const db = c.get("db");
      const { id } = c.req.valid("param");
      const body = c.req.valid("json");
      const current = await findVisibleEvent(db, p, id);
      if (current.status === "cancelled") assertOpen(current);
      const actionId = crypto.randomUUID();
      await runBatch(db, [
        db.insert(eventActions).values({ id: actionId, eventId: id, ...body }),
        db
          .insert(auditLog)
          .values(auditRow(c, "event.action.create", "event_action", actionId, { eventId: id })),
      ]);
      const row = await db.query.eventActions.findFirst({ where: eq(eventActions.id, actionId) });
      return c.json(row, 201);
    },
  )
  .patch(
    "/:id/actions/:actionId",
    route({
      summary: "Change or tick off a follow-up action (guarded by the updatedAt it was read with)",
      tags,
      permission: "events:report",
    }),
    valid("param", actionParam),
    valid("json", eventActionUpdateInput),
    async (c) => {
      const p = principal(c);
      const db = c.get("db");
      const { id, actionId } = c.req.valid("param");
      const { updatedAt, ...changes } = c.req.valid("json");
      await findVisibleEvent(db, p, id);
      const current = await findAction(db, id, actionId);
      if (current.updatedAt !== updatedAt) throw actionConflict(current.updatedAt);
      const same = and(eq(eventActions.id, actionId), eq(eventActions.updatedAt, updatedAt));
      const guard = exists(db.select({ one: sql`1` }).from(eventActions).where(same));
      const results = await runBatch(db, [
        insertWhen(
          db,
          auditLog,
          auditRow(c, "event.action.update", "event_action", actionId, {
            eventId: id,
            fields: Object.keys(changes),
          }),
          guard,
        ),
        db
          .update(eventActions)
          .set({ ...changes, updatedAt: nextStamp(updatedAt) })
          .where(same),
      ]);
      if (rowsAffected(results.at(-1)) === 0) {
        throw actionConflict((await findAction(db, id, actionId)).updatedAt);
      }
      return c.json(await findAction(db, id, actionId), 200);
    },
  )
  .delete(
    "/:id/actions/:actionId",
    route({ summary: "Remove a follow-up action", tags, permission: "events:report" }),
    valid("param", actionParam),
    async (c) => {
      const p = principal(c);
      const db = c.get("db");
      const { id, actionId } = c.req.valid("param");
      await findVisibleEvent(db, p, id);
      await findAction(db, id, actionId);
      await runBatch(db, [
        db.delete(eventActions).where(and(eq(eventActions.id, actionId), eq(eventActions.eventId, id))),
        db
          .insert(auditLog)
          .values(auditRow(c, "event.action.delete", "event_action", actionId, { eventId: id })),
      ]);
      return c.json({ ok: true as const }, 200);
    },
  );

/**
 * A change to an event, made only if the event is still at `version`: the caller's dependent
 * statements (guarded by the same condition), the audit entry, then the row itself with its
 * version bumped — one batch, so either all apply or none does. A lost race answers 409.
 */
async function writeEventChange(
  c: Context<AppEnv>,
  id: string,
  version: number,
  change: {
    action: string;
    details: Record<string, unknown>;
    set: Partial<typeof events.$inferInsert>;
    before?: (guard: SQL) => BatchItem[];
  },
): Promise<void> {
  const db = c.get("db");
  const guard = versionGuard(db, id, version);
  const results = await runBatch(db, [
    ...(change.before?.(guard) ?? []),
    insertWhen(db, auditLog, auditRow(c, change.action, "event", id, change.details), guard),
    db
      .update(events)
      .set({ ...change.set, version: sql`${events.version} + 1`, updatedAt: new Date().toISOString() })
      .where(and(eq(events.id, id), eq(events.version, version))),
  ]);
  await assertApplied(db, id, results.at(-1));
}

/** True in SQL while the event is still at the version the edit started from. */
function versionGuard(db: Db, id: string, version: number): SQL {
  return exists(
    db
      .select({ one: sql`1` })
      .from(events)
      .where(and(eq(events.id, id), eq(events.version, version))),
  );
}

/** After a guarded batch: 0 rows on the final update means someone else got there first. */
async function assertApplied(db: Db, id: string, last: unknown) {
  if (rowsAffected(last) > 0) return;
  const row = await db.query.events.findFirst({ where: eq(events.id, id), columns: { version: true } });
  throw versionConflict("event", row?.version ?? null);
}

async function findAction(db: Db, eventId: string, actionId: string) {
  const row = await db.query.eventActions.findFirst({
    where: and(eq(eventActions.id, actionId), eq(eventActions.eventId, eventId)),
  });
  if (!row) throw new NotFoundError("action_not_found", "Tindak lanjut tidak ditemukan.");
  return row;
}

function actionConflict(currentUpdatedAt: string) {
  return new ConflictError("version_conflict", "Tindak lanjut ini telah diubah orang lain. Muat ulang.", {
    entity: "event_action",
    currentUpdatedAt,
    issues: [{ path: "updatedAt", code: "version_conflict", message: "Versi usang." }],
  });
}

/** A new updatedAt strictly later than the old one, so two edits in one millisecond still differ. */
function nextStamp(previous: string): string {
  const now = Date.now();
  const prev = Date.parse(previous);
  return new Date(Math.max(now, prev + 1)).toISOString();
}

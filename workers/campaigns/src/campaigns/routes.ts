import { auditRow } from "@jangkau/shared/audit";
import { inOfficeScope, type Principal } from "@jangkau/shared/auth/permissions";
import type { Db } from "@jangkau/shared/db/index";
import { CAMPAIGN_TRANSITIONS, canTransitionCampaign } from "@jangkau/shared/domain/events/index";
import { ConflictError, ForbiddenError, fieldError, NotFoundError } from "@jangkau/shared/errors";
import { principal, route } from "@jangkau/shared/http/route";
import { officeScope } from "@jangkau/shared/http/scope";
import type { AppEnv } from "@jangkau/shared/http/types";
import { valid } from "@jangkau/shared/http/validate";
import {
  campaignCreateInput,
  campaignListQuery,
  campaignUpdateInput,
} from "@jangkau/shared/schema/campaigns/validation";
import { auditLog, campaigns, events, offices } from "@jangkau/shared/schema/index";
import { uuid } from "@jangkau/shared/validation/common";
import { and, desc, eq, exists, inArray, sql } from "drizzle-orm";
import { Hono } from "hono";
import * as v from "valibot";
import { insertWhen, rowsAffected, runBatch, versionConflict } from "../concurrency/guarded.ts";
import { liveSignups, signupBreakdown } from "../events/outcomes.ts";
import { listEvents } from "../events/service.ts";

const tags = ["campaigns"];
const idParam = v.object({ id: uuid });

/** Campaigns of the offices in scope, with their office, event count and live sign-ups. */
async function listCampaigns(db: Db, p: Principal, where?: ReturnType<typeof and>) {
  const rows = await db
    .select({ campaign: campaigns, officeName: offices.name })
    .from(campaigns)
    .innerJoin(offices, eq(offices.id, campaigns.officeId))
    .where(and(officeScope(p, campaigns.officeId), where))
    .orderBy(desc(campaigns.periodStart), campaigns.name)
    .limit(500);
  const ids = rows.map((r) => r.campaign.id);
  const [counts, signups] = await Promise.all([
    ids.length
      ? db
          .select({ campaignId: events.campaignId, n: sql<number>`count(*)` })
          .from(events)
          .where(inArray(events.campaignId, ids))
          .groupBy(events.campaignId)
      : [],
    liveSignups(
      db,
      ids.map((id) => `campaign:${id}`),
    ),
  ]);
  return rows.map(({ campaign, officeName }) => ({
    ...campaign,
    officeName,
    eventCount: Number(counts.find((x) => x.campaignId === campaign.id)?.n ?? 0),
    liveSignups: signups.get(`campaign:${campaign.id}`) ?? 0,
    allowedTransitions: CAMPAIGN_TRANSITIONS[campaign.status],
  }));
}

async function campaignDetail(db: Db, p: Principal, id: string) {
  const [campaign] = await listCampaigns(db, p, eq(campaigns.id, id));
  if (!campaign) throw new NotFoundError("campaign_not_found", "Kampanye tidak ditemukan.");
  const [eventList, signups] = await Promise.all([
    listEvents(db, p, { campaign: id }),
    signupBreakdown(db, `campaign:${id}`),
  ]);
  return {
    ...campaign,
    achievement: campaign.targetSignups > 0 ? signups.total / campaign.targetSignups : null,
    signups,
    events: eventList,
  };
}

function periodIssue(start: string, end: string) {
  if (end < start) {
    throw fieldError("periodEnd", "period_end_before_start", "Akhir periode harus sesudah awal periode.");
  }
}

export const campaignRoutes = new Hono<AppEnv>()
  .get(
    "/",
    route({ summary: "Campaigns of the offices in scope", tags, permission: "campaigns:read" }),
    valid("query", campaignListQuery),
    async (c) => {
      const q = c.req.valid("query");
      const where = and(
        q.office ? eq(campaigns.officeId, q.office) : undefined,
        q.status ? eq(campaigns.status, q.status) : undefined,
        q.segment ? eq(campaigns.segment, q.segment) : undefined,
      );
      return c.json(await listCampaigns(c.get("db"), principal(c), where), 200);
    },
  )
  .get(
    "/:id",
    route({
      summary: "A campaign with its events and sign-ups against target",
      tags,
      permission: "campaigns:read",
    }),
    valid("param", idParam),
    async (c) => c.json(await campaignDetail(c.get("db"), principal(c), c.req.valid("param").id), 200),
  )
  .post(
    "/",
    route({ summary: "Start a campaign (as a draft)", tags, permission: "campaigns:write" }),
    valid("json", campaignCreateInput),
    async (c) => {
      const p = principal(c);
      const db = c.get("db");
      const body = c.req.valid("json");
      const office = await db.query.offices.findFirst({ where: eq(offices.id, body.officeId) });
      if (!office) throw fieldError("officeId", "unknown_office", "Kantor tidak dikenal.");
      if (!inOfficeScope(p, office.id)) {
        throw new ForbiddenError("office_out_of_scope", "Kantor ini di luar wilayah kerja Anda.", {
          issues: [{ path: "officeId", code: "office_out_of_scope", message: "Di luar wilayah kerja Anda." }],
        });
      }
      periodIssue(body.periodStart, body.periodEnd);
      const id = crypto.randomUUID();
      await runBatch(db, [
        db.insert(campaigns).values({ id, ...body, status: "draft", createdBy: p.userId }),
        db.insert(auditLog).values(
          auditRow(c, "campaign.create", "campaign", id, {
            officeId: body.officeId,
            segment: body.segment,
          }),
        ),
      ]);
      return c.json(await campaignDetail(db, p, id), 201);
    },
  )
  .patch(
    "/:id",
    route({
      summary: "Edit a campaign or move its status draft → active → closed",
      tags,
      permission: "campaigns:write",
    }),
    valid("param", idParam),
    valid("json", campaignUpdateInput),
    async (c) => {
      const p = principal(c);
      const db = c.get("db");
      const { id } = c.req.valid("param");
      const { version, ...changes } = c.req.valid("json");
      const [current] = await db
        .select()
        .from(campaigns)
        .where(and(eq(campaigns.id, id), officeScope(p, campaigns.officeId)));
      if (!current) throw new NotFoundError("campaign_not_found", "Kampanye tidak ditemukan.");
      if (current.version !== version) throw versionConflict("campaign", current.version);
      if (current.status === "closed") {
        throw new ConflictError("campaign_closed", "Kampanye sudah ditutup; tidak dapat diubah.", {
          issues: [{ path: "status", code: "campaign_closed", message: "Kampanye sudah ditutup." }],
        });
      }
      if (changes.status && changes.status !== current.status) {
        if (!canTransitionCampaign(current.status, changes.status)) {
          throw new ConflictError(
            "illegal_status_transition",
            `Status kampanye tidak dapat berubah dari ${current.status} ke ${changes.status}.`,
            {
              from: current.status,
              to: changes.status,
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
      }
      periodIssue(changes.periodStart ?? current.periodStart, changes.periodEnd ?? current.periodEnd);
      const same = and(eq(campaigns.id, id), eq(campaigns.version, version));
      const guard = exists(db.select({ one: sql`1` }).from(campaigns).where(same));
      const results = await runBatch(db, [
        insertWhen(
          db,
          auditLog,
          auditRow(c, "campaign.update", "campaign", id, {
            fields: Object.keys(changes),
            fromVersion: version,
            ...(changes.status && changes.status !== current.status
              ? { from: current.status, to: changes.status }
              : {}),
          }),
          guard,
        ),
        db
          .update(campaigns)
          .set({ ...changes, version: sql`${campaigns.version} + 1`, updatedAt: new Date().toISOString() })
          .where(same),
      ]);
      if (rowsAffected(results.at(-1)) === 0) {
        const row = await db.query.campaigns.findFirst({ where: eq(campaigns.id, id) });
        throw versionConflict("campaign", row?.version ?? null);
      }
      return c.json(await campaignDetail(db, p, id), 200);
    },
  );

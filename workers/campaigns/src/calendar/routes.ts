import { auditRow } from "@jangkau/shared/audit";
import { inOfficeScope } from "@jangkau/shared/auth/permissions";
import { ForbiddenError, fieldError, NotFoundError } from "@jangkau/shared/errors";
import { principal, route } from "@jangkau/shared/http/route";
import { officeScope } from "@jangkau/shared/http/scope";
import type { AppEnv } from "@jangkau/shared/http/types";
import { valid } from "@jangkau/shared/http/validate";
import { calendarFeedInput } from "@jangkau/shared/schema/events/validation";
import { auditLog, calendarFeeds, offices, users } from "@jangkau/shared/schema/index";
import { randomToken, sha256Hex } from "@jangkau/shared/security/encoding";
import { uuid } from "@jangkau/shared/validation/common";
import { and, desc, eq, isNull } from "drizzle-orm";
import { Hono } from "hono";
import * as v from "valibot";
import { runBatch } from "../concurrency/guarded.ts";
import { officeCalendar } from "./ics.ts";

/**
 * iCalendar feeds: a manager creates a secret link per office and subscribes to it from a
 * phone calendar. Only the token's SHA-256 is stored; revoking a feed kills the link.
 */
const tags = ["calendar"];

const feedPath = (token: string) => `/api/calendar/${token}.ics`;

export const calendarRoutes = new Hono<AppEnv>()
  .get(
    "/feeds",
    route({ summary: "Calendar feeds of the offices in scope", tags, permission: "calendar:manage" }),
    async (c) => {
      const p = principal(c);
      const rows = await c
        .get("db")
        .select({
          id: calendarFeeds.id,
          officeId: calendarFeeds.officeId,
          officeName: offices.name,
          createdAt: calendarFeeds.createdAt,
          createdByName: users.name,
          revokedAt: calendarFeeds.revokedAt,
        })
        .from(calendarFeeds)
        .innerJoin(offices, eq(offices.id, calendarFeeds.officeId))
        .leftJoin(users, eq(users.id, calendarFeeds.createdBy))
        .where(officeScope(p, calendarFeeds.officeId))
        .orderBy(desc(calendarFeeds.createdAt))
        .limit(200);
      return c.json(rows, 200);
    },
  )
  .post(
    "/feeds",
    route({
      summary: "Create a secret iCalendar link for an office (the link is shown once)",
      tags,
      permission: "calendar:manage",
    }),
    valid("json", calendarFeedInput),
    async (c) => {
      const p = principal(c);
      const db = c.get("db");
      const { officeId } = c.req.valid("json");
      const office = await db.query.offices.findFirst({ where: eq(offices.id, officeId) });
      if (!office) throw fieldError("officeId", "unknown_office", "Kantor tidak dikenal.");
      if (!inOfficeScope(p, officeId)) {
        throw new ForbiddenError("office_out_of_scope", "Kantor ini di luar wilayah kerja Anda.", {
          issues: [{ path: "officeId", code: "office_out_of_scope", message: "Di luar wilayah kerja Anda." }],
        });
      }
      const token = randomToken(32);
      const id = crypto.randomUUID();
      const createdAt = new Date().toISOString();
      await runBatch(db, [
        db.insert(calendarFeeds).values({
          id,
          officeId,
          tokenHash: await sha256Hex(token),
          createdBy: p.userId,
          createdAt,
          updatedAt: createdAt,
        }),
        db.insert(auditLog).values(auditRow(c, "calendar_feed.create", "calendar_feed", id, { officeId })),
      ]);
      const path = feedPath(token);
      return c.json(
        { id, officeId, officeName: office.name, createdAt, path, url: new URL(path, c.req.url).toString() },
        201,
      );
    },
  )
  .delete(
    "/feeds/:id",
    route({ summary: "Revoke a calendar feed link", tags, permission: "calendar:manage" }),
    valid("param", v.object({ id: uuid })),
    async (c) => {
      const p = principal(c);
      const db = c.get("db");
      const { id } = c.req.valid("param");
      const [feed] = await db
        .select()
        .from(calendarFeeds)
        .where(and(eq(calendarFeeds.id, id), officeScope(p, calendarFeeds.officeId)));
      if (!feed) throw new NotFoundError("feed_not_found", "Tautan kalender tidak ditemukan.");
      const revokedAt = feed.revokedAt ?? new Date().toISOString();
      if (!feed.revokedAt) {
        await runBatch(db, [
          db
            .update(calendarFeeds)
            .set({ revokedAt, updatedAt: revokedAt })
            .where(and(eq(calendarFeeds.id, id), isNull(calendarFeeds.revokedAt))),
          db
            .insert(auditLog)
            .values(auditRow(c, "calendar_feed.revoke", "calendar_feed", id, { officeId: feed.officeId })),
        ]);
      }
      return c.json({ id, revokedAt }, 200);
    },
  )
  .get(
    "/:file{[A-Za-z0-9_-]{20,100}\\.ics}",
    route({
      summary: "The iCalendar (RFC 5545) feed behind a secret link — events of the office and below",
      tags,
      permission: "public",
    }),
    async (c) => {
      const token = c.req.param("file").slice(0, -".ics".length);
      const db = c.get("db");
      const feed = await db.query.calendarFeeds.findFirst({
        where: and(eq(calendarFeeds.tokenHash, await sha256Hex(token)), isNull(calendarFeeds.revokedAt)),
      });
      if (!feed)
        throw new NotFoundError("feed_not_found", "Tautan kalender tidak ditemukan atau sudah dicabut.");
      const body = await officeCalendar(db, feed.officeId, new URL(c.req.url).origin, new Date());
      return c.body(body, 200, {
        "Content-Type": "text/calendar; charset=utf-8",
        "Content-Disposition": 'inline; filename="jangkau.ics"',
        "Cache-Control": "private, max-age=300",
      });
    },
  );

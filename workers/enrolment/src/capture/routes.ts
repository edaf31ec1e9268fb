import { isAdmin, type Principal } from "@jangkau/shared/auth/permissions";
import { currentConsent } from "@jangkau/shared/domain/consent/index";
import {
  BPU_OCCUPATION_CODES,
  ContributionError,
  computeContribution,
  sectorForOccupation,
} from "@jangkau/shared/domain/contribution/index";
import { monthInTimeZone } from "@jangkau/shared/domain/retention/index";
import { dateInTimeZone } from "@jangkau/shared/domain/timezone/index";
import { ValidationError } from "@jangkau/shared/errors";
import { principal, route } from "@jangkau/shared/http/route";
import type { AppEnv } from "@jangkau/shared/http/types";
import { valid } from "@jangkau/shared/http/validate";
import { discountFromRow, ruleSetFromRow } from "@jangkau/shared/schema/contributions/mapping";
import {
  areas,
  contributionDiscounts,
  contributionRuleSets,
  eventPartners,
  events,
  offices,
  PAYERS,
  partners,
} from "@jangkau/shared/schema/index";
import { month } from "@jangkau/shared/validation/common";
import { and, asc, eq, gt, inArray, like, lt, ne, or, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { Hono } from "hono";
import * as v from "valibot";

const tags = ["capture"];
const DAY_MS = 86_400_000;
/** Events of the next days come along so a tablet synced the evening before works offline. */
const DAYS_AHEAD = 2;

/** Events a principal may record at, as a WHERE condition (staff: the ones they are assigned to). */
function recordableEvents(p: Principal): SQL | undefined {
  if (isAdmin(p)) return undefined;
  const office = p.officeIds.length ? inArray(events.officeId, p.officeIds) : sql`0`;
  if (p.role === "staff")
    return and(office, sql`${events.id} in (select event_id from event_staff where user_id = ${p.userId})`);
  return office;
}

const quoteQuery = v.object({
  band: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,20}$/, "Pilih golongan penghasilan.")),
  occupation: v.picklist(BPU_OCCUPATION_CODES, "Pilih pekerjaan dari daftar."),
  payer: v.picklist(PAYERS, "Pilih siapa yang membayar iuran."),
  jht: v.optional(v.picklist(["true", "false"])),
  month: v.optional(month),
});

/** What the capture screen needs, and caches on the tablet for use without a network. */
export const captureRoutes = new Hono<AppEnv>()
  .get(
    "/capture/events",
    route({
      summary: "Today's events (and the next two days') the caller may record at, with villages and sponsors",
      tags,
      permission: "signups:record",
    }),
    async (c) => {
      const p = principal(c);
      const db = c.get("db");
      const now = new Date();
      const rows = await db
        .select({
          id: events.id,
          title: events.title,
          type: events.type,
          venue: events.venue,
          startsAt: events.startsAt,
          endsAt: events.endsAt,
          timeZone: events.timeZone,
          status: events.status,
          areaCode: events.areaCode,
          areaName: areas.name,
          officeId: events.officeId,
          officeParentId: offices.parentId,
          campaignId: events.campaignId,
        })
        .from(events)
        .innerJoin(areas, eq(areas.code, events.areaCode))
        .innerJoin(offices, eq(offices.id, events.officeId))
        .where(
          and(
            recordableEvents(p),
            ne(events.status, "cancelled"),
            lt(events.startsAt, new Date(now.getTime() + (DAYS_AHEAD + 1) * DAY_MS).toISOString()),
            gt(events.endsAt, new Date(now.getTime() - DAY_MS).toISOString()),
          ),
        )
        .orderBy(asc(events.startsAt));
      const upcoming = rows
        .map((e) => {
          const today = dateInTimeZone(now, e.timeZone);
          const from = dateInTimeZone(e.startsAt, e.timeZone);
          const until = dateInTimeZone(e.endsAt, e.timeZone);
          return { ...e, localDate: from, today: from <= today && today <= until, ended: until < today };
        })
        .filter((e) => !e.ended);
      if (upcoming.length === 0) return c.json({ generatedAt: now.toISOString(), events: [] }, 200);

      const regencies = [...new Set(upcoming.map((e) => e.areaCode.slice(0, 5)))];
      const districts = alias(areas, "district");
      const [villages, sponsorRows, linkRows] = await db.batch([
        db
          .select({ code: areas.code, name: areas.name, districtName: districts.name })
          .from(areas)
          .innerJoin(districts, eq(districts.code, areas.parentCode))
          .where(and(eq(areas.level, "village"), or(...regencies.map((r) => like(areas.code, `${r}.%`)))))
          .orderBy(asc(districts.name), asc(areas.name)),
        db
          .select({ id: partners.id, name: partners.name, type: partners.type, officeId: partners.officeId })
          .from(partners)
          .where(
            inArray(partners.officeId, [
              ...new Set(
                upcoming.flatMap((e) => [e.officeId, e.officeParentId].filter((x): x is string => !!x)),
              ),
            ]),
          )
          .orderBy(asc(partners.name)),
        db
          .select({
            eventId: eventPartners.eventId,
            id: partners.id,
            name: partners.name,
            type: partners.type,
          })
          .from(eventPartners)
          .innerJoin(partners, eq(partners.id, eventPartners.partnerId))
          .where(
            inArray(
              eventPartners.eventId,
              upcoming.map((e) => e.id),
            ),
          ),
      ]);
      return c.json(
        {
          generatedAt: now.toISOString(),
          events: upcoming.map(({ officeParentId, ended: _ended, ...e }) => {
            const sponsors = new Map<string, { id: string; name: string; type: string }>();
            for (const s of linkRows)
              if (s.eventId === e.id) sponsors.set(s.id, { id: s.id, name: s.name, type: s.type });
            for (const s of sponsorRows)
              if (s.officeId === e.officeId || s.officeId === officeParentId)
                sponsors.set(s.id, { id: s.id, name: s.name, type: s.type });
            return {
              ...e,
              villages: villages
                .filter((vl) => vl.code.startsWith(`${e.areaCode.slice(0, 5)}.`))
                .map((vl) => ({ ...vl, suggested: vl.code.startsWith(`${e.areaCode}.`) })),
              sponsors: [...sponsors.values()],
            };
          }),
        },
        200,
      );
    },
  )
  .get(
    "/consent",
    route({ summary: "The consent text in force and its version", tags, permission: "signups:record" }),
    (c) => c.json(currentConsent(dateInTimeZone(new Date(), "WIB")), 200),
  )
  .get(
    "/contribution-quote",
    route({
      summary: "Monthly contribution for a band, occupation, payer and JHT choice (PP 50/2025 included)",
      tags,
      permission: "reference:read",
    }),
    valid("query", quoteQuery),
    async (c) => {
      const q = c.req.valid("query");
      const db = c.get("db");
      const [ruleRows, discountRows] = await db.batch([
        db.select().from(contributionRuleSets),
        db.select().from(contributionDiscounts),
      ]);
      try {
        return c.json(
          computeContribution({
            rules: ruleRows.map(ruleSetFromRow),
            discounts: discountRows.map(discountFromRow),
            month: q.month ?? monthInTimeZone(new Date(), "WIB"),
            bandCode: q.band,
            programmes: { jht: q.jht === "true" },
            sector: sectorForOccupation(q.occupation),
            payer: q.payer,
            standing: "new",
          }),
          200,
        );
      } catch (err) {
        if (err instanceof ContributionError && err.code === "unknown_band")
          throw new ValidationError("Golongan penghasilan tidak dikenal.", [
            { path: "band", code: "unknown_band", message: err.message },
          ]);
        throw err;
      }
    },
  );

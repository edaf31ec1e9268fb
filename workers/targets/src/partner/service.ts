import type { Principal } from "@jangkau/shared/auth/permissions";
import type { Db } from "@jangkau/shared/db/index";
import { ForbiddenError } from "@jangkau/shared/errors";
import { areas, eventPartners, events, partners, rollupCells } from "@jangkau/shared/schema/index";
import { and, asc, eq, gte, inArray, lte, sql } from "drizzle-orm";
import { cellsOf, keyTotalsOf } from "../progress/cells.ts";
import { eventInYear, eventWindow, liveByMonth, monthsOfYear, total } from "../progress/compute.ts";
import { labelOf } from "../progress/labels.ts";
import { MIN_COUNT, shown, suppressParts } from "./suppression.ts";

/**
 * What a partner (a dinas, a local government, a CSR sponsor, a paguyuban) may see: the
 * sign-ups in its area and at the events it co-hosts that were shared with partners —
 * aggregates only, every count below 5 suppressed, and no field that could name a person.
 * Everything is read from rollup cells; the sign-up and participant tables are never touched.
 */

/** The regency codes whose cells make up an area: a province's regencies, or the regency itself. */
async function regenciesOfArea(db: Db, areaCode: string) {
  if (areaCode.length === 2) {
    const rows = await db
      .select({ code: areas.code, name: areas.name })
      .from(areas)
      .where(and(eq(areas.parentCode, areaCode), eq(areas.level, "regency")))
      .orderBy(asc(areas.code));
    return rows;
  }
  // Rollups go down to regencies: a district or village partner sees its whole regency.
  const code = areaCode.slice(0, 5);
  return db.select({ code: areas.code, name: areas.name }).from(areas).where(eq(areas.code, code));
}

export async function partnerProgress(db: Db, p: Principal, year: number) {
  if (!p.partnerId) throw new ForbiddenError("not_a_partner", "Akun ini tidak terhubung dengan mitra.");
  const [partner] = await db
    .select({
      id: partners.id,
      name: partners.name,
      type: partners.type,
      level: partners.level,
      areaCode: partners.areaCode,
      areaName: areas.name,
    })
    .from(partners)
    .leftJoin(areas, eq(areas.code, partners.areaCode))
    .where(eq(partners.id, p.partnerId));
  if (!partner) throw new ForbiddenError("not_a_partner", "Akun ini tidak terhubung dengan mitra.");

  const months = monthsOfYear(year);
  const sharedEvents = and(
    eq(eventPartners.partnerId, partner.id),
    eq(events.sharedWithPartners, true),
    gte(events.startsAt, eventWindow(year).from),
    lte(events.startsAt, eventWindow(year).to),
  );
  const regencies = partner.areaCode ? await regenciesOfArea(db, partner.areaCode) : [];
  const sharedScopes = db
    .select({ scope: sql<string>`'event:' || ${events.id}` })
    .from(eventPartners)
    .innerJoin(events, eq(events.id, eventPartners.eventId))
    .where(sharedEvents);
  const [eventRows, areaCells, eventCells, eventBreakdowns] = await db.batch([
    db
      .select({
        id: events.id,
        title: events.title,
        type: events.type,
        status: events.status,
        startsAt: events.startsAt,
        timeZone: events.timeZone,
        areaCode: events.areaCode,
        areaName: areas.name,
        attendance: events.attendance,
        role: eventPartners.role,
      })
      .from(eventPartners)
      .innerJoin(events, eq(events.id, eventPartners.eventId))
      .leftJoin(areas, eq(areas.code, events.areaCode))
      .where(sharedEvents)
      .orderBy(asc(events.startsAt)),
    db
      .select()
      .from(rollupCells)
      .where(
        and(
          eq(rollupCells.scope, "national"),
          inArray(rollupCells.month, months),
          eq(rollupCells.dim, "regency"),
          inArray(rollupCells.key, regencies.length ? regencies.map((r) => r.code) : [""]),
        ),
      ),
    cellsOf(db, sharedScopes, months, ["total"]),
    // Occupation and payer only as totals over the year: never each month's cell of each event.
    keyTotalsOf(db, sharedScopes, months, ["occupation", "payer"]),
  ]);
  const inYear = eventRows.filter((e) => eventInYear(e, year, eventCells));

  const monthParts = (byMonth: Record<string, number>) =>
    suppressParts(
      months.filter((m) => byMonth[m] !== undefined).map((month) => ({ month, count: byMonth[month] ?? 0 })),
    );

  const areaByMonth: Record<string, number> = {};
  const areaByRegency: Record<string, number> = {};
  for (const c of areaCells) {
    const n = c.recorded + c.verified + c.registered;
    areaByMonth[c.month] = (areaByMonth[c.month] ?? 0) + n;
    areaByRegency[c.key] = (areaByRegency[c.key] ?? 0) + n;
  }

  const eventsByMonth: Record<string, number> = {};
  // Totals over every shared event of the window: one that does not belong to the year has
  // no sign-up counted in its months (else it would belong), so it adds nothing.
  const byDim = (dim: string) => {
    const sums: Record<string, number> = {};
    for (const c of eventBreakdowns) if (c.dim === dim) sums[c.key] = (sums[c.key] ?? 0) + c.live;
    return suppressParts(
      Object.entries(sums)
        .filter(([, n]) => n > 0)
        .sort((a, b) => b[1] - a[1])
        .map(([key, count]) => ({ key, label: labelOf(dim, key), count })),
    );
  };
  const perEvent = inYear.map((e) => {
    const byMonth = liveByMonth(eventCells, `event:${e.id}`);
    for (const [m, n] of Object.entries(byMonth)) eventsByMonth[m] = (eventsByMonth[m] ?? 0) + n;
    return { ...e, count: total(byMonth) };
  });

  return {
    year,
    minimumCount: MIN_COUNT,
    partner: {
      id: partner.id,
      name: partner.name,
      type: partner.type,
      level: partner.level,
      areaCode: partner.areaCode,
      areaName: partner.areaName,
    },
    area: partner.areaCode
      ? {
          code: partner.areaCode,
          name: partner.areaName,
          /** True when the partner's area lies below a regency: counts are for the whole regency. */
          widenedToRegency: partner.areaCode.length > 5,
          total: shown(total(areaByMonth)),
          byMonth: monthParts(areaByMonth),
          byRegency: suppressParts(
            regencies
              .filter((r) => areaByRegency[r.code] !== undefined)
              .map((r) => ({ code: r.code, name: r.name, count: areaByRegency[r.code] ?? 0 })),
          ),
        }
      : null,
    events: {
      total: shown(total(eventsByMonth)),
      byMonth: monthParts(eventsByMonth),
      byOccupation: byDim("occupation"),
      byPayer: byDim("payer"),
      list: suppressParts(
        perEvent.map((e) => ({
          id: e.id,
          title: e.title,
          type: e.type,
          status: e.status,
          startsAt: e.startsAt,
          timeZone: e.timeZone,
          areaName: e.areaName,
          role: e.role,
          attendance: e.attendance == null ? null : shown(e.attendance),
          count: e.count,
        })),
      ),
    },
  };
}

export type PartnerProgress = Awaited<ReturnType<typeof partnerProgress>>;

import { isAdmin, type Principal } from "@jangkau/shared/auth/permissions";
import type { Db } from "@jangkau/shared/db/index";
import { achievement, gapPerRemainingMonth } from "@jangkau/shared/domain/index";
import { fieldError, NotFoundError } from "@jangkau/shared/errors";
import {
  areas,
  baselines,
  campaigns,
  eventPartners,
  events,
  officeRegencies,
  partners,
  rollupCells,
  targetSplits,
  targets,
} from "@jangkau/shared/schema/index";
import { type AnyColumn, and, asc, eq, gte, inArray, lte, sql } from "drizzle-orm";
import { allOffices, assertOfficeInScope, currentMonth, type OfficeNode, subtree } from "../offices/tree.ts";
import { type TargetView, targetView } from "../targets/service.ts";
import { cellsOf, keyTotalsOf, retentionOf, retentionTotals, scopeTotalsOf } from "./cells.ts";
import {
  asOfMonth,
  type CellRow,
  computeProgress,
  eventInYearByCount,
  eventWindow,
  liveByKey,
  liveByMonth,
  monthsOfYear,
  type Progress,
  statusTotals,
  type TargetTerms,
  total,
} from "./compute.ts";
import { labelOf } from "./labels.ts";
import { eventYield, type RankBy, rankEvents } from "./yield.ts";

type Segment = (typeof targets.$inferSelect)["segment"];
type BaselineRow = typeof baselines.$inferSelect;

export interface ProgressQuery {
  year: number;
  segment: Segment;
  asOf?: string;
  regency?: string;
  rankBy?: RankBy;
}

/**
 * Jangkau records BPU (informal-worker) sign-ups only; PU and Jakon progress comes from
 * entered or imported totals, so their sign-up counts are zero by definition.
 */
const countsSignups = (segment: Segment) => segment === "bpu";

const officeSummary = (o: OfficeNode) => ({
  id: o.id,
  code: o.code,
  name: o.name,
  kind: o.kind,
  parentId: o.parentId,
});

const termsOf = (t: TargetView): TargetTerms => ({
  value: t.value,
  potential: t.potential,
  startingParticipants: t.startingParticipants,
  monthlySplit: t.monthlySplit,
});

function baselineOf(rows: readonly BaselineRow[], officeId: string, year: number | null, regency = "") {
  if (year == null) return null;
  return (
    rows.find((b) => b.officeId === officeId && b.year === year && b.regencyCode === regency)?.total ?? null
  );
}

/** `'<prefix>' || column`: the rollup scope of a campaign or event, for an IN (subquery). */
const sqlConcat = (prefix: string, column: AnyColumn) => sql<string>`${prefix} || ${column}`;

const withoutMonthly = ({ monthly: _m, ...rest }: Progress) => rest;

/**
 * A regional office without a target of its own is measured by its branches' targets: their
 * values, what they reached (each with its own opening stock and imports), their projections
 * summed, and what is still needed per remaining month.
 */
function derivedTarget(
  children: readonly { target: TargetView | null; progress: Omit<Progress, "monthly"> }[],
): {
  value: number;
  reached: number;
  offices: number;
  achievement: ReturnType<typeof achievement>;
  projection: number | null;
  gapPerMonth: number | null;
} | null {
  const withTarget = children.filter((c) => c.target);
  if (withTarget.length === 0) return null;
  const value = withTarget.reduce((s, c) => s + (c.target?.value ?? 0), 0);
  const reached = withTarget.reduce((s, c) => s + c.progress.reached, 0);
  const projections = withTarget.map((c) => c.progress.projection);
  const remaining = withTarget[0]?.progress.remainingMonths ?? null;
  return {
    value,
    reached,
    offices: withTarget.length,
    achievement: achievement(reached, value),
    projection: projections.every((x) => x !== null) ? projections.reduce((s, x) => s + (x ?? 0), 0) : null,
    gapPerMonth: gapPerRemainingMonth(value, reached, remaining ?? 12),
  };
}

function progressFor(
  office: OfficeNode,
  q: ProgressQuery,
  target: TargetView | null,
  baselineRows: readonly BaselineRow[],
  cells: readonly CellRow[],
): Progress {
  const asOf = asOfMonth(q.year, currentMonth(office.timeZone), q.asOf);
  return computeProgress({
    year: q.year,
    asOf,
    target: target ? termsOf(target) : null,
    imported: baselineOf(baselineRows, office.id, q.year) ?? 0,
    signupsByMonth: countsSignups(q.segment) ? liveByMonth(cells, `office:${office.id}`) : {},
    baselineTotal: baselineOf(baselineRows, office.id, target?.baselineYear ?? null),
  });
}

/**
 * Every office in scope with its target and where it stands: the gauges of the dashboard
 * home. Reads targets, baselines and 12 total cells per office — nothing else.
 */
export async function officesOverview(db: Db, p: Principal, q: ProgressQuery) {
  const offices = await allOffices(db);
  const visible = isAdmin(p) ? offices : offices.filter((o) => p.officeIds.includes(o.id));
  const ids = visible.length ? visible.map((o) => o.id) : [""];
  const months = monthsOfYear(q.year);
  const scopes = ids.map((id) => `office:${id}`);
  const ofYear = and(
    inArray(targets.officeId, ids),
    eq(targets.year, q.year),
    eq(targets.segment, q.segment),
  );
  const [targetRows, splitRows, baselineRows, cells, retention] = await db.batch([
    db.select().from(targets).where(ofYear),
    db
      .select()
      .from(targetSplits)
      .where(inArray(targetSplits.targetId, db.select({ id: targets.id }).from(targets).where(ofYear))),
    db
      .select()
      .from(baselines)
      .where(
        and(
          inArray(baselines.officeId, ids),
          eq(baselines.segment, q.segment),
          eq(baselines.regencyCode, ""),
          lte(baselines.year, q.year),
        ),
      ),
    cellsOf(db, scopes, months),
    retentionOf(db, scopes, months),
  ]);
  const rows = visible.map((office) => {
    const row = targetRows.find((t) => t.officeId === office.id);
    const target = row ? targetView(row, splitRows) : null;
    return { office, target, progress: progressFor(office, q, target, baselineRows, cells) };
  });
  return {
    year: q.year,
    segment: q.segment,
    offices: rows.map((r) => ({
      office: officeSummary(r.office),
      target: r.target,
      derivedTarget:
        r.target || r.office.kind !== "regional"
          ? null
          : derivedTarget(rows.filter((c) => c.office.parentId === r.office.id)),
      progress: withoutMonthly(r.progress),
      retention: retentionTotals(retention, `office:${r.office.id}`),
    })),
  };
}

/**
 * One office in depth, or one regency of it: monthly line against the target path,
 * breakdowns, regencies, branches, campaigns and events ranked by yield. One round trip of
 * small reads (targets, baselines, offices, campaigns and events of the office) and the
 * office's, campaigns' and events' rollup cells.
 */
export async function officeDetail(db: Db, p: Principal, officeId: string, q: ProgressQuery) {
  const offices = await allOffices(db);
  assertOfficeInScope(p, officeId, new Set(offices.map((o) => o.id)));
  const office = offices.find((o) => o.id === officeId) as OfficeNode;
  const ids = subtree(offices, officeId);
  const children = offices.filter((o) => o.parentId === officeId);
  const months = monthsOfYear(q.year);
  const win = eventWindow(q.year);
  const segmentCampaigns = and(
    inArray(campaigns.officeId, ids),
    eq(campaigns.segment, q.segment),
    lte(campaigns.periodStart, `${q.year}-12-31`),
    gte(campaigns.periodEnd, `${q.year}-01-01`),
  );
  const yearEvents = and(
    inArray(events.officeId, ids),
    gte(events.startsAt, win.from),
    lte(events.startsAt, win.to),
  );
  const targetIds = db
    .select({ id: targets.id })
    .from(targets)
    .where(and(inArray(targets.officeId, ids), eq(targets.year, q.year), eq(targets.segment, q.segment)));
  const asOf = asOfMonth(q.year, currentMonth(office.timeZone), q.asOf);
  const liveMonths = asOf === null ? [] : months.filter((m) => m <= asOf);
  const regency = q.regency;
  const [
    targetRows,
    splitRows,
    baselineRows,
    regencyRows,
    campaignRows,
    eventRows,
    officeCells,
    officeBreakdowns,
    campaignTotals,
    eventTotals,
    childCells,
    retention,
  ] = await db.batch([
    db
      .select()
      .from(targets)
      .where(and(inArray(targets.officeId, ids), eq(targets.year, q.year), eq(targets.segment, q.segment))),
    db.select().from(targetSplits).where(inArray(targetSplits.targetId, targetIds)),
    db
      .select()
      .from(baselines)
      .where(
        and(inArray(baselines.officeId, ids), eq(baselines.segment, q.segment), lte(baselines.year, q.year)),
      ),
    db
      .select({ officeId: officeRegencies.officeId, code: areas.code, name: areas.name })
      .from(officeRegencies)
      .innerJoin(areas, eq(areas.code, officeRegencies.regencyCode))
      .where(inArray(officeRegencies.officeId, ids))
      .orderBy(asc(areas.code)),
    db.select().from(campaigns).where(segmentCampaigns).orderBy(asc(campaigns.periodStart)),
    db
      .select({
        id: events.id,
        campaignId: events.campaignId,
        officeId: events.officeId,
        type: events.type,
        title: events.title,
        startsAt: events.startsAt,
        timeZone: events.timeZone,
        areaCode: events.areaCode,
        status: events.status,
        targetSignups: events.targetSignups,
        attendance: events.attendance,
        actualCost: events.actualCost,
        plannedBudget: events.plannedBudget,
      })
      .from(events)
      .where(yearEvents),
    // The office itself: month by month in total and per regency; its occupation, payer and
    // source breakdowns summed up to asOf in SQL. Its branches: totals only.
    cellsOf(db, [`office:${officeId}`], months, ["total", "regency"]),
    keyTotalsOf(db, [`office:${officeId}`], liveMonths.length ? liveMonths : [""], [
      "occupation",
      "payer",
      "source",
    ]),
    // One row per campaign: its live sign-ups up to asOf (in the regency, when one is asked for).
    scopeTotalsOf(
      db,
      db
        .select({ scope: sqlConcat("campaign:", campaigns.id) })
        .from(campaigns)
        .where(segmentCampaigns),
      months,
      asOf,
      regency ? { dim: "regency", key: regency } : undefined,
    ),
    // One row per event (its live sign-ups up to asOf, all counted in the year), not per month.
    scopeTotalsOf(
      db,
      db
        .select({ scope: sqlConcat("event:", events.id) })
        .from(events)
        .where(yearEvents),
      months,
      asOf,
    ),
    cellsOf(
      db,
      children.map((c) => `office:${c.id}`),
      months,
    ),
    retentionOf(db, [`office:${officeId}`, ...children.map((c) => `office:${c.id}`)], months),
  ]);

  const regencyNames = new Map(regencyRows.map((r) => [r.code, r.name]));
  if (regency !== undefined && !regencyNames.has(regency)) {
    throw fieldError("regency", "not_office_regency", "Kabupaten/kota ini bukan wilayah kerja kantor.");
  }
  const ownRow = targetRows.find((t) => t.officeId === officeId);
  const target = ownRow ? targetView(ownRow, splitRows) : null;
  const scope = `office:${officeId}`;
  const bpu = countsSignups(q.segment);

  // Regencies: reached = that year's imported regency total + sign-ups from the office's regency cells.
  const regencyReached = (code: string) => {
    const p = computeProgress({
      year: q.year,
      asOf,
      target:
        target?.regencySplit?.[code] != null
          ? {
              value: target.regencySplit[code],
              potential: null,
              startingParticipants: null,
              monthlySplit: null,
            }
          : null,
      imported: baselineOf(baselineRows, officeId, q.year, code) ?? 0,
      signupsByMonth: bpu ? liveByMonth(officeCells, scope, "regency", code) : {},
      baselineTotal: baselineOf(baselineRows, officeId, target?.baselineYear ?? null, code),
    });
    return p;
  };
  const uniqueRegencies = [...new Map(regencyRows.map((r) => [r.code, r])).values()];
  const regencyList = uniqueRegencies.map((r) => {
    const p = regencyReached(r.code);
    return {
      code: r.code,
      name: r.name,
      officeId: r.officeId,
      target: p.target,
      imported: p.imported,
      signups: p.signups,
      reached: p.reached,
      achievement: p.achievement,
      growth: p.growth,
    };
  });
  const officeReached = regencyList.reduce((s, r) => s + r.reached, 0);

  const progress = regency
    ? regencyReached(regency)
    : progressFor(office, q, target, baselineRows, officeCells);

  const childList = children.map((child) => {
    const row = targetRows.find((t) => t.officeId === child.id);
    const childTarget = row ? targetView(row, splitRows) : null;
    const childProgress = progressFor(child, q, childTarget, baselineRows, childCells);
    return {
      office: officeSummary(child),
      target: childTarget,
      progress: withoutMonthly(childProgress),
      retention: retentionTotals(retention, `office:${child.id}`),
      full: childProgress,
    };
  });

  const totalsOf = new Map(eventTotals.map((t) => [t.scope, t]));
  const eventsInYear = eventRows.filter((e) =>
    eventInYearByCount(e, q.year, totalsOf.get(`event:${e.id}`)?.counted ?? 0),
  );
  const campaignSegment = new Map(campaignRows.map((c) => [c.id, c.segment]));
  const eventList = eventsInYear
    .filter((e) => (e.campaignId ? campaignSegment.has(e.campaignId) : q.segment === "bpu"))
    .filter((e) => !regency || e.areaCode === regency || e.areaCode.startsWith(`${regency}.`))
    .map((e) => {
      const signups = bpu ? (totalsOf.get(`event:${e.id}`)?.live ?? 0) : 0;
      return { ...e, signups, yield: eventYield({ ...e, signups }) };
    });
  const rankBy = q.rankBy ?? "signups";
  const ranking = rankEvents(eventList, rankBy);

  const campaignTotalsOf = new Map(campaignTotals.map((t) => [t.scope, t]));
  const campaignList = campaignRows
    .map((cp) => {
      const cs = `campaign:${cp.id}`;
      const signups = bpu ? (campaignTotalsOf.get(cs)?.live ?? 0) : 0;
      const own = eventsInYear.filter((e) => e.campaignId === cp.id);
      return {
        id: cp.id,
        name: cp.name,
        officeId: cp.officeId,
        status: cp.status,
        periodStart: cp.periodStart,
        periodEnd: cp.periodEnd,
        budget: cp.budget,
        targetSignups: cp.targetSignups,
        eventTargets: own.reduce((s, e) => s + e.targetSignups, 0),
        events: own.length,
        signups,
        achievement: cp.targetSignups > 0 ? achievement(signups, cp.targetSignups) : null,
      };
    })
    .filter((cp) => !regency || cp.signups > 0);

  const breakdown = (dim: string) =>
    officeBreakdowns
      .filter((b) => b.dim === dim)
      .map(({ key, live }) => ({ key, label: labelOf(dim, key), count: live }))
      .filter((b) => b.count > 0)
      .sort((a, b) => b.count - a.count);

  return {
    year: q.year,
    segment: q.segment,
    office: officeSummary(office),
    regency: regency ? { code: regency, name: regencyNames.get(regency) ?? regency } : null,
    target,
    derivedTarget:
      target || office.kind !== "regional"
        ? null
        : derivedTarget(childList.map((c) => ({ target: c.target, progress: c.full }))),
    progress,
    statuses: regency || !bpu ? null : statusTotals(officeCells, scope, asOf),
    breakdowns:
      regency || !bpu
        ? null
        : { occupation: breakdown("occupation"), payer: breakdown("payer"), source: breakdown("source") },
    regencies: regency
      ? []
      : regencyList.map((r) => ({ ...r, share: officeReached > 0 ? r.reached / officeReached : null })),
    children: regency ? [] : childList.map(({ full: _f, ...c }) => c),
    campaigns: campaignList,
    campaignTargetsTotal: campaignList.reduce((s, cp) => s + cp.targetSignups, 0),
    events: eventList.sort((a, b) => a.startsAt.localeCompare(b.startsAt)),
    ranking: { rankBy, best: ranking.best.map((e) => e.id), worst: ranking.worst.map((e) => e.id) },
    retention: regency ? null : retentionTotals(retention, scope),
  };
}

/** A campaign: its target against sign-ups month by month, its regencies and its events. */
export async function campaignDetail(db: Db, p: Principal, campaignId: string, q: ProgressQuery) {
  const [campaign] = await db.select().from(campaigns).where(eq(campaigns.id, campaignId));
  if (!campaign || !(isAdmin(p) || p.officeIds.includes(campaign.officeId))) {
    throw new NotFoundError("campaign_not_found", "Kampanye tidak ditemukan.");
  }
  const months = monthsOfYear(q.year);
  const scope = `campaign:${campaignId}`;
  const [office] = (await allOffices(db)).filter((o) => o.id === campaign.officeId);
  const [eventRows, cells, eventCells, regencyNames] = await db.batch([
    db
      .select({
        id: events.id,
        campaignId: events.campaignId,
        officeId: events.officeId,
        type: events.type,
        title: events.title,
        startsAt: events.startsAt,
        timeZone: events.timeZone,
        areaCode: events.areaCode,
        status: events.status,
        targetSignups: events.targetSignups,
        attendance: events.attendance,
        actualCost: events.actualCost,
        plannedBudget: events.plannedBudget,
      })
      .from(events)
      .where(eq(events.campaignId, campaignId))
      .orderBy(asc(events.startsAt)),
    cellsOf(db, [scope], months, ["total", "occupation", "payer", "source", "regency"]),
    cellsOf(
      db,
      db
        .select({ scope: sqlConcat("event:", events.id) })
        .from(events)
        .where(eq(events.campaignId, campaignId)),
      months,
      ["total"],
      "",
    ),
    db
      .select({ code: areas.code, name: areas.name })
      .from(officeRegencies)
      .innerJoin(areas, eq(areas.code, officeRegencies.regencyCode))
      .where(eq(officeRegencies.officeId, campaign.officeId)),
  ]);
  const asOf = asOfMonth(q.year, currentMonth(office?.timeZone), q.asOf);
  // The campaign's target is spread over the months of its period in this year.
  const weights = months.map((m) =>
    m >= campaign.periodStart.slice(0, 7) && m <= campaign.periodEnd.slice(0, 7) ? 1 : 0,
  );
  const regency = q.regency;
  const progress = computeProgress({
    year: q.year,
    asOf,
    target:
      campaign.targetSignups > 0 && !regency
        ? {
            value: campaign.targetSignups,
            potential: null,
            startingParticipants: null,
            monthlySplit: weights.some((w) => w > 0) ? weights : null,
          }
        : null,
    imported: 0,
    signupsByMonth: regency ? liveByMonth(cells, scope, "regency", regency) : liveByMonth(cells, scope),
    baselineTotal: null,
  });
  const names = new Map(regencyNames.map((r) => [r.code, r.name]));
  const breakdown = (dim: string) =>
    Object.entries(liveByKey(cells, scope, dim, asOf))
      .map(([key, count]) => ({
        key,
        label: dim === "regency" ? (names.get(key) ?? key) : labelOf(dim, key),
        count,
      }))
      .filter((b) => b.count > 0)
      .sort((a, b) => b.count - a.count);
  const eventList = eventRows
    .filter((e) => !regency || e.areaCode === regency || e.areaCode.startsWith(`${regency}.`))
    .map((e) => {
      const signups = total(liveByKey(eventCells, `event:${e.id}`, "total", asOf));
      return { ...e, signups, yield: eventYield({ ...e, signups }) };
    });
  const rankBy = q.rankBy ?? "signups";
  const ranking = rankEvents(eventList, rankBy);
  return {
    year: q.year,
    campaign: {
      id: campaign.id,
      name: campaign.name,
      officeId: campaign.officeId,
      officeName: office?.name ?? null,
      segment: campaign.segment,
      status: campaign.status,
      periodStart: campaign.periodStart,
      periodEnd: campaign.periodEnd,
      targetSignups: campaign.targetSignups,
      budget: campaign.budget,
    },
    regency: regency ? { code: regency, name: names.get(regency) ?? regency } : null,
    progress,
    eventTargets: eventRows.reduce((s, e) => s + e.targetSignups, 0),
    statuses: regency ? null : statusTotals(cells, scope, asOf),
    breakdowns: regency
      ? null
      : {
          occupation: breakdown("occupation"),
          payer: breakdown("payer"),
          source: breakdown("source"),
          regency: breakdown("regency"),
        },
    events: eventList,
    ranking: { rankBy, best: ranking.best.map((e) => e.id), worst: ranking.worst.map((e) => e.id) },
  };
}

/** One event: what it yielded, by status and breakdown, over all its sign-up months. */
export async function eventDetail(db: Db, p: Principal, eventId: string) {
  const [event] = await db.select().from(events).where(eq(events.id, eventId));
  if (!event || !(isAdmin(p) || p.officeIds.includes(event.officeId))) {
    throw new NotFoundError("event_not_found", "Kegiatan tidak ditemukan.");
  }
  const scope = `event:${eventId}`;
  const [cells, partnerRows, campaignRows, areaRows] = await db.batch([
    // One event's cells: a prefix of the primary key, a few dozen rows at most.
    db.select().from(rollupCells).where(eq(rollupCells.scope, scope)),
    db
      .select({ id: partners.id, name: partners.name, role: eventPartners.role })
      .from(eventPartners)
      .innerJoin(partners, eq(partners.id, eventPartners.partnerId))
      .where(eq(eventPartners.eventId, eventId)),
    db
      .select({ id: campaigns.id, name: campaigns.name })
      .from(campaigns)
      .where(eq(campaigns.id, event.campaignId ?? "")),
    db.select({ code: areas.code, name: areas.name }).from(areas).where(eq(areas.code, event.areaCode)),
  ]);
  const everything = "9999-12";
  const statuses = statusTotals(cells, scope, everything);
  const signups = statuses.recorded + statuses.verified + statuses.registered;
  const breakdown = (dim: string) =>
    Object.entries(liveByKey(cells, scope, dim, everything))
      .map(([key, count]) => ({ key, label: labelOf(dim, key), count }))
      .filter((b) => b.count > 0)
      .sort((a, b) => b.count - a.count);
  return {
    event: {
      id: event.id,
      title: event.title,
      type: event.type,
      status: event.status,
      startsAt: event.startsAt,
      endsAt: event.endsAt,
      timeZone: event.timeZone,
      venue: event.venue,
      areaCode: event.areaCode,
      areaName: areaRows[0]?.name ?? null,
      officeId: event.officeId,
      campaign: campaignRows[0] ?? null,
      targetSignups: event.targetSignups,
      expectedAttendance: event.expectedAttendance,
      attendance: event.attendance,
      plannedBudget: event.plannedBudget,
      actualCost: event.actualCost,
      sharedWithPartners: event.sharedWithPartners,
      partners: partnerRows,
    },
    statuses,
    yield: eventYield({ ...event, signups }),
    byMonth: Object.entries(liveByMonth(cells, scope))
      .map(([month, count]) => ({ month, count }))
      .sort((a, b) => a.month.localeCompare(b.month)),
    breakdowns: {
      occupation: breakdown("occupation"),
      payer: breakdown("payer"),
      source: breakdown("source"),
      regency: breakdown("regency"),
    },
  };
}

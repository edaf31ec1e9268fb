import { inOfficeScope, isAdmin, type Principal } from "@jangkau/shared/auth/permissions";
import type { Db } from "@jangkau/shared/db/index";
import { BPU_OCCUPATIONS } from "@jangkau/shared/domain/contribution/index";
import { suppressFunnelStages } from "@jangkau/shared/domain/retention/index";
import { NotFoundError } from "@jangkau/shared/errors";
import { RETENTION_HORIZONS, type RetentionCounters, retentionAsOf } from "@jangkau/shared/rollups/retention";
import { campaigns, eventPartners, events, partners, rollupRetention } from "@jangkau/shared/schema/index";
import { and, asc, eq, gte, inArray, lte } from "drizzle-orm";

/**
 * Reading the retention rollup: the funnel (signed up → registered → first payment → still
 * paying at 3, 6, 12 months, and now) and the retention curves, per scope and breakdown.
 */

export type RetentionBy = "total" | "occupation" | "payer" | "partner";

export type Funnel = RetentionCounters;

export interface CurvePoint {
  /** Months after the sign-up month; 0 is the first payment. */
  k: number;
  observed: number;
  retained: number;
  rate: number | null;
}

export interface RetentionGroup {
  key: string;
  label: string | null;
  funnel: Funnel;
  curve: CurvePoint[];
  cohorts: ({ cohortMonth: string } & Funnel)[];
}

const emptyFunnel = (): Funnel => ({
  signedUp: 0,
  registered: 0,
  firstPayment: 0,
  activeM3: 0,
  activeM6: 0,
  activeM12: 0,
  activeNow: 0,
  observedM3: 0,
  observedM6: 0,
  observedM12: 0,
});

function addInto(target: Funnel, row: Funnel) {
  for (const k of Object.keys(target) as (keyof Funnel)[]) target[k] += row[k];
}

/** The curve of a funnel: share paying at k over those whose month k has come. */
export function curveOf(f: Funnel): CurvePoint[] {
  const point = (k: number, observed: number, retained: number): CurvePoint => ({
    k,
    observed,
    retained,
    rate: observed === 0 ? null : retained / observed,
  });
  return [
    point(0, f.signedUp, f.firstPayment),
    ...RETENTION_HORIZONS.map((k) => point(k, f[`observedM${k}`], f[`activeM${k}`])),
  ];
}

/**
 * Check that the principal may read a scope (`national`, `office:<id>`, `campaign:<id>`,
 * `event:<id>`); answers 404 for scopes out of reach, so existence does not leak.
 */
export async function assertScopeReadable(db: Db, p: Principal, scope: string): Promise<void> {
  const [kind, id = ""] = scope.split(":", 2) as [string, string?];
  const notFound = new NotFoundError(
    "scope_not_found",
    "Cakupan tidak ditemukan atau di luar wilayah kerja Anda.",
  );
  if (kind === "national") {
    if (!isAdmin(p)) throw notFound;
    return;
  }
  let officeId: string | undefined;
  if (kind === "office") officeId = id;
  else if (kind === "event") {
    [{ officeId } = { officeId: undefined }] = await db
      .select({ officeId: events.officeId })
      .from(events)
      .where(eq(events.id, id));
  } else if (kind === "campaign") {
    [{ officeId } = { officeId: undefined }] = await db
      .select({ officeId: campaigns.officeId })
      .from(campaigns)
      .where(eq(campaigns.id, id));
  }
  if (!officeId || !inOfficeScope(p, officeId)) throw notFound;
}

/** Funnel, curve and cohorts per key of the breakdown `by` within one scope. */
export async function retentionReport(
  db: Db,
  query: { scope: string; by: RetentionBy; from?: string; to?: string },
) {
  const rows = await db
    .select()
    .from(rollupRetention)
    .where(
      and(
        eq(rollupRetention.scope, query.scope),
        eq(rollupRetention.dim, query.by),
        query.from ? gte(rollupRetention.cohortMonth, query.from) : undefined,
        query.to ? lte(rollupRetention.cohortMonth, query.to) : undefined,
      ),
    )
    .orderBy(asc(rollupRetention.key), asc(rollupRetention.cohortMonth));
  const groups = new Map<string, RetentionGroup>();
  for (const r of rows) {
    let g = groups.get(r.key);
    if (!g) {
      g = { key: r.key, label: null, funnel: emptyFunnel(), curve: [], cohorts: [] };
      groups.set(r.key, g);
    }
    const { scope: _s, dim: _d, key: _k, cohortMonth, ...counters } = r;
    addInto(g.funnel, counters);
    g.cohorts.push({ cohortMonth, ...counters });
  }
  const labels = await labelsFor(db, query.by, [...groups.keys()]);
  const out = [...groups.values()].map((g) => ({
    ...g,
    label: labels.get(g.key) ?? null,
    curve: curveOf(g.funnel),
  }));
  out.sort((a, b) => b.funnel.signedUp - a.funnel.signedUp);
  const state = await retentionAsOf(db);
  return {
    scope: query.scope,
    by: query.by,
    asOf: state.rebuiltAt ? state.asOf : null,
    rebuiltAt: state.rebuiltAt,
    groups: out,
  };
}

async function labelsFor(db: Db, by: RetentionBy, keys: string[]): Promise<Map<string, string>> {
  if (by === "occupation") return new Map(BPU_OCCUPATIONS.map((o) => [o.code, o.label]));
  if (by === "partner" && keys.length) {
    const rows = await db
      .select({ id: partners.id, name: partners.name })
      .from(partners)
      .where(inArray(partners.id, keys));
    return new Map(rows.map((r) => [r.id, r.name]));
  }
  return new Map();
}

/** Counts below this are shown to partners as "fewer than 5", never as the number. */
export const PARTNER_MIN_COUNT = 5;

/** The funnel stages a partner sees, in the order their suppression keeps the earlier one. */
const PARTNER_STAGES = [
  "signedUp",
  "registered",
  "firstPayment",
  "activeM3",
  "activeM6",
  "activeM12",
  "activeNow",
] as const;

/**
 * The funnel of each event a partner co-hosts or sponsors and that is shared with partners —
 * totals only; every count below 5 suppressed, and every count that differs from a shown one
 * by less than 5 (so no difference of two stages tells a group smaller than 5).
 */
export async function partnerRetention(db: Db, partnerId: string) {
  const shared = await db
    .select({ id: events.id, title: events.title, startsAt: events.startsAt, timeZone: events.timeZone })
    .from(events)
    .innerJoin(eventPartners, eq(eventPartners.eventId, events.id))
    .where(and(eq(eventPartners.partnerId, partnerId), eq(events.sharedWithPartners, true)))
    .orderBy(asc(events.startsAt));
  const totals = new Map<string, Funnel>();
  if (shared.length) {
    const rows = await db
      .select()
      .from(rollupRetention)
      .where(
        and(
          inArray(
            rollupRetention.scope,
            shared.map((e) => `event:${e.id}`),
          ),
          eq(rollupRetention.dim, "total"),
        ),
      );
    for (const r of rows) {
      const f = totals.get(r.scope) ?? emptyFunnel();
      const { scope: _s, dim: _d, key: _k, cohortMonth: _c, ...counters } = r;
      addInto(f, counters);
      totals.set(r.scope, f);
    }
  }
  const state = await retentionAsOf(db);
  return {
    asOf: state.rebuiltAt ? state.asOf : null,
    minCount: PARTNER_MIN_COUNT,
    events: shared.map((e) => {
      const f = totals.get(`event:${e.id}`) ?? emptyFunnel();
      const stages = suppressFunnelStages(f, PARTNER_STAGES, PARTNER_MIN_COUNT);
      return {
        eventId: e.id,
        title: e.title,
        startsAt: e.startsAt,
        timeZone: e.timeZone,
        ...stages,
        /** Stages hidden although 5 or more (too close to a shown one): "*", not "< 5". */
        companions: PARTNER_STAGES.filter((k) => stages[k] === null && f[k] >= PARTNER_MIN_COUNT),
      };
    }),
  };
}

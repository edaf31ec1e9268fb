import { A } from "@solidjs/router";
import { For, lazy, Show, Suspense } from "solid-js";
import { date, monthName, number, rupiah } from "../../format.ts";
import { t } from "../../i18n/index.ts";
import type { CampaignProgress, EventProgress, EventRow, OfficeProgress, Progress, RankBy } from "./api.ts";
import { Gauge } from "./Gauge.tsx";
import { Bar, Breakdown, Kpi, percent2, wholePercent } from "./parts.tsx";

/** uPlot is only fetched when a chart is about to be drawn. */
const MonthlyChart = lazy(() => import("./MonthlyChart.tsx"));

export type Drill = (patch: Record<string, string | undefined>) => string;

/** Share of the target the path expects by the as-of month (for the gauge's tick). */
export function expectedRatio(p: Pick<Progress, "asOf" | "target" | "monthly">): number | null {
  if (!p.target || !p.asOf) return null;
  const point = p.monthly[Number(p.asOf.slice(5, 7)) - 1];
  return point?.targetPath != null ? point.targetPath / p.target : null;
}

const signed = (n: number) => `${n > 0 ? "+" : ""}${number(n, 2)} %`;

/** The headline: gauge and the figures a manager reads first. */
export function Headline(props: {
  title: string;
  subtitle?: string;
  progress: Progress;
  baselineYear?: number | null;
  potential?: number | null;
  derived?: {
    value: number;
    reached: number;
    offices: number;
    achievement: { ratio: number; wholePercent: number } | null;
    projection: number | null;
    gapPerMonth: number | null;
  } | null;
  /** Cohort retention from the retention job, when it has run: who is still paying. */
  retention?: { signedUp: number; activeNow: number } | null;
}) {
  const p = () => props.progress;
  const ratio = () => p().achievement?.ratio ?? props.derived?.achievement?.ratio ?? null;
  /** The office has a target of its own (else a regional office is measured by its branches'). */
  const mine = () => p().target != null;
  const gap = () => (mine() ? p().gapPerMonth : (props.derived?.gapPerMonth ?? null));
  return (
    <section class="card headline" data-testid="headline">
      <div class="headline-gauge">
        <Gauge ratio={ratio()} expected={expectedRatio(p())} label={t("dash.achievement")} size={200} />
        <div class="headline-title">
          <h2>{props.title}</h2>
          <Show when={props.subtitle}>
            <p class="muted">{props.subtitle}</p>
          </Show>
          <Show when={p().asOf}>
            {(m) => <p class="muted">{t("dash.asOf", { month: monthName(m()) })}</p>}
          </Show>
        </div>
      </div>
      <div class="kpis">
        <Kpi
          testid="kpi-reached"
          label={t("dash.reached")}
          value={number(mine() ? p().reached : (props.derived?.reached ?? p().reached))}
          sub={
            mine()
              ? t("dash.reachedOf", { reached: number(p().reached), target: number(p().target) })
              : props.derived
                ? `${t("dash.derived", { n: props.derived.offices })}: ${number(props.derived.value)}`
                : t("dash.noTarget")
          }
        />
        <Kpi
          testid="kpi-achievement"
          label={t("dash.achievement")}
          value={wholePercent(p().achievement ?? props.derived?.achievement ?? null)}
        />
        <Show when={p().coverage}>
          {(c) => (
            <Kpi
              testid="kpi-coverage"
              label={t("dash.coverage")}
              value={percent2(c())}
              sub={t("dash.coverageOf", { potential: number(props.potential ?? null) })}
            />
          )}
        </Show>
        <Show when={p().growth}>
          {(g) => (
            <Kpi
              testid="kpi-growth"
              label={t("dash.growth")}
              value={signed(g().percent)}
              sub={t("dash.growthOver", { year: String(props.baselineYear ?? "") })}
            />
          )}
        </Show>
        <Show when={props.retention}>
          {(r) => (
            <Kpi
              testid="kpi-active"
              label={t("dash.active")}
              value={number(r().activeNow)}
              sub={t("dash.activeOf", {
                signups: number(r().signedUp),
                pct: r().signedUp ? number((r().activeNow / r().signedUp) * 100) : "–",
              })}
            />
          )}
        </Show>
        <Kpi label={t("dash.runRate")} value={number(p().runRate, 0)} />
        <Kpi
          label={t("dash.projection")}
          value={number(mine() ? p().projection : (props.derived?.projection ?? p().projection))}
        />
        <Show when={gap() != null}>
          <Kpi
            testid="kpi-gap"
            label={t("dash.gap")}
            value={gap() === 0 ? t("dash.met") : number(gap())}
            sub={gap() ? t("dash.gapMonths", { n: p().remainingMonths ?? 12 }) : undefined}
          />
        </Show>
      </div>
      <p class="composition muted">
        <Show when={p().opening}>{`${t("dash.opening")}: ${number(p().opening)} · `}</Show>
        <Show when={p().imported}>{`${t("dash.imported")}: ${number(p().imported)} · `}</Show>
        {`${t("dash.signups")}: ${number(p().signups)}`}
      </p>
    </section>
  );
}

export function ChartCard(props: { progress: Progress }) {
  return (
    <section class="card">
      <h3>{t("dash.monthly")}</h3>
      <Suspense fallback={<p class="muted chart-placeholder">{t("dash.chartLoading")}</p>}>
        <Show when={props.progress.monthly} keyed>
          {(points) => <MonthlyChart points={points} />}
        </Show>
      </Suspense>
    </section>
  );
}

/** Events ranked by a yield measure: the best and the weakest, each row a drill link. */
export function EventRanking(props: {
  events: EventRow[];
  ranking: { rankBy: RankBy; best: string[]; worst: string[] };
  drill: Drill;
}) {
  const byId = () => new Map(props.events.map((e) => [e.id, e]));
  const pick = (ids: string[]) => ids.map((id) => byId().get(id)).filter((e): e is EventRow => !!e);
  const rankLink = (rank: RankBy) => props.drill({ rank });
  return (
    <section class="card" data-testid="ranking">
      <div class="row">
        <h3>{t("dash.best")}</h3>
        <span class="spacer" />
        <nav class="rank-switch" aria-label={t("dash.rankBy")}>
          <For each={["signups", "cost_per_signup", "signups_per_attendee"] as RankBy[]}>
            {(r) => (
              <A href={rankLink(r)} classList={{ active: props.ranking.rankBy === r }}>
                {t(`dash.rank.${r}`)}
              </A>
            )}
          </For>
        </nav>
      </div>
      <Show when={props.ranking.best.length} fallback={<p class="muted">{t("dash.noEvents")}</p>}>
        <EventTable events={pick(props.ranking.best)} drill={props.drill} testid="best-events" />
      </Show>
      <Show when={props.ranking.worst.length}>
        <h3>{t("dash.worst")}</h3>
        <EventTable events={pick(props.ranking.worst)} drill={props.drill} testid="worst-events" />
      </Show>
    </section>
  );
}

export function EventTable(props: { events: EventRow[]; drill: Drill; testid?: string }) {
  return (
    <table class="compact" data-testid={props.testid}>
      <thead>
        <tr>
          <th>{t("dash.event")}</th>
          <th class="num">{t("dash.signups")}</th>
          <th class="num">{t("dash.costPerSignup")}</th>
          <th class="num">{t("dash.perAttendee")}</th>
        </tr>
      </thead>
      <tbody>
        <For each={props.events}>
          {(e) => (
            <tr>
              <td>
                <A href={props.drill({ event: e.id })}>{e.title}</A>
                <div class="muted small">{date(e.startsAt, e.timeZone)}</div>
              </td>
              <td class="num">{number(e.signups)}</td>
              <td class="num">{rupiah(e.yield.costPerSignup)}</td>
              <td class="num">{number(e.yield.signupsPerAttendee, 2)}</td>
            </tr>
          )}
        </For>
      </tbody>
    </table>
  );
}

export function RegencyTable(props: { regencies: OfficeProgress["regencies"]; drill: Drill }) {
  const max = () => Math.max(1, ...props.regencies.map((r) => r.reached));
  return (
    <section class="card" data-testid="regencies">
      <h3>{t("dash.regencies")}</h3>
      <table class="compact">
        <thead>
          <tr>
            <th>{t("dash.regency")}</th>
            <th class="num">{t("dash.reached")}</th>
            <th class="num">{t("dash.target")}</th>
            <th class="num">{t("dash.achievement")}</th>
            <th class="bar-cell" />
          </tr>
        </thead>
        <tbody>
          <For each={props.regencies}>
            {(r) => (
              <tr>
                <td>
                  <A href={props.drill({ regency: r.code, campaign: undefined, event: undefined })}>
                    {r.name}
                  </A>
                </td>
                <td class="num">{number(r.reached)}</td>
                <td class="num">{number(r.target)}</td>
                <td class="num">{wholePercent(r.achievement)}</td>
                <td class="bar-cell">
                  {/* Against its own target when split; otherwise its share of the office. */}
                  <Bar
                    value={r.achievement ? r.achievement.ratio : r.reached}
                    max={r.achievement ? 1 : max()}
                    tone={r.achievement ? "ok" : "muted"}
                  />
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </section>
  );
}

export function BranchTable(props: { children: OfficeProgress["children"]; drill: Drill }) {
  return (
    <section class="card" data-testid="branches">
      <h3>{t("dash.branches")}</h3>
      <table class="compact">
        <thead>
          <tr>
            <th>{t("dash.branches")}</th>
            <th class="num">{t("dash.reached")}</th>
            <th class="num">{t("dash.target")}</th>
            <th class="num">{t("dash.achievement")}</th>
            <th class="bar-cell" />
          </tr>
        </thead>
        <tbody>
          <For each={props.children}>
            {(c) => (
              <tr>
                <td>
                  <A
                    href={props.drill({
                      office: c.office.id,
                      regency: undefined,
                      campaign: undefined,
                      event: undefined,
                    })}
                  >
                    {c.office.name}
                  </A>
                </td>
                <td class="num">{number(c.progress.reached)}</td>
                <td class="num">{number(c.target?.value ?? null)}</td>
                <td class="num">{wholePercent(c.progress.achievement)}</td>
                <td class="bar-cell">
                  <Bar value={c.progress.achievement?.ratio ?? null} max={1} />
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </section>
  );
}

export function CampaignTable(props: {
  campaigns: OfficeProgress["campaigns"];
  total: number;
  officeTarget: number | null;
  drill: Drill;
}) {
  return (
    <section class="card" data-testid="campaigns">
      <h3>{t("dash.campaigns")}</h3>
      <Show when={props.officeTarget != null}>
        <p class="muted">
          {t("dash.campaignTargets", { n: number(props.total), target: number(props.officeTarget) })}
        </p>
      </Show>
      <Show when={props.campaigns.length} fallback={<p class="muted">{t("common.empty")}</p>}>
        <table class="compact">
          <thead>
            <tr>
              <th>{t("dash.campaigns")}</th>
              <th class="num">{t("dash.signups")}</th>
              <th class="num">{t("dash.target")}</th>
              <th class="num">{t("dash.eventTargets")}</th>
              <th class="num">{t("dash.achievement")}</th>
            </tr>
          </thead>
          <tbody>
            <For each={props.campaigns}>
              {(c) => (
                <tr>
                  <td>
                    <A href={props.drill({ campaign: c.id, event: undefined })}>{c.name}</A>
                  </td>
                  <td class="num">{number(c.signups)}</td>
                  <td class="num">{number(c.targetSignups)}</td>
                  <td class="num">{number(c.eventTargets)}</td>
                  <td class="num">{wholePercent(c.achievement)}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </Show>
    </section>
  );
}

function Statuses(props: {
  statuses: { recorded: number; verified: number; registered: number; rejected: number };
}) {
  return (
    <section class="card">
      <h3>{t("dash.statuses")}</h3>
      <div class="kpis small">
        <For each={["recorded", "verified", "registered", "rejected"] as const}>
          {(s) => <Kpi label={t(`dash.status.${s}`)} value={number(props.statuses[s])} />}
        </For>
      </div>
    </section>
  );
}

/** An office, or one regency of it. */
export function OfficeView(props: { data: OfficeProgress; drill: Drill }) {
  const d = () => props.data;
  return (
    <div class="dash-view" data-testid="office-view">
      <Headline
        title={d().regency ? `${d().regency?.name}` : d().office.name}
        subtitle={d().regency ? d().office.name : undefined}
        progress={d().progress}
        baselineYear={d().target?.baselineYear ?? null}
        potential={d().target?.potential ?? null}
        derived={d().derivedTarget}
        retention={d().retention}
      />
      <ChartCard progress={d().progress} />
      <div class="two-col">
        <EventRanking events={d().events} ranking={d().ranking} drill={props.drill} />
        <Show when={d().regencies.length}>
          <RegencyTable regencies={d().regencies} drill={props.drill} />
        </Show>
      </div>
      <Show when={d().children.length}>
        <BranchTable children={d().children} drill={props.drill} />
      </Show>
      <CampaignTable
        campaigns={d().campaigns}
        total={d().campaignTargetsTotal}
        officeTarget={d().target?.value ?? null}
        drill={props.drill}
      />
      <Show when={d().breakdowns}>
        {(b) => (
          <div class="three-col">
            <Breakdown title={t("dash.byOccupation")} rows={b().occupation} />
            <Breakdown title={t("dash.byPayer")} rows={b().payer} />
            <Breakdown title={t("dash.bySource")} rows={b().source} />
          </div>
        )}
      </Show>
      <Show when={d().statuses}>{(s) => <Statuses statuses={s()} />}</Show>
    </div>
  );
}

export function CampaignView(props: { data: CampaignProgress; drill: Drill }) {
  const d = () => props.data;
  return (
    <div class="dash-view" data-testid="campaign-view">
      <Headline
        title={d().campaign.name}
        subtitle={`${d().campaign.officeName ?? ""} · ${date(d().campaign.periodStart)} – ${date(d().campaign.periodEnd)}`}
        progress={d().progress}
      />
      <ChartCard progress={d().progress} />
      <div class="two-col">
        <EventRanking events={d().events} ranking={d().ranking} drill={props.drill} />
        <section class="card">
          <h3>{t("dash.events")}</h3>
          <p class="muted">
            {t("dash.eventTargets")}: {number(d().eventTargets)} · {t("dash.target")}:{" "}
            {number(d().campaign.targetSignups)}
          </p>
          <EventTable events={d().events} drill={props.drill} />
        </section>
      </div>
      <Show when={d().breakdowns}>
        {(b) => (
          <div class="three-col">
            <Breakdown title={t("dash.byRegency")} rows={b().regency} />
            <Breakdown title={t("dash.byOccupation")} rows={b().occupation} />
            <Breakdown title={t("dash.byPayer")} rows={b().payer} />
          </div>
        )}
      </Show>
      <Show when={d().statuses}>{(s) => <Statuses statuses={s()} />}</Show>
    </div>
  );
}

export function EventView(props: { data: EventProgress }) {
  const d = () => props.data;
  const e = () => d().event;
  return (
    <div class="dash-view" data-testid="event-view">
      <section class="card headline">
        <div class="headline-gauge">
          <Gauge ratio={d().yield.achievement?.ratio ?? null} label={t("dash.achievement")} size={200} />
          <div class="headline-title">
            <h2>{e().title}</h2>
            <p class="muted">
              {date(e().startsAt, e().timeZone)} · {e().venue ?? e().areaName}
            </p>
            <Show when={e().partners.length}>
              <p class="muted">
                {t("dash.partners")}:{" "}
                {e()
                  .partners.map((p) => p.name)
                  .join(", ")}
              </p>
            </Show>
          </div>
        </div>
        <div class="kpis">
          <Kpi
            label={t("dash.signups")}
            value={number(d().yield.signups)}
            sub={`${t("dash.target")}: ${number(e().targetSignups)}`}
          />
          <Kpi label={t("dash.attendance")} value={number(e().attendance)} />
          <Kpi label={t("dash.cost")} value={rupiah(e().actualCost ?? e().plannedBudget)} />
          <Kpi label={t("dash.costPerSignup")} value={rupiah(d().yield.costPerSignup)} />
          <Kpi label={t("dash.perAttendee")} value={number(d().yield.signupsPerAttendee, 2)} />
        </div>
      </section>
      <Statuses statuses={d().statuses} />
      <div class="three-col">
        <Breakdown title={t("dash.byOccupation")} rows={d().breakdowns.occupation} />
        <Breakdown title={t("dash.byPayer")} rows={d().breakdowns.payer} />
        <Breakdown
          title={t("dash.byMonth")}
          rows={d().byMonth.map((m) => ({ key: m.month, label: monthName(m.month), count: m.count }))}
        />
      </div>
    </div>
  );
}

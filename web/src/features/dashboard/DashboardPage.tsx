import { A, useNavigate, useSearchParams } from "@solidjs/router";
import { createMemo, createResource, For, Match, Show, Switch } from "solid-js";
import { session } from "../../auth/session.ts";
import { number } from "../../format.ts";
import { t } from "../../i18n/index.ts";
import {
  fetchCampaignProgress,
  fetchEventProgress,
  fetchOfficeProgress,
  fetchOverview,
  type OfficeCard,
  type ProgressFilter,
  type RankBy,
  type Segment,
} from "./api.ts";
import { Gauge } from "./Gauge.tsx";
import { wholePercent } from "./parts.tsx";
import { CampaignView, type Drill, EventView, OfficeView } from "./views.tsx";
import "./i18n.ts";
import "./dashboard.css";

const THIS_YEAR = new Date().getFullYear();
const YEARS = Array.from({ length: 7 }, (_, i) => THIS_YEAR - i);
const SEGMENTS: Segment[] = ["bpu", "pu", "jakon"];
const DRILL_KEYS = ["year", "segment", "office", "regency", "campaign", "event", "rank"] as const;

/**
 * /dashboard — a manager's home: a gauge per office in scope, then the chosen office (their
 * own by default) in depth, with drill-down region → branch → regency → campaign → event
 * kept in the URL so the back button walks back up.
 */
export default function DashboardPage() {
  const [params] = useSearchParams<Record<(typeof DRILL_KEYS)[number], string>>();
  const filter = createMemo<ProgressFilter>(() => ({
    year: Number(params.year) || THIS_YEAR,
    segment: SEGMENTS.includes(params.segment as Segment) ? (params.segment as Segment) : "bpu",
    regency: params.regency || undefined,
    rankBy: (params.rank as RankBy) || undefined,
  }));
  const navigate = useNavigate();
  const officeId = () => params.office || session.me()?.office?.id || undefined;

  const drill: Drill = (patch) => {
    const next = new URLSearchParams();
    for (const key of DRILL_KEYS) {
      const value = key in patch ? patch[key] : params[key];
      if (value) next.set(key, value);
    }
    return `/dashboard?${next.toString()}`;
  };

  const [overview] = createResource(
    () => ({ year: filter().year, segment: filter().segment }),
    fetchOverview,
  );
  const [office] = createResource(
    () =>
      !params.campaign && !params.event && officeId() ? { id: officeId() as string, f: filter() } : false,
    ({ id, f }) => fetchOfficeProgress(id, f),
  );
  const [campaign] = createResource(
    () => (params.campaign && !params.event ? { id: params.campaign, f: filter() } : false),
    ({ id, f }) => fetchCampaignProgress(id, f),
  );
  const [event] = createResource(() => params.event || false, fetchEventProgress);

  const cards = () => overview()?.offices ?? [];
  const trail = () => {
    const items: { label: string; href: string }[] = [];
    const chosen = cards().find((c) => c.office.id === officeId());
    const parent = chosen?.office.parentId
      ? cards().find((c) => c.office.id === chosen.office.parentId)
      : undefined;
    const clear = { regency: undefined, campaign: undefined, event: undefined };
    if (parent)
      items.push({ label: parent.office.name, href: drill({ office: parent.office.id, ...clear }) });
    if (chosen)
      items.push({ label: chosen.office.name, href: drill({ office: chosen.office.id, ...clear }) });
    if (params.regency) {
      const name = office()?.regency?.name ?? campaign()?.regency?.name ?? params.regency;
      items.push({ label: name, href: drill({ campaign: undefined, event: undefined }) });
    }
    if (params.campaign) {
      items.push({ label: campaign()?.campaign.name ?? "…", href: drill({ event: undefined }) });
    }
    if (params.event) items.push({ label: event()?.event.title ?? "…", href: drill({}) });
    return items;
  };

  return (
    <section class="dashboard">
      <div class="row dash-filters no-print">
        <h1>{t("dash.title")}</h1>
        <span class="spacer" />
        <label class="inline">
          {t("dash.year")}
          <select
            value={String(filter().year)}
            onChange={(e) => navigate(drill({ year: e.currentTarget.value }))}
            name="year"
          >
            <For each={YEARS}>{(y) => <option value={y}>{y}</option>}</For>
          </select>
        </label>
        <label class="inline">
          {t("dash.segment")}
          <select
            value={filter().segment}
            onChange={(e) =>
              navigate(drill({ segment: e.currentTarget.value, campaign: undefined, event: undefined }))
            }
            name="segment"
          >
            <For each={SEGMENTS}>{(s) => <option value={s}>{t(`dash.segments.${s}`)}</option>}</For>
          </select>
        </label>
      </div>

      <Show when={overview.error}>
        <p class="error" role="alert">
          {t("dash.loadFailed")}
        </p>
      </Show>
      <div class="office-cards" data-testid="office-cards">
        <For each={cards()}>
          {(card) => (
            <OfficeGaugeCard
              card={card}
              selected={card.office.id === officeId()}
              href={drill({
                office: card.office.id,
                regency: undefined,
                campaign: undefined,
                event: undefined,
              })}
            />
          )}
        </For>
      </div>

      <Show when={trail().length}>
        <nav class="breadcrumb" aria-label="Drill-down">
          <For each={trail()}>
            {(item, i) => (
              <>
                <Show when={i() > 0}>
                  <span aria-hidden="true">›</span>
                </Show>
                <A href={item.href} end>
                  {item.label}
                </A>
              </>
            )}
          </For>
        </nav>
      </Show>

      <Switch>
        <Match when={params.event}>
          <Show when={event()} fallback={<Loading error={!!event.error} />}>
            {(d) => <EventView data={d()} />}
          </Show>
        </Match>
        <Match when={params.campaign}>
          <Show when={campaign()} fallback={<Loading error={!!campaign.error} />}>
            {(d) => <CampaignView data={d()} drill={drill} />}
          </Show>
        </Match>
        <Match when={officeId()}>
          <Show when={office()} fallback={<Loading error={!!office.error} />}>
            {(d) => <OfficeView data={d()} drill={drill} />}
          </Show>
        </Match>
      </Switch>
    </section>
  );
}

function Loading(props: { error: boolean }) {
  return props.error ? (
    <p class="error" role="alert">
      {t("dash.loadFailed")}
    </p>
  ) : (
    <p class="muted">{t("common.loading")}</p>
  );
}

/** One office on the home strip: its gauge, reached of target, and a link into it. */
function OfficeGaugeCard(props: { card: OfficeCard; selected: boolean; href: string }) {
  const c = () => props.card;
  const achievement = () => c().progress.achievement ?? c().derivedTarget?.achievement ?? null;
  const target = () => c().target?.value ?? c().derivedTarget?.value ?? null;
  return (
    <A
      href={props.href}
      class="office-card card"
      classList={{ selected: props.selected }}
      data-office={c().office.id}
    >
      <div class="office-card-name">{c().office.name}</div>
      <Gauge
        ratio={achievement()?.ratio ?? null}
        label={`${c().office.name}: ${wholePercent(achievement())}`}
        size={140}
      />
      <div class="office-card-figures">
        <strong>
          {number(c().target ? c().progress.reached : (c().derivedTarget?.reached ?? c().progress.reached))}
        </strong>
        <Show when={target() != null} fallback={<span class="muted"> · {t("dash.noTarget")}</span>}>
          <span class="muted"> / {number(target())}</span>
        </Show>
      </div>
      <Show when={c().progress.coverage}>
        {(cov) => (
          <div class="muted small">
            {t("dash.coverage")}: {number(cov().percent, 2)} %
          </div>
        )}
      </Show>
      <Show when={!c().target && c().derivedTarget}>
        {(d) => <div class="muted small">{t("dash.derived", { n: d().offices })}</div>}
      </Show>
    </A>
  );
}

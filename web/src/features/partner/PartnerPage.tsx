import { useNavigate, useSearchParams } from "@solidjs/router";
import { createResource, For, Show } from "solid-js";
import { date, monthName, number } from "../../format.ts";
import { t } from "../../i18n/index.ts";
import { Bar } from "../dashboard/parts.tsx";
import { fetchPartnerProgress, type PartnerProgress, partnerCsvUrl } from "./api.ts";
import "./i18n.ts";
import "../dashboard/dashboard.css";
import "./partner.css";

const THIS_YEAR = new Date().getFullYear();
const YEARS = Array.from({ length: 5 }, (_, i) => THIS_YEAR - i);

type Shown = { count: number | null; suppressed: boolean; companion?: boolean };

/** A count as the partner may see it: the number, "< 5" when small, "*" for the companion of a small one. */
function Count(props: { value: Shown; min: number }) {
  return (
    <Show
      when={!props.value.suppressed}
      fallback={<span class="suppressed">{props.value.companion ? "*" : `< ${props.min}`}</span>}
    >
      {number(props.value.count)}
    </Show>
  );
}

/** A table of rows with counts and bars; suppressed rows get no bar. */
function CountTable(props: {
  title: string;
  rows: { label: string; value: Shown }[];
  min: number;
  testid?: string;
}) {
  const max = () => Math.max(1, ...props.rows.map((r) => r.value.count ?? 0));
  return (
    <section class="card" data-testid={props.testid}>
      <h3>{props.title}</h3>
      <Show when={props.rows.length} fallback={<p class="muted">{t("common.empty")}</p>}>
        <table class="compact">
          <tbody>
            <For each={props.rows}>
              {(r) => (
                <tr>
                  <td>{r.label}</td>
                  <td class="num">
                    <Count value={r.value} min={props.min} />
                  </td>
                  <td class="bar-cell">
                    <Bar value={r.value.count} max={max()} />
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </Show>
    </section>
  );
}

/**
 * /partner — what a dinas, a local government, a sponsor or a paguyuban shares in: sign-ups
 * in its area and at the events it co-hosts, aggregated, small counts hidden. Downloadable as
 * CSV and printable (the print stylesheet drops the navigation and the buttons).
 */
export default function PartnerPage() {
  const [params] = useSearchParams<{ year: string }>();
  const navigate = useNavigate();
  const year = () => Number(params.year) || THIS_YEAR;
  const [view] = createResource(year, fetchPartnerProgress);

  return (
    <section class="partner-page">
      <div class="row no-print">
        <h1>{t("ptn.title")}</h1>
        <span class="spacer" />
        <label class="inline">
          {t("ptn.year")}
          <select
            name="year"
            value={String(year())}
            onChange={(e) => navigate(`/partner?year=${e.currentTarget.value}`)}
          >
            <For each={YEARS}>{(y) => <option value={y}>{y}</option>}</For>
          </select>
        </label>
        <a class="button" href={partnerCsvUrl(year())} download={`progres-mitra-${year()}.csv`}>
          {t("ptn.csv")}
        </a>
        <button type="button" class="primary" onClick={() => print()}>
          {t("ptn.print")}
        </button>
      </div>
      <Show when={view.error}>
        <p class="error" role="alert">
          {t("ptn.loadFailed")}
        </p>
      </Show>
      <Show
        when={view()}
        fallback={
          <Show when={!view.error}>
            <p class="muted">{t("common.loading")}</p>
          </Show>
        }
      >
        {(v) => <PartnerReport view={v()} />}
      </Show>
    </section>
  );
}

function PartnerReport(props: { view: PartnerProgress }) {
  const v = () => props.view;
  const min = () => v().minimumCount;
  return (
    <div class="dash-view" data-testid="partner-report">
      <header class="print-header">
        <h1>
          {t("ptn.title")} {v().year}
        </h1>
        <p>
          <strong>{v().partner.name}</strong>
          <Show when={v().partner.areaName}> · {t("ptn.area", { name: v().partner.areaName ?? "" })}</Show>
        </p>
        <p class="print-only muted">{t("ptn.printedAt", { date: date(new Date().toISOString()) })}</p>
      </header>
      <p class="note" role="note">
        {t("ptn.suppressedNote", { n: min() })}
      </p>

      <div class="kpis">
        <Show when={v().area}>
          {(a) => (
            <div class="kpi" data-testid="area-total">
              <div class="kpi-label">{t("ptn.areaTotal")}</div>
              <div class="kpi-value">
                <Count value={a().total} min={min()} />
              </div>
              <div class="kpi-sub">{a().name}</div>
            </div>
          )}
        </Show>
        <div class="kpi" data-testid="events-total">
          <div class="kpi-label">{t("ptn.eventsTotal")}</div>
          <div class="kpi-value">
            <Count value={v().events.total} min={min()} />
          </div>
          <div class="kpi-sub">
            {number(v().events.list.length)} {t("ptn.sharedEvents").toLowerCase()}
          </div>
        </div>
      </div>

      <section class="card" data-testid="shared-events">
        <h3>{t("ptn.sharedEvents")}</h3>
        <Show when={v().events.list.length} fallback={<p class="muted">{t("ptn.noEvents")}</p>}>
          <table class="compact">
            <thead>
              <tr>
                <th>{t("ptn.event")}</th>
                <th>{t("ptn.date")}</th>
                <th>{t("ptn.role")}</th>
                <th class="num">{t("ptn.attendance")}</th>
                <th class="num">{t("ptn.signups")}</th>
              </tr>
            </thead>
            <tbody>
              <For each={v().events.list}>
                {(e) => (
                  <tr>
                    <td>
                      {e.title}
                      <div class="muted small">{e.areaName}</div>
                    </td>
                    <td>{date(e.startsAt, e.timeZone)}</td>
                    <td>{t(`ptn.roles.${e.role}`)}</td>
                    <td class="num">
                      <Show when={e.attendance} fallback="–">
                        {(a) => <Count value={a()} min={min()} />}
                      </Show>
                    </td>
                    <td class="num">
                      <Count value={e} min={min()} />
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </Show>
      </section>

      <div class="three-col">
        <CountTable
          title={`${t("ptn.sharedEvents")}: ${t("ptn.byMonth").toLowerCase()}`}
          rows={v().events.byMonth.map((m) => ({ label: monthName(m.month), value: m }))}
          min={min()}
        />
        <CountTable
          title={`${t("ptn.sharedEvents")}: ${t("ptn.byOccupation").toLowerCase()}`}
          rows={v().events.byOccupation.map((o) => ({ label: o.label, value: o }))}
          min={min()}
          testid="by-occupation"
        />
        <CountTable
          title={`${t("ptn.sharedEvents")}: ${t("ptn.byPayer").toLowerCase()}`}
          rows={v().events.byPayer.map((p) => ({ label: p.label, value: p }))}
          min={min()}
        />
      </div>

      <Show when={v().area} fallback={<p class="muted">{t("ptn.noArea")}</p>}>
        {(a) => (
          <>
            <h2>{t("ptn.area", { name: a().name ?? a().code })}</h2>
            <Show when={a().widenedToRegency}>
              <p class="muted">{t("ptn.areaWidened")}</p>
            </Show>
            <div class="two-col">
              <CountTable
                title={t("ptn.byMonth")}
                rows={a().byMonth.map((m) => ({ label: monthName(m.month), value: m }))}
                min={min()}
                testid="area-by-month"
              />
              <Show when={a().byRegency.length > 1}>
                <CountTable
                  title={t("ptn.byRegency")}
                  rows={a().byRegency.map((r) => ({ label: r.name, value: r }))}
                  min={min()}
                />
              </Show>
            </div>
          </>
        )}
      </Show>
    </div>
  );
}

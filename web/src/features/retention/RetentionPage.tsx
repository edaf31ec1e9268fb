import { useSearchParams } from "@solidjs/router";
import { createMemo, createResource, For, Show } from "solid-js";
import { session } from "../../auth/session.ts";
import { dateTime, monthName, number, percent } from "../../format.ts";
import { t } from "../../i18n/index.ts";
import {
  type Funnel,
  fetchRetention,
  fetchScopeOptions,
  type RetentionBy,
  type RetentionGroup,
} from "./api.ts";
import RetentionCurves, { type CurveLine } from "./RetentionCurves.tsx";
import "./i18n.ts";
import "./retention.css";

const BYS: RetentionBy[] = ["total", "occupation", "payer", "partner"];
const STAGES = [
  "signedUp",
  "registered",
  "firstPayment",
  "activeM3",
  "activeM6",
  "activeM12",
  "activeNow",
] as const;
type Stage = (typeof STAGES)[number];
const OBSERVED: Partial<Record<Stage, keyof Funnel>> = {
  activeM3: "observedM3",
  activeM6: "observedM6",
  activeM12: "observedM12",
};

const ratio = (n: number, d: number) => (d === 0 ? null : n / d);

/** A group's name: occupation label, partner name, payer word, or "Total". */
export function groupLabel(by: RetentionBy, g: RetentionGroup): string {
  if (by === "total") return t("ret.by.total");
  if (by === "payer") return t(`ret.payer.${g.key}`);
  return g.label ?? g.key;
}

/** /retention — funnel and retention curves per office, campaign or event, for managers. */
export default function RetentionPage() {
  const [params, setParams] = useSearchParams();
  const me = () => session.me();
  const scope = () => {
    const s = params.scope;
    if (typeof s === "string" && s) return s;
    const m = me();
    return m?.role === "admin" || !m?.office ? "national" : `office:${m.office.id}`;
  };
  const by = () => (BYS.includes(params.by as RetentionBy) ? (params.by as RetentionBy) : "total");
  const [report] = createResource(
    () => ({ scope: scope(), by: by() }),
    (q) => fetchRetention(q.scope, q.by),
  );
  const [options] = createResource(fetchScopeOptions);
  const groups = () => report()?.groups ?? [];
  const knownScope = () => {
    const o = options();
    return !!o && [...o.offices, ...o.campaigns, ...o.events].some((x) => x.scope === scope());
  };
  const total = createMemo<Funnel | null>(() => {
    const list = groups();
    if (list.length === 0) return null;
    if (by() === "total") return list[0]?.funnel ?? null;
    return null;
  });

  const curveLines = createMemo<CurveLine[]>(() => {
    const list = groups();
    if (by() !== "total") {
      return list.slice(0, 8).map((g) => ({ label: groupLabel(by(), g), points: g.curve }));
    }
    const g = list[0];
    if (!g) return [];
    // Total: the last cohorts that reached month 3, and the overall curve in bold.
    const cohorts = g.cohorts
      .filter((c) => c.observedM3 > 0)
      .slice(-6)
      .map((c) => ({
        label: monthName(c.cohortMonth),
        points: [
          { k: 0, rate: ratio(c.firstPayment, c.signedUp) },
          { k: 3, rate: ratio(c.activeM3, c.observedM3) },
          { k: 6, rate: ratio(c.activeM6, c.observedM6) },
          { k: 12, rate: ratio(c.activeM12, c.observedM12) },
        ],
      }));
    return [{ label: t("ret.by.total"), points: g.curve, strong: true }, ...cohorts];
  });

  return (
    <section class="retention-page">
      <div class="row page-head">
        <h1>{t("ret.title")}</h1>
        <span class="spacer" />
        <label class="ret-scope no-print">
          {t("ret.scope")}
          <select value={scope()} onChange={(e) => setParams({ scope: e.currentTarget.value })}>
            <Show when={me()?.role === "admin"}>
              <option value="national" selected={scope() === "national"}>
                {t("ret.national")}
              </option>
            </Show>
            <Show when={options() && !knownScope() && scope() !== "national"}>
              <option value={scope()} selected>
                {scope()}
              </option>
            </Show>
            <For
              each={
                [
                  ["ret.offices", options()?.offices],
                  ["ret.campaigns", options()?.campaigns],
                  ["ret.events", options()?.events],
                ] as const
              }
            >
              {([label, list]) => (
                <optgroup label={t(label)}>
                  <For each={list ?? []}>
                    {(o) => (
                      <option value={o.scope} selected={o.scope === scope()}>
                        {o.name}
                      </option>
                    )}
                  </For>
                </optgroup>
              )}
            </For>
          </select>
        </label>
      </div>
      <p class="muted">{t("ret.intro")}</p>

      <div class="row ret-tabs no-print" role="tablist">
        <For each={BYS}>
          {(b) => (
            <button
              type="button"
              role="tab"
              classList={{ chip: true, active: by() === b }}
              aria-selected={by() === b}
              onClick={() => setParams({ by: b === "total" ? undefined : b })}
            >
              {t(`ret.by.${b}`)}
            </button>
          )}
        </For>
      </div>

      <Show when={report.error}>
        <p class="error">{t("common.error")}</p>
      </Show>
      <Show when={report()}>
        {(r) => (
          <>
            <p class="muted small" data-testid="as-of">
              {r().rebuiltAt ? t("ret.asOf", { date: dateTime(r().asOf) }) : t("ret.notBuilt")}
            </p>
            <Show when={groups().length > 0} fallback={<p class="card">{t("ret.empty")}</p>}>
              <div class="ret-columns">
                <Show when={total()}>
                  {(f) => (
                    <div class="card">
                      <h2>{t("ret.funnel")}</h2>
                      <FunnelBars funnel={f()} />
                    </div>
                  )}
                </Show>
                <div class="card">
                  <h2>{t("ret.curves")}</h2>
                  <p class="muted small">{t("ret.curvesHelp")}</p>
                  <RetentionCurves lines={curveLines()} />
                </div>
              </div>
              <div class="card ret-table-card">
                <h2>{by() === "total" ? t("ret.cohorts") : t(`ret.by.${by()}`)}</h2>
                <FunnelTable
                  rows={
                    by() === "total"
                      ? (groups()[0]?.cohorts ?? [])
                          .map((c) => ({ label: monthName(c.cohortMonth), funnel: c }))
                          .reverse()
                      : groups().map((g) => ({ label: groupLabel(by(), g), funnel: g.funnel }))
                  }
                  head={by() === "total" ? t("ret.cohort") : t("ret.group")}
                />
              </div>
            </Show>
          </>
        )}
      </Show>
    </section>
  );
}

/** Horizontal bars: each stage's count and its share of the sign-ups (or of those observed). */
function FunnelBars(props: { funnel: Funnel }) {
  const f = () => props.funnel;
  return (
    <ol class="ret-funnel">
      <For each={STAGES}>
        {(stage) => {
          const observedKey = OBSERVED[stage];
          const observed = () => (observedKey ? f()[observedKey] : f().signedUp);
          const share = () => ratio(f()[stage], f().signedUp) ?? 0;
          return (
            <li data-stage={stage}>
              <span class="ret-stage">{t(`ret.stage.${stage}`)}</span>
              <span class="ret-bar">
                <span class="ret-fill" style={{ width: `${Math.max(0.5, share() * 100)}%` }} />
              </span>
              <strong class="ret-count">{number(f()[stage])}</strong>
              <span class="muted small ret-note">
                {observedKey
                  ? observed() > 0
                    ? t("ret.observed", { retained: number(f()[stage]), observed: number(observed()) })
                    : t("ret.notYet")
                  : t("ret.ofSignedUp", { pct: percent(share()) })}
              </span>
            </li>
          );
        }}
      </For>
    </ol>
  );
}

/** One row per cohort or group: the stages as counts, the horizons as shares of those observed. */
function FunnelTable(props: { rows: { label: string; funnel: Funnel }[]; head: string }) {
  return (
    <div class="table-scroll">
      <table class="ret-table">
        <thead>
          <tr>
            <th>{props.head}</th>
            <For each={STAGES}>{(s) => <th class="num">{t(`ret.stage.${s}`)}</th>}</For>
          </tr>
        </thead>
        <tbody>
          <For each={props.rows}>
            {(row) => (
              <tr>
                <td>{row.label}</td>
                <For each={STAGES}>
                  {(s) => {
                    const key = OBSERVED[s];
                    return (
                      <td class="num">
                        {number(row.funnel[s])}
                        <Show when={key && row.funnel[key as keyof Funnel] > 0}>
                          <span class="muted small">
                            {" "}
                            ({percent(ratio(row.funnel[s], row.funnel[key as keyof Funnel]))})
                          </span>
                        </Show>
                      </td>
                    );
                  }}
                </For>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}

import { CAMPAIGN_STATUSES } from "@jangkau/shared/schema/enums";
import { A, useSearchParams } from "@solidjs/router";
import { createResource, For, Show } from "solid-js";
import { session } from "../../auth/session.ts";
import { date, number, percent, rupiah } from "../../format.ts";
import { t } from "../../i18n/index.ts";
import { StatusBadge } from "../events/ui.tsx";
import { fetchCampaigns } from "./api.ts";
import "./i18n.ts";
import "../events/events.css";

/** /campaigns — campaigns of the offices in scope, with sign-ups against target. */
export default function CampaignsPage() {
  const [params, setParams] = useSearchParams();
  const status = () => {
    const s = params.status;
    return (CAMPAIGN_STATUSES as readonly string[]).includes(String(s))
      ? (s as (typeof CAMPAIGN_STATUSES)[number])
      : undefined;
  };
  const [campaigns] = createResource(
    () => ({ status: status() }),
    (q) => fetchCampaigns(q.status ? { status: q.status } : {}),
  );
  const list = () => campaigns() ?? [];
  const canWrite = () => ["manager", "admin"].includes(session.me()?.role ?? "");

  return (
    <section class="campaigns-page">
      <div class="row page-head">
        <h1>{t("cp.title")}</h1>
        <fieldset class="segmented">
          <legend class="sr-only">Status</legend>
          <button type="button" aria-pressed={!status()} onClick={() => setParams({ status: undefined })}>
            {t("common.all")}
          </button>
          <For each={CAMPAIGN_STATUSES}>
            {(s) => (
              <button type="button" aria-pressed={status() === s} onClick={() => setParams({ status: s })}>
                {t(`cp.status.${s}`)}
              </button>
            )}
          </For>
        </fieldset>
        <span class="spacer" />
        <Show when={canWrite()}>
          <A href="/campaigns/new" class="button primary">
            + {t("cp.new")}
          </A>
        </Show>
      </div>
      <Show when={list().length} fallback={<p class="muted">{t("cp.none")}</p>}>
        <div class="campaign-list">
          <For each={list()}>
            {(c) => (
              <A href={`/campaigns/${c.id}`} class="card campaign-card" data-campaign-id={c.id}>
                <div class="row">
                  <strong class="campaign-name">{c.name}</strong>
                  <span class="spacer" />
                  <StatusBadge status={c.status} label={t(`cp.status.${c.status}`)} />
                </div>
                <span class="muted">
                  {c.officeName} · {date(c.periodStart)} – {date(c.periodEnd)} ·{" "}
                  {t(`cp.segment.${c.segment}`)}
                </span>
                <div class="progress" aria-hidden="true">
                  <span
                    style={{
                      width: `${Math.min(100, c.targetSignups ? (c.liveSignups / c.targetSignups) * 100 : 0)}%`,
                    }}
                  />
                </div>
                <span class="row small">
                  <span>
                    {t("cp.signups")}: <strong>{number(c.liveSignups)}</strong> / {number(c.targetSignups)} (
                    {percent(c.targetSignups ? c.liveSignups / c.targetSignups : null)})
                  </span>
                  <span class="spacer" />
                  <span>{t("cp.eventCount", { n: c.eventCount })}</span>
                  <span>· {rupiah(c.budget)}</span>
                </span>
              </A>
            )}
          </For>
        </div>
      </Show>
    </section>
  );
}

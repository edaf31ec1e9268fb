import { A, useParams } from "@solidjs/router";
import { createResource, createSignal, For, Show } from "solid-js";
import { session } from "../../auth/session.ts";
import { date, number, percent, rupiah } from "../../format.ts";
import { t } from "../../i18n/index.ts";
import { EventRow } from "../events/EventsPage.tsx";
import { createFieldErrors, FormError, Loaded, StatusBadge } from "../events/ui.tsx";
import { type CampaignDetail, fetchCampaign, updateCampaign } from "./api.ts";
import "./i18n.ts";
import "../events/events.css";

/** /campaigns/:id — objective, period, sign-ups against target, status and its events. */
export default function CampaignPage() {
  const params = useParams();
  const [campaign, { mutate, refetch }] = createResource(
    () => params.id,
    (id) => fetchCampaign(id),
  );
  const canWrite = () => ["manager", "admin"].includes(session.me()?.role ?? "");
  const errors = createFieldErrors();
  const [busy, setBusy] = createSignal(false);

  const move = async (c: CampaignDetail, status: CampaignDetail["status"]) => {
    errors.clear();
    setBusy(true);
    try {
      mutate(await updateCampaign(c.id, { version: c.version, status }));
    } catch (err) {
      const e = errors.take(err);
      if (e.code === "version_conflict") {
        errors.clear();
        errors.set("version", t("cp.conflict"));
        await refetch();
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Loaded resource={campaign}>
      {(c) => (
        <section class="campaign-page" data-campaign-id={c().id} data-status={c().status}>
          <A href="/campaigns" class="back-link">
            {t("cp.back")}
          </A>
          <div class="row page-head">
            <h1>{c().name}</h1>
            <StatusBadge status={c().status} label={t(`cp.status.${c().status}`)} />
            <span class="spacer" />
            <Show when={canWrite() && c().status !== "closed"}>
              <A href={`/campaigns/${c().id}/edit`} class="button">
                {t("cp.edit")}
              </A>
              <For each={c().allowedTransitions}>
                {(s) => (
                  <button
                    type="button"
                    class={s === "active" ? "primary" : ""}
                    disabled={busy()}
                    data-to={s}
                    onClick={() => move(c(), s)}
                  >
                    {t(`cp.to.${s}`)}
                  </button>
                )}
              </For>
            </Show>
          </div>
          <FormError errors={errors} />
          <Show when={errors.of("version")}>
            <p class="error" role="alert">
              {errors.of("version")}
            </p>
          </Show>
          <div class="event-columns">
            <div class="card">
              <dl class="facts">
                <dt>{t("cp.office")}</dt>
                <dd>{c().officeName}</dd>
                <dt>{t("cp.period")}</dt>
                <dd>
                  {date(c().periodStart)} – {date(c().periodEnd)}
                </dd>
                <dt>{t("cp.field.segment")}</dt>
                <dd>{t(`cp.segment.${c().segment}`)}</dd>
                <dt>{t("cp.budget")}</dt>
                <dd>{rupiah(c().budget)}</dd>
              </dl>
              <Show when={c().objective}>
                <h3>{t("cp.objective")}</h3>
                <p>{c().objective}</p>
              </Show>
            </div>
            <div class="card signups-card">
              <h2>{t("cp.signups")}</h2>
              <p class="big-number" data-testid="campaign-signups">
                {number(c().liveSignups)}
                <span class="muted small"> / {number(c().targetSignups)}</span>
              </p>
              <div class="progress" aria-hidden="true">
                <span style={{ width: `${Math.min(100, (c().achievement ?? 0) * 100)}%` }} />
              </div>
              <p class="muted">
                {t("cp.achievement")}: {percent(c().achievement)}
              </p>
            </div>
          </div>
          <div class="row">
            <h2>{t("cp.events")}</h2>
            <span class="spacer" />
            <Show when={canWrite() && c().status !== "closed"}>
              <A href={`/events/new?campaign=${c().id}`} class="button primary">
                + {t("cp.addEvent")}
              </A>
            </Show>
          </div>
          <Show when={c().events.length} fallback={<p class="muted">{t("cp.noEvents")}</p>}>
            <div class="event-list">
              <For each={c().events}>{(e) => <EventRow event={e} />}</For>
            </div>
          </Show>
        </section>
      )}
    </Loaded>
  );
}

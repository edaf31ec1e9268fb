import { A, useParams } from "@solidjs/router";
import { createResource, For, Show } from "solid-js";
import { number, percent } from "../../format.ts";
import { t } from "../../i18n/index.ts";
import { PartnerActiveProduced } from "../retention/ActiveProduced.tsx";
import { fetchSharedEvent, fetchSharedEvents, type SharedEvent } from "./api.ts";
import { occupationLabel } from "./EventReportPage.tsx";
import { eventWhen, Loaded, StatusBadge } from "./ui.tsx";
import "./events.css";

/** A count for partners: "< 5" when the server withheld it. */
const shown = (n: number | null) => (n == null ? t("ev.partnerView.suppressed") : number(n));

function Breakdown(props: {
  title: string;
  data: SharedEvent["outcome"]["byPayer"];
  label: (key: string) => string;
}) {
  return (
    <Show when={props.data.cells.length || props.data.other}>
      <div>
        <h3>{props.title}</h3>
        <ul class="plain bars">
          <For each={props.data.cells}>
            {(c) => (
              <li>
                <span>{props.label(c.key)}</span>
                <strong>{number(c.count)}</strong>
              </li>
            )}
          </For>
          <Show when={props.data.other}>
            {(n) => (
              <li>
                <span>{t("ev.payer.other")}</span>
                <strong>{number(n())}</strong>
              </li>
            )}
          </Show>
        </ul>
      </div>
    </Show>
  );
}

/** One shared event as a partner sees it: the plan in public terms and totals only. */
function SharedEventCard(props: { event: SharedEvent; detailed?: boolean }) {
  const e = () => props.event;
  return (
    <article class="card shared-event" data-event-id={e().id}>
      <div class="row">
        <span class={`type-dot type-${e().type}`} aria-hidden="true" />
        <h2 class="shared-title">
          <Show when={!props.detailed} fallback={e().title}>
            <A href={`/partner/events/${e().id}`}>{e().title}</A>
          </Show>
        </h2>
        <span class="spacer" />
        <span class="chip">{t(`ev.type.${e().type}`)}</span>
        <StatusBadge status={e().status} />
      </div>
      <p class="muted">
        {eventWhen(e())} · {[e().venue, e().areaName].filter(Boolean).join(", ")} · {e().officeName}
      </p>
      <p class="small">
        {t("ev.partnerView.cohosts")}:{" "}
        {e()
          .cohosts.map((h) => h.name)
          .join(", ")}
      </p>
      <dl class="facts inline-facts">
        <dt>{t("ev.report.attendance")}</dt>
        <dd>{number(e().attendance)}</dd>
        <dt>{t("ev.page.live")}</dt>
        <dd data-testid="shared-signups">
          {shown(e().outcome.signups)} / {number(e().targetSignups)}
        </dd>
        <dt>{t("ev.page.achievement")}</dt>
        <dd>{percent(e().outcome.achievement)}</dd>
      </dl>
      <Show when={props.detailed}>
        <div class="event-columns">
          <Breakdown
            title={t("ev.report.byOccupation")}
            data={e().outcome.byOccupation}
            label={occupationLabel}
          />
          <Breakdown
            title={t("ev.report.byPayer")}
            data={e().outcome.byPayer}
            label={(k) => t(`ev.payer.${k}`)}
          />
        </div>
      </Show>
    </article>
  );
}

/** /partner/events — the partner's shared, co-hosted events. */
export default function PartnerEventsPage() {
  const [events] = createResource(fetchSharedEvents);
  return (
    <section class="partner-events">
      <div class="row page-head">
        <h1>{t("ev.partnerView.title")}</h1>
        <span class="spacer" />
        <A href="/partner" class="button">
          {t("ev.partnerView.progress")}
        </A>
      </div>
      <p class="muted">{t("ev.partnerView.intro")}</p>
      <Loaded resource={events}>
        {(list) => (
          <Show when={list().length} fallback={<p class="muted">{t("ev.partnerView.none")}</p>}>
            <div class="shared-list">
              <For each={list()}>{(e) => <SharedEventCard event={e} />}</For>
            </div>
          </Show>
        )}
      </Loaded>
      <p class="muted small">{t("ev.partnerView.suppressedNote")}</p>
    </section>
  );
}

/** /partner/events/:id — one shared event with outcome breakdowns. */
export function PartnerEventPage() {
  const params = useParams();
  const [event] = createResource(
    () => params.id,
    (id) => fetchSharedEvent(id),
  );
  return (
    <section class="partner-events">
      <A href="/partner/events" class="back-link">
        ← {t("ev.partnerView.title")}
      </A>
      <Loaded resource={event}>
        {(e) => (
          <>
            <SharedEventCard event={e()} detailed />
            <PartnerActiveProduced eventId={e().id} />
          </>
        )}
      </Loaded>
      <p class="muted small">{t("ev.partnerView.suppressedNote")}</p>
    </section>
  );
}

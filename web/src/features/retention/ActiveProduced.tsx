import { A } from "@solidjs/router";
import { createResource, Show } from "solid-js";
import { number, percent } from "../../format.ts";
import { t } from "../../i18n/index.ts";
import { fetchRetention, fetchSharedRetention } from "./api.ts";
import "./i18n.ts";
import "./retention.css";

/**
 * "Active participants produced" for an event, campaign or office (`scope` as the retention
 * API takes it, e.g. `event:<id>`): who is paying now, first payments of all sign-ups, and
 * month-3 retention — for the event page and the dashboard (staff and managers).
 */
export default function ActiveProduced(props: { scope: string }) {
  const [report] = createResource(
    () => props.scope,
    (scope) => fetchRetention(scope, "total"),
  );
  const funnel = () => report()?.groups[0]?.funnel;
  return (
    <div class="card active-produced" data-scope={props.scope}>
      <h2>{t("ret.widget.title")}</h2>
      <Show
        when={report()}
        fallback={<p class="muted">{report.error ? t("common.error") : t("common.loading")}</p>}
      >
        <Show when={funnel()} fallback={<p class="muted">{t("ret.empty")}</p>}>
          {(f) => (
            <>
              <p class="ap-big">
                <strong data-testid="active-now">{number(f().activeNow)}</strong> {t("ret.widget.active")}
              </p>
              <p class="muted">
                {t("ret.widget.firstPaid", {
                  paid: number(f().firstPayment),
                  signedUp: number(f().signedUp),
                })}
              </p>
              <Show when={f().observedM3 > 0}>
                <p class="muted">
                  {t("ret.widget.m3", {
                    value: `${number(f().activeM3)}/${number(f().observedM3)} (${percent(f().activeM3 / f().observedM3)})`,
                  })}
                </p>
              </Show>
              <A href={`/retention?scope=${encodeURIComponent(props.scope)}`} class="no-print">
                {t("ret.widget.more")}
              </A>
            </>
          )}
        </Show>
      </Show>
    </div>
  );
}

/**
 * The same for a partner, on an event shared with them: aggregates only; a count below 5
 * shown as "<5" and one hidden because it lies within 5 of another as "*" (the API sends
 * neither number).
 */
export function PartnerActiveProduced(props: { eventId: string }) {
  const [shared] = createResource(fetchSharedRetention);
  const event = () => shared()?.events.find((e) => e.eventId === props.eventId);
  const show = (n: number | null | undefined, stage: string) => {
    if (n != null) return number(n);
    return event()?.companions.includes(stage as never) ? "*" : t("ret.widget.suppressed");
  };
  return (
    <Show when={event()}>
      {(e) => (
        <div class="card active-produced" data-event-id={e().eventId}>
          <h2>{t("ret.widget.title")}</h2>
          <p class="ap-big">
            <strong data-testid="active-now">{show(e().activeNow, "activeNow")}</strong>{" "}
            {t("ret.widget.active")}
          </p>
          <p class="muted">
            {t("ret.widget.firstPaid", {
              paid: show(e().firstPayment, "firstPayment"),
              signedUp: show(e().signedUp, "signedUp"),
            })}
          </p>
        </div>
      )}
    </Show>
  );
}

import { BPU_OCCUPATIONS } from "@jangkau/shared/domain/contribution/occupations";
import { A, useParams } from "@solidjs/router";
import { createResource, For, Show } from "solid-js";
import { date, dateTime, number, percent, rupiah } from "../../format.ts";
import { t } from "../../i18n/index.ts";
import { fetchEvent } from "./api.ts";
import { eventWhen, Loaded, StatusBadge } from "./ui.tsx";
import "./events.css";
import "./report.css";

/** Label of an occupation code; codes not in the list are shown as they are. */
export const occupationLabel = (code: string) =>
  BPU_OCCUPATIONS.find((o) => o.code === code)?.label ?? code.replaceAll("_", " ");

/** A breakdown as a table with shares of the total. */
function BreakdownTable(props: {
  caption: string;
  rows: { key: string; count: number }[];
  label: (k: string) => string;
  total: number;
}) {
  return (
    <table class="report-table">
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">{props.caption}</th>
          <th scope="col" class="num">
            {t("ev.report.total")}
          </th>
          <th scope="col" class="num">
            %
          </th>
        </tr>
      </thead>
      <tbody>
        <For each={props.rows}>
          {(r) => (
            <tr>
              <td>{props.label(r.key)}</td>
              <td class="num">{number(r.count)}</td>
              <td class="num">{percent(props.total ? r.count / props.total : null)}</td>
            </tr>
          )}
        </For>
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">{t("ev.report.total")}</th>
          <td class="num">{number(props.total)}</td>
          <td class="num">{props.total ? "100 %" : "–"}</td>
        </tr>
      </tfoot>
    </table>
  );
}

/** /events/:id/report — the post-event report, made to be printed (A4, @media print). */
export default function EventReportPage() {
  const params = useParams();
  const [event] = createResource(
    () => params.id,
    (id) => fetchEvent(id),
  );
  return (
    <Loaded resource={event}>
      {(e) => (
        <article class="event-report" data-event-id={e().id}>
          <div class="row no-print report-tools">
            <A href={`/events/${e().id}`} class="back-link">
              ← {e().title}
            </A>
            <span class="spacer" />
            <button type="button" class="primary" onClick={() => window.print()}>
              {t("ev.report.print")}
            </button>
          </div>
          <header class="report-head">
            <div class="report-brand">
              <img src="/icon.svg" alt="" width="40" height="40" />
              <div>
                <strong>BPJS Ketenagakerjaan — {e().office?.name}</strong>
                <span>{t("ev.report.title")}</span>
              </div>
            </div>
            <h1>{e().title}</h1>
            <p class="report-sub">
              {t(`ev.type.${e().type}`)} · <StatusBadge status={e().status} /> · {eventWhen(e())}
            </p>
            <p class="report-sub">
              {[e().venue, e().area?.name, e().area?.parentName].filter(Boolean).join(", ")}
              <Show when={e().campaign}>{(c) => ` · ${c().name}`}</Show>
            </p>
            <Show when={e().partners.length}>
              <p class="report-sub">
                {t("ev.page.partners")}:{" "}
                {e()
                  .partners.map((p) => `${p.name} (${t(`ev.role.${p.role}`)})`)
                  .join("; ")}
              </p>
            </Show>
          </header>

          <section class="report-figures" aria-label={t("ev.page.yield")}>
            <div class="figure" data-figure="attendance">
              <span class="figure-label">{t("ev.report.attendance")}</span>
              <strong>{number(e().attendance)}</strong>
              <span class="muted">
                {t("ev.page.expected")} {number(e().expectedAttendance)}
              </span>
            </div>
            <div class="figure" data-figure="signups">
              <span class="figure-label">{t("ev.page.live")}</span>
              <strong>{number(e().signups.total)}</strong>
              <span class="muted">
                {t("ev.page.target")} {number(e().targetSignups)} · {percent(e().yield.achievement)}
              </span>
            </div>
            <div class="figure" data-figure="cost">
              <span class="figure-label">{t("ev.report.cost")}</span>
              <strong>{rupiah(e().actualCost ?? e().plannedBudget)}</strong>
              <span class="muted">
                {t("ev.page.budget")} {rupiah(e().plannedBudget)}
              </span>
            </div>
            <div class="figure" data-figure="cost-per-signup">
              <span class="figure-label">{t("ev.page.costPerSignup")}</span>
              <strong>{rupiah(e().yield.costPerSignup)}</strong>
              <span class="muted">
                {e().yield.costBasis === "planned" ? t("ev.page.costPlanned") : ""}
                {t("ev.page.perAttendee")}:{" "}
                {e().yield.signupsPerAttendee == null ? "–" : number(e().yield.signupsPerAttendee, 2)}
              </span>
            </div>
          </section>

          <div class="report-tables">
            <BreakdownTable
              caption={t("ev.report.byOccupation")}
              rows={e().signups.byOccupation}
              total={e().signups.total}
              label={occupationLabel}
            />
            <BreakdownTable
              caption={t("ev.report.byPayer")}
              rows={e().signups.byPayer}
              total={e().signups.total}
              label={(k) => t(`ev.payer.${k}`)}
            />
          </div>

          <section class="report-section">
            <h2>{t("ev.report.minutes")}</h2>
            <Show when={e().minutes} fallback={<p class="muted">{t("ev.report.noMinutes")}</p>}>
              <p class="minutes">{e().minutes}</p>
            </Show>
          </section>

          <section class="report-section">
            <h2>{t("ev.report.followUps")}</h2>
            <Show when={e().actions.length} fallback={<p class="muted">{t("ev.page.noActions")}</p>}>
              <table class="report-table">
                <thead>
                  <tr>
                    <th scope="col">{t("ev.page.action")}</th>
                    <th scope="col">{t("ev.page.owner")}</th>
                    <th scope="col">{t("ev.page.due")}</th>
                    <th scope="col">{t("ev.page.done")}</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={e().actions}>
                    {(a) => (
                      <tr>
                        <td>{a.action}</td>
                        <td>{a.ownerName}</td>
                        <td>{a.dueDate ? date(a.dueDate) : "–"}</td>
                        <td>{a.done ? "✓" : "☐"}</td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </Show>
          </section>
          <footer class="report-foot muted small">
            {t("ev.report.generated", { when: dateTime(new Date().toISOString()) })} · Jangkau
          </footer>
        </article>
      )}
    </Loaded>
  );
}

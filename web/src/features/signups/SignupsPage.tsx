import { SIGNUP_STATUSES } from "@jangkau/shared/schema/enums";
import { A, useNavigate, useSearchParams } from "@solidjs/router";
import { createMemo, createResource, For, Show } from "solid-js";
import { date, number, rupiah } from "../../format.ts";
import { t } from "../../i18n/index.ts";
import { fetchSignups, type SignupQuery } from "./api.ts";
import "./i18n.ts";
import { occupationLabel, StatusBadge } from "./ui.tsx";
import "./signups.css";

const PAGE_SIZE = 25;

/**
 * /signups — sign-ups in the user's scope (staff: their own and their events'; managers: their
 * offices'), newest first, with the NIK masked. Filters live in the URL (no personal data).
 */
export default function SignupsPage() {
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const query = createMemo<SignupQuery>(() => {
    const q: SignupQuery = { pageSize: String(PAGE_SIZE) };
    if (typeof params.eventId === "string" && params.eventId) q.eventId = params.eventId;
    if (typeof params.status === "string" && params.status) q.status = params.status as SignupQuery["status"];
    if (typeof params.month === "string" && params.month) q.month = params.month;
    if (typeof params.page === "string" && params.page) q.page = params.page;
    return q;
  });
  const [page] = createResource(query, fetchSignups);
  const pages = () => Math.max(1, Math.ceil((page()?.total ?? 0) / PAGE_SIZE));
  const current = () => Number(query().page ?? 1);

  return (
    <section class="signups">
      <div class="row">
        <h1>{t("su.title")}</h1>
        <span class="spacer" />
        <Show when={page()}>
          {(p) => <span class="muted">{t("su.total", { n: number(p().total) })}</span>}
        </Show>
      </div>
      <form class="filters card no-print" onSubmit={(e) => e.preventDefault()}>
        <label>
          {t("su.filters.event")}
          <select
            name="eventId"
            value={query().eventId ?? ""}
            onChange={(e) => setParams({ eventId: e.currentTarget.value || undefined, page: undefined })}
          >
            <option value="">{t("su.filters.all")}</option>
            <For each={page()?.events ?? []}>{(ev) => <option value={ev.id}>{ev.title}</option>}</For>
          </select>
        </label>
        <label>
          {t("su.filters.status")}
          <select
            name="status"
            value={query().status ?? ""}
            onChange={(e) => setParams({ status: e.currentTarget.value || undefined, page: undefined })}
          >
            <option value="">{t("su.filters.all")}</option>
            <For each={SIGNUP_STATUSES}>{(s) => <option value={s}>{t(`su.status.${s}`)}</option>}</For>
          </select>
        </label>
        <label>
          {t("su.filters.month")}
          <input
            name="month"
            type="month"
            value={query().month ?? ""}
            onChange={(e) => setParams({ month: e.currentTarget.value || undefined, page: undefined })}
          />
        </label>
        <button
          type="button"
          class="ghost"
          onClick={() =>
            setParams({ eventId: undefined, status: undefined, month: undefined, page: undefined })
          }
        >
          {t("su.filters.reset")}
        </button>
      </form>

      <Show when={!page.error} fallback={<p class="error">{t("common.error")}</p>}>
        <Show when={page()} fallback={<p class="loading">{t("common.loading")}</p>}>
          {(p) => (
            <Show when={p().items.length > 0} fallback={<p class="muted">{t("su.none")}</p>}>
              <div class="table-wrap">
                <table class="signup-table">
                  <thead>
                    <tr>
                      <th>{t("su.col.date")}</th>
                      <th>{t("su.col.name")}</th>
                      <th>{t("su.col.nik")}</th>
                      <th>{t("su.col.occupation")}</th>
                      <th>{t("su.col.event")}</th>
                      <th class="num">{t("su.col.contribution")}</th>
                      <th>{t("su.col.status")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={p().items}>
                      {(s) => (
                        <tr data-signup-id={s.id} onClick={() => navigate(`/signups/${s.id}`)}>
                          <td>{date(s.recordedAt, s.timeZone ?? "WIB")}</td>
                          <td>
                            <A href={`/signups/${s.id}`}>{s.fullName}</A>
                          </td>
                          <td class="mono">{s.nikMasked}</td>
                          <td>{occupationLabel(s.occupation)}</td>
                          <td>{s.eventTitle ?? t(`su.source.${s.source}`)}</td>
                          <td class="num">{rupiah(s.monthlyContribution)}</td>
                          <td>
                            <StatusBadge status={s.status} />
                          </td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </div>
              <div class="pager row no-print">
                <button
                  type="button"
                  disabled={current() <= 1}
                  onClick={() => setParams({ page: String(current() - 1) })}
                >
                  {t("su.prev")}
                </button>
                <span class="muted">{t("su.page", { page: current(), pages: pages() })}</span>
                <button
                  type="button"
                  disabled={current() >= pages()}
                  onClick={() => setParams({ page: String(current() + 1) })}
                >
                  {t("su.next")}
                </button>
              </div>
            </Show>
          )}
        </Show>
      </Show>
    </section>
  );
}

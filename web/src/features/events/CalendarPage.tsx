import { A, useSearchParams } from "@solidjs/router";
import { createMemo, createResource, createSignal, For, Show } from "solid-js";
import { ApiError } from "../../api/client.ts";
import { session } from "../../auth/session.ts";
import { dateTime, monthName, time, type Zone } from "../../format.ts";
import { locale, t } from "../../i18n/index.ts";
import { createFeed, type EventSummary, fetchEvents, fetchFeeds, fetchOffices, revokeFeed } from "./api.ts";
import { EventTabs } from "./EventTabs.tsx";
import { StatusBadge } from "./ui.tsx";
import "./events.css";

/** Plain calendar-date arithmetic on `YYYY-MM-DD` (no time zone involved). */
const toDate = (iso: string) => new Date(`${iso}T00:00:00Z`);
const iso = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (day: string, n: number) => {
  const d = toDate(day);
  d.setUTCDate(d.getUTCDate() + n);
  return iso(d);
};
/** Monday = 0 … Sunday = 6. */
const weekday = (day: string) => (toDate(day).getUTCDay() + 6) % 7;
const mondayOf = (day: string) => addDays(day, -weekday(day));
const todayLocal = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
};

/** The local days (at the venue) an event covers. */
function daysOf(e: EventSummary): string[] {
  const out: string[] = [];
  let day = e.startLocal.slice(0, 10);
  const last = e.endLocal.slice(0, 10);
  while (day <= last && out.length < 31) {
    out.push(day);
    day = addDays(day, 1);
  }
  return out;
}

/** /events/calendar — month and week grids; times in each venue's own zone. */
export default function CalendarPage() {
  const [params, setParams] = useSearchParams();
  const view = () => (params.view === "week" ? "week" : "month");
  const anchor = () =>
    typeof params.date === "string" && /^\d{4}-\d{2}-\d{2}$/.test(params.date) ? params.date : todayLocal();

  const range = createMemo(() => {
    if (view() === "week") {
      const from = mondayOf(anchor());
      return { from, to: addDays(from, 6) };
    }
    const first = `${anchor().slice(0, 7)}-01`;
    const from = mondayOf(first);
    const nextMonth = toDate(first);
    nextMonth.setUTCMonth(nextMonth.getUTCMonth() + 1);
    const lastDay = addDays(iso(nextMonth), -1);
    return { from, to: addDays(mondayOf(lastDay), 6) };
  });
  const days = createMemo(() => {
    const out: string[] = [];
    for (let d = range().from; d <= range().to; d = addDays(d, 1)) out.push(d);
    return out;
  });
  const office = () => (typeof params.office === "string" ? params.office : "");
  const [events] = createResource(
    () => ({ ...range(), office: office() || undefined }),
    (q) => fetchEvents(q),
  );
  const byDay = createMemo(() => {
    const map = new Map<string, EventSummary[]>();
    for (const e of events() ?? []) {
      for (const d of daysOf(e)) map.set(d, [...(map.get(d) ?? []), e]);
    }
    for (const list of map.values()) list.sort((a, b) => a.startsAt.localeCompare(b.startsAt));
    return map;
  });
  const [offices] = createResource(fetchOffices);

  const step = (dir: 1 | -1) => {
    if (view() === "week") return setParams({ date: addDays(anchor(), 7 * dir) });
    const d = toDate(`${anchor().slice(0, 7)}-01`);
    d.setUTCMonth(d.getUTCMonth() + dir);
    setParams({ date: iso(d) });
  };
  const title = () =>
    view() === "month"
      ? monthName(anchor().slice(0, 7))
      : `${new Intl.DateTimeFormat(locale() === "en" ? "en-GB" : "id-ID", { day: "numeric", month: "short", timeZone: "UTC" }).format(toDate(range().from))} – ${new Intl.DateTimeFormat(locale() === "en" ? "en-GB" : "id-ID", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }).format(toDate(range().to))}`;
  const maxChips = () => (view() === "month" ? 3 : 20);
  const isManager = () => ["manager", "admin"].includes(session.me()?.role ?? "");

  return (
    <section class="calendar-page">
      <div class="row page-head">
        <h1>{t("ev.title")}</h1>
        <EventTabs />
        <span class="spacer" />
        <Show when={isManager()}>
          <A href="/events/new" class="button primary">
            + {t("ev.new")}
          </A>
        </Show>
      </div>
      <div class="row cal-toolbar">
        <fieldset class="segmented">
          <legend class="sr-only">{t("ev.calendar")}</legend>
          <button
            type="button"
            aria-pressed={view() === "month"}
            onClick={() => setParams({ view: "month" })}
          >
            {t("ev.cal.month")}
          </button>
          <button type="button" aria-pressed={view() === "week"} onClick={() => setParams({ view: "week" })}>
            {t("ev.cal.week")}
          </button>
        </fieldset>
        <button type="button" onClick={() => step(-1)} aria-label={t("ev.cal.prev")}>
          ‹
        </button>
        <button type="button" onClick={() => setParams({ date: todayLocal() })}>
          {t("ev.cal.today")}
        </button>
        <button type="button" onClick={() => step(1)} aria-label={t("ev.cal.next")}>
          ›
        </button>
        <h2 class="cal-title">{title()}</h2>
        <span class="spacer" />
        <label class="inline">
          <span class="sr-only">{t("ev.filters.office")}</span>
          <select
            value={office()}
            onChange={(e) => setParams({ office: e.currentTarget.value || undefined })}
          >
            <option value="">{t("common.all")}</option>
            <For each={offices() ?? []}>
              {(o) => (
                <option value={o.id} selected={o.id === office()}>
                  {o.name}
                </option>
              )}
            </For>
          </select>
        </label>
      </div>

      <div class={`cal-grid cal-${view()}`} data-view={view()}>
        <For each={t("ev.cal.weekdays").split(",")}>{(d) => <div class="cal-weekday">{d}</div>}</For>
        <For each={days()}>
          {(day) => {
            const list = () => byDay().get(day) ?? [];
            return (
              <div
                class="cal-day"
                classList={{
                  outside: view() === "month" && day.slice(0, 7) !== anchor().slice(0, 7),
                  today: day === todayLocal(),
                }}
                data-day={day}
              >
                <span class="cal-date">{Number(day.slice(8))}</span>
                <For each={list().slice(0, maxChips())}>
                  {(e) => (
                    <A
                      href={`/events/${e.id}`}
                      class={`cal-event type-${e.type}`}
                      classList={{ cancelled: e.status === "cancelled" }}
                      title={`${e.title} — ${dateTime(e.startsAt, e.timeZone as Zone)}`}
                      data-event-id={e.id}
                    >
                      <span class="cal-time">
                        {view() === "week"
                          ? `${time(e.startsAt, e.timeZone as Zone).replace(` ${e.timeZone}`, "")}–${time(e.endsAt, e.timeZone as Zone)}`
                          : time(e.startsAt, e.timeZone as Zone)}
                      </span>
                      <span class="cal-event-title">{e.title}</span>
                      <Show when={view() === "week"}>
                        <span class="cal-meta">
                          {e.areaName} · <StatusBadge status={e.status} />
                        </span>
                      </Show>
                    </A>
                  )}
                </For>
                <Show when={list().length > maxChips()}>
                  <button
                    type="button"
                    class="link cal-more"
                    onClick={() => setParams({ view: "week", date: day })}
                  >
                    {t("ev.cal.more", { n: list().length - maxChips() })}
                  </button>
                </Show>
              </div>
            );
          }}
        </For>
      </div>
      <p class="muted small legend">
        <For each={["sarasehan", "rapat_koordinasi", "sosialisasi", "jemput_bola", "gerai"]}>
          {(type) => (
            <span class="legend-item">
              <span class={`type-dot type-${type}`} /> {t(`ev.type.${type}`)}
            </span>
          )}
        </For>
      </p>

      <Show when={isManager()}>
        <FeedManager />
      </Show>
    </section>
  );
}

/** Managers: secret iCal links per office — create (shown once), list, revoke. */
function FeedManager() {
  const [offices] = createResource(fetchOffices);
  const [feeds, { refetch }] = createResource(fetchFeeds);
  const [officeId, setOfficeId] = createSignal("");
  const [created, setCreated] = createSignal<string | null>(null);
  const [copied, setCopied] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const chosen = () => officeId() || offices()?.[0]?.id || "";

  const create = async () => {
    setError(null);
    try {
      const feed = await createFeed(chosen());
      setCreated(feed.url);
      setCopied(false);
      await refetch();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t("common.error"));
    }
  };
  const revoke = async (id: string) => {
    setError(null);
    try {
      await revokeFeed(id);
      await refetch();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t("common.error"));
    }
  };

  return (
    <section class="card feed-manager no-print">
      <h2>{t("ev.feed.title")}</h2>
      <p class="muted">{t("ev.feed.intro")}</p>
      <div class="row">
        <select
          value={chosen()}
          onChange={(e) => setOfficeId(e.currentTarget.value)}
          aria-label={t("ev.filters.office")}
        >
          <For each={offices() ?? []}>
            {(o) => (
              <option value={o.id} selected={o.id === chosen()}>
                {o.name}
              </option>
            )}
          </For>
        </select>
        <button type="button" class="primary" onClick={create}>
          {t("ev.feed.create")}
        </button>
      </div>
      <Show when={created()}>
        {(url) => (
          <div class="feed-created" role="status">
            <p>{t("ev.feed.shownOnce")}</p>
            <div class="row">
              <input readonly value={url()} class="feed-url" onFocus={(e) => e.currentTarget.select()} />
              <button
                type="button"
                onClick={async () => {
                  await navigator.clipboard?.writeText(url()).catch(() => undefined);
                  setCopied(true);
                }}
              >
                {copied() ? t("ev.feed.copied") : t("ev.feed.copy")}
              </button>
            </div>
          </div>
        )}
      </Show>
      <Show when={error()}>
        <p class="error" role="alert">
          {error()}
        </p>
      </Show>
      <Show when={(feeds() ?? []).length} fallback={<p class="muted">{t("ev.feed.none")}</p>}>
        <ul class="feed-list">
          <For each={feeds()}>
            {(f) => (
              <li class="row" data-feed-id={f.id}>
                <strong>{f.officeName}</strong>
                <span class="muted">
                  {f.revokedAt
                    ? t("ev.feed.revoked", { when: dateTime(f.revokedAt) })
                    : t("ev.feed.active", { when: dateTime(f.createdAt) })}
                </span>
                <span class="spacer" />
                <Show when={!f.revokedAt}>
                  <button type="button" class="ghost" onClick={() => revoke(f.id)}>
                    {t("ev.feed.revoke")}
                  </button>
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}

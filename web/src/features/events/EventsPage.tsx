import { EVENT_STATUSES, EVENT_TYPES } from "@jangkau/shared/schema/enums";
import { A, useSearchParams } from "@solidjs/router";
import { createMemo, createResource, For, Show } from "solid-js";
import { session } from "../../auth/session.ts";
import { number } from "../../format.ts";
import { t } from "../../i18n/index.ts";
import { type EventFilter, type EventSummary, fetchEvents, fetchOffices, fetchPartners } from "./api.ts";
import { EventTabs } from "./EventTabs.tsx";
import { eventWhen, StatusBadge } from "./ui.tsx";
import "./events.css";

const FILTER_KEYS = ["office", "type", "status", "partner", "from", "to"] as const;

/** One event as a row you can tap: when (venue time), title, type, status, partners, sign-ups. */
export function EventRow(props: { event: EventSummary }) {
  const e = () => props.event;
  return (
    <A href={`/events/${e().id}`} class={`event-row type-${e().type}`} data-event-id={e().id}>
      <span class={`type-dot type-${e().type}`} aria-hidden="true" />
      <span class="event-row-main">
        <strong class="event-row-title">{e().title}</strong>
        <span class="muted">
          {eventWhen(e())} · {e().areaName ?? e().areaCode} · {e().officeName}
        </span>
        <Show when={e().partners.length}>
          <span class="muted small">
            {e()
              .partners.map((p) => p.name)
              .join(" · ")}
          </span>
        </Show>
      </span>
      <span class="event-row-side">
        <span class="chip">{t(`ev.type.${e().type}`)}</span>
        <StatusBadge status={e().status} />
        <span class="small" title={t("ev.page.live")}>
          {number(e().liveSignups)} / {number(e().targetSignups)}
        </span>
        <Show when={e().assignedToMe}>
          <span class="badge warn">{t("ev.mine")}</span>
        </Show>
      </span>
    </A>
  );
}

/** /events — the filtered list; staff see their own assignments first. */
export default function EventsPage() {
  const [params, setParams] = useSearchParams();
  const me = () => session.me();
  const canPlan = () => me()?.role === "manager" || me()?.role === "admin";
  const isStaff = () => me()?.role === "staff";

  const filter = createMemo<EventFilter>(() => {
    const f: Record<string, string> = {};
    for (const k of FILTER_KEYS) {
      const value = params[k];
      if (typeof value === "string" && value) f[k] = value;
    }
    return f as EventFilter;
  });
  const [events] = createResource(filter, (f) => fetchEvents(f));
  const [mine] = createResource(
    () => (isStaff() ? filter() : null),
    (f) => (f ? fetchEvents({ ...f, mine: "1" }) : Promise.resolve([])),
  );
  const [offices] = createResource(fetchOffices);
  const [partners] = createResource(fetchPartners);
  /** Assignments: what is coming first (soonest on top), then what has passed (latest on top). */
  const mineSorted = () => {
    const now = new Date().toISOString();
    const list = mine() ?? [];
    const coming = list.filter((e) => e.endsAt >= now).sort((a, b) => a.startsAt.localeCompare(b.startsAt));
    const past = list.filter((e) => e.endsAt < now).sort((a, b) => b.startsAt.localeCompare(a.startsAt));
    return [...coming, ...past];
  };
  const others = () => (isStaff() ? (events() ?? []).filter((e) => !e.assignedToMe) : (events() ?? []));

  const set = (key: (typeof FILTER_KEYS)[number], value: string) => setParams({ [key]: value || undefined });

  return (
    <section class="events-page">
      <div class="row page-head">
        <h1>{t("ev.title")}</h1>
        <EventTabs />
        <span class="spacer" />
        <Show when={canPlan()}>
          <A href="/events/new" class="button primary">
            + {t("ev.new")}
          </A>
        </Show>
      </div>

      <form class="filters card" onSubmit={(e) => e.preventDefault()} aria-label="Saringan">
        <label>
          {t("ev.filters.office")}
          <select
            name="office"
            value={filter().office ?? ""}
            onChange={(e) => set("office", e.currentTarget.value)}
          >
            <option value="">{t("common.all")}</option>
            <For each={offices() ?? []}>
              {(o) => (
                <option value={o.id} selected={o.id === filter().office}>
                  {o.name}
                </option>
              )}
            </For>
          </select>
        </label>
        <label>
          {t("ev.filters.type")}
          <select
            name="type"
            value={filter().type ?? ""}
            onChange={(e) => set("type", e.currentTarget.value)}
          >
            <option value="">{t("common.all")}</option>
            <For each={EVENT_TYPES}>
              {(x) => (
                <option value={x} selected={x === filter().type}>
                  {t(`ev.type.${x}`)}
                </option>
              )}
            </For>
          </select>
        </label>
        <label>
          {t("ev.filters.status")}
          <select
            name="status"
            value={filter().status ?? ""}
            onChange={(e) => set("status", e.currentTarget.value)}
          >
            <option value="">{t("common.all")}</option>
            <For each={EVENT_STATUSES}>
              {(x) => (
                <option value={x} selected={x === filter().status}>
                  {t(`ev.status.${x}`)}
                </option>
              )}
            </For>
          </select>
        </label>
        <label>
          {t("ev.filters.partner")}
          <select
            name="partner"
            value={filter().partner ?? ""}
            onChange={(e) => set("partner", e.currentTarget.value)}
          >
            <option value="">{t("common.all")}</option>
            <For each={partners() ?? []}>
              {(p) => (
                <option value={p.id} selected={p.id === filter().partner}>
                  {p.name}
                </option>
              )}
            </For>
          </select>
        </label>
        <label>
          {t("ev.filters.from")}
          <input
            type="date"
            name="from"
            value={filter().from ?? ""}
            onChange={(e) => set("from", e.currentTarget.value)}
          />
        </label>
        <label>
          {t("ev.filters.to")}
          <input
            type="date"
            name="to"
            value={filter().to ?? ""}
            onChange={(e) => set("to", e.currentTarget.value)}
          />
        </label>
        <button
          type="button"
          class="ghost"
          onClick={() => setParams(Object.fromEntries(FILTER_KEYS.map((k) => [k, undefined])))}
        >
          {t("ev.filters.reset")}
        </button>
      </form>

      <Show when={isStaff()}>
        <h2>{t("ev.mine")}</h2>
        <div class="event-list" data-list="mine">
          <Show when={(mine() ?? []).length} fallback={<p class="muted">{t("ev.mineEmpty")}</p>}>
            <For each={mineSorted()}>{(e) => <EventRow event={e} />}</For>
          </Show>
        </div>
        <h2>{t("ev.others")}</h2>
      </Show>
      <Show when={!events.loading || events()} fallback={<p class="loading">{t("common.loading")}</p>}>
        <div class="event-list" data-list="all">
          <Show when={others().length} fallback={<p class="muted">{t("ev.none")}</p>}>
            <For each={others()}>{(e) => <EventRow event={e} />}</For>
          </Show>
        </div>
      </Show>
      <Show when={events.error}>
        <p class="error">{t("common.error")}</p>
      </Show>
    </section>
  );
}

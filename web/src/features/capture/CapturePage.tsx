import { createMemo, createSignal, For, onCleanup, onMount, Show } from "solid-js";
import { session } from "../../auth/session.ts";
import { dateTime, time } from "../../format.ts";
import { t } from "../../i18n/index.ts";
import {
  type CaptureEvent,
  type CaptureEvents,
  type Consent,
  fetchCaptureEvents,
  fetchConsent,
  fetchRules,
  type Rules,
} from "./api.ts";
import { OutboxPanel } from "./OutboxPanel.tsx";
import { pending } from "./pending.ts";
import { SignupForm } from "./SignupForm.tsx";
import {
  allEntries,
  clearDeviceData,
  type OutboxEntry,
  onOutboxChange,
  readCache,
  refreshPending,
  writeCache,
} from "./store.ts";
import { problem, startSync, syncing, syncNow } from "./sync.ts";
import "./i18n.ts";
import "./capture.css";

const EVENT_KEY = "jangkau.capture.event";

/**
 * /capture — staff at the venue pick one of today's events, then record workers one after
 * the other. Works without a network: the screen, today's events (with their villages and
 * payers), the consent text and the contribution rules come from the tablet's storage, and
 * every sign-up goes to the outbox first.
 */
export default function CapturePage() {
  const [events, setEvents] = createSignal<CaptureEvent[]>([]);
  const [consent, setConsent] = createSignal<Consent | null>(null);
  const [rules, setRules] = createSignal<Rules | null>(null);
  const [cachedAt, setCachedAt] = createSignal<string | null>(null);
  const [loaded, setLoaded] = createSignal(false);
  const [eventId, setEventId] = createSignal<string | null>(localStorage.getItem(EVENT_KEY));
  const [entries, setEntries] = createSignal<OutboxEntry[]>([]);
  const [editing, setEditing] = createSignal<OutboxEntry | null>(null);
  const [notice, setNoticeNow] = createSignal<string | null>(null);
  let noticeTimer: ReturnType<typeof setTimeout> | undefined;
  /** Notices go by themselves after a few seconds: the next worker is already waiting. */
  const setNotice = (text: string | null) => {
    clearTimeout(noticeTimer);
    setNoticeNow(text);
    if (text) noticeTimer = setTimeout(() => setNoticeNow(null), 6_000);
  };
  onCleanup(() => clearTimeout(noticeTimer));
  const [online, setOnline] = createSignal(navigator.onLine);

  const userKey = () => `events:${session.me()?.id ?? "anon"}`;
  const event = createMemo(() => events().find((e) => e.id === eventId()) ?? null);
  const today = createMemo(() => events().filter((e) => e.today));
  const later = createMemo(() => events().filter((e) => !e.today));

  const reloadEntries = async () => setEntries(await allEntries());

  onMount(async () => {
    startSync();
    const off = onOutboxChange(() => void reloadEntries());
    const up = () => setOnline(true);
    const down = () => setOnline(false);
    addEventListener("online", up);
    addEventListener("offline", down);
    onCleanup(() => {
      off();
      removeEventListener("online", up);
      removeEventListener("offline", down);
    });
    await refreshPending();
    await reloadEntries();

    const [ev, co, ru] = await Promise.all([
      readCache<CaptureEvents>(userKey()),
      readCache<Consent>("consent"),
      readCache<Rules>("rules"),
    ]);
    if (ev) {
      setEvents(ev.value.events);
      setCachedAt(ev.savedAt);
    }
    if (co) setConsent(co.value);
    if (ru) setRules(ru.value);
    setLoaded(true);
    if (navigator.onLine) await refresh();
  });

  /** Today's events, consent text and rules from the server, kept on the tablet for offline use. */
  const refresh = async () => {
    try {
      const [ev, co, ru] = await Promise.all([fetchCaptureEvents(), fetchConsent(), fetchRules()]);
      await Promise.all([writeCache(userKey(), ev), writeCache("consent", co), writeCache("rules", ru)]);
      setEvents(ev.events);
      setConsent(co);
      setRules(ru);
      setCachedAt(new Date().toISOString());
      if (eventId() && !ev.events.some((e) => e.id === eventId())) pick(null);
    } catch {
      // Offline or the server is away: the cached data stays in use.
    }
  };

  const pick = (id: string | null) => {
    setEventId(id);
    setEditing(null);
    if (id) localStorage.setItem(EVENT_KEY, id);
    else localStorage.removeItem(EVENT_KEY);
  };

  const clearData = async () => {
    if (pending() > 0) return setNotice(t("cap.clearBlocked"));
    if (!confirm(t("cap.clearConfirm"))) return;
    const ok = await clearDeviceData();
    if (!ok) return setNotice(t("cap.clearBlocked"));
    setEvents([]);
    pick(null);
    setNotice(t("cap.cleared"));
  };

  const waiting = () => entries().filter((e) => e.state === "waiting").length;
  const statusLine = () => {
    if (!online()) return t("cap.offline");
    if (syncing()) return t("cap.syncing");
    const p = problem();
    return p && p !== "offline" ? t(`cap.${p}`) : null;
  };

  return (
    <section class="capture">
      <header class="capture-head">
        <h1>{t("cap.title")}</h1>
        <div class="sync-status" role="status">
          <span class={`badge ${waiting() > 0 ? "warn" : ""}`} data-waiting={waiting()}>
            {t("cap.waiting", { n: waiting() })}
          </span>
          <Show when={statusLine()}>
            <span class="muted small">{statusLine()}</span>
          </Show>
          <button
            type="button"
            class="ghost"
            disabled={!online() || syncing() || waiting() === 0}
            onClick={() => void syncNow()}
          >
            {t("cap.syncNow")}
          </button>
        </div>
      </header>
      <Show when={notice()}>
        <div class="capture-notice" role="alert">
          <span>{notice()}</span>
          <button type="button" class="link" onClick={() => setNotice(null)}>
            ×
          </button>
        </div>
      </Show>

      <Show when={loaded()} fallback={<p class="loading">{t("common.loading")}</p>}>
        <Show
          when={event()}
          fallback={
            <div class="event-picker">
              <h2>{t("cap.pickEvent")}</h2>
              <Show
                when={today().length > 0}
                fallback={
                  <p class="muted">{cachedAt() || online() ? t("cap.noEvents") : t("cap.noEventsOffline")}</p>
                }
              >
                <div class="event-cards">
                  <For each={today()}>
                    {(e) => (
                      <button
                        type="button"
                        class="event-card"
                        onClick={() => pick(e.id)}
                        data-event-id={e.id}
                      >
                        <strong>{e.title}</strong>
                        <span>
                          {time(e.startsAt, e.timeZone)}–{time(e.endsAt, e.timeZone)} ·{" "}
                          {e.venue ?? e.areaName}
                        </span>
                        <span class="muted small">{e.areaName}</span>
                      </button>
                    )}
                  </For>
                </div>
              </Show>
              <Show when={later().length > 0}>
                <h2>{t("cap.later")}</h2>
                <ul class="later-list">
                  <For each={later()}>
                    {(e) => (
                      <li>
                        {e.title} — {dateTime(e.startsAt, e.timeZone)}
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
              <Show when={cachedAt()}>
                {(at) => <p class="muted small">{t("cap.cachedAt", { when: dateTime(at()) })}</p>}
              </Show>
              <button type="button" class="ghost" onClick={() => void clearData()}>
                {t("cap.clearData")}
              </button>
            </div>
          }
        >
          {(ev) => (
            <div class="capture-layout">
              <div class="capture-main">
                <div class="event-bar card">
                  <div>
                    <strong>{ev().title}</strong>
                    <div class="muted small">
                      {time(ev().startsAt, ev().timeZone)}–{time(ev().endsAt, ev().timeZone)} · {ev().venue}
                    </div>
                  </div>
                  <button type="button" class="ghost" onClick={() => pick(null)}>
                    {t("cap.changeEvent")}
                  </button>
                </div>
                <Show when={consent() && rules()}>
                  <SignupForm
                    event={ev()}
                    consent={consent() as Consent}
                    rules={rules() as Rules}
                    editing={editing()}
                    onCancelEdit={() => setEditing(null)}
                    onSaved={(n) => {
                      setEditing(null);
                      setNotice(t("cap.saved", { n }));
                      if (navigator.onLine) void syncNow();
                    }}
                  />
                </Show>
              </div>
              <OutboxPanel
                entries={entries()}
                eventTitles={new Map(events().map((e) => [e.id, e.title]))}
                onEdit={(entry) => {
                  if (entry.eventId && entry.eventId !== eventId()) pick(entry.eventId);
                  setEditing(entry);
                  window.scrollTo({ top: 0 });
                }}
              />
            </div>
          )}
        </Show>
      </Show>
    </section>
  );
}

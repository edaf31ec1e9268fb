import { createMemo, For, Show } from "solid-js";
import { date, time } from "../../format.ts";
import { t } from "../../i18n/index.ts";
import { discardEntry, type OutboxEntry } from "./store.ts";

/**
 * The tablet's queue: what waits to be sent, what the server refused (for the officer to fix
 * and resend, or to discard after confirming), and what was sent today.
 */
export function OutboxPanel(props: {
  entries: OutboxEntry[];
  eventTitles: Map<string, string>;
  onEdit: (entry: OutboxEntry) => void;
}) {
  const waiting = createMemo(() => props.entries.filter((e) => e.state === "waiting"));
  const problems = createMemo(() =>
    props.entries.filter((e) => e.state === "conflict" || e.state === "invalid"),
  );
  const sent = createMemo(() => props.entries.filter((e) => e.state === "sent").reverse());

  const discard = async (entry: OutboxEntry) => {
    if (confirm(t("cap.outbox.discardConfirm"))) await discardEntry(entry.id);
  };

  return (
    <aside class="outbox card" aria-label={t("cap.outbox.title")}>
      <h2>{t("cap.outbox.title")}</h2>
      <div class="outbox-counts">
        <span class="count waiting">{t("cap.waiting", { n: waiting().length })}</span>
        <span class="count problems">{t("cap.problems", { n: problems().length })}</span>
        <span class="count sent">{t("cap.sentToday", { n: sent().length })}</span>
      </div>
      <Show when={props.entries.length === 0}>
        <p class="muted">{t("cap.outbox.empty")}</p>
      </Show>

      <Show when={problems().length > 0}>
        <h3>{t("cap.outbox.problemsTitle")}</h3>
        <ul class="outbox-list">
          <For each={problems()}>
            {(e) => (
              <li class="problem" data-outbox-id={e.id}>
                <div>
                  <strong>{e.label.name}</strong> <span class="mono">{e.label.nikMasked}</span>
                  <div class="muted small">{props.eventTitles.get(e.eventId ?? "") ?? ""}</div>
                </div>
                <div class="field-error">
                  {t(`cap.outbox.status.${e.result?.status ?? "invalid"}`)}
                  <Show when={e.result?.duplicate}>
                    {(d) => (
                      <span>
                        {" — "}
                        {d().eventTitle ? `${d().eventTitle}, ` : ""}
                        {date(d().signupDate)}
                      </span>
                    )}
                  </Show>
                </div>
                <Show when={e.result?.issues?.length}>
                  <ul class="issues">
                    <For each={e.result?.issues ?? []}>
                      {(i) => (
                        <li>
                          <span class="muted">{t(`cap.field.${i.path}`)}:</span> {i.message}
                        </li>
                      )}
                    </For>
                  </ul>
                </Show>
                <div class="row">
                  <Show when={e.record}>
                    <button type="button" onClick={() => props.onEdit(e)}>
                      {t("cap.outbox.edit")}
                    </button>
                  </Show>
                  <button type="button" class="ghost danger-text" onClick={() => void discard(e)}>
                    {t("cap.outbox.discard")}
                  </button>
                </div>
              </li>
            )}
          </For>
        </ul>
      </Show>

      <Show when={waiting().length > 0}>
        <h3>{t("cap.outbox.waitingTitle")}</h3>
        <ul class="outbox-list">
          <For each={waiting()}>
            {(e) => (
              <li data-outbox-id={e.id}>
                <strong>{e.label.name}</strong> <span class="mono">{e.label.nikMasked}</span>
                <span class="muted small"> · {time(e.savedAt)}</span>
              </li>
            )}
          </For>
        </ul>
      </Show>

      <Show when={sent().length > 0}>
        <h3>{t("cap.outbox.sentTitle")}</h3>
        <ul class="outbox-list sent">
          <For each={sent()}>
            {(e) => (
              <li data-outbox-id={e.id}>
                <span class="ok">✓</span> <strong>{e.label.name}</strong>{" "}
                <span class="mono">{e.label.nikMasked}</span>
                <span class="muted small"> · {time(e.sentAt ?? e.savedAt)}</span>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </aside>
  );
}

import { formatIndonesianMobile } from "@jangkau/shared/domain/phone/index";
import { useSearchParams } from "@solidjs/router";
import { createMemo, createResource, createSignal, For, Index, Show } from "solid-js";
import { ApiError } from "../../api/client.ts";
import { session } from "../../auth/session.ts";
import { date, number, rupiah } from "../../format.ts";
import { locale, t } from "../../i18n/index.ts";
import {
  type CallListQuery,
  type CallTask,
  callListCsvUrl,
  type FollowupKind,
  fetchCallList,
  type Outcome,
  recordOutcome,
  whatsappLink,
} from "./api.ts";
import "./i18n.ts";
import "./followups.css";

/** Most urgent first: arrears can still be saved, reminders prevent them, then the rest. */
const KIND_ORDER: FollowupKind[] = ["arrears", "payment_reminder", "sponsor_ending", "reactivation"];
const OUTCOMES: Outcome[] = ["paid", "promised", "refused", "unreachable"];

function longMonth(month: string): string {
  const [y, m] = month.split("-").map(Number);
  return new Intl.DateTimeFormat(locale() === "en" ? "en-GB" : "id-ID", {
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  }).format(new Date(Date.UTC(y ?? 2000, (m ?? 1) - 1, 1)));
}

/** /followups — the call list of a staff member, a manager's office, or a paguyuban coordinator. */
export default function CallListPage() {
  const [params, setParams] = useSearchParams();
  const role = () => session.me()?.role;
  const isCoordinator = () => role() === "partner";
  const query = createMemo<CallListQuery>(() => {
    const q: CallListQuery = { status: params.status === "done" ? "done" : "open" };
    const assignee = params.assignee;
    if (!isCoordinator() && (assignee === "me" || assignee === "all" || assignee === "unassigned")) {
      q.assignee = assignee;
    }
    return q;
  });
  const [list, { mutate }] = createResource(query, fetchCallList);
  const tasks = () => list()?.tasks ?? [];
  const tasksOf = (kind: FollowupKind) => tasks().filter((x) => x.kind === kind);
  const assigneeNow = () => query().assignee ?? (role() === "staff" ? "me" : "all");

  /** Replace one task in the list (optimistic update and its rollback). */
  const replace = (task: CallTask) =>
    mutate(
      (current) => current && { ...current, tasks: current.tasks.map((x) => (x.id === task.id ? task : x)) },
    );

  return (
    <section class="call-list">
      <div class="row page-head">
        <h1>{t("fu.title")}</h1>
        <span class="spacer" />
        <div class="row no-print">
          <button type="button" onClick={() => window.print()}>
            {t("fu.print")}
          </button>
          <a class="button" href={callListCsvUrl(query())} download="daftar-panggilan.csv">
            {t("fu.csv")}
          </a>
        </div>
      </div>
      <p class="muted no-print">{t("fu.intro")}</p>
      <p class="print-only">
        {t("fu.printedBy", { name: session.me()?.name ?? "", date: date(new Date().toISOString()) })}
      </p>

      <fieldset class="row fu-filters no-print" aria-label={t("fu.filters")}>
        <Show when={!isCoordinator()}>
          <For each={["me", "all", "unassigned"] as const}>
            {(a) => (
              <button
                type="button"
                classList={{ chip: true, active: assigneeNow() === a }}
                aria-pressed={assigneeNow() === a}
                onClick={() => setParams({ assignee: a })}
              >
                {t(`fu.${a === "me" ? "mine" : a}`)}
              </button>
            )}
          </For>
          <span class="divider" />
        </Show>
        <For each={["open", "done"] as const}>
          {(s) => (
            <button
              type="button"
              classList={{ chip: true, active: (query().status ?? "open") === s }}
              aria-pressed={(query().status ?? "open") === s}
              onClick={() => setParams({ status: s === "open" ? undefined : s })}
            >
              {t(`fu.${s}`)}
            </button>
          )}
        </For>
        <span class="spacer" />
        <strong data-testid="task-count">{t("fu.count", { n: number(tasks().length) })}</strong>
      </fieldset>

      <Show when={!list.loading || list()} fallback={<p class="loading">{t("common.loading")}</p>}>
        <Show when={!list.error} fallback={<p class="error">{t("common.error")}</p>}>
          <Show when={tasks().length > 0} fallback={<p class="card fu-empty">{t("fu.empty")}</p>}>
            {/* Keyed by kind and position, so a card keeps its note and message while its task updates. */}
            <For each={KIND_ORDER}>
              {(kind) => (
                <Show when={tasksOf(kind).length > 0}>
                  <section class="fu-group" data-kind={kind}>
                    <h2>
                      {t(`fu.kind.${kind}`)} <span class="badge muted">{number(tasksOf(kind).length)}</span>
                    </h2>
                    <div class="fu-cards">
                      <Index each={tasksOf(kind)}>
                        {(task) => <TaskCard task={task()} onChange={replace} />}
                      </Index>
                    </div>
                  </section>
                </Show>
              )}
            </For>
          </Show>
        </Show>
      </Show>
    </section>
  );
}

/** One person to call: who, why, how much; call, WhatsApp, and the outcome buttons. */
function TaskCard(props: { task: CallTask; onChange: (task: CallTask) => void }) {
  const [note, setNote] = createSignal(props.task.outcomeNote ?? "");
  const [saving, setSaving] = createSignal(false);
  const [feedback, setFeedback] = createSignal<{ ok: boolean; text: string } | null>(null);
  const task = () => props.task;
  const phone = () => task().participant.phone;

  const log = async (outcome: Outcome) => {
    const before = task();
    const closing = outcome === "paid" || outcome === "refused";
    // Optimistic: the card shows the outcome at once; a failure puts it back and says why.
    props.onChange({
      ...before,
      outcome,
      outcomeNote: note() || null,
      status: closing ? "done" : "open",
      outcomeAt: new Date().toISOString(),
    });
    setSaving(true);
    setFeedback(null);
    try {
      await recordOutcome(before.id, outcome, note().trim() || null);
      setFeedback({ ok: true, text: t("fu.saved", { outcome: t(`fu.outcome.${outcome}`) }) });
    } catch (err) {
      props.onChange(before);
      const reason = err instanceof ApiError ? err.message : t("common.error");
      setFeedback({ ok: false, text: t("fu.failed", { reason }) });
    } finally {
      setSaving(false);
    }
  };

  return (
    <article
      class="card fu-card"
      classList={{ closed: task().status !== "open" }}
      data-task-id={task().id}
      data-status={task().status}
    >
      <header class="fu-head">
        <div>
          <strong class="fu-name">{task().participant.name}</strong>
          <Show when={task().participant.nikMasked}>
            <span class="muted small"> · {task().participant.nikMasked}</span>
          </Show>
          <div class="muted small">
            {t(`fu.what.${task().kind}`, { month: longMonth(task().periodKey) })} ·{" "}
            {t("fu.due", { date: date(task().dueDate) })} ·{" "}
            {t("fu.amount", { amount: rupiah(task().monthlyAmount) })}
          </div>
          <Show when={task().event}>{(e) => <div class="muted small">{e().title}</div>}</Show>
        </div>
        <Show when={task().outcome}>
          {(o) => (
            <span
              class="badge"
              classList={{ warn: o() === "promised" || o() === "unreachable", danger: o() === "refused" }}
            >
              {task().status === "open"
                ? t("fu.last", { outcome: t(`fu.outcome.${o()}`) })
                : t(`fu.outcome.${o()}`)}
            </span>
          )}
        </Show>
      </header>

      <div class="row fu-contact">
        <Show when={phone()} fallback={<span class="muted">{t("fu.noPhone")}</span>}>
          {(p) => (
            <>
              <a class="button" href={`tel:${p()}`} data-action="call">
                {t("fu.call")} {formatIndonesianMobile(p())}
              </a>
              <Show when={task().participant.whatsapp}>
                {(wa) => (
                  <a
                    class="button whatsapp no-print"
                    href={whatsappLink(wa(), task().message)}
                    target="_blank"
                    rel="noopener noreferrer"
                    data-action="whatsapp"
                  >
                    {t("fu.whatsapp")}
                  </a>
                )}
              </Show>
            </>
          )}
        </Show>
      </div>

      <details class="fu-message no-print">
        <summary>{t("fu.message")}</summary>
        <p>{task().message}</p>
      </details>

      <Show when={task().status === "open"}>
        <div class="no-print fu-outcome">
          <label class="fu-note">
            {t("fu.note")}
            <input
              type="text"
              maxLength={500}
              value={note()}
              placeholder={t("fu.notePlaceholder")}
              onInput={(e) => setNote(e.currentTarget.value)}
            />
          </label>
          <fieldset class="fu-outcomes" aria-label={t("fu.outcomeLegend")}>
            <For each={OUTCOMES}>
              {(o) => (
                <button
                  type="button"
                  class={`outcome-${o}`}
                  disabled={saving()}
                  data-outcome={o}
                  onClick={() => log(o)}
                >
                  {t(`fu.outcome.${o}`)}
                </button>
              )}
            </For>
          </fieldset>
        </div>
        <p class="print-only fu-write-in">
          Hasil: ☐ {OUTCOMES.map((o) => t(`fu.outcome.${o}`)).join("  ☐ ")}
        </p>
      </Show>
      <Show when={feedback()}>
        {(f) => (
          <p class={f().ok ? "fu-feedback ok" : "fu-feedback error"} role={f().ok ? "status" : "alert"}>
            {f().text}
          </p>
        )}
      </Show>
    </article>
  );
}

import { IMPORT_FIELDS_BY_KIND } from "@jangkau/shared/imports/fields";
import { A } from "@solidjs/router";
import { createResource, createSignal, For, Show } from "solid-js";
import { number } from "../../format.ts";
import { t } from "../../i18n/index.ts";
import {
  type BatchSummary,
  commitStep,
  correctRow,
  fetchRows,
  reportUrl,
  type StagedRow,
  undoBatch,
} from "./api.ts";
import { describeError } from "./errors.ts";

const LABELS: Record<string, string> = Object.fromEntries(
  Object.values(IMPORT_FIELDS_BY_KIND).flatMap((fields) => fields.map((f) => [f.key, f.label])),
);
const labelOf = (field: string) => LABELS[field] ?? (field === "(baris)" ? "Baris" : field);

/**
 * The outcome of an upload: rows ready, with problems, duplicates; every problem with its row,
 * field and reason; a fix for a row before commit; the commit with its progress; undo.
 */
export function BatchPreview(props: {
  batch: BatchSummary;
  onChanged: () => Promise<void>;
  onClose: () => void;
}) {
  const b = () => props.batch;
  const [offset, setOffset] = createSignal(0);
  const [problems, { refetch }] = createResource(
    () => ({ id: b().id, offset: offset(), stamp: b().updatedAt }),
    async (q) => {
      const [errors, dups] = await Promise.all([
        fetchRows(q.id, { status: "error", offset: q.offset }),
        fetchRows(q.id, { status: "duplicate", offset: q.offset }),
      ]);
      return {
        rows: [...errors.rows, ...dups.rows].sort((x, y) => x.rowNumber - y.rowNumber),
        total: errors.total + dups.total,
      };
    },
  );
  const [committing, setCommitting] = createSignal<{ done: number; total: number } | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  const [message, setMessage] = createSignal<string | null>(null);
  const [fixing, setFixing] = createSignal<number | null>(null);

  const counts = () => b().counts;
  const ready = () => counts().ok;
  const canCommit = () => ["validated", "committing"].includes(b().status) && ready() > 0;
  const canUndo = () => !["undone"].includes(b().status);

  async function commit() {
    setError(null);
    const total = counts().ok + counts().committed;
    setCommitting({ done: counts().committed, total });
    try {
      for (;;) {
        const step = await commitStep(b().id);
        setCommitting({ done: total - step.remaining, total });
        if (step.status === "committed" || step.taken === 0) break;
      }
      await props.onChanged();
      setMessage(t("im.commit.done", { n: number(b().counts.committed) }));
    } catch (err) {
      setError(describeError(err));
    } finally {
      setCommitting(null);
    }
  }

  async function undo() {
    if (!confirm(t("im.undo.confirm"))) return;
    try {
      await undoBatch(b().id);
      setMessage(t("im.undo.done"));
      await props.onChanged();
    } catch (err) {
      setError(describeError(err));
    }
  }

  return (
    <div class="card im-preview">
      <div class="row">
        <h2>
          {t("im.preview.title")} — {b().fileName}
        </h2>
        <span class="spacer" />
        <span class="badge">{t(`im.status.${b().status}`)}</span>
      </div>
      <div class="im-counts">
        <div class="im-count ok">
          <strong>{number(counts().ok)}</strong>
          <span>{t("im.preview.ok")}</span>
        </div>
        <div class="im-count bad">
          <strong>{number(counts().error)}</strong>
          <span>{t("im.preview.error")}</span>
        </div>
        <div class="im-count dup">
          <strong>{number(counts().duplicate)}</strong>
          <span>{t("im.preview.duplicate")}</span>
        </div>
        <div class="im-count done">
          <strong>{number(counts().committed + counts().skipped)}</strong>
          <span>{t("im.preview.committed")}</span>
        </div>
      </div>
      <Show when={error()}>
        <p class="error" role="alert">
          {error()}
        </p>
      </Show>
      <Show when={message()}>
        <p class="notice im-info" role="status">
          {message()}
        </p>
      </Show>
      <Show when={committing()}>
        {(c) => (
          <div>
            <p role="status">
              {t("im.commit.progress", { done: number(c().done), total: number(c().total) })}
            </p>
            <progress class="im-progress" max={c().total} value={c().done} />
          </div>
        )}
      </Show>

      <Show
        when={(problems()?.total ?? 0) > 0}
        fallback={
          <Show when={problems()}>
            <p class="muted">{t("im.preview.allGood")}</p>
          </Show>
        }
      >
        <div class="row">
          <a class="button" href={reportUrl(b().id)} download="">
            {t("im.preview.report")}
          </a>
        </div>
        <div class="table-wrap">
          <table class="im-problems">
            <thead>
              <tr>
                <th class="num">{t("im.preview.row")}</th>
                <th>{t("im.preview.nik")}</th>
                <th>{t("im.preview.name")}</th>
                <th>{t("im.preview.problem")}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              <For each={problems()?.rows ?? []}>
                {(r) => (
                  <>
                    <tr class={`im-row-${r.status}`}>
                      <td class="num">{r.rowNumber}</td>
                      <td>{r.nikMasked}</td>
                      <td>{r.fullName}</td>
                      <td>
                        <ul class="im-errors">
                          <For each={r.errors}>
                            {(e) => (
                              <li>
                                <strong>{labelOf(e.field)}:</strong> {e.message}
                              </li>
                            )}
                          </For>
                        </ul>
                      </td>
                      <td>
                        <Show when={r.status === "error" && ["validated", "committing"].includes(b().status)}>
                          <button type="button" class="ghost" onClick={() => setFixing(r.rowNumber)}>
                            {t("im.preview.fix")}
                          </button>
                        </Show>
                      </td>
                    </tr>
                    <Show when={fixing() === r.rowNumber}>
                      <tr>
                        <td colSpan={5}>
                          <FixRow
                            row={r}
                            onSave={async (values) => {
                              try {
                                await correctRow(b().id, r.rowNumber, values);
                                setFixing(null);
                                await props.onChanged();
                                await refetch();
                              } catch (err) {
                                setError(describeError(err));
                              }
                            }}
                          />
                        </td>
                      </tr>
                    </Show>
                  </>
                )}
              </For>
            </tbody>
          </table>
        </div>
        <div class="row">
          <Show when={offset() > 0}>
            <button type="button" class="ghost" onClick={() => setOffset(Math.max(0, offset() - 50))}>
              {t("im.preview.prev")}
            </button>
          </Show>
          <span class="spacer" />
          <Show when={(problems()?.rows.length ?? 0) >= 50}>
            <button type="button" class="ghost" onClick={() => setOffset(offset() + 50)}>
              {t("im.preview.more")}
            </button>
          </Show>
        </div>
      </Show>

      <div class="row im-actions">
        <Show when={canUndo()}>
          <button type="button" class="danger" onClick={() => void undo()}>
            {t("im.undo.action")}
          </button>
        </Show>
        <button type="button" class="ghost" onClick={props.onClose}>
          {t("common.back")}
        </button>
        <span class="spacer" />
        <Show when={b().status === "committed" && b().kind === "signups"}>
          <A class="button" href={`/imports/review?batchId=${b().id}`}>
            {t("im.commit.toQueue")}
          </A>
        </Show>
        <Show when={canCommit()}>
          <button
            type="button"
            class="primary"
            name="commit"
            disabled={!!committing()}
            onClick={() => void commit()}
          >
            {t("im.preview.commit", { n: number(ready()) })}
          </button>
        </Show>
      </div>
    </div>
  );
}

/** New values for the fields a row's findings name (what was typed stays in the file). */
function FixRow(props: { row: StagedRow; onSave: (values: Record<string, string>) => Promise<void> }) {
  const fields = () => [...new Set(props.row.errors.map((e) => e.field).filter((f) => f in LABELS))];
  const [values, setValues] = createSignal<Record<string, string>>({});
  return (
    <form
      class="im-fix"
      onSubmit={(e) => {
        e.preventDefault();
        void props.onSave(values());
      }}
    >
      <For each={fields()}>
        {(field) => (
          <label>
            {labelOf(field)}
            <input
              name={`fix-${field}`}
              value={values()[field] ?? ""}
              onInput={(e) => setValues({ ...values(), [field]: e.currentTarget.value })}
            />
          </label>
        )}
      </For>
      <button type="submit" class="primary">
        {t("im.preview.save")}
      </button>
    </form>
  );
}

import { BPU_OCCUPATIONS } from "@jangkau/shared/domain/contribution/occupations";
import { A, useSearchParams } from "@solidjs/router";
import { createMemo, createResource, createSignal, For, Show } from "solid-js";
import { session } from "../../auth/session.ts";
import { date, number } from "../../format.ts";
import { t } from "../../i18n/index.ts";
import { type Decision, decide, exportCsvUrl, fetchBatches, fetchQueue, type QueueRow } from "./api.ts";
import { describeError } from "./errors.ts";
import "./i18n.ts";
import "./imports.css";
import { exportWorkbook, saveAs } from "./xlsx.ts";

type ReviewStatus = "recorded" | "verified" | "registered" | "rejected";
const STATUSES: ReviewStatus[] = ["recorded", "verified", "registered", "rejected"];
const occupationLabel = (code: string) => BPU_OCCUPATIONS.find((o) => o.code === code)?.label ?? code;

/**
 * /imports/review — verifikasi dan validasi: imported sign-ups still `recorded`, accepted,
 * rejected with a reason or corrected — one at a time or many at once; and the export of the
 * verified ones for registration in the BPJS systems.
 */
export default function ReviewPage() {
  const [params, setParams] = useSearchParams();
  const batchId = () => (typeof params.batchId === "string" && params.batchId ? params.batchId : undefined);
  const status = () => (typeof params.status === "string" ? (params.status as ReviewStatus) : "recorded");
  const [offset, setOffset] = createSignal(0);
  const [batches] = createResource(fetchBatches);
  const query = createMemo(() => ({ batchId: batchId(), status: status(), offset: offset() }));
  const [queue, { refetch }] = createResource(query, fetchQueue);
  const [selected, setSelected] = createSignal<Set<string>>(new Set());
  const [reason, setReason] = createSignal("");
  const [rejecting, setRejecting] = createSignal(false);
  const [editing, setEditing] = createSignal<string | null>(null);
  const [message, setMessage] = createSignal<string | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  const [exporting, setExporting] = createSignal(false);
  const canExport = () => session.me()?.canRevealNik === true;

  const rows = () => queue()?.rows ?? [];
  const toggle = (id: string) => {
    const next = new Set(selected());
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setSelected(next);
  };
  const allSelected = () => rows().length > 0 && rows().every((r) => selected().has(r.id));

  async function apply(decisions: Decision[]) {
    setError(null);
    setMessage(null);
    try {
      const { results } = await decide(decisions);
      const done = results.filter((r) => r.status === "done").length;
      const problems = results
        .filter((r) => r.status !== "done" && r.status !== "unchanged")
        .map((r) => {
          const row = rows().find((x) => x.id === r.signupId);
          return t("im.review.invalid", {
            row: row?.rowNumber ?? "?",
            message: r.issues?.map((i) => i.message).join(" ") ?? r.status,
          });
        });
      setMessage(t("im.review.done", { n: done }));
      if (problems.length) setError(problems.join(" "));
      setSelected(new Set<string>());
      setRejecting(false);
      setReason("");
      setEditing(null);
      await refetch();
    } catch (err) {
      setError(describeError(err));
    }
  }

  async function downloadXlsx() {
    setExporting(true);
    setError(null);
    try {
      saveAs(
        await exportWorkbook(batchId()),
        `pendaftaran-terverifikasi-${new Date().toISOString().slice(0, 10)}.xlsx`,
      );
    } catch (err) {
      setError(describeError(err));
    } finally {
      setExporting(false);
    }
  }

  return (
    <section class="imports">
      <div class="row">
        <h1>{t("im.review.title")}</h1>
        <span class="spacer" />
        <A class="button" href="/imports">
          {t("im.title")}
        </A>
      </div>

      <div class="card im-filters">
        <label>
          {t("im.review.batch")}
          <select
            name="batchId"
            value={batchId() ?? ""}
            onChange={(e) => {
              setOffset(0);
              setParams({ batchId: e.currentTarget.value || undefined });
            }}
          >
            <option value="">{t("im.review.allBatches")}</option>
            <For each={(batches()?.batches ?? []).filter((b) => b.kind === "signups" && b.committedRows > 0)}>
              {(b) => <option value={b.id}>{b.fileName}</option>}
            </For>
          </select>
        </label>
        <label>
          {t("im.review.status")}
          <select
            name="status"
            value={status()}
            onChange={(e) => {
              setOffset(0);
              setParams({ status: e.currentTarget.value });
            }}
          >
            <For each={STATUSES}>{(s) => <option value={s}>{t(`im.review.st.${s}`)}</option>}</For>
          </select>
        </label>
        <span class="muted">{number(queue()?.total ?? 0)}</span>
      </div>

      <Show when={message()}>
        <p class="notice im-info" role="status">
          {message()}
        </p>
      </Show>
      <Show when={error()}>
        <p class="notice im-error" role="alert">
          {error()}
        </p>
      </Show>

      <Show when={status() === "recorded" && selected().size > 0}>
        <div class="card im-bulk">
          <strong>{t("im.review.selected", { n: selected().size })}</strong>
          <button
            type="button"
            class="primary"
            name="accept-selected"
            onClick={() =>
              void apply([...selected()].map((signupId) => ({ action: "accept" as const, signupId })))
            }
          >
            {t("im.review.accept")}
          </button>
          <button
            type="button"
            class="danger"
            name="reject-selected"
            onClick={() => setRejecting(!rejecting())}
          >
            {t("im.review.reject")}
          </button>
          <Show when={rejecting()}>
            <form
              class="im-reject"
              onSubmit={(e) => {
                e.preventDefault();
                void apply(
                  [...selected()].map((signupId) => ({
                    action: "reject" as const,
                    signupId,
                    reason: reason(),
                  })),
                );
              }}
            >
              <label>
                {t("im.review.reason")}
                <input
                  name="reason"
                  required
                  minLength={3}
                  maxLength={300}
                  value={reason()}
                  onInput={(e) => setReason(e.currentTarget.value)}
                />
              </label>
              <button type="submit" class="danger">
                {t("im.review.reject")}
              </button>
            </form>
          </Show>
        </div>
      </Show>

      <Show when={rows().length > 0} fallback={<p class="muted">{t("im.review.empty")}</p>}>
        <div class="card table-wrap">
          <table class="im-queue">
            <thead>
              <tr>
                <th>
                  <Show when={status() === "recorded"}>
                    <input
                      type="checkbox"
                      aria-label={t("im.review.selectAll")}
                      checked={allSelected()}
                      onChange={() =>
                        setSelected(allSelected() ? new Set<string>() : new Set(rows().map((r) => r.id)))
                      }
                    />
                  </Show>
                </th>
                <th class="num">{t("im.review.col.row")}</th>
                <th>{t("im.review.col.nik")}</th>
                <th>{t("im.review.col.name")}</th>
                <th>{t("im.review.col.born")}</th>
                <th>{t("im.review.col.village")}</th>
                <th>{t("im.review.col.job")}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              <For each={rows()}>
                {(r) => (
                  <>
                    <tr>
                      <td>
                        <Show when={status() === "recorded"}>
                          <input
                            type="checkbox"
                            aria-label={t("im.review.select")}
                            checked={selected().has(r.id)}
                            onChange={() => toggle(r.id)}
                          />
                        </Show>
                      </td>
                      <td class="num">{r.rowNumber ?? "–"}</td>
                      <td>{r.nikMasked}</td>
                      <td>{r.fullName}</td>
                      <td>{date(r.birthDate)}</td>
                      <td>{r.villageName ?? r.villageCode}</td>
                      <td>{occupationLabel(r.occupation)}</td>
                      <td class="im-row-actions">
                        <Show when={status() === "recorded"}>
                          <button
                            type="button"
                            class="ghost"
                            onClick={() => void apply([{ action: "accept", signupId: r.id }])}
                          >
                            {t("im.review.accept")}
                          </button>
                        </Show>
                        <Show when={status() === "recorded" || status() === "verified"}>
                          <button
                            type="button"
                            class="ghost"
                            onClick={() => setEditing(editing() === r.id ? null : r.id)}
                          >
                            {t("im.review.correct")}
                          </button>
                        </Show>
                        <Show when={r.rejectReason}>
                          <span class="muted">{r.rejectReason}</span>
                        </Show>
                      </td>
                    </tr>
                    <Show when={editing() === r.id}>
                      <tr>
                        <td colSpan={8}>
                          <CorrectForm
                            row={r}
                            accept={status() === "recorded"}
                            onSave={(d) => void apply([d])}
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
          <Show when={offset() + rows().length < (queue()?.total ?? 0)}>
            <button type="button" class="ghost" onClick={() => setOffset(offset() + 50)}>
              {t("im.preview.more")}
            </button>
          </Show>
        </div>
      </Show>

      <div class="card im-export">
        <h2>{t("im.export.title")}</h2>
        <p class="muted">{t("im.export.hint")}</p>
        <Show when={canExport()} fallback={<p class="muted">{t("im.export.notAllowed")}</p>}>
          <div class="row">
            <a class="button" href={exportCsvUrl(batchId())} download="" id="export-csv">
              {t("im.export.csv")}
            </a>
            <button
              type="button"
              name="export-xlsx"
              disabled={exporting()}
              onClick={() => void downloadXlsx()}
            >
              {exporting() ? t("im.export.working") : t("im.export.xlsx")}
            </button>
          </div>
        </Show>
      </div>
    </section>
  );
}

/** Corrects what a reviewer found wrong; the capture validator checks it again on save. */
function CorrectForm(props: { row: QueueRow; accept: boolean; onSave: (d: Decision) => void }) {
  const [fullName, setFullName] = createSignal(props.row.fullName);
  const [birthDate, setBirthDate] = createSignal(props.row.birthDate);
  const [phone, setPhone] = createSignal("");
  const [occupation, setOccupation] = createSignal(props.row.occupation);
  const [address, setAddress] = createSignal(props.row.address ?? "");
  const decision = (accept: boolean): Decision => ({
    action: "correct",
    signupId: props.row.id,
    accept,
    changes: {
      fullName: fullName(),
      birthDate: birthDate(),
      occupation: occupation(),
      address: address() || null,
      ...(phone() ? { phone: phone() } : {}),
    },
  });
  return (
    <form
      class="im-fix"
      onSubmit={(e) => {
        e.preventDefault();
        props.onSave(decision(false));
      }}
    >
      <label>
        {t("im.review.fields.fullName")}
        <input name="fullName" value={fullName()} onInput={(e) => setFullName(e.currentTarget.value)} />
      </label>
      <label>
        {t("im.review.fields.birthDate")}
        <input
          type="date"
          name="birthDate"
          value={birthDate()}
          onInput={(e) => setBirthDate(e.currentTarget.value)}
        />
      </label>
      <label>
        {t("im.review.fields.phone")}
        <input
          name="phone"
          inputmode="tel"
          placeholder={props.row.phone ?? ""}
          value={phone()}
          onInput={(e) => setPhone(e.currentTarget.value)}
        />
      </label>
      <label>
        {t("im.review.fields.occupation")}
        <select name="occupation" value={occupation()} onChange={(e) => setOccupation(e.currentTarget.value)}>
          <For each={BPU_OCCUPATIONS}>{(o) => <option value={o.code}>{o.label}</option>}</For>
        </select>
      </label>
      <label>
        {t("im.review.fields.address")}
        <input name="address" value={address()} onInput={(e) => setAddress(e.currentTarget.value)} />
      </label>
      <div class="row">
        <button type="submit">{t("im.review.saveCorrect")}</button>
        <Show when={props.accept}>
          <button type="button" class="primary" onClick={() => props.onSave(decision(true))}>
            {t("im.review.saveAccept")}
          </button>
        </Show>
      </div>
    </form>
  );
}

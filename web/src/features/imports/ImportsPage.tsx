import { BPU_OCCUPATIONS } from "@jangkau/shared/domain/contribution/occupations";
import {
  type ColumnMapping,
  IMPORT_FIELDS_BY_KIND,
  type ListImportKind,
  suggestMapping,
} from "@jangkau/shared/imports/fields";
import { IMPORT_LIMITS, megabytes } from "@jangkau/shared/imports/limits";
import { knownHeaderSet, type ListFile, readListFile, toUploadRow } from "@jangkau/shared/imports/reader";
import { uploadChunks } from "@jangkau/shared/imports/upload";
import { PAYERS } from "@jangkau/shared/schema/enums";
import { sha256Hex } from "@jangkau/shared/security/encoding";
import { A, useSearchParams } from "@solidjs/router";
import { createEffect, createResource, createSignal, For, on, Show, untrack } from "solid-js";
import { createStore } from "solid-js/store";
import { ApiError } from "../../api/client.ts";
import { session } from "../../auth/session.ts";
import { dateTime, number } from "../../format.ts";
import { t } from "../../i18n/index.ts";
import {
  type BatchSummary,
  createBatch,
  fetchAreas,
  fetchBatch,
  fetchBatches,
  fetchMapping,
  fetchOffices,
  fetchSources,
  sendChunk,
  validateBatch,
} from "./api.ts";
import { BatchPreview } from "./BatchPreview.tsx";
import { describeError } from "./errors.ts";
import "./i18n.ts";
import "./imports.css";

type ListSource = "kelurahan_list" | "paguyuban_list" | "csr_list";
type Phase = "setup" | "mapping" | "uploading" | "preview";

interface ChosenFile {
  name: string;
  bytes: number;
  hash: string;
  list: ListFile;
}

const DEFAULT_PAYER: Record<ListSource, string> = {
  kelurahan_list: "apbd",
  paguyuban_list: "paguyuban",
  csr_list: "csr",
};
const year = new Date().getFullYear();

/**
 * /imports — pendataan: a list from a lurah, a paguyuban or a CSR sponsor (or KPJ numbers
 * from BPJS) is read on this device, mapped to our columns, uploaded in resumable chunks,
 * checked row by row with the capture screen's rules, and enrolled.
 */
export default function ImportsPage() {
  const [params, setParams] = useSearchParams();
  const me = () => session.me();
  const [offices] = createResource(fetchOffices);
  const [sources] = createResource(fetchSources);
  const [batches, { refetch: refetchBatches }] = createResource(fetchBatches);

  const [kind, setKind] = createSignal<ListImportKind>("signups");
  const [officeId, setOfficeId] = createSignal("");
  const [source, setSource] = createSignal<ListSource>("kelurahan_list");
  const [regency, setRegency] = createSignal("");
  const [district, setDistrict] = createSignal("");
  const [village, setVillage] = createSignal("");
  const [partnerId, setPartnerId] = createSignal("");
  const [shared, setShared] = createStore({
    payer: "apbd",
    sponsorPartnerId: "",
    sponsoredFrom: `${year}-01-01`,
    sponsoredUntil: `${year}-12-31`,
    occupation: "",
    incomeBand: "B01",
    consent: false,
  });
  const [file, setFile] = createSignal<ChosenFile | null>(null);
  const [mapping, setMapping] = createSignal<ColumnMapping>({});
  const [remembered, setRemembered] = createSignal(false);
  const [phase, setPhase] = createSignal<Phase>("setup");
  const [busy, setBusy] = createSignal<string | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  const [notice, setNotice] = createSignal<string | null>(null);
  const [progress, setProgress] = createSignal<{ sent: number; total: number } | null>(null);
  const [dropped, setDropped] = createSignal(false);
  const [resuming, setResuming] = createSignal<BatchSummary | null>(null);
  const [dragging, setDragging] = createSignal(false);

  createEffect(() => {
    const own = me()?.office?.id;
    const list = offices() ?? [];
    if (!officeId() && list.length)
      setOfficeId(own && list.some((o) => o.id === own) ? own : (list[0]?.id ?? ""));
  });
  const office = () => offices()?.find((o) => o.id === officeId());
  const [districts] = createResource(regency, (code) => (code ? fetchAreas(code) : Promise.resolve([])));
  const [villages] = createResource(district, (code) => (code ? fetchAreas(code) : Promise.resolve([])));
  createEffect(
    on(source, (s) => {
      if (!untrack(resuming)) setShared("payer", DEFAULT_PAYER[s]);
    }),
  );

  const sourceKey = () =>
    kind() === "kpj" ? "kpj" : `${source()}:${source() === "kelurahan_list" ? village() : partnerId()}`;
  const sourceReady = () =>
    kind() === "kpj" || (source() === "kelurahan_list" ? village() !== "" : partnerId() !== "");

  // An existing batch opened from the list (?batch=…): its preview, or its unfinished upload.
  const [opened, { refetch: refetchOpened }] = createResource(
    () => (typeof params.batch === "string" ? params.batch : null),
    (id) => (id ? fetchBatch(id) : Promise.resolve(null)),
  );
  createEffect(
    on(opened, (b) => {
      // While this page uploads, the batch it opened is its own: nothing to take over.
      if (!b || untrack(phase) === "uploading") return;
      if (b.status === "uploaded") {
        setResuming(b);
        setKind(b.kind === "kpj" ? "kpj" : "signups");
        setOfficeId(b.officeId);
        if (b.source) setSource(b.source as ListSource);
        if (b.sourcePartnerId) setPartnerId(b.sourcePartnerId);
        if (b.sourceAreaCode) {
          setRegency(b.sourceAreaCode.slice(0, 5));
          setDistrict(b.sourceAreaCode.slice(0, 8));
          setVillage(b.sourceAreaCode);
        }
        const d = b.defaults ?? {};
        setShared({
          payer: d.payer ?? shared.payer,
          sponsorPartnerId: d.sponsorPartnerId ?? "",
          sponsoredFrom: d.sponsoredFrom ?? shared.sponsoredFrom,
          sponsoredUntil: d.sponsoredUntil ?? shared.sponsoredUntil,
          occupation: d.occupation ?? "",
          incomeBand: d.incomeBand ?? "B01",
          consent: d.consent === "yes",
        });
        setMapping(b.columnMapping ?? {});
        setPhase("setup");
      } else {
        setResuming(null);
        setPhase("preview");
      }
    }),
  );

  async function onFile(f: File) {
    setError(null);
    setNotice(null);
    if (f.size > IMPORT_LIMITS.maxFileBytes) {
      setError(
        t("im.file.limit", {
          size: megabytes(IMPORT_LIMITS.maxFileBytes),
          rows: number(IMPORT_LIMITS.maxRows),
        }),
      );
      return;
    }
    setBusy(t("im.file.reading"));
    try {
      const bytes = new Uint8Array(await f.arrayBuffer());
      const list = await readListFile(bytes, knownHeaderSet(IMPORT_FIELDS_BY_KIND[kind()]));
      const hash = await sha256Hex(bytes);
      setFile({ name: f.name, bytes: bytes.byteLength, hash, list });
      const previous = resuming()?.columnMapping;
      const saved = previous ?? (await fetchMapping(officeId(), sourceKey())).mapping;
      setRemembered(!!saved);
      setMapping(suggestMapping(kind(), list.headers, saved));
      setPhase("mapping");
    } catch (err) {
      setFile(null);
      setError(describeError(err));
    } finally {
      setBusy(null);
    }
  }

  function defaultsPayload(): Record<string, string> {
    if (kind() === "kpj") return {};
    const d: Record<string, string> = { payer: shared.payer, consent: shared.consent ? "yes" : "no" };
    if (shared.payer !== "self") {
      if (shared.sponsorPartnerId) d.sponsorPartnerId = shared.sponsorPartnerId;
      if (shared.payer !== "paguyuban") {
        d.sponsoredFrom = shared.sponsoredFrom;
        d.sponsoredUntil = shared.sponsoredUntil;
      }
    }
    if (shared.occupation) d.occupation = shared.occupation;
    if (shared.incomeBand) d.incomeBand = shared.incomeBand;
    return d;
  }

  async function upload() {
    const f = file();
    if (!f) return;
    setError(null);
    setDropped(false);
    setBusy(null);
    setPhase("uploading");
    try {
      const opened = await createBatch({
        officeId: officeId(),
        kind: kind(),
        ...(kind() === "signups"
          ? {
              source: source(),
              ...(source() === "kelurahan_list"
                ? { sourceAreaCode: village() }
                : { sourcePartnerId: partnerId() }),
            }
          : {}),
        fileName: f.name,
        fileHash: f.hash,
        fileBytes: f.bytes,
        format: f.list.format,
        headers: f.list.headers,
        columnMapping: mapping(),
        totalRows: f.list.rows.length,
        defaults: defaultsPayload(),
      });
      const b = opened.batch;
      setParams({ batch: b.id });
      if (opened.resumed && b.status !== "uploaded") {
        setNotice(t("im.upload.already"));
        await refetchOpened();
        setPhase("preview");
        return;
      }
      if (opened.resumed && b.receivedChunks > 0) setNotice(t("im.upload.resumed", { n: b.receivedChunks }));
      await sendMissing(b.id, b.missingChunks);
    } catch (err) {
      setPhase("mapping");
      setError(describeError(err));
    }
  }

  async function sendMissing(batchId: string, pending: number[]) {
    const f = file();
    if (!f) return;
    const rows = f.list.rows.map((r) => toUploadRow(r, f.list.headers, mapping()));
    try {
      await uploadChunks({
        rows,
        pending,
        sendChunk: async (index, chunk) => {
          await sendChunk(batchId, index, chunk);
        },
        isRetryable: (err) =>
          err instanceof ApiError && (err.status === 0 || err.status >= 500 || err.status === 429),
        onProgress: (sent, total) => setProgress({ sent, total }),
        concurrency: 2,
      });
      setBusy(t("im.upload.checking"));
      await validateBatch(batchId);
      setBusy(null);
      setResuming(null);
      await refetchOpened();
      await refetchBatches();
      setPhase("preview");
    } catch (err) {
      setBusy(null);
      void refetchBatches();
      if (err instanceof ApiError && (err.status === 0 || err.status >= 500)) setDropped(true);
      else setError(describeError(err));
    }
  }

  async function retry() {
    const id = typeof params.batch === "string" ? params.batch : "";
    setDropped(false);
    try {
      const b = await fetchBatch(id);
      await sendMissing(id, b.missingChunks);
    } catch (err) {
      setDropped(true);
      setError(describeError(err));
    }
  }

  function startOver() {
    setParams({ batch: undefined });
    setResuming(null);
    setFile(null);
    setMapping({});
    setProgress(null);
    setNotice(null);
    setError(null);
    setPhase("setup");
  }

  const sponsorChoices = () =>
    (sources()?.partners ?? []).filter((p) => p.type !== "csr_company" || shared.payer === "csr");
  const listPartners = () =>
    (sources()?.partners ?? []).filter((p) =>
      source() === "csr_list" ? p.type === "csr_company" : p.type === "paguyuban" || p.type === "koperasi",
    );

  return (
    <section class="imports">
      <div class="row">
        <h1>{t("im.title")}</h1>
        <span class="spacer" />
        <A class="button" href="/imports/review">
          {t("im.queue")}
        </A>
      </div>
      <p class="muted">{t("im.intro")}</p>

      <Show when={error()}>
        <div class="notice im-error" role="alert">
          {error()}
        </div>
      </Show>
      <Show when={notice()}>
        <div class="notice im-info" role="status">
          {notice()}
        </div>
      </Show>

      <Show when={phase() === "setup" || phase() === "mapping"}>
        <div class="card im-setup">
          <div class="im-grid">
            <fieldset class="im-kind" disabled={!!resuming()}>
              <legend>{t("im.kind.label")}</legend>
              <For each={["signups", "kpj"] as const}>
                {(k) => (
                  <label class="im-choice">
                    <input
                      type="radio"
                      name="kind"
                      value={k}
                      checked={kind() === k}
                      onChange={() => {
                        setKind(k);
                        setPhase("setup");
                        setFile(null);
                      }}
                    />
                    {t(`im.kind.${k}`)}
                  </label>
                )}
              </For>
            </fieldset>
            <label>
              {t("im.office")}
              <select
                name="officeId"
                value={officeId()}
                onChange={(e) => setOfficeId(e.currentTarget.value)}
                disabled={!!resuming()}
              >
                <For each={offices() ?? []}>{(o) => <option value={o.id}>{o.name}</option>}</For>
              </select>
            </label>
          </div>

          <Show when={kind() === "signups"}>
            <fieldset class="im-source" disabled={!!resuming()}>
              <legend>{t("im.source.label")}</legend>
              <div class="im-choices">
                <For each={["kelurahan_list", "paguyuban_list", "csr_list"] as const}>
                  {(s) => (
                    <label class="im-choice">
                      <input
                        type="radio"
                        name="source"
                        value={s}
                        checked={source() === s}
                        onChange={() => setSource(s)}
                      />
                      {t(`im.source.${s}`)}
                    </label>
                  )}
                </For>
              </div>
              <Show
                when={source() === "kelurahan_list"}
                fallback={
                  <label>
                    {t("im.source.partner")}
                    <select
                      name="partnerId"
                      value={partnerId()}
                      onChange={(e) => setPartnerId(e.currentTarget.value)}
                    >
                      <option value="">{t("im.source.choose")}</option>
                      <For each={listPartners()}>{(p) => <option value={p.id}>{p.name}</option>}</For>
                    </select>
                  </label>
                }
              >
                <div class="im-grid three">
                  <label>
                    {t("im.source.regency")}
                    <select
                      name="regency"
                      value={regency()}
                      onChange={(e) => {
                        setRegency(e.currentTarget.value);
                        setDistrict("");
                        setVillage("");
                      }}
                    >
                      <option value="">{t("im.source.choose")}</option>
                      <For each={office()?.regencies ?? []}>
                        {(r) => <option value={r.code}>{r.name}</option>}
                      </For>
                    </select>
                  </label>
                  <label>
                    {t("im.source.district")}
                    <select
                      name="district"
                      value={district()}
                      onChange={(e) => {
                        setDistrict(e.currentTarget.value);
                        setVillage("");
                      }}
                    >
                      <option value="">{t("im.source.choose")}</option>
                      <For each={districts() ?? []}>{(a) => <option value={a.code}>{a.name}</option>}</For>
                    </select>
                  </label>
                  <label>
                    {t("im.source.village")}
                    <select
                      name="village"
                      value={village()}
                      onChange={(e) => setVillage(e.currentTarget.value)}
                    >
                      <option value="">{t("im.source.choose")}</option>
                      <For each={villages() ?? []}>{(a) => <option value={a.code}>{a.name}</option>}</For>
                    </select>
                  </label>
                </div>
              </Show>
            </fieldset>

            <fieldset class="im-shared" disabled={!!resuming()}>
              <legend>{t("im.shared.title")}</legend>
              <div class="im-grid three">
                <label>
                  {t("im.shared.payer")}
                  <select
                    name="payer"
                    value={shared.payer}
                    onChange={(e) => setShared("payer", e.currentTarget.value)}
                  >
                    <For each={PAYERS}>{(p) => <option value={p}>{t(`im.payer.${p}`)}</option>}</For>
                  </select>
                </label>
                <Show when={shared.payer !== "self"}>
                  <label>
                    {t("im.shared.sponsor")}
                    <select
                      name="sponsorPartnerId"
                      value={shared.sponsorPartnerId}
                      onChange={(e) => setShared("sponsorPartnerId", e.currentTarget.value)}
                    >
                      <option value="">{t("im.shared.none")}</option>
                      <For each={sponsorChoices()}>{(p) => <option value={p.id}>{p.name}</option>}</For>
                    </select>
                  </label>
                </Show>
                <Show when={shared.payer !== "self" && shared.payer !== "paguyuban"}>
                  <label>
                    {t("im.shared.from")}
                    <input
                      type="date"
                      name="sponsoredFrom"
                      value={shared.sponsoredFrom}
                      onChange={(e) => setShared("sponsoredFrom", e.currentTarget.value)}
                    />
                  </label>
                  <label>
                    {t("im.shared.until")}
                    <input
                      type="date"
                      name="sponsoredUntil"
                      value={shared.sponsoredUntil}
                      onChange={(e) => setShared("sponsoredUntil", e.currentTarget.value)}
                    />
                  </label>
                </Show>
                <label>
                  {t("im.shared.occupation")}
                  <select
                    name="occupation"
                    value={shared.occupation}
                    onChange={(e) => setShared("occupation", e.currentTarget.value)}
                  >
                    <option value="">{t("im.shared.none")}</option>
                    <For each={BPU_OCCUPATIONS}>{(o) => <option value={o.code}>{o.label}</option>}</For>
                  </select>
                </label>
              </div>
              <label class="im-consent">
                <input
                  type="checkbox"
                  name="consent"
                  checked={shared.consent}
                  onChange={(e) => setShared("consent", e.currentTarget.checked)}
                />
                <span>{t("im.shared.consent")}</span>
              </label>
            </fieldset>
          </Show>
          <Show when={kind() === "kpj"}>
            <p class="muted">{t("im.kpj.hint")}</p>
          </Show>

          <Show when={resuming()}>
            <p class="notice">{t("im.upload.resumeHint")}</p>
          </Show>
          <label
            class="im-drop"
            classList={{ dragging: dragging(), disabled: !sourceReady() }}
            onDragOver={(e) => {
              e.preventDefault();
              setDragging(true);
            }}
            onDragLeave={() => setDragging(false)}
            onDrop={(e) => {
              e.preventDefault();
              setDragging(false);
              const f = e.dataTransfer?.files[0];
              if (f && sourceReady()) void onFile(f);
            }}
          >
            <span class="im-drop-title">{t("im.file.drop")}</span>
            <span class="muted">{t("im.file.or")}</span>
            <span class="button primary">{t("im.file.pick")}</span>
            <input
              type="file"
              name="file"
              accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              disabled={!sourceReady()}
              onChange={(e) => {
                const f = e.currentTarget.files?.[0];
                if (f) void onFile(f);
                e.currentTarget.value = "";
              }}
            />
            <span class="muted">
              {t("im.file.limit", {
                size: megabytes(IMPORT_LIMITS.maxFileBytes),
                rows: number(IMPORT_LIMITS.maxRows),
              })}
            </span>
          </label>
          <Show when={busy()}>
            <p class="muted" role="status">
              {busy()}
            </p>
          </Show>
        </div>
      </Show>

      <Show when={phase() === "mapping" && file()}>
        {(f) => (
          <div class="card im-mapping">
            <h2>{t("im.mapping.title")}</h2>
            <p class="muted">
              <strong>{f().name}</strong> —{" "}
              {t("im.file.read", {
                rows: number(f().list.rows.length),
                columns: f().list.headers.length,
                format: f().list.format.toUpperCase(),
              })}{" "}
              {t("im.mapping.hint")} <Show when={remembered()}>{t("im.mapping.remembered")}</Show>
            </p>
            <table class="im-map-table">
              <thead>
                <tr>
                  <th>Data</th>
                  <th>Kolom berkas</th>
                  <th>{t("im.mapping.sample")}</th>
                </tr>
              </thead>
              <tbody>
                <For each={IMPORT_FIELDS_BY_KIND[kind()]}>
                  {(field) => {
                    const col = () => f().list.headers.indexOf(mapping()[field.key] ?? "");
                    return (
                      <tr>
                        <td>
                          {field.label}
                          <Show when={field.required}>
                            {" "}
                            <span class="badge warn">{t("im.mapping.required")}</span>
                          </Show>
                        </td>
                        <td>
                          <select
                            name={`map-${field.key}`}
                            value={mapping()[field.key] ?? ""}
                            onChange={(e) => {
                              const value = e.currentTarget.value;
                              const next = { ...mapping() };
                              if (value) next[field.key] = value;
                              else delete next[field.key];
                              setMapping(next);
                            }}
                          >
                            <option value="">{t("im.mapping.none")}</option>
                            <For each={f().list.headers}>{(h) => <option value={h}>{h}</option>}</For>
                          </select>
                        </td>
                        <td class="muted im-sample">
                          {col() >= 0 ? (f().list.rows[0]?.cells[col()] ?? "").slice(0, 40) : ""}
                        </td>
                      </tr>
                    );
                  }}
                </For>
              </tbody>
            </table>
            <div class="row">
              <button type="button" class="ghost" onClick={startOver}>
                {t("common.cancel")}
              </button>
              <span class="spacer" />
              <button type="button" class="primary" name="upload" onClick={() => void upload()}>
                {t("im.upload.start")}
              </button>
            </div>
          </div>
        )}
      </Show>

      <Show when={phase() === "uploading"}>
        <div class="card">
          <Show when={progress()}>
            {(p) => (
              <>
                <p role="status">{t("im.upload.progress", { sent: p().sent, total: p().total })}</p>
                <progress class="im-progress" max={p().total} value={p().sent} />
              </>
            )}
          </Show>
          <Show when={busy()}>
            <p class="muted">{busy()}</p>
          </Show>
          <Show when={dropped()}>
            <p class="error">{t("im.upload.dropped")}</p>
            <button type="button" class="primary" onClick={() => void retry()}>
              {t("im.upload.retry")}
            </button>
          </Show>
        </div>
      </Show>

      <Show when={phase() === "preview" && opened()}>
        {(b) => (
          <BatchPreview
            batch={b()}
            onChanged={async () => {
              await refetchOpened();
              await refetchBatches();
            }}
            onClose={startOver}
          />
        )}
      </Show>

      <h2>{t("im.recent")}</h2>
      <Show when={(batches()?.batches.length ?? 0) > 0} fallback={<p class="muted">{t("im.none")}</p>}>
        <div class="card table-wrap">
          <table class="im-batches">
            <thead>
              <tr>
                <th>Berkas</th>
                <th>{t("im.kind.label")}</th>
                <th class="num">Baris</th>
                <th>Status</th>
                <th>Waktu</th>
                <th />
              </tr>
            </thead>
            <tbody>
              <For each={batches()?.batches ?? []}>
                {(b) => (
                  <tr>
                    <td>{b.fileName}</td>
                    <td>{b.kind === "kpj" ? t("im.kind.kpj") : t(`im.source.${b.source}`)}</td>
                    <td class="num">{number(b.totalRows)}</td>
                    <td>
                      <span
                        class="badge"
                        classList={{ warn: b.status === "uploaded", muted: b.status === "undone" }}
                      >
                        {t(`im.status.${b.status}`)}
                      </span>
                    </td>
                    <td>{dateTime(b.createdAt)}</td>
                    <td>
                      <button type="button" class="ghost" onClick={() => setParams({ batch: b.id })}>
                        {t("im.open")}
                      </button>
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
      </Show>
    </section>
  );
}

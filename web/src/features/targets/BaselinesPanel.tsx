import { createMemo, createSignal, For, Show } from "solid-js";
import { number } from "../../format.ts";
import { t } from "../../i18n/index.ts";
import { type Baseline, deleteBaseline, importBaselines, type Office, saveBaseline } from "./api.ts";
import { createFieldErrors, parsePeople } from "./form.ts";

type Segment = Baseline["segment"];
type ImportResult = Awaited<ReturnType<typeof importBaselines>>;

/**
 * Historical totals: a table, a form to enter or correct one (same office, year, segment and
 * regency replaces it), and a CSV import that checks every row and reports the bad ones.
 */
export default function BaselinesPanel(props: {
  offices: Office[];
  baselines: Baseline[];
  onChange: () => void;
}) {
  const [officeId, setOfficeId] = createSignal(props.offices[0]?.id ?? "");
  const [year, setYear] = createSignal(String(new Date().getFullYear() - 1));
  const [segment, setSegment] = createSignal<Segment>("bpu");
  const [regency, setRegency] = createSignal("");
  const [total, setTotal] = createSignal("");
  const [source, setSource] = createSignal("");
  const [busy, setBusy] = createSignal(false);
  const errors = createFieldErrors();
  const [csv, setCsv] = createSignal<string | null>(null);
  const [result, setResult] = createSignal<ImportResult | null>(null);
  const importErrors = createFieldErrors();

  const officeName = (id: string) => props.offices.find((o) => o.id === id)?.name ?? id;
  const regencyName = createMemo(() => {
    const names = new Map<string, string>();
    for (const o of props.offices) for (const r of o.regencies) names.set(r.code, r.name);
    return (code: string) => (code ? (names.get(code) ?? code) : t("tgt.wholeOffice"));
  });
  const regencies = () => {
    const o = props.offices.find((x) => x.id === officeId());
    if (!o) return [];
    return o.kind === "regional"
      ? props.offices.filter((c) => c.parentId === o.id).flatMap((c) => c.regencies)
      : o.regencies;
  };

  const submit = async (ev: SubmitEvent) => {
    ev.preventDefault();
    errors.clear();
    const n = parsePeople(total());
    if (n === undefined || Number.isNaN(n)) {
      errors.set("total", t("tgt.errWhole"));
      return;
    }
    setBusy(true);
    try {
      await saveBaseline({
        officeId: officeId(),
        year: Number(year()),
        segment: segment(),
        regencyCode: regency(),
        total: n,
        source: source().trim() || null,
      });
      setTotal("");
      setSource("");
      props.onChange();
    } catch (err) {
      errors.take(err);
    } finally {
      setBusy(false);
    }
  };

  const remove = async (b: Baseline) => {
    errors.clear();
    try {
      await deleteBaseline(b.id);
      props.onChange();
    } catch (err) {
      errors.take(err);
    }
  };

  const runImport = async (dryRun: boolean) => {
    const text = csv();
    if (!text) return;
    importErrors.clear();
    setBusy(true);
    try {
      setResult(await importBaselines(text, dryRun));
      if (!dryRun) props.onChange();
    } catch (err) {
      importErrors.take(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card" data-testid="baselines">
      <h2>{t("tgt.baselines")}</h2>
      <p class="muted">{t("tgt.baselinesHelp")}</p>
      <Show when={errors.form() && !errors.get("total")}>
        <p class="error" role="alert">
          {errors.form()}
        </p>
      </Show>
      <Show when={props.baselines.length} fallback={<p class="muted">{t("common.empty")}</p>}>
        <table class="compact">
          <thead>
            <tr>
              <th>{t("tgt.office")}</th>
              <th>{t("tgt.year")}</th>
              <th>{t("tgt.segment")}</th>
              <th>{t("tgt.baselineRegency")}</th>
              <th class="num">{t("tgt.total")}</th>
              <th>{t("tgt.source")}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            <For each={props.baselines}>
              {(b) => (
                <tr>
                  <td>{officeName(b.officeId)}</td>
                  <td>{b.year}</td>
                  <td>{b.segment.toUpperCase()}</td>
                  <td>{regencyName()(b.regencyCode)}</td>
                  <td class="num">{number(b.total)}</td>
                  <td class="muted small">{b.source}</td>
                  <td>
                    <button type="button" class="link" onClick={() => remove(b)}>
                      {t("tgt.delete")}
                    </button>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </Show>

      <form class="form-grid baseline-form" onSubmit={submit}>
        <label>
          {t("tgt.office")}
          <select
            name="baselineOffice"
            value={officeId()}
            onChange={(ev) => setOfficeId(ev.currentTarget.value)}
          >
            <For each={props.offices}>{(o) => <option value={o.id}>{o.name}</option>}</For>
          </select>
          <Show when={errors.get("officeId")}>
            <span class="field-error">{errors.get("officeId")}</span>
          </Show>
        </label>
        <label>
          {t("tgt.year")}
          <input
            name="baselineYear"
            inputmode="numeric"
            value={year()}
            onInput={(ev) => setYear(ev.currentTarget.value)}
          />
          <Show when={errors.get("year")}>
            <span class="field-error">{errors.get("year")}</span>
          </Show>
        </label>
        <label>
          {t("tgt.segment")}
          <select
            name="baselineSegment"
            value={segment()}
            onChange={(ev) => setSegment(ev.currentTarget.value as Segment)}
          >
            <For each={["bpu", "pu", "jakon"] as Segment[]}>
              {(s) => <option value={s}>{s.toUpperCase()}</option>}
            </For>
          </select>
        </label>
        <label>
          {t("tgt.baselineRegency")}
          <select
            name="baselineRegency"
            value={regency()}
            onChange={(ev) => setRegency(ev.currentTarget.value)}
          >
            <option value="">{t("tgt.wholeOffice")}</option>
            <For each={regencies()}>{(r) => <option value={r.code}>{r.name}</option>}</For>
          </select>
          <Show when={errors.get("regencyCode")}>
            <span class="field-error">{errors.get("regencyCode")}</span>
          </Show>
        </label>
        <label>
          {t("tgt.total")}
          <input
            name="baselineTotal"
            inputmode="numeric"
            value={total()}
            onInput={(ev) => setTotal(ev.currentTarget.value)}
          />
          <Show when={errors.get("total")}>
            <span class="field-error">{errors.get("total")}</span>
          </Show>
        </label>
        <label>
          {t("tgt.source")}
          <input name="baselineSource" value={source()} onInput={(ev) => setSource(ev.currentTarget.value)} />
        </label>
        <div class="form-actions">
          <button type="submit" class="primary" disabled={busy()}>
            {t("tgt.baselineAdd")}
          </button>
        </div>
      </form>

      <h3>{t("tgt.import")}</h3>
      <p class="muted">{t("tgt.importHelp")}</p>
      <div class="row">
        <label class="file">
          {t("tgt.chooseFile")}
          <input
            type="file"
            name="baselineCsv"
            accept=".csv,text/csv"
            onChange={async (ev) => {
              setResult(null);
              setCsv((await ev.currentTarget.files?.[0]?.text()) ?? null);
            }}
          />
        </label>
        <button type="button" disabled={!csv() || busy()} onClick={() => runImport(true)}>
          {t("tgt.check")}
        </button>
        <button type="button" class="primary" disabled={!csv() || busy()} onClick={() => runImport(false)}>
          {t("tgt.importNow")}
        </button>
      </div>
      <Show when={importErrors.form()}>
        <p class="error" role="alert">
          {importErrors.form()}
        </p>
      </Show>
      <Show when={result()}>
        {(r) => (
          <div data-testid="import-result">
            <p>
              {t("tgt.importResult", { valid: r().valid, imported: r().imported, rejected: r().rejected })}
            </p>
            <Show when={r().issues.length}>
              <table class="compact">
                <thead>
                  <tr>
                    <th class="num">{t("tgt.row")}</th>
                    <th>{t("tgt.field")}</th>
                    <th>{t("tgt.problem")}</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={r().issues}>
                    {(i) => (
                      <tr>
                        <td class="num">{i.row}</td>
                        <td>{i.path}</td>
                        <td>{i.message}</td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </Show>
          </div>
        )}
      </Show>
    </section>
  );
}

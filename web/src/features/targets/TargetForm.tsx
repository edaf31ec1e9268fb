import { growthTarget } from "@jangkau/shared/domain/achievement/index";
import { createMemo, createSignal, For, type JSX, Show } from "solid-js";
import { number } from "../../format.ts";
import { t } from "../../i18n/index.ts";
import {
  type Baseline,
  createTarget,
  type Office,
  type Target,
  type TargetTerms,
  updateTarget,
} from "./api.ts";
import { createFieldErrors, parsePeople, parsePercent } from "./form.ts";

type Segment = Target["segment"];
type Kind = Target["kind"];

const asText = (n: number | null | undefined) => (n == null ? "" : String(n));

/** A labelled control (the control is passed as the child) with its help and error lines. */
function Field(props: { label: string; error?: string; help?: string; children: JSX.Element }) {
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: the control is the child passed in.
    <label classList={{ invalid: !!props.error }}>
      {props.label}
      {props.children}
      <Show when={props.help}>
        <span class="help">{props.help}</span>
      </Show>
      <Show when={props.error}>
        <span class="field-error">{props.error}</span>
      </Show>
    </label>
  );
}

/**
 * Create or edit a target. A growth target shows the baseline it rests on and the number it
 * gives (Malang: +30 % over 22,761 → 29,590); the server computes and checks it again.
 */
export default function TargetForm(props: {
  offices: Office[];
  baselines: Baseline[];
  year: number;
  existing: Target | null;
  onSaved: (target: Target) => void;
  onConflict: () => void;
  onCancel: () => void;
}) {
  const e = props.existing;
  const [officeId, setOfficeId] = createSignal(e?.officeId ?? props.offices[0]?.id ?? "");
  const [year, setYear] = createSignal(String(e?.year ?? props.year));
  const [segment, setSegment] = createSignal<Segment>(e?.segment ?? "bpu");
  const [kind, setKind] = createSignal<Kind>(e?.kind ?? "absolute");
  const [value, setValue] = createSignal(asText(e?.kind === "absolute" ? e.value : null));
  const [growthPct, setGrowthPct] = createSignal(asText(e?.growthPct));
  const [baselineYear, setBaselineYear] = createSignal(asText(e?.baselineYear));
  const [potential, setPotential] = createSignal(asText(e?.potential));
  const [starting, setStarting] = createSignal(asText(e?.startingParticipants));
  const [months, setMonths] = createSignal<string[]>(e?.monthlySplit?.map(String) ?? Array(12).fill(""));
  const [regencies, setRegencies] = createSignal<Record<string, string>>(
    Object.fromEntries(Object.entries(e?.regencySplit ?? {}).map(([k, v]) => [k, String(v)])),
  );
  const [busy, setBusy] = createSignal(false);
  const errors = createFieldErrors();

  const office = () => props.offices.find((o) => o.id === officeId());
  /** A branch's regencies, or (regional office) those of its branches. */
  const officeRegencies = createMemo(() => {
    const o = office();
    if (!o) return [];
    const own =
      o.kind === "regional"
        ? props.offices.filter((c) => c.parentId === o.id).flatMap((c) => c.regencies)
        : o.regencies;
    return [...new Map(own.map((r) => [r.code, r])).values()];
  });
  const baseline = () => {
    const y = Number(baselineYear());
    return props.baselines.find(
      (b) => b.officeId === officeId() && b.year === y && b.segment === segment() && b.regencyCode === "",
    );
  };
  const growthValue = () => {
    const b = baseline();
    const pct = parsePercent(growthPct());
    return b && pct !== undefined && !Number.isNaN(pct) ? growthTarget(b.total, pct) : null;
  };
  const resolvedValue = () => (kind() === "growth" ? growthValue() : (parsePeople(value()) ?? null));
  const monthSum = () => months().reduce((s, m) => s + (parsePeople(m) || 0), 0);
  const regencySum = () => Object.values(regencies()).reduce((s, m) => s + (parsePeople(m) || 0), 0);

  const numberField = (path: string, text: string, set: (n: number | undefined) => void) => {
    const n = parsePeople(text);
    if (n !== undefined && Number.isNaN(n)) errors.set(path, t("tgt.errWhole"));
    else set(n);
  };

  const submit = async (ev: SubmitEvent) => {
    ev.preventDefault();
    errors.clear();
    const terms: TargetTerms = { kind: kind() };
    if (kind() === "absolute") {
      numberField("value", value(), (n) => {
        if (n !== undefined) terms.value = n;
      });
    } else {
      const pct = parsePercent(growthPct());
      if (pct !== undefined && Number.isNaN(pct)) errors.set("growthPct", t("tgt.errPercent"));
      else if (pct !== undefined) terms.growthPct = pct;
    }
    if (baselineYear()) terms.baselineYear = Number(baselineYear());
    else terms.baselineYear = null;
    numberField("potential", potential(), (n) => {
      terms.potential = n ?? null;
    });
    numberField("startingParticipants", starting(), (n) => {
      terms.startingParticipants = n ?? null;
    });
    const monthValues = months().map((m) => parsePeople(m));
    if (monthValues.some((m) => m !== undefined)) {
      if (monthValues.some((m) => m === undefined || Number.isNaN(m))) {
        errors.set("monthlySplit", t("tgt.errMonths"));
      } else terms.monthlySplit = monthValues as number[];
    } else terms.monthlySplit = null;
    const split: Record<string, number> = {};
    for (const [code, text] of Object.entries(regencies())) {
      const n = parsePeople(text);
      if (n === undefined) continue;
      if (Number.isNaN(n)) errors.set(`regencySplit.${code}`, t("tgt.errWhole"));
      else split[code] = n;
    }
    terms.regencySplit = Object.keys(split).length ? split : null;
    if (errors.any()) return;

    setBusy(true);
    try {
      const saved = e
        ? await updateTarget(e.id, { ...terms, version: e.version })
        : await createTarget({ ...terms, officeId: officeId(), year: Number(year()), segment: segment() });
      props.onSaved(saved);
    } catch (err) {
      if (errors.take(err) === "version_conflict") {
        errors.set("version", t("tgt.conflict"));
        props.onConflict();
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="card target-form" onSubmit={submit} data-testid="target-form">
      <h2>{e ? t("tgt.edit") : t("tgt.add")}</h2>
      <Show when={errors.form()}>
        <p class="error" role="alert">
          {errors.get("version") ?? errors.form()}
        </p>
      </Show>
      <div class="form-grid">
        <Field label={t("tgt.office")} error={errors.get("officeId")}>
          <select
            name="officeId"
            value={officeId()}
            disabled={!!e}
            onChange={(ev) => setOfficeId(ev.currentTarget.value)}
          >
            <For each={props.offices}>{(o) => <option value={o.id}>{o.name}</option>}</For>
          </select>
        </Field>
        <Field label={t("tgt.year")} error={errors.get("year")}>
          <input
            name="year"
            inputmode="numeric"
            value={year()}
            disabled={!!e}
            onInput={(ev) => setYear(ev.currentTarget.value)}
          />
        </Field>
        <Field label={t("tgt.segment")} error={errors.get("segment")}>
          <select
            name="segment"
            value={segment()}
            disabled={!!e}
            onChange={(ev) => setSegment(ev.currentTarget.value as Segment)}
          >
            <For each={["bpu", "pu", "jakon"] as Segment[]}>
              {(s) => <option value={s}>{t(`dash.segments.${s}`)}</option>}
            </For>
          </select>
        </Field>
      </div>

      <fieldset class="kind">
        <legend>{t("tgt.kind")}</legend>
        <For each={["absolute", "growth"] as Kind[]}>
          {(k) => (
            <label class="choice">
              <input type="radio" name="kind" value={k} checked={kind() === k} onChange={() => setKind(k)} />
              {t(`tgt.kinds.${k}`)}
            </label>
          )}
        </For>
      </fieldset>

      <div class="form-grid">
        <Show
          when={kind() === "growth"}
          fallback={
            <Field label={t("tgt.value")} error={errors.get("value")}>
              <input
                name="value"
                inputmode="numeric"
                value={value()}
                onInput={(ev) => setValue(ev.currentTarget.value)}
              />
            </Field>
          }
        >
          <Field label={t("tgt.growthPct")} error={errors.get("growthPct")}>
            <input
              name="growthPct"
              inputmode="decimal"
              value={growthPct()}
              onInput={(ev) => setGrowthPct(ev.currentTarget.value)}
            />
          </Field>
        </Show>
        <Field
          label={kind() === "growth" ? t("tgt.baselineYear") : t("tgt.baselineYearOptional")}
          error={errors.get("baselineYear")}
        >
          <input
            name="baselineYear"
            inputmode="numeric"
            value={baselineYear()}
            onInput={(ev) => setBaselineYear(ev.currentTarget.value)}
          />
        </Field>
        <Field label={t("tgt.potential")} help={t("tgt.potentialHelp")} error={errors.get("potential")}>
          <input
            name="potential"
            inputmode="numeric"
            value={potential()}
            onInput={(ev) => setPotential(ev.currentTarget.value)}
          />
        </Field>
        <Field
          label={t("tgt.starting")}
          help={t("tgt.startingHelp")}
          error={errors.get("startingParticipants")}
        >
          <input
            name="startingParticipants"
            inputmode="numeric"
            value={starting()}
            onInput={(ev) => setStarting(ev.currentTarget.value)}
          />
        </Field>
      </div>
      <Show when={kind() === "growth" && baselineYear()}>
        <p class="muted" data-testid="growth-preview">
          <Show when={baseline()} fallback={t("tgt.baselineUnknown", { year: baselineYear() })}>
            {(b) =>
              t("tgt.baselineKnown", {
                year: baselineYear(),
                total: number(b().total),
                target: number(growthValue()),
              })
            }
          </Show>
        </p>
      </Show>

      <details open={!!e?.monthlySplit}>
        <summary>{t("tgt.monthly")}</summary>
        <p class="muted">{t("tgt.monthlyHelp")}</p>
        <div class="month-grid">
          <For each={months()}>
            {(m, i) => (
              <label>
                {new Intl.DateTimeFormat("id-ID", { month: "short", timeZone: "UTC" }).format(
                  new Date(Date.UTC(2000, i(), 1)),
                )}
                <input
                  name={`month-${i() + 1}`}
                  inputmode="numeric"
                  value={m}
                  onInput={(ev) => {
                    const next = [...months()];
                    next[i()] = ev.currentTarget.value;
                    setMonths(next);
                  }}
                />
              </label>
            )}
          </For>
        </div>
        <p class="muted">{t("tgt.monthlySum", { sum: number(monthSum()) })}</p>
        <For each={errors.under("monthlySplit")}>{(m) => <p class="field-error">{m}</p>}</For>
      </details>

      <Show when={officeRegencies().length}>
        <details open={!!e?.regencySplit}>
          <summary>{t("tgt.regency")}</summary>
          <div class="regency-grid">
            <For each={officeRegencies()}>
              {(r) => (
                <Field label={r.name} error={errors.get(`regencySplit.${r.code}`)}>
                  <input
                    name={`regency-${r.code}`}
                    inputmode="numeric"
                    value={regencies()[r.code] ?? ""}
                    onInput={(ev) => setRegencies({ ...regencies(), [r.code]: ev.currentTarget.value })}
                  />
                </Field>
              )}
            </For>
          </div>
          <p class="muted">
            {t("tgt.regencySum", { sum: number(regencySum()), target: number(resolvedValue()) })}
          </p>
          <Show when={errors.get("regencySplit")}>
            <p class="field-error">{errors.get("regencySplit")}</p>
          </Show>
        </details>
      </Show>

      <div class="row">
        <button type="submit" class="primary" disabled={busy()}>
          {t("tgt.save")}
        </button>
        <button type="button" onClick={() => props.onCancel()}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}

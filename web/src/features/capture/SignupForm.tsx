import {
  type ContributionBreakdown,
  computeContribution,
  ruleSetForMonth,
  sectorForOccupation,
} from "@jangkau/shared/domain/contribution/index";
import { BPU_OCCUPATIONS } from "@jangkau/shared/domain/contribution/occupations";
import { compareNikWithEntered, maskNik, normalizeNik, parseNik } from "@jangkau/shared/domain/nik/index";
import { monthInTimeZone } from "@jangkau/shared/domain/retention/index";
import { dateInTimeZone } from "@jangkau/shared/domain/timezone/index";
import { discountFromRow, ruleSetFromRow } from "@jangkau/shared/schema/contributions/mapping";
import type { Payer } from "@jangkau/shared/schema/enums";
import {
  defaultSponsoredPeriod,
  NIK_MISMATCH_MESSAGES,
  NIK_REJECTION_MESSAGES,
  type SignupInput,
  SPONSOR_TYPES_BY_PAYER,
  validateSignupRecord,
} from "@jangkau/shared/schema/signups/validation";
import { batch, createEffect, createMemo, createSignal, For, on, onCleanup, Show } from "solid-js";
import { createStore } from "solid-js/store";
import { date as formatDate, rupiah } from "../../format.ts";
import { t } from "../../i18n/index.ts";
import { type CaptureEvent, type Consent, checkNik, type NikCheck, type Rules } from "./api.ts";
import { allEntries, type OutboxEntry, saveToOutbox } from "./store.ts";

const PAYERS_SHOWN: Payer[] = ["self", "csr", "apbd", "paguyuban"];
/** What stays from one sign-up to the next: at an APBD event everyone is paid by the same Pemkot. */
const STICKY_KEY = "jangkau.capture.payer";

interface Fields {
  nik: string;
  fullName: string;
  sex: "" | "M" | "F";
  birthDate: string;
  phone: string;
  occupation: string;
  villageCode: string;
  address: string;
  incomeBand: string;
  jht: boolean;
  payer: Payer;
  sponsorPartnerId: string;
  sponsoredFrom: string;
  sponsoredUntil: string;
  consentGiven: boolean;
  consentAt: string;
  identityConfirmed: boolean;
}

function blank(event: CaptureEvent): Fields {
  const sticky = JSON.parse(localStorage.getItem(STICKY_KEY) ?? "null") as Partial<Fields> | null;
  const same = sticky && (sticky as { eventId?: string }).eventId === event.id;
  return {
    nik: "",
    fullName: "",
    sex: "",
    birthDate: "",
    phone: "",
    occupation: "",
    villageCode: "",
    address: "",
    incomeBand: "B01",
    jht: false,
    payer: (same && sticky.payer) || "self",
    sponsorPartnerId: (same && sticky.sponsorPartnerId) || "",
    sponsoredFrom: (same && sticky.sponsoredFrom) || "",
    sponsoredUntil: (same && sticky.sponsoredUntil) || "",
    consentGiven: false,
    consentAt: "",
    identityConfirmed: false,
  };
}

function fromRecord(r: SignupInput): Fields {
  return {
    nik: r.nik,
    fullName: r.fullName,
    sex: r.sex,
    birthDate: r.birthDate,
    phone: r.phone ?? "",
    occupation: r.occupation,
    villageCode: r.villageCode,
    address: r.address ?? "",
    incomeBand: r.incomeBand,
    jht: r.jht ?? false,
    payer: r.payer,
    sponsorPartnerId: r.sponsorPartnerId ?? "",
    sponsoredFrom: r.sponsoredFrom ?? "",
    sponsoredUntil: r.sponsoredUntil ?? "",
    consentGiven: r.consentGiven,
    consentAt: r.consentAt,
    identityConfirmed: r.identityConfirmed ?? false,
  };
}

/**
 * One worker's sign-up, made for a finger on a 10-inch tablet. Every rule is checked here
 * with the same validator the server runs, the contribution is computed live from the cached
 * rules, and the NIK is decoded while it is typed (and checked against the server for
 * duplicates when there is a network). Saving writes to the tablet's outbox at once.
 */
export function SignupForm(props: {
  event: CaptureEvent;
  consent: Consent;
  rules: Rules;
  editing: OutboxEntry | null;
  onSaved: (waiting: number) => void;
  onCancelEdit: () => void;
}) {
  const [f, setF] = createStore<Fields>(blank(props.event));
  const [issues, setIssues] = createSignal<Record<string, string>>({});
  const [server, setServer] = createSignal<NikCheck | null>(null);
  const [localDuplicate, setLocalDuplicate] = createSignal(false);
  const [saving, setSaving] = createSignal(false);
  let nikInput: HTMLInputElement | undefined;

  createEffect(
    on(
      () => props.editing,
      (entry) => {
        setF(entry?.record ? fromRecord(entry.record) : blank(props.event));
        setIssues(
          Object.fromEntries((entry?.result?.issues ?? []).map((i) => [i.path, i.message])) as Record<
            string,
            string
          >,
        );
      },
    ),
  );

  const today = () => dateInTimeZone(new Date(), props.event.timeZone);
  const rules = createMemo(() => props.rules.ruleSets.map(ruleSetFromRow));
  const discounts = createMemo(() => props.rules.discounts.map(discountFromRow));
  const bands = createMemo(() => {
    try {
      return ruleSetForMonth(rules(), monthInTimeZone(new Date(), props.event.timeZone)).bands;
    } catch {
      return [];
    }
  });
  const knownCodes = createMemo(() => {
    const codes = new Set<string>();
    for (const v of props.event.villages) {
      codes.add(v.code);
      codes.add(v.code.slice(0, 8));
    }
    return codes;
  });
  const sponsorsFor = (payer: Payer) =>
    props.event.sponsors.filter((s) => (SPONSOR_TYPES_BY_PAYER[payer] as readonly string[]).includes(s.type));

  const nikDigits = () => normalizeNik(f.nik);
  const parsed = createMemo(() =>
    nikDigits().length >= 16 || /\D/.test(nikDigits()) ? parseNik(f.nik) : null,
  );
  const mismatches = createMemo(() => {
    const p = parsed();
    if (!p?.ok) return [];
    return compareNikWithEntered(p, {
      birthDate: f.birthDate || null,
      sex: f.sex || null,
    });
  });

  const contribution = createMemo<ContributionBreakdown | null>(() => {
    if (!f.occupation) return null;
    try {
      return computeContribution({
        rules: rules(),
        discounts: discounts(),
        month: monthInTimeZone(new Date(), props.event.timeZone),
        bandCode: f.incomeBand,
        programmes: { jht: f.jht },
        sector: sectorForOccupation(f.occupation),
        payer: f.payer,
        standing: "new",
      });
    } catch {
      return null;
    }
  });

  // Duplicates on this tablet, and — with a network — on the server.
  createEffect(
    on([nikDigits, () => props.editing?.id], async ([digits, editingId]) => {
      setServer(null);
      if (digits.length !== 16) return setLocalDuplicate(false);
      const entries = await allEntries();
      setLocalDuplicate(
        entries.some((e) => e.id !== editingId && e.record && normalizeNik(e.record.nik) === digits),
      );
    }),
  );
  createEffect(
    on([nikDigits, () => f.birthDate, () => f.sex], ([digits, birthDate, sex]) => {
      if (digits.length !== 16 || !parsed()?.ok || !navigator.onLine) return;
      const controller = new AbortController();
      const timer = setTimeout(() => {
        checkNik(
          { nik: digits, ...(birthDate ? { birthDate } : {}), ...(sex ? { sex } : {}) },
          controller.signal,
        )
          .then(setServer)
          .catch(() => setServer(null));
      }, 350);
      onCleanup(() => {
        clearTimeout(timer);
        controller.abort();
      });
    }),
  );

  const choosePayer = (payer: Payer) =>
    batch(() => {
      setF("payer", payer);
      const candidates = sponsorsFor(payer);
      setF("sponsorPartnerId", candidates.length === 1 ? (candidates[0]?.id ?? "") : "");
      if (payer === "self") {
        setF({ sponsoredFrom: "", sponsoredUntil: "" });
      } else if (payer === "apbd" || payer === "apbn") {
        const year = today().slice(0, 4);
        setF({ sponsoredFrom: `${year}-01-01`, sponsoredUntil: `${year}-12-31` });
      } else if (payer === "csr") {
        const period = defaultSponsoredPeriod(today(), 6);
        setF({ sponsoredFrom: period.from, sponsoredUntil: period.until });
      } else {
        setF({ sponsoredFrom: "", sponsoredUntil: "" });
      }
    });

  const record = (): SignupInput => {
    const now = new Date().toISOString();
    const editing = props.editing;
    // A record the server stored under this UUID for other data needs a new UUID; any other
    // refused record was never stored and keeps its UUID.
    const id = editing && editing.result?.status !== "id_conflict" ? editing.id : crypto.randomUUID();
    return {
      id,
      eventId: props.event.id,
      nik: f.nik,
      fullName: f.fullName,
      sex: f.sex as "M" | "F",
      birthDate: f.birthDate,
      phone: f.phone.trim() || null,
      occupation: f.occupation as SignupInput["occupation"],
      villageCode: f.villageCode,
      address: f.address.trim() || null,
      incomeBand: f.incomeBand,
      jht: f.jht,
      payer: f.payer,
      sponsorPartnerId: f.payer === "self" ? null : f.sponsorPartnerId || null,
      sponsoredFrom: f.payer === "self" ? null : f.sponsoredFrom || null,
      sponsoredUntil: f.payer === "self" ? null : f.sponsoredUntil || null,
      consentGiven: f.consentGiven,
      consentVersion: props.consent.version,
      consentAt: f.consentAt || now,
      recordedAt: editing?.record?.recordedAt ?? now,
      identityConfirmed: f.identityConfirmed,
    };
  };

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    if (saving()) return;
    const candidate = record();
    const result = validateSignupRecord(candidate, {
      now: new Date(),
      rules: rules(),
      discounts: discounts(),
      timeZone: props.event.timeZone,
      requireEvent: true,
      isKnownArea: (code) => (knownCodes().has(code) ? true : undefined),
      sponsorType: (id) => props.event.sponsors.find((s) => s.id === id)?.type as never,
    });
    const found: Record<string, string> = {};
    if (!result.ok) for (const i of result.issues) found[i.path] = i.message;
    if (localDuplicate()) found.nik = t("cap.nik.duplicateLocal");
    setIssues(found);
    if (Object.keys(found).length > 0) {
      document.querySelector(".capture-form .field-error")?.scrollIntoView({ block: "center" });
      return;
    }
    setSaving(true);
    try {
      await saveToOutbox(candidate, {
        name: f.fullName.trim().split(/\s+/)[0] ?? "",
        nikMasked: maskNik(f.nik),
      });
      localStorage.setItem(
        STICKY_KEY,
        JSON.stringify({
          eventId: props.event.id,
          payer: f.payer,
          sponsorPartnerId: f.sponsorPartnerId,
          sponsoredFrom: f.sponsoredFrom,
          sponsoredUntil: f.sponsoredUntil,
        }),
      );
      const waiting = (await allEntries()).filter((x) => x.state === "waiting").length;
      setF(blank(props.event));
      setIssues({});
      setServer(null);
      props.onSaved(waiting);
      nikInput?.focus();
      window.scrollTo({ top: 0 });
    } finally {
      setSaving(false);
    }
  };

  const err = (path: string) => (
    <Show when={issues()[path]}>
      <div class="field-error" data-field={path}>
        {issues()[path]}
      </div>
    </Show>
  );
  /** A field's message goes as soon as the officer changes the field. */
  const clearIssue = (path: string) =>
    setIssues((prev) => {
      if (!(path in prev)) return prev;
      const { [path]: _gone, ...rest } = prev;
      return rest;
    });
  const input =
    (key: keyof Fields) => (e: Event & { currentTarget: HTMLInputElement | HTMLSelectElement }) => {
      setF(key, e.currentTarget.value as never);
      clearIssue(key);
    };

  return (
    <form class="capture-form" onSubmit={submit} novalidate>
      <fieldset class="card">
        <legend>{t("cap.form.person")}</legend>
        <label class="nik-field">
          {t("cap.form.nik")}
          <input
            ref={nikInput}
            name="nik"
            inputmode="numeric"
            autocomplete="off"
            maxlength="24"
            placeholder={t("cap.form.nikHint")}
            value={f.nik}
            onInput={input("nik")}
            aria-invalid={!!issues().nik}
          />
          {err("nik")}
          <NikFacts
            parsed={issues().nik ? null : parsed()}
            server={server()}
            localDuplicate={localDuplicate()}
            mismatchCount={mismatches().length}
          />
        </label>
        <label>
          {t("cap.form.fullName")}
          <input name="fullName" autocomplete="off" value={f.fullName} onInput={input("fullName")} />
          {err("fullName")}
        </label>
        <div class="two">
          <div class="label-like">
            {t("cap.form.sex")}
            <div class="segmented" role="radiogroup">
              <For each={["M", "F"] as const}>
                {(sex) => (
                  <label class="seg">
                    <input
                      type="radio"
                      name="sex"
                      value={sex}
                      checked={f.sex === sex}
                      onChange={() => {
                        setF("sex", sex);
                        clearIssue("sex");
                      }}
                    />
                    <span>{sex === "M" ? t("cap.form.male") : t("cap.form.female")}</span>
                  </label>
                )}
              </For>
            </div>
            {err("sex")}
            <Show when={!issues().sex && mismatches().find((m) => m.field === "sex")}>
              <div class="field-warn">{NIK_MISMATCH_MESSAGES.sex_mismatch}</div>
            </Show>
          </div>
          <label>
            {t("cap.form.birthDate")}
            <input name="birthDate" type="date" value={f.birthDate} onInput={input("birthDate")} />
            {err("birthDate")}
            <Show when={!issues().birthDate && mismatches().find((m) => m.field === "birthDate")}>
              {(m) => <div class="field-warn">{NIK_MISMATCH_MESSAGES[m().code]}</div>}
            </Show>
          </label>
        </div>
        <Show when={mismatches().length > 0}>
          <label class="check">
            <input
              type="checkbox"
              name="identityConfirmed"
              checked={f.identityConfirmed}
              onChange={(e) => setF("identityConfirmed", e.currentTarget.checked)}
            />
            <span>{t("cap.form.identityConfirmed")}</span>
          </label>
        </Show>
        <label>
          {t("cap.form.phone")}
          <input
            name="phone"
            type="tel"
            inputmode="tel"
            autocomplete="off"
            placeholder={t("cap.form.phoneHint")}
            value={f.phone}
            onInput={input("phone")}
          />
          {err("phone")}
        </label>
      </fieldset>

      <fieldset class="card">
        <legend>{t("cap.form.work")}</legend>
        <label>
          {t("cap.form.occupation")}
          <select name="occupation" value={f.occupation} onChange={input("occupation")}>
            <option value="">{t("cap.form.choose")}</option>
            <For each={BPU_OCCUPATIONS}>{(o) => <option value={o.code}>{o.label}</option>}</For>
          </select>
          {err("occupation")}
        </label>
        <label>
          {t("cap.form.village")}
          <select name="villageCode" value={f.villageCode} onChange={input("villageCode")}>
            <option value="">{t("cap.form.choose")}</option>
            <For each={[...new Set(props.event.villages.map((v) => v.districtName))]}>
              {(district) => (
                <optgroup label={`Kec. ${district}`}>
                  <For each={props.event.villages.filter((v) => v.districtName === district)}>
                    {(v) => <option value={v.code}>{v.name}</option>}
                  </For>
                </optgroup>
              )}
            </For>
          </select>
          {err("villageCode")}
        </label>
        <label>
          {t("cap.form.address")}
          <input name="address" autocomplete="off" value={f.address} onInput={input("address")} />
          {err("address")}
        </label>
      </fieldset>

      <fieldset class="card">
        <legend>{t("cap.form.programme")}</legend>
        <label>
          {t("cap.form.incomeBand")}
          <select name="incomeBand" value={f.incomeBand} onChange={input("incomeBand")}>
            <For each={bands()}>
              {(b) => (
                <option value={b.code}>
                  {b.maxIncome === null
                    ? t("cap.form.above", { min: rupiah(b.minIncome - 1) })
                    : b.minIncome === 0
                      ? t("cap.form.upTo", { max: rupiah(b.maxIncome) })
                      : `${rupiah(b.minIncome)} – ${rupiah(b.maxIncome)}`}
                </option>
              )}
            </For>
          </select>
          {err("incomeBand")}
        </label>
        <div class="programmes">
          <label class="check">
            <input type="checkbox" checked disabled />
            <span>{t("cap.form.jkkJkm")}</span>
          </label>
          <label class="check">
            <input
              type="checkbox"
              name="jht"
              checked={f.jht}
              onChange={(e) => setF("jht", e.currentTarget.checked)}
            />
            <span>{t("cap.form.jht")}</span>
          </label>
        </div>
        <div class="label-like">
          {t("cap.form.payer")}
          <div class="segmented four" role="radiogroup">
            <For each={PAYERS_SHOWN}>
              {(payer) => (
                <label class="seg">
                  <input
                    type="radio"
                    name="payer"
                    value={payer}
                    checked={f.payer === payer}
                    onChange={() => {
                      choosePayer(payer);
                      for (const path of ["payer", "sponsorPartnerId", "sponsoredFrom", "sponsoredUntil"])
                        clearIssue(path);
                    }}
                  />
                  <span>{t(`cap.form.payers.${payer}`)}</span>
                </label>
              )}
            </For>
          </div>
          {err("payer")}
        </div>
        <Show when={f.payer !== "self"}>
          <label>
            {t("cap.form.sponsor")}
            <select name="sponsorPartnerId" value={f.sponsorPartnerId} onChange={input("sponsorPartnerId")}>
              <option value="">{t("cap.form.choose")}</option>
              <For each={sponsorsFor(f.payer)}>{(s) => <option value={s.id}>{s.name}</option>}</For>
            </select>
            <Show when={sponsorsFor(f.payer).length === 0}>
              <div class="field-warn">{t("cap.form.noSponsors")}</div>
            </Show>
            {err("sponsorPartnerId")}
          </label>
          <div class="two">
            <label>
              {t("cap.form.sponsoredFrom")}
              <input
                name="sponsoredFrom"
                type="date"
                value={f.sponsoredFrom}
                onInput={input("sponsoredFrom")}
              />
              {err("sponsoredFrom")}
            </label>
            <label>
              {t("cap.form.sponsoredUntil")}
              <input
                name="sponsoredUntil"
                type="date"
                value={f.sponsoredUntil}
                onInput={input("sponsoredUntil")}
              />
              {err("sponsoredUntil")}
            </label>
          </div>
        </Show>
        <ContributionBox contribution={contribution()} />
      </fieldset>

      <fieldset class="card consent">
        <legend>{t("cap.form.consent")}</legend>
        <p class="consent-text">{props.consent.text.id}</p>
        <p class="muted small">{t("cap.form.consentVersion", { v: props.consent.version })}</p>
        <label class="check big">
          <input
            type="checkbox"
            name="consentGiven"
            checked={f.consentGiven}
            onChange={(e) =>
              setF({
                consentGiven: e.currentTarget.checked,
                consentAt: e.currentTarget.checked ? new Date().toISOString() : "",
              })
            }
          />
          <span>{t("cap.form.consentAgree")}</span>
        </label>
        {err("consentGiven")}
      </fieldset>

      <div class="form-actions">
        <Show when={Object.keys(issues()).length > 0}>
          <p class="error" role="alert">
            {t("cap.form.fixBelow")}
          </p>
        </Show>
        <Show when={props.editing}>
          <button type="button" class="ghost" onClick={() => props.onCancelEdit()}>
            {t("cap.form.cancelEdit")}
          </button>
        </Show>
        <button type="submit" class="primary big" disabled={saving()}>
          {props.editing ? t("cap.form.resend") : t("cap.form.save")}
        </button>
      </div>
    </form>
  );
}

/** What the NIK says while it is typed: decoded facts, region, duplicates. */
function NikFacts(props: {
  parsed: ReturnType<typeof parseNik> | null;
  server: NikCheck | null;
  localDuplicate: boolean;
  mismatchCount: number;
}) {
  return (
    <Show when={props.parsed}>
      {(p) => (
        <div class="nik-facts" aria-live="polite">
          <Show
            when={p().ok ? (p() as Extract<ReturnType<typeof parseNik>, { ok: true }>) : null}
            fallback={
              <div class="field-warn">
                {NIK_REJECTION_MESSAGES[(p() as Extract<ReturnType<typeof parseNik>, { ok: false }>).reason]}
              </div>
            }
          >
            {(ok) => (
              <>
                <div class="muted">
                  {t("cap.nik.decoded", {
                    sex: ok().sex === "F" ? t("cap.form.female") : t("cap.form.male"),
                    date: formatDate(ok().birthDate),
                  })}
                </div>
                <Show when={props.localDuplicate}>
                  <div class="field-error">{t("cap.nik.duplicateLocal")}</div>
                </Show>
                <Show
                  when={props.server?.valid ? props.server : null}
                  fallback={
                    <div class="muted small">{navigator.onLine ? "" : t("cap.nik.regionOffline")}</div>
                  }
                >
                  {(s) => (
                    <>
                      <Show
                        when={s().region.status === "known"}
                        fallback={<div class="field-warn">{t("cap.nik.regionUnknown")}</div>}
                      >
                        <div class="muted small">
                          {t("cap.nik.region", {
                            name: [s().region.districtName, s().region.regencyName]
                              .filter(Boolean)
                              .join(", "),
                          })}
                        </div>
                      </Show>
                      <Show
                        when={s().duplicate}
                        fallback={<div class="ok small">{t("cap.nik.notDuplicate")}</div>}
                      >
                        {(d) => (
                          <div class="field-error" data-duplicate>
                            {d().sameScope
                              ? t("cap.nik.duplicate", {
                                  event: d().eventTitle ?? "–",
                                  date: formatDate(d().signupDate),
                                })
                              : t("cap.nik.duplicateOther", { date: formatDate(d().signupDate) })}
                          </div>
                        )}
                      </Show>
                    </>
                  )}
                </Show>
              </>
            )}
          </Show>
        </div>
      )}
    </Show>
  );
}

/** The monthly contribution in Rupiah, with its parts. */
function ContributionBox(props: { contribution: ContributionBreakdown | null }) {
  return (
    <div class="contribution" aria-live="polite">
      <span class="label">{t("cap.form.monthly")}</span>
      <strong class="amount" data-contribution>
        {props.contribution ? rupiah(props.contribution.total) : "–"}
      </strong>
      <Show when={props.contribution}>
        {(c) => (
          <span class="muted small">
            JKK {rupiah(c().jkk)} + JKM {rupiah(c().jkm)}
            {c().jht ? ` + JHT ${rupiah(c().jht)}` : ""}
            {c().discount
              ? ` − ${t("cap.form.discount", { name: "PP 50/2025" })} ${rupiah(c().discount)}`
              : ""}
            <Show when={c().discountWithheld === "payer_excluded"}>
              <br />
              {t("cap.form.discountWithheld")}
            </Show>
          </span>
        )}
      </Show>
    </div>
  );
}

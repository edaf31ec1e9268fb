import { type Accessor, createSignal, type JSX, type Resource, Show } from "solid-js";
import { ApiError } from "../../api/client.ts";
import { date, time, type Zone } from "../../format.ts";
import { t } from "../../i18n/index.ts";
import "./i18n.ts";

/** Badge colour per event or campaign status. */
const STATUS_TONE: Record<string, string> = {
  planned: "muted",
  draft: "muted",
  confirmed: "",
  active: "",
  held: "warn",
  reported: "",
  closed: "muted",
  cancelled: "danger",
};

export function StatusBadge(props: { status: string; label?: string }) {
  return (
    <span class={`badge ${STATUS_TONE[props.status] ?? ""}`} data-status={props.status}>
      {props.label ?? t(`ev.status.${props.status}`)}
    </span>
  );
}

/** "10 Maret 2026, 09.00–13.00 WITA", or both dates when the event spans days. */
export function eventWhen(e: {
  startsAt: string;
  endsAt: string;
  timeZone: string;
  startLocal: string;
  endLocal: string;
}) {
  const zone = e.timeZone as Zone;
  const sameDay = e.startLocal.slice(0, 10) === e.endLocal.slice(0, 10);
  const start = time(e.startsAt, zone).replace(` ${zone}`, "");
  return sameDay
    ? `${date(e.startsAt, zone)}, ${start}–${time(e.endsAt, zone)}`
    : `${date(e.startsAt, zone)} ${start} – ${date(e.endsAt, zone)} ${time(e.endsAt, zone)}`;
}

/**
 * Server validation shown beside the fields: keeps the issues of the last failed call by
 * path (`partners.0.partnerId`), plus the message of an error that names no field.
 */
export function createFieldErrors() {
  const [issues, setIssues] = createSignal<Record<string, string>>({});
  const [general, setGeneral] = createSignal<string | null>(null);
  return {
    /** The message for a path, or for any issue under it (`partners` matches `partners.0.partnerId`). */
    of: (path: string) =>
      issues()[path] ?? Object.entries(issues()).find(([p]) => p.startsWith(`${path}.`))?.[1] ?? undefined,
    general,
    clear() {
      setIssues({});
      setGeneral(null);
    },
    /** Take a failed call apart; returns the ApiError (or rethrows anything else). */
    take(err: unknown): ApiError {
      if (!(err instanceof ApiError)) throw err;
      const byPath: Record<string, string> = {};
      for (const i of err.issues) byPath[i.path] ??= i.message;
      setIssues(byPath);
      setGeneral(err.message);
      return err;
    },
    set(path: string, message: string) {
      setIssues((all) => ({ ...all, [path]: message }));
    },
  };
}
export type FieldErrors = ReturnType<typeof createFieldErrors>;

/** A labelled field with its server error underneath, associated for screen readers. */
export function Field(props: {
  label: string;
  path: string;
  errors: FieldErrors;
  hint?: string;
  children: JSX.Element;
}) {
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: the control comes in as children
    <label class="field" data-field={props.path} classList={{ invalid: !!props.errors.of(props.path) }}>
      <span>{props.label}</span>
      {props.children}
      <Show when={props.hint}>
        <span class="muted hint">{props.hint}</span>
      </Show>
      <Show when={props.errors.of(props.path)}>
        {(message) => (
          <span class="field-error" role="alert" data-error-for={props.path}>
            {message()}
          </span>
        )}
      </Show>
    </label>
  );
}

/** Error banner for a failed call that names no field. */
export function FormError(props: { errors: FieldErrors }) {
  return (
    <Show when={props.errors.general()}>
      {(message) => (
        <p class="error form-error" role="alert">
          {message()}
        </p>
      )}
    </Show>
  );
}

/** "Rp…" amounts typed as plain digits: empty stays null. */
export function parseCount(value: string): number | null {
  const digits = value.replace(/[^\d]/g, "");
  return digits === "" ? null : Number(digits);
}

/**
 * A resource's value once loaded; its server message (e.g. "Kegiatan tidak ditemukan.") when
 * the call failed. Reads `resource.error` first, so an errored resource never throws here.
 */
export function Loaded<T>(props: {
  resource: Resource<T>;
  children: (value: Accessor<NonNullable<T>>) => JSX.Element;
}) {
  return (
    <Show
      when={!props.resource.error}
      fallback={
        <p class="error load-error" role="alert">
          {props.resource.error instanceof ApiError ? props.resource.error.message : t("common.error")}
        </p>
      }
    >
      <Show when={props.resource()} fallback={<p class="loading">{t("common.loading")}</p>}>
        {(value) => props.children(value)}
      </Show>
    </Show>
  );
}

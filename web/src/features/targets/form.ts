import { createSignal } from "solid-js";
import { ApiError } from "../../api/client.ts";
import { t } from "../../i18n/index.ts";

/** "1.345.000", "1,345,000", "1345000" → 1345000; "" → undefined; anything else → NaN. */
export function parsePeople(text: string): number | undefined {
  const s = text.trim().replace(/\s/g, "");
  if (s === "") return undefined;
  if (/^-?\d+$/.test(s)) return Number(s);
  if (/^\d{1,3}([.,]\d{3})+$/.test(s)) return Number(s.replace(/[.,]/g, ""));
  return Number.NaN;
}

/** A decimal percentage typed the Indonesian way ("30" or "7,5"). */
export function parsePercent(text: string): number | undefined {
  const s = text.trim().replace(",", ".");
  if (s === "") return undefined;
  return /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : Number.NaN;
}

/** Field errors of a form, keyed by the API's issue path (`value`, `regencySplit.35.72`…). */
export function createFieldErrors() {
  const [errors, setErrors] = createSignal<Record<string, string>>({});
  const [formError, setFormError] = createSignal<string | null>(null);
  return {
    get: (path: string) => errors()[path],
    /** Errors under a prefix (e.g. every `monthlySplit.N`). */
    under: (prefix: string) =>
      Object.entries(errors())
        .filter(([p]) => p === prefix || p.startsWith(`${prefix}.`))
        .map(([, m]) => m),
    set: (path: string, message: string) => setErrors((e) => ({ ...e, [path]: message })),
    any: () => Object.keys(errors()).length > 0 || formError() !== null,
    form: formError,
    clear: () => {
      setErrors({});
      setFormError(null);
    },
    /** Show an API error: its issues by field, its message at the top. Returns the error's code. */
    take(err: unknown): string {
      if (err instanceof ApiError) {
        const next: Record<string, string> = {};
        for (const i of err.issues) next[i.path] = i.message;
        setErrors(next);
        setFormError(err.message);
        return err.code;
      }
      setFormError(t("common.error"));
      return "unknown";
    },
  };
}
export type FieldErrors = ReturnType<typeof createFieldErrors>;

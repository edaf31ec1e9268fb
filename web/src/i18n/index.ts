import * as i18n from "@solid-primitives/i18n";
import { createMemo, createSignal } from "solid-js";
import { core } from "./core.ts";

/**
 * Bahasa Indonesia first, English as a switch. Each feature keeps its own dictionary
 * (`features/<name>/i18n.ts`) and registers it here, so pages never share one giant file.
 */
export type Locale = "id" | "en";
type Dict = Record<string, unknown>;
type Bundle = { id: Dict; en: Dict };

const stored = typeof localStorage === "undefined" ? null : localStorage.getItem("jangkau.locale");
const [locale, setLocaleSignal] = createSignal<Locale>(stored === "en" ? "en" : "id");
const [bundles, setBundles] = createSignal<Bundle[]>([core]);

export { locale };

export function setLocale(next: Locale) {
  setLocaleSignal(next);
  localStorage.setItem("jangkau.locale", next);
  document.documentElement.lang = next;
}

/** Add a feature's dictionary (called once at module load of the feature). */
export function registerDictionary(bundle: Bundle) {
  setBundles((list) => (list.includes(bundle) ? list : [...list, bundle]));
}

const flat = createMemo(() => i18n.flatten(Object.assign({}, ...bundles().map((b) => b[locale()])) as Dict));
const translate = i18n.translator(flat, i18n.resolveTemplate);

/** `t("nav.dashboard")`, `t("capture.waiting", { n: 3 })`; falls back to the key itself. */
export function t(key: string, args?: Record<string, string | number>): string {
  const value = (translate as (k: string, a?: Record<string, string | number>) => unknown)(key, args);
  return typeof value === "string" ? value : key;
}

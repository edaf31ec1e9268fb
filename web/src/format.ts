import { locale } from "./i18n/index.ts";

/** Indonesian formats: Rp16.800, 1.340.000, 22 November 2026, 09.00 WIB. */
const tag = () => (locale() === "en" ? "en-GB" : "id-ID");

export function rupiah(amount: number | null | undefined): string {
  if (amount == null) return "–";
  return new Intl.NumberFormat("id-ID", { style: "currency", currency: "IDR", maximumFractionDigits: 0 })
    .format(amount)
    .replace(/\s/g, "");
}

export function number(n: number | null | undefined, digits = 0): string {
  if (n == null) return "–";
  return new Intl.NumberFormat(tag(), {
    maximumFractionDigits: digits,
    minimumFractionDigits: digits,
  }).format(n);
}

export function percent(ratio: number | null | undefined, digits = 0): string {
  if (ratio == null) return "–";
  return `${number(ratio * 100, digits)} %`;
}

const IANA = { WIB: "Asia/Jakarta", WITA: "Asia/Makassar", WIT: "Asia/Jayapura" } as const;
export type Zone = keyof typeof IANA;

export function date(iso: string | null | undefined, zone: Zone = "WIB"): string {
  if (!iso) return "–";
  const d = iso.length === 10 ? new Date(`${iso}T00:00:00Z`) : new Date(iso);
  return new Intl.DateTimeFormat(tag(), {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: iso.length === 10 ? "UTC" : IANA[zone],
  }).format(d);
}

export function time(iso: string | null | undefined, zone: Zone = "WIB"): string {
  if (!iso) return "–";
  const hm = new Intl.DateTimeFormat("id-ID", {
    hour: "2-digit",
    minute: "2-digit",
    timeZone: IANA[zone],
  }).format(new Date(iso));
  return `${hm} ${zone}`;
}

export function dateTime(iso: string | null | undefined, zone: Zone = "WIB"): string {
  if (!iso) return "–";
  return `${date(iso, zone)}, ${time(iso, zone)}`;
}

export function monthName(month: string): string {
  const [y, m] = month.split("-").map(Number);
  return new Intl.DateTimeFormat(tag(), { month: "short", year: "numeric", timeZone: "UTC" }).format(
    new Date(Date.UTC(y ?? 2000, (m ?? 1) - 1, 1)),
  );
}

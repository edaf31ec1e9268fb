/**
 * Indonesia's three time zones and conversions between local wall-clock time and UTC.
 * None of the zones observes daylight saving, so a fixed offset is exact.
 */
import { TIME_ZONES, type TimeZone } from "../../schema/enums.ts";
import { DomainError } from "../errors.ts";

export { TIME_ZONES, type TimeZone };

/** Codes of the errors thrown by the time-zone helpers. */
export type TimeZoneErrorCode = "invalid_time_zone" | "invalid_local_time" | "invalid_instant";

const OFFSET_MINUTES: Readonly<Record<TimeZone, number>> = { WIB: 420, WITA: 480, WIT: 540 };

/**
 * Time zone of each of the 38 provinces, keyed by Kemendagri province code. Province
 * boundaries follow the zones exactly (Kalimantan Barat/Tengah WIB; Kalimantan
 * Selatan/Timur/Utara, Bali, Nusa Tenggara and Sulawesi WITA; Maluku and Papua WIT).
 */
export const PROVINCE_TIME_ZONES: Readonly<Record<string, TimeZone>> = {
  "11": "WIB", // Aceh
  "12": "WIB", // Sumatera Utara
  "13": "WIB", // Sumatera Barat
  "14": "WIB", // Riau
  "15": "WIB", // Jambi
  "16": "WIB", // Sumatera Selatan
  "17": "WIB", // Bengkulu
  "18": "WIB", // Lampung
  "19": "WIB", // Kepulauan Bangka Belitung
  "21": "WIB", // Kepulauan Riau
  "31": "WIB", // DKI Jakarta
  "32": "WIB", // Jawa Barat
  "33": "WIB", // Jawa Tengah
  "34": "WIB", // DI Yogyakarta
  "35": "WIB", // Jawa Timur
  "36": "WIB", // Banten
  "51": "WITA", // Bali
  "52": "WITA", // Nusa Tenggara Barat
  "53": "WITA", // Nusa Tenggara Timur
  "61": "WIB", // Kalimantan Barat
  "62": "WIB", // Kalimantan Tengah
  "63": "WITA", // Kalimantan Selatan
  "64": "WITA", // Kalimantan Timur
  "65": "WITA", // Kalimantan Utara
  "71": "WITA", // Sulawesi Utara
  "72": "WITA", // Sulawesi Tengah
  "73": "WITA", // Sulawesi Selatan
  "74": "WITA", // Sulawesi Tenggara
  "75": "WITA", // Gorontalo
  "76": "WITA", // Sulawesi Barat
  "81": "WIT", // Maluku
  "82": "WIT", // Maluku Utara
  "91": "WIT", // Papua
  "92": "WIT", // Papua Barat
  "93": "WIT", // Papua Selatan
  "94": "WIT", // Papua Tengah
  "95": "WIT", // Papua Pegunungan
  "96": "WIT", // Papua Barat Daya
};

/**
 * Time zone of a province. Accepts a province code (`"35"`) or any deeper Kemendagri code
 * (`"35.73"`, `"35.73.01.1001"`) and reads its first two digits. Returns `null` for a code
 * that names no current province (callers decide the fallback, usually the office's zone).
 */
export function timeZoneForProvince(code: string): TimeZone | null {
  const province = code.trim().slice(0, 2);
  return PROVINCE_TIME_ZONES[province] ?? null;
}

/** True when `value` is one of `WIB`, `WITA`, `WIT`. */
export function isTimeZone(value: string): value is TimeZone {
  return (TIME_ZONES as readonly string[]).includes(value);
}

/** Offset from UTC in minutes: WIB 420, WITA 480, WIT 540. */
export function utcOffsetMinutes(tz: TimeZone): number {
  const offset = OFFSET_MINUTES[tz];
  if (offset === undefined) {
    throw new DomainError<TimeZoneErrorCode>("invalid_time_zone", "Zona waktu tidak dikenal.", { tz });
  }
  return offset;
}

const LOCAL_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;
const pad = (n: number, width = 2): string => String(n).padStart(width, "0");

/**
 * Converts a local wall-clock time (`YYYY-MM-DDTHH:mm` or `…:ss`, no offset — what a
 * `datetime-local` input gives) in `tz` to a UTC ISO instant:
 * `localToUtc("2026-01-09T09:00", "WIB")` → `"2026-01-09T02:00:00.000Z"`.
 */
export function localToUtc(local: string, tz: TimeZone): string {
  const m = LOCAL_TIME.exec(local.trim());
  const parts = m ? m.slice(1).map((p) => (p === undefined ? 0 : Number(p))) : [];
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0] = parts;
  const utcMs = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(utcMs);
  // Date.UTC silently rolls 31 Feb into March and 24:00 into the next day: refuse both.
  if (
    !m ||
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  ) {
    throw new DomainError<TimeZoneErrorCode>(
      "invalid_local_time",
      "Waktu lokal harus berformat YYYY-MM-DDTHH:mm.",
      { value: local },
    );
  }
  return new Date(utcMs - utcOffsetMinutes(tz) * 60_000).toISOString();
}

function toInstant(instant: string | Date): Date {
  const date = typeof instant === "string" ? new Date(instant) : instant;
  if (Number.isNaN(date.getTime())) {
    throw new DomainError<TimeZoneErrorCode>("invalid_instant", "Waktu tidak valid.", {
      value: String(instant),
    });
  }
  return date;
}

/** The instant shifted so that its UTC fields read as the wall clock in `tz`. */
function wallClock(instant: string | Date, tz: TimeZone): Date {
  return new Date(toInstant(instant).getTime() + utcOffsetMinutes(tz) * 60_000);
}

/**
 * Local wall-clock time in `tz` of an instant (ISO string with `Z` or an offset, or a Date),
 * as `YYYY-MM-DDTHH:mm:ss`: `utcToLocal("2026-01-09T02:00:00Z", "WIB")` → `"2026-01-09T09:00:00"`.
 */
export function utcToLocal(instant: string | Date, tz: TimeZone): string {
  const w = wallClock(instant, tz);
  return (
    `${pad(w.getUTCFullYear(), 4)}-${pad(w.getUTCMonth() + 1)}-${pad(w.getUTCDate())}` +
    `T${pad(w.getUTCHours())}:${pad(w.getUTCMinutes())}:${pad(w.getUTCSeconds())}`
  );
}

/** Local calendar date (`YYYY-MM-DD`) in `tz` of an instant. */
export function dateInTimeZone(instant: string | Date, tz: TimeZone): string {
  return utcToLocal(instant, tz).slice(0, 10);
}

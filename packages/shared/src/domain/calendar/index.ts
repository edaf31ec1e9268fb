/**
 * Calendar arithmetic on plain ISO strings — `YYYY-MM-DD` dates and `YYYY-MM` months — with
 * no time zone and no date library. Everything here is proleptic Gregorian.
 */
import { DomainError } from "../errors.ts";

/** A calendar month, `YYYY-MM`. */
export type YearMonth = string;
/** A calendar date, `YYYY-MM-DD`. */
export type IsoDate = string;

/** Codes of the errors thrown by the calendar helpers. */
export type CalendarErrorCode = "invalid_month" | "invalid_date";

const YEAR_MONTH = /^(\d{4})-(\d{2})$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for Gregorian leap years (2000 is one, 1900 is not). */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Number of days in `month` (1–12) of `year`. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** True when year, month (1–12) and day form a real date. */
export function isValidDate(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

/** True when `value` is a well-formed `YYYY-MM` with a month 01–12. */
export function isYearMonth(value: string): boolean {
  const m = YEAR_MONTH.exec(value);
  return m !== null && Number(m[2]) >= 1 && Number(m[2]) <= 12;
}

/** True when `value` is a well-formed `YYYY-MM-DD` naming a real day. */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  return m !== null && isValidDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** Splits `YYYY-MM` into numbers; throws `invalid_month` otherwise. */
export function parseYearMonth(value: YearMonth): { year: number; month: number } {
  const m = YEAR_MONTH.exec(value);
  const year = Number(m?.[1]);
  const month = Number(m?.[2]);
  if (!m || month < 1 || month > 12) {
    throw new DomainError<CalendarErrorCode>("invalid_month", "Bulan harus berformat YYYY-MM.", { value });
  }
  return { year, month };
}

/** Splits `YYYY-MM-DD` into numbers; throws `invalid_date` unless it names a real day. */
export function parseIsoDate(value: IsoDate): { year: number; month: number; day: number } {
  const m = ISO_DATE.exec(value);
  const year = Number(m?.[1]);
  const month = Number(m?.[2]);
  const day = Number(m?.[3]);
  if (!m || !isValidDate(year, month, day)) {
    throw new DomainError<CalendarErrorCode>("invalid_date", "Tanggal harus berformat YYYY-MM-DD.", {
      value,
    });
  }
  return { year, month, day };
}

const pad = (n: number, width = 2): string => String(n).padStart(width, "0");

/** Formats year and month (1–12) as `YYYY-MM`. */
export function formatYearMonth(year: number, month: number): YearMonth {
  return `${pad(year, 4)}-${pad(month)}`;
}

/** Formats a date as `YYYY-MM-DD`. */
export function formatIsoDate(year: number, month: number, day: number): IsoDate {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** A month as a single integer (year × 12 + month − 1), for ordering and differences. */
export function monthOrdinal(value: YearMonth): number {
  const { year, month } = parseYearMonth(value);
  return year * 12 + month - 1;
}

/** Inverse of {@link monthOrdinal}. */
export function monthFromOrdinal(ordinal: number): YearMonth {
  return formatYearMonth(Math.floor(ordinal / 12), (((ordinal % 12) + 12) % 12) + 1);
}

/** `value` moved by `n` months (negative goes back): `addMonths("2025-12", 1)` → `"2026-01"`. */
export function addMonths(value: YearMonth, n: number): YearMonth {
  if (!Number.isInteger(n)) {
    throw new DomainError<CalendarErrorCode>("invalid_month", "Jumlah bulan harus bilangan bulat.", { n });
  }
  return monthFromOrdinal(monthOrdinal(value) + n);
}

/**
 * Signed number of months from `from` to `to`: `monthsBetween("2025-11", "2026-02")` → 3;
 * negative when `to` is earlier.
 */
export function monthsBetween(from: YearMonth, to: YearMonth): number {
  return monthOrdinal(to) - monthOrdinal(from);
}

/** The month a date falls in: `"2026-01-31"` → `"2026-01"`. */
export function monthOfDate(date: IsoDate): YearMonth {
  const { year, month } = parseIsoDate(date);
  return formatYearMonth(year, month);
}

/** First day of a month: `"2026-02"` → `"2026-02-01"`. */
export function firstDayOfMonth(value: YearMonth): IsoDate {
  const { year, month } = parseYearMonth(value);
  return formatIsoDate(year, month, 1);
}

/** Last day of a month: `"2024-02"` → `"2024-02-29"`. */
export function lastDayOfMonth(value: YearMonth): IsoDate {
  const { year, month } = parseYearMonth(value);
  return formatIsoDate(year, month, daysInMonth(year, month));
}

/** Days since 1970-01-01 of a calendar date (no time zone is involved). */
export function dayNumber(date: IsoDate): number {
  const { year, month, day } = parseIsoDate(date);
  // Days-from-civil (H. Hinnant): plain integer arithmetic, valid for any year.
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** Signed number of days from `from` to `to`. */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return dayNumber(to) - dayNumber(from);
}

/** Compares two `YYYY-MM` or two `YYYY-MM-DD` strings (both zero-padded, so text order works). */
export function compareIso(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

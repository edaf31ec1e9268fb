/**
 * NIK (Nomor Induk Kependudukan), the 16-digit national ID: `PPRRSS DDMMYY XXXX`.
 *
 * - `PP RR SS` — province, regency/city and district where the NIK was *issued* (Kemendagri
 *   codes; codes from before a regency split may not be on today's list).
 * - `DD MM YY` — birth date; women have 40 added to the day (a woman born on the 5th has `45`).
 * - `XXXX` — a serial, never `0000`. There is no checksum.
 */
import type { SEXES } from "../../schema/enums.ts";
import { compareIso, formatIsoDate, type IsoDate, isIsoDate, isValidDate } from "../calendar/index.ts";
import { DomainError } from "../errors.ts";
import { dateInTimeZone } from "../timezone/index.ts";

/** `M` or `F`, as the NIK encodes it. */
export type Sex = (typeof SEXES)[number];

/** Why an input is not a NIK. */
export type NikRejection = "length" | "digits" | "birth_date" | "serial";

/** A NIK that passed every structural check, with what it encodes. */
export interface ParsedNik {
  ok: true;
  /** The 16 digits, without separators. */
  nik: string;
  /** `"35"` */
  provinceCode: string;
  /** `"35.73"` (Kemendagri dotted form) */
  regencyCode: string;
  /** `"35.73.01"` */
  districtCode: string;
  /** `YYYY-MM-DD`, century chosen as described at {@link parseNik}. */
  birthDate: IsoDate;
  sex: Sex;
  /** The last four digits, `"0001"`. */
  serial: string;
}

/** An input that is not a NIK, and why. */
export interface RejectedNik {
  ok: false;
  reason: NikRejection;
}

export type NikParseResult = ParsedNik | RejectedNik;

/** Number of digits in a NIK. */
export const NIK_LENGTH = 16;

/** Offset added to the day of birth of women. */
const FEMALE_DAY_OFFSET = 40;

/**
 * Removes what people type between digit groups — spaces, dots, hyphens — so
 * `"3573 0101 0190 0001"` and `"3573.010101.900001"` both become 16 digits.
 */
export function normalizeNik(input: string): string {
  return input.replace(/[\s.-]/g, "");
}

function todayIso(today: IsoDate | Date): IsoDate {
  if (typeof today !== "string") {
    // WIT is the latest of the three zones: nobody in Indonesia is told that a birth "today"
    // lies in the future.
    return dateInTimeZone(today, "WIT");
  }
  if (!isIsoDate(today)) {
    throw new DomainError("invalid_date", "Tanggal acuan harus berformat YYYY-MM-DD.", { value: today });
  }
  return today;
}

/**
 * Decodes and checks a NIK.
 *
 * Separators (spaces, dots, hyphens) are ignored. Rejections, in order of checking: any
 * other non-digit → `digits`; not 16 digits → `length`; day not in 01–31 / 41–71, month not in
 * 01–12, or a day the month lacks (31 Feb, 29 Feb of a common year) → `birth_date`; serial
 * `0000` → `serial`.
 *
 * **Century rule.** The year has two digits. Of the two candidate years in the current and
 * previous century, the later one whose full birth date is not after `today` is taken, so the
 * birth date always falls within the 100 years ending `today` (age 0–99). A person aged 100
 * or more is therefore read 100 years too young; {@link compareNikWithEntered} flags that case
 * as `birth_century_mismatch` when the entered birth date is known.
 *
 * The region is not checked here: see {@link nikRegionStatus}.
 *
 * @param today reference date, `YYYY-MM-DD` or an instant (read as the date in WIT); defaults
 *   to now.
 */
export function parseNik(input: string, today: IsoDate | Date = new Date()): NikParseResult {
  const nik = normalizeNik(input);
  if (/\D/.test(nik)) return { ok: false, reason: "digits" };
  if (nik.length !== NIK_LENGTH) return { ok: false, reason: "length" };

  const rawDay = Number(nik.slice(6, 8));
  const month = Number(nik.slice(8, 10));
  const twoDigitYear = Number(nik.slice(10, 12));
  const sex: Sex = rawDay > FEMALE_DAY_OFFSET ? "F" : "M";
  const day = sex === "F" ? rawDay - FEMALE_DAY_OFFSET : rawDay;

  const reference = todayIso(today);
  const referenceYear = Number(reference.slice(0, 4));
  let year = referenceYear - (referenceYear % 100) + twoDigitYear;
  // Text comparison is enough even for an impossible day such as 31 Feb: it is rejected below.
  if (compareIso(formatIsoDate(year, month, day), reference) > 0) year -= 100;
  if (!isValidDate(year, month, day)) return { ok: false, reason: "birth_date" };

  const serial = nik.slice(12, 16);
  if (serial === "0000") return { ok: false, reason: "serial" };

  const province = nik.slice(0, 2);
  const regency = nik.slice(2, 4);
  const district = nik.slice(4, 6);
  return {
    ok: true,
    nik,
    provinceCode: province,
    regencyCode: `${province}.${regency}`,
    districtCode: `${province}.${regency}.${district}`,
    birthDate: formatIsoDate(year, month, day),
    sex,
    serial,
  };
}

/** What a person entered next to their NIK, to be compared with what the NIK encodes. */
export interface EnteredIdentity {
  birthDate?: IsoDate | null;
  sex?: Sex | null;
}

/**
 * A disagreement between the NIK and the entered data — a warning for the officer, not a
 * rejection (the NIK may be right and the form wrong, or the reverse). Carries no values, so
 * it can be logged without personal data.
 *
 * - `birth_date_mismatch` — the dates differ.
 * - `birth_day_month_swapped` — the entered date is the NIK date with day and month swapped.
 * - `birth_century_mismatch` — same day, month and two-digit year, another century (a person
 *   aged 100+, see the century rule of {@link parseNik}).
 * - `sex_mismatch` — the sex differs from the one the NIK's day encodes.
 */
export interface NikMismatch {
  field: "birthDate" | "sex";
  code: "birth_date_mismatch" | "birth_day_month_swapped" | "birth_century_mismatch" | "sex_mismatch";
}

/** Lists where the entered birth date and sex disagree with the NIK; empty when they agree. */
export function compareNikWithEntered(parsed: ParsedNik, entered: EnteredIdentity): NikMismatch[] {
  const mismatches: NikMismatch[] = [];
  const enteredDate = entered.birthDate;
  if (enteredDate && enteredDate !== parsed.birthDate) {
    const [nikYear, nikMonth, nikDay] = parsed.birthDate.split("-");
    const [year, month, day] = enteredDate.split("-");
    if (year !== nikYear && month === nikMonth && day === nikDay && year?.slice(2) === nikYear?.slice(2)) {
      mismatches.push({ field: "birthDate", code: "birth_century_mismatch" });
    } else if (year === nikYear && month === nikDay && day === nikMonth) {
      mismatches.push({ field: "birthDate", code: "birth_day_month_swapped" });
    } else {
      mismatches.push({ field: "birthDate", code: "birth_date_mismatch" });
    }
  }
  if (entered.sex && entered.sex !== parsed.sex) {
    mismatches.push({ field: "sex", code: "sex_mismatch" });
  }
  return mismatches;
}

/**
 * The NIK as lists show it: first four and last four digits, the rest hidden —
 * `"3573010101900001"` → `"3573••••••••0001"`. Separators are dropped first; an input of eight
 * characters or fewer is hidden entirely.
 */
export function maskNik(nik: string): string {
  const digits = normalizeNik(nik);
  if (digits.length <= 8) return "•".repeat(digits.length);
  return `${digits.slice(0, 4)}${"•".repeat(digits.length - 8)}${digits.slice(-4)}`;
}

/** Whether the NIK's district of issue is on the current Kemendagri list. */
export type NikRegionStatus = "known" | "unknown_region";

/**
 * `known` when the NIK's district code (`35.73.01`) is on the current list, `unknown_region`
 * otherwise. An unknown region is a warning, never a rejection: NIKs issued before a regency
 * split keep the old code.
 *
 * @param isKnownCode tells whether a Kemendagri code exists (backed by `idn-area-data` or the
 *   areas table); kept as a parameter so this module stays free of I/O.
 */
export function nikRegionStatus(parsed: ParsedNik, isKnownCode: (code: string) => boolean): NikRegionStatus {
  return isKnownCode(parsed.districtCode) ? "known" : "unknown_region";
}

/**
 * The most precise of the NIK's district, regency and province codes that is on the current
 * list, or `null` when not even the province is — useful to place a participant whose district
 * code is outdated at least in the right regency or province.
 */
export function deepestKnownNikRegion(
  parsed: ParsedNik,
  isKnownCode: (code: string) => boolean,
): string | null {
  for (const code of [parsed.districtCode, parsed.regencyCode, parsed.provinceCode]) {
    if (isKnownCode(code)) return code;
  }
  return null;
}

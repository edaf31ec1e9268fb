/**
 * Indonesian mobile numbers, normalised to E.164 (`+62812…`) so that one person typed three
 * ways (`0812-3456-7890`, `62 812 3456 7890`, `+6281234567890`) is one number.
 */

/** Why an input is not an Indonesian mobile number. */
export type PhoneRejection =
  | "empty"
  | "characters"
  | "foreign_country_code"
  | "not_mobile"
  | "too_short"
  | "too_long";

/** Result of {@link normalizeIndonesianMobile}. */
export type PhoneParseResult =
  | {
      ok: true;
      /** `+6281234567890` */
      e164: string;
      /** `081234567890`, as people write it. */
      national: string;
    }
  | { ok: false; reason: PhoneRejection };

/** Digits of a mobile number after `+62`: `8`, then a non-zero digit, 9–12 digits in all. */
const MIN_SUBSCRIBER_DIGITS = 9;
const MAX_SUBSCRIBER_DIGITS = 12;

/**
 * Normalises an Indonesian mobile number to E.164.
 *
 * Accepts `08…`, `628…`, `+628…`, and `8…` (the trunk `0` left out), with spaces, hyphens,
 * dots or parentheses anywhere, and a stray `0` after the country code (`+62 0812…`).
 * Rejects: nothing typed → `empty`; letters or other symbols → `characters`; another
 * country's code → `foreign_country_code`; a landline or other non-mobile number (after the
 * country code it does not start with 8 and a non-zero digit) → `not_mobile`; fewer than 9 or
 * more than 12 digits after `+62` → `too_short` / `too_long`.
 */
export function normalizeIndonesianMobile(input: string): PhoneParseResult {
  const compact = input.replace(/[\s\-.()]/g, "");
  if (compact === "") return { ok: false, reason: "empty" };
  if (!/^\+?\d+$/.test(compact)) return { ok: false, reason: "characters" };

  let subscriber: string;
  if (compact.startsWith("+")) {
    if (!compact.startsWith("+62")) return { ok: false, reason: "foreign_country_code" };
    subscriber = compact.slice(3);
  } else if (compact.startsWith("62")) {
    subscriber = compact.slice(2);
  } else if (compact.startsWith("0")) {
    subscriber = compact.slice(1);
  } else {
    subscriber = compact;
  }
  // "+62 0812…" is a common mix of both forms.
  if (subscriber.startsWith("0")) subscriber = subscriber.slice(1);

  if (!/^8[1-9]/.test(subscriber)) {
    return { ok: false, reason: subscriber.length < 2 ? "too_short" : "not_mobile" };
  }
  if (subscriber.length < MIN_SUBSCRIBER_DIGITS) return { ok: false, reason: "too_short" };
  if (subscriber.length > MAX_SUBSCRIBER_DIGITS) return { ok: false, reason: "too_long" };
  return { ok: true, e164: `+62${subscriber}`, national: `0${subscriber}` };
}

/**
 * A normalised number for display, grouped 4-4-rest: `+6281234567890` → `0812-3456-7890`.
 * Returns the input unchanged when it is not an Indonesian mobile number.
 */
export function formatIndonesianMobile(e164: string): string {
  const parsed = normalizeIndonesianMobile(e164);
  if (!parsed.ok) return e164;
  const n = parsed.national;
  return `${n.slice(0, 4)}-${n.slice(4, 8)}-${n.slice(8)}`;
}

/** A phone number with the middle hidden, for lists: `+6281234567890` → `+62812••••7890`. */
export function maskPhone(e164: string): string {
  if (e164.length <= 10) return "•".repeat(e164.length);
  return `${e164.slice(0, 6)}${"•".repeat(e164.length - 10)}${e164.slice(-4)}`;
}

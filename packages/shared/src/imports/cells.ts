/**
 * Cell-level hygiene for spreadsheets coming in and going out: formula detection (a list
 * must carry values, not formulas) and CSV/formula injection escaping on export (OWASP
 * "CSV Injection"): text starting with `=`, `+`, `-`, `@`, a tab or a carriage return is
 * read as a formula by Excel and LibreOffice.
 */

/** A signed plain number or phone number: `+62 812-3456-7890`, `-5`, `(0351) 123`. */
const PLAIN_SIGNED_NUMBER = /^[+-][\d\s().,-]*$/;

/**
 * True when a spreadsheet program would evaluate this text as a formula. A leading `+` or
 * `-` followed only by digits and separators (a phone number, a negative number) is a value.
 */
export function isFormulaLike(text: string): boolean {
  const s = text.replace(/^[\s\u00a0]+/, "");
  if (s === "") return false;
  const first = s[0];
  if (first === "=" || first === "@") return true;
  if (first === "+" || first === "-") return !PLAIN_SIGNED_NUMBER.test(s);
  return false;
}

/**
 * Text made safe to put in an exported CSV or XLSX cell: formula-like text, or text starting
 * with a tab or carriage return, is prefixed with an apostrophe so it is shown, never run.
 */
export function escapeSpreadsheetText(text: string): string {
  if (/^[\t\r]/.test(text) || isFormulaLike(text)) return `'${text}`;
  return text;
}

/** U+FFFD, what a decoder puts where bytes were not valid UTF-8. */
export const REPLACEMENT_CHARACTER = "\uFFFD";

/** True when the text carries the mark of a broken encoding. */
export function hasBrokenEncoding(text: string): boolean {
  return text.includes(REPLACEMENT_CHARACTER);
}

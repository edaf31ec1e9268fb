/**
 * Structured one-line JSON logs. Callers pass ids, codes and counts — never personal data.
 * Request lines carry the path without its query string, and no route takes personal data
 * in its path.
 */
let silent = false;

export function setLogSilent(value: boolean): void {
  silent = value;
}

export function logLine(fields: Record<string, unknown>): void {
  if (silent) return;
  console.log(JSON.stringify({ t: new Date().toISOString(), ...fields }));
}

/**
 * Limits of a list import, shared by the SPA (refuses before reading or uploading) and the
 * API (refuses whatever a client sends anyway).
 */
export const IMPORT_LIMITS = {
  /** One uploaded file. A 50,000-row list is about 5 MB as CSV and 3 MB as XLSX. */
  maxFileBytes: 20 * 1024 * 1024,
  /** Data rows per file. */
  maxRows: 100_000,
  /** Rows per staged chunk: one request, one `db.batch`, bounded server memory. */
  chunkRows: 1_000,
  /** One chunk request body (1,000 rows of about 300 bytes, with room). */
  maxChunkBytes: 2 * 1024 * 1024,
  /** Characters per cell; longer is not a name, an address or a code. */
  maxCellChars: 500,
  /** Columns per file. */
  maxColumns: 60,
  /** Sign-ups committed per commit request. */
  commitRows: 500,
} as const;

/** `20 MB` — how the SPA and the error messages state a byte limit. */
export function megabytes(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MB`;
}

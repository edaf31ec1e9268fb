/**
 * Reads an uploaded list (CSV or XLSX) into rows of text, in the browser — where the SPA
 * does it before streaming rows to the API — and in Node, where the tests do the same.
 *
 * Why in the client: an XLSX reader (exceljs, ~250 KB gzip, its streaming reader needs
 * Node's fs/stream) does not fit a Cloudflare Worker's bundle, and reading the file where it
 * is lets the upload go out as resumable 1,000-row chunks, so the server never holds a file.
 * The server still re-checks every row (formula-like text, broken characters, the sign-up
 * rules) and never trusts the client's verdict.
 */
import type { CellValue, Worksheet } from "exceljs";
import Papa from "papaparse";
import { normalizeHeader } from "./fields.ts";
import { IMPORT_LIMITS, megabytes } from "./limits.ts";

export type ListFileFormat = "csv" | "xlsx";

/** One data row as the sheet numbers it (the header is usually row 1, data starts at 2). */
export interface ListRow {
  rowNumber: number;
  cells: string[];
  /** Columns (0-based) whose XLSX cell held a formula; its cached result is in `cells`. */
  formulaColumns: number[];
  /** Columns whose XLSX cell held a number, not text (a NIK typed as a number loses digits). */
  numberColumns: number[];
  /** The CSV record could not be read as fields (an unclosed quote, more fields than headers). */
  malformed: boolean;
}

export interface ListFile {
  format: ListFileFormat;
  headers: string[];
  rows: ListRow[];
  /** Sheet row of the header. */
  headerRow: number;
  /** XLSX: the worksheet read. */
  sheetName?: string;
}

export type ListFileRefusalCode =
  | "file_empty"
  | "file_too_large"
  | "unsupported_file_type"
  | "legacy_excel"
  | "not_a_spreadsheet"
  | "invalid_encoding"
  | "no_header"
  | "too_many_rows"
  | "too_many_columns";

/** The file is refused as a whole; `details` carries no cell values. */
export class ListFileRefusal extends Error {
  constructor(
    readonly code: ListFileRefusalCode,
    message: string,
    readonly details: Record<string, string | number> = {},
  ) {
    super(message);
    this.name = "ListFileRefusal";
  }
}

const startsWith = (bytes: Uint8Array, magic: readonly number[]) => magic.every((b, i) => bytes[i] === b);

/** Formats told apart by their first bytes, whatever the file's name says. */
const BINARY_SIGNATURES: readonly { magic: number[]; kind: string }[] = [
  { magic: [0x25, 0x50, 0x44, 0x46], kind: "PDF" },
  { magic: [0x89, 0x50, 0x4e, 0x47], kind: "PNG" },
  { magic: [0xff, 0xd8, 0xff], kind: "JPEG" },
  { magic: [0x47, 0x49, 0x46, 0x38], kind: "GIF" },
  { magic: [0x1f, 0x8b], kind: "GZIP" },
  { magic: [0x4d, 0x5a], kind: "EXE" },
  { magic: [0x52, 0x61, 0x72, 0x21], kind: "RAR" },
  { magic: [0x37, 0x7a, 0xbc, 0xaf], kind: "7Z" },
];
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/**
 * The format from the content: ZIP → XLSX (checked again when opened), OLE → legacy .xls
 * (refused), a known binary → refused, text without NUL bytes → CSV.
 */
export function detectListFormat(bytes: Uint8Array): ListFileFormat {
  if (bytes.length === 0) throw new ListFileRefusal("file_empty", "Berkas kosong.");
  if (startsWith(bytes, ZIP)) return "xlsx";
  if (startsWith(bytes, OLE)) {
    throw new ListFileRefusal(
      "legacy_excel",
      "Berkas Excel lama (.xls) tidak didukung. Simpan ulang sebagai .xlsx atau CSV UTF-8.",
    );
  }
  for (const sig of BINARY_SIGNATURES) {
    if (startsWith(bytes, sig.magic)) {
      throw new ListFileRefusal(
        "unsupported_file_type",
        `Berkas ini ${sig.kind}, bukan daftar. Unggah CSV atau XLSX.`,
        { detected: sig.kind },
      );
    }
  }
  if (isUtf16(bytes)) return "csv";
  const head = bytes.subarray(0, 64 * 1024);
  if (head.includes(0)) {
    throw new ListFileRefusal("unsupported_file_type", "Berkas ini bukan teks CSV maupun XLSX.", {
      detected: "binary",
    });
  }
  return "csv";
}

const isUtf16 = (b: Uint8Array) => (b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff);

/**
 * CSV text from bytes: UTF-8 (BOM optional) or UTF-16 with a BOM (Excel's "Unicode text").
 * Bytes that are not valid UTF-8 (a file saved as ANSI/Windows-1252) refuse the file, naming
 * the first line where it happens.
 */
export function decodeCsvText(bytes: Uint8Array): string {
  if (isUtf16(bytes)) {
    return new TextDecoder(bytes[0] === 0xff ? "utf-16le" : "utf-16be").decode(bytes);
  }
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const text = new TextDecoder("utf-8").decode(bytes);
    const at = text.indexOf("\uFFFD");
    const line = at < 0 ? 1 : text.slice(0, at).split("\n").length;
    throw new ListFileRefusal(
      "invalid_encoding",
      `Berkas bukan UTF-8: karakter pada baris ${line} tidak dapat dibaca. Simpan ulang sebagai "CSV UTF-8".`,
      { line },
    );
  }
}

/**
 * The header row: among the first 20 non-empty rows, the one naming the most known columns
 * (a lurah's sheet often has a title row above the header); failing that, the first row with
 * at least two filled cells.
 */
function findHeaderIndex(rows: readonly string[][], knownHeaders: ReadonlySet<string>): number {
  let best = -1;
  let bestScore = 0;
  let firstWide = -1;
  for (let i = 0; i < Math.min(rows.length, 20); i++) {
    const cells = rows[i] ?? [];
    const filled = cells.filter((c) => c.trim() !== "");
    if (filled.length >= 2 && firstWide < 0) firstWide = i;
    const score = filled.filter((c) => knownHeaders.has(normalizeHeader(c))).length;
    if (score > bestScore) {
      best = i;
      bestScore = score;
    }
  }
  return bestScore >= 2 ? best : firstWide;
}

/** Header texts made unique and non-empty, so each can be mapped: "No", "No (2)", "Kolom 5". */
function uniqueHeaders(cells: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return cells.map((raw, i) => {
    const base = raw.trim() || `Kolom ${i + 1}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base} (${n})`;
  });
}

function checkShape(headers: string[], dataRows: number) {
  if (headers.length > IMPORT_LIMITS.maxColumns) {
    throw new ListFileRefusal(
      "too_many_columns",
      `Berkas memiliki ${headers.length} kolom; paling banyak ${IMPORT_LIMITS.maxColumns}.`,
      { columns: headers.length, limit: IMPORT_LIMITS.maxColumns },
    );
  }
  if (dataRows > IMPORT_LIMITS.maxRows) {
    throw new ListFileRefusal(
      "too_many_rows",
      `Berkas memiliki ${dataRows} baris; paling banyak ${IMPORT_LIMITS.maxRows} per unggahan. Bagi berkas menjadi beberapa bagian.`,
      { rows: dataRows, limit: IMPORT_LIMITS.maxRows },
    );
  }
}

const isBlank = (cells: readonly string[]) => cells.every((c) => c.trim() === "");

/** Reads CSV bytes (delimiter detected: Indonesian Excel writes `;`). */
export function readCsv(bytes: Uint8Array, knownHeaders: ReadonlySet<string>): ListFile {
  const text = decodeCsvText(bytes);
  const parsed = Papa.parse<string[]>(text, { header: false, skipEmptyLines: false });
  const broken = new Set(parsed.errors.filter((e) => e.code !== "UndetectableDelimiter").map((e) => e.row));
  const records = parsed.data;
  const headerIndex = findHeaderIndex(records, knownHeaders);
  if (headerIndex < 0) {
    throw new ListFileRefusal("no_header", "Baris judul kolom tidak ditemukan di 20 baris pertama.");
  }
  const headers = uniqueHeaders(records[headerIndex] ?? []);
  const rows: ListRow[] = [];
  for (let i = headerIndex + 1; i < records.length; i++) {
    const cells = records[i] ?? [];
    if (isBlank(cells)) continue;
    const extra = cells.slice(headers.length).some((c) => c.trim() !== "");
    rows.push({
      rowNumber: i + 1,
      cells: cells.slice(0, headers.length),
      formulaColumns: [],
      numberColumns: [],
      malformed: broken.has(i) || extra,
    });
  }
  checkShape(headers, rows.length);
  return { format: "csv", headers, rows, headerRow: headerIndex + 1 };
}

const pad = (n: number) => String(n).padStart(2, "0");
const isoDateOf = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;

/** A cell's value as the text the person sees; formulas give their cached result. */
function cellText(value: CellValue): { text: string; formula: boolean; number: boolean } {
  if (value === null || value === undefined) return { text: "", formula: false, number: false };
  if (typeof value === "string") return { text: value, formula: false, number: false };
  if (typeof value === "number") return { text: String(value), formula: false, number: true };
  if (typeof value === "boolean") return { text: value ? "TRUE" : "FALSE", formula: false, number: false };
  if (value instanceof Date) return { text: isoDateOf(value), formula: false, number: false };
  if ("formula" in value || "sharedFormula" in value) {
    const inner = cellText((value.result ?? null) as CellValue);
    return { ...inner, formula: true };
  }
  if ("richText" in value)
    return { text: value.richText.map((r) => r.text).join(""), formula: false, number: false };
  if ("hyperlink" in value) return { text: String(value.text ?? ""), formula: false, number: false };
  if ("error" in value) return { text: String(value.error), formula: false, number: false };
  return { text: "", formula: false, number: false };
}

/** Reads the first worksheet that has data from XLSX bytes (exceljs, loaded on demand). */
export async function readXlsx(bytes: Uint8Array, knownHeaders: ReadonlySet<string>): Promise<ListFile> {
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    );
  } catch {
    throw new ListFileRefusal(
      "not_a_spreadsheet",
      "Berkas ZIP ini bukan buku kerja Excel (.xlsx) yang dapat dibaca.",
    );
  }
  const sheet: Worksheet | undefined = workbook.worksheets.find((ws) => ws.actualRowCount > 0);
  if (!sheet) throw new ListFileRefusal("file_empty", "Buku kerja tidak berisi data.");

  const width = Math.min(sheet.actualColumnCount, IMPORT_LIMITS.maxColumns + 1);
  const texts: string[][] = [];
  const numbers: number[] = [];
  const meta: { formula: number[]; number: number[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    const formula: number[] = [];
    const number: number[] = [];
    const lastColumn = Math.max(width, row.cellCount);
    for (let col = 1; col <= lastColumn; col++) {
      const t = cellText(row.getCell(col).value);
      cells.push(t.text);
      if (t.formula) formula.push(col - 1);
      if (t.number) number.push(col - 1);
    }
    texts.push(cells);
    numbers.push(rowNumber);
    meta.push({ formula, number });
  });
  const headerIndex = findHeaderIndex(texts, knownHeaders);
  if (headerIndex < 0) {
    throw new ListFileRefusal("no_header", "Baris judul kolom tidak ditemukan di 20 baris pertama.");
  }
  const headerCells = texts[headerIndex] ?? [];
  let lastHeader = headerCells.length;
  while (lastHeader > 0 && (headerCells[lastHeader - 1] ?? "").trim() === "") lastHeader--;
  const headers = uniqueHeaders(headerCells.slice(0, lastHeader));
  const rows: ListRow[] = [];
  for (let i = headerIndex + 1; i < texts.length; i++) {
    const cells = texts[i] ?? [];
    if (isBlank(cells)) continue;
    const m = meta[i] ?? { formula: [], number: [] };
    rows.push({
      rowNumber: numbers[i] ?? i + 1,
      cells: cells.slice(0, headers.length),
      formulaColumns: m.formula.filter((c) => c < headers.length),
      numberColumns: m.number.filter((c) => c < headers.length),
      malformed: cells.slice(headers.length).some((c) => c.trim() !== ""),
    });
  }
  checkShape(headers, rows.length);
  return { format: "xlsx", headers, rows, headerRow: numbers[headerIndex] ?? 1, sheetName: sheet.name };
}

/**
 * Reads a list file: size cap, format from the content (not the name), then CSV or XLSX.
 * Throws {@link ListFileRefusal} for a file refused as a whole.
 */
export async function readListFile(bytes: Uint8Array, knownHeaders: ReadonlySet<string>): Promise<ListFile> {
  if (bytes.byteLength > IMPORT_LIMITS.maxFileBytes) {
    throw new ListFileRefusal(
      "file_too_large",
      `Berkas ${megabytes(bytes.byteLength)} melebihi batas ${megabytes(IMPORT_LIMITS.maxFileBytes)}.`,
      { bytes: bytes.byteLength, limit: IMPORT_LIMITS.maxFileBytes },
    );
  }
  const format = detectListFormat(bytes);
  return format === "xlsx" ? readXlsx(bytes, knownHeaders) : readCsv(bytes, knownHeaders);
}

/** One row as it travels to the API: mapped to our fields, with what the reader noticed. */
export interface UploadRow {
  rowNumber: number;
  values: Record<string, string>;
  formulaFields?: string[];
  numberFields?: string[];
  malformed?: boolean;
}

/** Applies the column mapping to a read row. */
export function toUploadRow(
  row: ListRow,
  headers: readonly string[],
  mapping: Record<string, string>,
): UploadRow {
  const values: Record<string, string> = {};
  const formulaFields: string[] = [];
  const numberFields: string[] = [];
  for (const [field, header] of Object.entries(mapping)) {
    const col = headers.indexOf(header);
    if (col < 0) continue;
    values[field] = (row.cells[col] ?? "").slice(0, IMPORT_LIMITS.maxCellChars + 1);
    if (row.formulaColumns.includes(col)) formulaFields.push(field);
    if (row.numberColumns.includes(col)) numberFields.push(field);
  }
  const out: UploadRow = { rowNumber: row.rowNumber, values };
  if (formulaFields.length) out.formulaFields = formulaFields;
  if (numberFields.length) out.numberFields = numberFields;
  if (row.malformed) out.malformed = true;
  return out;
}

/** Known header names of a kind's fields, normalised, for the header-row search. */
export function knownHeaderSet(fields: readonly { aliases: readonly string[] }[]): Set<string> {
  return new Set(fields.flatMap((f) => f.aliases.map(normalizeHeader)));
}

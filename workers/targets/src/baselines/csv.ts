import Papa from "papaparse";
import * as v from "valibot";
import { type BaselineInput, baselineBody } from "./validation.ts";

/**
 * Historical totals from a spreadsheet, one row per office (or regency), year and segment:
 *
 *   kantor,tahun,segmen,kab_kota,jumlah,sumber
 *   KC-BLITAR,2020,bpu,,3650,Laporan tahunan 2020
 *   KC-BLITAR,2021,bpu,,17.189,Rekap Januari–November 2021
 *
 * `kantor` is the office code (or id); `kab_kota` empty means the whole office; `jumlah` may
 * carry Indonesian thousands separators (17.189). English headers (office, year, segment,
 * regency, total, source) are accepted too.
 */
export const MAX_CSV_BYTES = 1_000_000;
export const MAX_CSV_ROWS = 5_000;

export interface RowIssue {
  /** Line in the file (the header is line 1). */
  row: number;
  path: string;
  code: string;
  message: string;
}

export interface CsvRecord {
  row: number;
  input: BaselineInput;
}

const HEADERS: Record<string, keyof BaselineInput> = {
  kantor: "officeId",
  office: "officeId",
  tahun: "year",
  year: "year",
  segmen: "segment",
  segment: "segment",
  kab_kota: "regencyCode",
  kabupaten_kota: "regencyCode",
  regency: "regencyCode",
  jumlah: "total",
  total: "total",
  sumber: "source",
  source: "source",
};
const REQUIRED: (keyof BaselineInput)[] = ["officeId", "year", "segment", "total"];

/** "17.189", "17,189", "17 189" or "17189" → 17189; anything else → NaN. */
export function parseCount(text: string): number {
  const s = text.trim().replace(/\s/g, "");
  if (/^-?\d+$/.test(s)) return Number(s);
  if (/^\d{1,3}([.,]\d{3})+$/.test(s)) return Number(s.replace(/[.,]/g, ""));
  return Number.NaN;
}

/**
 * Parse the file and validate each row on its own: a bad row is reported with its line and
 * field, and never stops the others. `officeOf` maps a code or id to an office id.
 */
export function readBaselineCsv(
  text: string,
  officeOf: (codeOrId: string) => string | undefined,
): { records: CsvRecord[]; issues: RowIssue[] } {
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ""), {
    header: true,
    skipEmptyLines: "greedy",
    transformHeader: (h) =>
      h
        .trim()
        .toLowerCase()
        .replace(/[\s/]+/g, "_"),
  });
  const issues: RowIssue[] = [];
  const fields = (parsed.meta.fields ?? []).map((f) => HEADERS[f]);
  const missing = REQUIRED.filter((f) => !fields.includes(f));
  if (missing.length) {
    return {
      records: [],
      issues: missing.map((f) => ({
        row: 1,
        path: f,
        code: "missing_column",
        message: "Kolom wajib tidak ada di baris judul (kantor, tahun, segmen, jumlah).",
      })),
    };
  }
  if (parsed.data.length > MAX_CSV_ROWS) {
    return {
      records: [],
      issues: [
        {
          row: 1,
          path: "(file)",
          code: "too_many_rows",
          message: `Paling banyak ${MAX_CSV_ROWS} baris per berkas.`,
        },
      ],
    };
  }
  const records: CsvRecord[] = [];
  const seen = new Map<string, number>();
  parsed.data.forEach((raw, i) => {
    const row = i + 2;
    const cell: Partial<Record<keyof BaselineInput, string>> = {};
    for (const [header, value] of Object.entries(raw)) {
      const key = HEADERS[header];
      if (key) cell[key] = (value ?? "").trim();
    }
    const officeText = cell.officeId ?? "";
    const officeId = officeOf(officeText);
    if (!officeId) {
      issues.push({ row, path: "officeId", code: "unknown_office", message: "Kode kantor tidak dikenal." });
      return;
    }
    const candidate = {
      officeId,
      year: parseCount(cell.year ?? ""),
      segment: (cell.segment ?? "").toLowerCase(),
      regencyCode: cell.regencyCode ?? "",
      total: parseCount(cell.total ?? ""),
      source: cell.source ? cell.source : null,
    };
    const result = v.safeParse(baselineBody, candidate);
    if (!result.success) {
      for (const issue of result.issues) {
        const path = issue.path?.map((p) => String(p.key)).join(".") || "(row)";
        issues.push({ row, path, code: "invalid", message: issue.message });
      }
      return;
    }
    const key = `${officeId}|${result.output.year}|${result.output.segment}|${result.output.regencyCode}`;
    const first = seen.get(key);
    if (first !== undefined) {
      issues.push({
        row,
        path: "(row)",
        code: "duplicate_row",
        message: `Baris ini mengulang baris ${first} (kantor, tahun, segmen dan wilayah sama).`,
      });
      return;
    }
    seen.set(key, row);
    records.push({ row, input: result.output });
  });
  for (const e of parsed.errors) {
    // Field-count errors also surface as invalid fields above; quoting errors do not.
    if (e.row !== undefined && e.type === "Quotes") {
      issues.push({ row: e.row + 2, path: "(row)", code: "malformed_row", message: "Baris CSV rusak." });
    }
  }
  return { records, issues };
}

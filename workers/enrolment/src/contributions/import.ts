import type { Db } from "@jangkau/shared/db/index";
import { formatYearMonth, isValidDate, type YearMonth } from "@jangkau/shared/domain/calendar/index";
import type { Payer } from "@jangkau/shared/domain/contribution/index";
import { NIK_LENGTH, normalizeNik } from "@jangkau/shared/domain/nik/index";
import { type FieldIssue, ValidationError } from "@jangkau/shared/errors";
import { importBatches, importRows, participants, signups } from "@jangkau/shared/schema/index";
import type { NikVault } from "@jangkau/shared/security/nik-vault";
import { and, eq, inArray, ne, type SQL } from "drizzle-orm";
import { loadPaymentFacts, type SignupPaymentFacts } from "../followups/service.ts";
import {
  type ContributionEntry,
  type ContributionIssue,
  type ContributionRules,
  checkEntry,
  type EntryCheck,
  knownPartners,
} from "./service.ts";
import type { ContributionImportBody } from "./validation.ts";

/**
 * The payment-status export a branch receives, as Jangkau reads it. Columns (header names are
 * matched without case, spaces, `_`, `-` or `.`; the first of each list is the documented name):
 *
 * | column          | also accepted                                   | required     | format                                  |
 * |-----------------|-------------------------------------------------|--------------|-----------------------------------------|
 * | `kpj`           | no kpj, nomor kpj, no kartu                     | kpj or nik   | the participant's KPJ card number       |
 * | `nik`           | no ktp, nomor ktp, nomor induk kependudukan     | kpj or nik   | 16 digits                               |
 * | `bulan`         | periode, bulan iuran, masa iuran                | yes          | `2026-05`, `05/2026`, `05-2026`         |
 * | `jumlah`        | nominal, iuran, jumlah iuran, jumlah bayar      | yes          | whole rupiah: `8400`, `8.400`, `Rp8.400` |
 * | `pembayar`      | sumber dana, sumber iuran                       | no           | mandiri, csr, apbd, apbn, paguyuban     |
 * | `tanggal_bayar` | tanggal bayar, tgl bayar, tanggal pembayaran    | no           | `2026-05-20` or `20/05/2026`            |
 *
 * A row is matched by KPJ, else by the NIK's keyed hash, among the live sign-ups of the
 * uploading office (and its branches) in the caller's scope; a row that names both must name
 * the same person. Each row is then checked
 * like a manual entry (month not before sign-up, not already paid, amount as the rules say).
 * Flagged rows are reported by row number and code — never with their values.
 */
export const CONTRIBUTION_IMPORT_COLUMNS = [
  { key: "kpj", aliases: ["kpj", "no kpj", "nomor kpj", "no kartu", "nomor kartu peserta"] },
  { key: "nik", aliases: ["nik", "no ktp", "nomor ktp", "no nik", "nomor induk kependudukan"] },
  { key: "month", aliases: ["bulan", "periode", "bulan iuran", "masa iuran", "periode iuran"] },
  { key: "amount", aliases: ["jumlah", "nominal", "iuran", "jumlah iuran", "jumlah bayar"] },
  { key: "payer", aliases: ["pembayar", "sumber dana", "sumber iuran"] },
  { key: "paidAt", aliases: ["tanggal bayar", "tgl bayar", "tanggal pembayaran", "tgl pembayaran"] },
] as const;

export type ImportColumn = (typeof CONTRIBUTION_IMPORT_COLUMNS)[number]["key"];

const LABEL: Record<ImportColumn, string> = {
  kpj: "kpj",
  nik: "nik",
  month: "bulan",
  amount: "jumlah",
  payer: "pembayar",
  paidAt: "tanggal_bayar",
};

export const normalizeHeader = (h: string) =>
  h
    .toLowerCase()
    .replace(/[_\-.]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();

/** Column index per field; refuses the file when `bulan`, `jumlah` or both identifiers are missing. */
export function mapColumns(headers: readonly string[]): Partial<Record<ImportColumn, number>> {
  const normalized = headers.map(normalizeHeader);
  const map: Partial<Record<ImportColumn, number>> = {};
  for (const col of CONTRIBUTION_IMPORT_COLUMNS) {
    const at = normalized.findIndex((h) => (col.aliases as readonly string[]).includes(h));
    if (at >= 0) map[col.key] = at;
  }
  const issues: FieldIssue[] = [];
  for (const key of ["month", "amount"] as const) {
    if (map[key] === undefined) {
      issues.push({
        path: `headers.${LABEL[key]}`,
        code: "missing_column",
        message: `Kolom "${LABEL[key]}" tidak ada.`,
      });
    }
  }
  if (map.kpj === undefined && map.nik === undefined) {
    issues.push({ path: "headers.kpj", code: "missing_column", message: 'Perlu kolom "kpj" atau "nik".' });
  }
  if (issues.length)
    throw new ValidationError("Kolom berkas iuran tidak lengkap.", issues, "missing_columns");
  return map;
}

const MONTH_PATTERNS: [RegExp, (m: RegExpExecArray) => [number, number]][] = [
  [/^(\d{4})[-/](\d{1,2})$/, (m) => [Number(m[1]), Number(m[2])]],
  [/^(\d{1,2})[-/](\d{4})$/, (m) => [Number(m[2]), Number(m[1])]],
];

/** `2026-05`, `2026/5`, `05/2026`, `5-2026` → `2026-05`; null otherwise. */
export function parseImportMonth(text: string): YearMonth | null {
  const s = text.trim();
  for (const [re, pick] of MONTH_PATTERNS) {
    const m = re.exec(s);
    if (!m) continue;
    const [year, month] = pick(m);
    if (month >= 1 && month <= 12 && year >= 2000 && year <= 2100) return formatYearMonth(year, month);
  }
  return null;
}

/** Whole rupiah from `16800`, `16.800`, `Rp 16.800`, `16.800,00`; null for anything else. */
export function parseRupiah(text: string): number | null {
  const s = text.replace(/^\s*rp\.?\s*/i, "").replace(/\s/g, "");
  const m = /^(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{1,2}))?$/.exec(s);
  if (!m) return null;
  if (m[2] !== undefined && Number(m[2]) !== 0) return null;
  const value = Number((m[1] ?? "").replace(/\./g, ""));
  return Number.isSafeInteger(value) ? value : null;
}

/** `2026-05-20` or `20/05/2026`, `20-05-2026` → `2026-05-20`; null otherwise. */
export function parseImportDate(text: string): string | null {
  const s = text.trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  let y: number;
  let mo: number;
  let d: number;
  if (m) [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else {
    m = /^(\d{1,2})[/-](\d{1,2})[/-](\d{4})$/.exec(s);
    if (!m) return null;
    [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  }
  if (!isValidDate(y, mo, d)) return null;
  return `${String(y).padStart(4, "0")}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

const PAYER_WORDS: Record<string, Payer> = {
  mandiri: "self",
  sendiri: "self",
  self: "self",
  csr: "csr",
  apbd: "apbd",
  apbn: "apbn",
  paguyuban: "paguyuban",
  komunitas: "paguyuban",
};

/** Text a spreadsheet would run as a formula (`=`, `@`, or `+`/`-` not followed by a number). */
export function isFormulaText(text: string): boolean {
  const s = text.trimStart();
  if (s.startsWith("=") || s.startsWith("@")) return true;
  return (s.startsWith("+") || s.startsWith("-")) && !/^[+-][\d\s().,-]*$/.test(s);
}

/** A row after reading its cells: the identifiers and the entry, or why it cannot be used. */
type ParsedRow =
  | {
      rowNumber: number;
      ok: true;
      kpj: string | null;
      nik: string | null;
      entry: Omit<ContributionEntry, "participantId">;
    }
  | { rowNumber: number; ok: false; issue: Omit<ContributionIssue, "status"> };

function rowIssue(rowNumber: number, column: ImportColumn | "row", code: string, message: string): ParsedRow {
  return { rowNumber, ok: false, issue: { field: column === "row" ? "row" : LABEL[column], code, message } };
}

export function parseRow(
  row: ContributionImportBody["rows"][number],
  columns: Partial<Record<ImportColumn, number>>,
): ParsedRow {
  const n = row.rowNumber;
  if (row.malformed)
    return rowIssue(
      n,
      "row",
      "malformed_row",
      "Baris tidak dapat dibaca (tanda kutip atau jumlah kolom rusak).",
    );
  const value: Partial<Record<ImportColumn, string>> = {};
  for (const col of CONTRIBUTION_IMPORT_COLUMNS) {
    const at = columns[col.key];
    if (at === undefined) continue;
    const text = row.cells[at] ?? "";
    if (row.formulaColumns?.includes(at) || isFormulaText(text)) {
      return rowIssue(n, col.key, "formula_not_allowed", "Sel berisi rumus; isi daftar harus berupa nilai.");
    }
    if (text.includes("\uFFFD")) {
      return rowIssue(
        n,
        col.key,
        "broken_encoding",
        "Sel berisi karakter rusak; simpan ulang berkas sebagai UTF-8.",
      );
    }
    value[col.key] = text.trim();
  }
  const kpj = value.kpj ? value.kpj.replace(/\s+/g, "") : null;
  let nik: string | null = null;
  if (value.nik) {
    nik = normalizeNik(value.nik);
    if (!new RegExp(`^\\d{${NIK_LENGTH}}$`).test(nik))
      return rowIssue(n, "nik", "invalid_nik", "NIK harus 16 digit.");
  }
  if (!kpj && !nik) return rowIssue(n, "kpj", "identifier_required", "Baris tanpa KPJ maupun NIK.");
  const month = parseImportMonth(value.month ?? "");
  if (!month) return rowIssue(n, "month", "invalid_month", "Bulan harus berformat YYYY-MM atau MM/YYYY.");
  const amount = parseRupiah(value.amount ?? "");
  if (amount === null) return rowIssue(n, "amount", "invalid_amount", "Jumlah harus bilangan bulat rupiah.");
  let payer: Payer | null = null;
  if (value.payer) {
    payer = PAYER_WORDS[value.payer.toLowerCase()] ?? null;
    if (!payer)
      return rowIssue(n, "payer", "invalid_payer", "Pembayar harus mandiri, csr, apbd, apbn atau paguyuban.");
  }
  let paidAt: string | null = null;
  if (value.paidAt) {
    paidAt = parseImportDate(value.paidAt);
    if (!paidAt)
      return rowIssue(
        n,
        "paidAt",
        "invalid_date",
        "Tanggal bayar harus berformat YYYY-MM-DD atau DD/MM/YYYY.",
      );
  }
  return { rowNumber: n, ok: true, kpj, nik, entry: { month, amount, payer, paidAt } };
}

/** One row's outcome in the report. */
export interface ImportRowReport {
  rowNumber: number;
  status: "recorded" | "error" | "duplicate" | "unmatched";
  field?: string;
  code?: string;
  message?: string;
  details?: Record<string, unknown>;
}

export interface CheckedImport {
  rows: ImportRowReport[];
  accepted: Extract<EntryCheck, { ok: true }>[];
  /** Per row: the matched sign-up and the NIK hash, for the staged row. */
  matched: Map<number, { signupId: string | null; nikHash: string | null }>;
}

/**
 * Read, match and check every row; nothing is written. `scope` limits matching to the live
 * sign-ups the caller may see, so a row for someone elsewhere reads as unmatched.
 */
export async function checkImport(
  db: Db,
  body: ContributionImportBody,
  ctx: {
    vault: NikVault;
    scope: SQL | undefined;
    rules: ContributionRules;
    now: Date;
    recordedBy: string;
    batchId: string;
  },
): Promise<CheckedImport> {
  const columns = mapColumns(body.headers);
  const parsed = body.rows.map((r) => parseRow(r, columns));
  const good = parsed.filter((p): p is Extract<ParsedRow, { ok: true }> => p.ok);

  const nikHashes = new Map<number, string>();
  for (const p of good) if (p.nik) nikHashes.set(p.rowNumber, await ctx.vault.hash(p.nik));
  const kpjs = [...new Set(good.map((p) => p.kpj).filter((k): k is string => k !== null))];
  const hashes = [...new Set(nikHashes.values())];
  const byKpj = new Map<string, string>();
  const byNik = new Map<string, string>();
  for (let i = 0; i < Math.max(kpjs.length, hashes.length); i += 500) {
    const kChunk = kpjs.slice(i, i + 500);
    const hChunk = hashes.slice(i, i + 500);
    if (kChunk.length) {
      for (const r of await db
        .select({ id: participants.id, kpj: participants.kpj })
        .from(participants)
        .where(inArray(participants.kpj, kChunk))) {
        if (r.kpj) byKpj.set(r.kpj, r.id);
      }
    }
    if (hChunk.length) {
      for (const r of await db
        .select({ id: participants.id, nikHash: participants.nikHash })
        .from(participants)
        .where(inArray(participants.nikHash, hChunk))) {
        byNik.set(r.nikHash, r.id);
      }
    }
  }
  const candidateIds = [...new Set([...byKpj.values(), ...byNik.values()])];
  const facts = new Map<string, SignupPaymentFacts>();
  for (let i = 0; i < candidateIds.length; i += 500) {
    for (const f of await loadPaymentFacts(
      db,
      and(
        inArray(signups.participantId, candidateIds.slice(i, i + 500)),
        ne(signups.status, "rejected"),
        ctx.scope,
      ),
    )) {
      facts.set(f.participantId, f);
    }
  }
  const partnerIds = await knownPartners(
    db,
    [...facts.values()].map((f) => f.sponsorPartnerId),
  );

  const rows: ImportRowReport[] = [];
  const accepted: CheckedImport["accepted"] = [];
  const matched: CheckedImport["matched"] = new Map();
  const alsoPaid = new Map<string, string[]>();
  for (const p of parsed) {
    if (!p.ok) {
      rows.push({ rowNumber: p.rowNumber, status: "error", ...p.issue });
      continue;
    }
    const nikHash = nikHashes.get(p.rowNumber) ?? null;
    const viaKpj = p.kpj ? byKpj.get(p.kpj) : undefined;
    const viaNik = nikHash ? byNik.get(nikHash) : undefined;
    if (viaKpj && viaNik && viaKpj !== viaNik) {
      rows.push({
        rowNumber: p.rowNumber,
        status: "error",
        field: "kpj",
        code: "identifier_conflict",
        message: "KPJ dan NIK pada baris ini menunjuk peserta yang berbeda.",
      });
      matched.set(p.rowNumber, { signupId: null, nikHash });
      continue;
    }
    const participantId = viaKpj ?? viaNik;
    const f = participantId ? facts.get(participantId) : undefined;
    if (!f) {
      rows.push({
        rowNumber: p.rowNumber,
        status: "unmatched",
        field: p.kpj ? "kpj" : "nik",
        code: "unmatched",
        message: "Tidak ada peserta dengan KPJ/NIK ini di wilayah kerja Anda.",
      });
      matched.set(p.rowNumber, { signupId: null, nikHash });
      continue;
    }
    matched.set(p.rowNumber, { signupId: f.signupId, nikHash });
    const earlier = alsoPaid.get(f.participantId) ?? [];
    const check = checkEntry({ ...p.entry, participantId: f.participantId }, f, {
      rules: ctx.rules,
      partnerIds,
      alsoPaid: earlier,
      now: ctx.now,
      source: "import",
      importBatchId: ctx.batchId,
      recordedBy: ctx.recordedBy,
    });
    if (check.ok) {
      accepted.push(check);
      alsoPaid.set(f.participantId, [...earlier, p.entry.month]);
      rows.push({ rowNumber: p.rowNumber, status: "recorded" });
    } else {
      const { status, ...rest } = check.issue;
      rows.push({
        rowNumber: p.rowNumber,
        status: rest.code === "duplicate_month" ? "duplicate" : "error",
        ...rest,
      });
    }
  }
  return { rows, accepted, matched };
}

/** The stored report of an earlier upload of the same file. */
export async function storedImportReport(db: Db, batchId: string): Promise<ImportRowReport[]> {
  const rows = await db.select().from(importRows).where(eq(importRows.batchId, batchId));
  return rows
    .sort((a, b) => a.rowNumber - b.rowNumber)
    .map((r) => {
      const e = r.errors?.[0];
      if (r.status === "committed") return { rowNumber: r.rowNumber, status: "recorded" as const };
      return {
        rowNumber: r.rowNumber,
        status:
          e?.code === "unmatched"
            ? ("unmatched" as const)
            : r.status === "duplicate"
              ? ("duplicate" as const)
              : ("error" as const),
        ...(e ? { field: e.field, code: e.code, message: e.message } : {}),
      };
    });
}

export async function findBatch(db: Db, officeId: string, fileHash: string) {
  const [batch] = await db
    .select()
    .from(importBatches)
    .where(
      and(
        eq(importBatches.officeId, officeId),
        eq(importBatches.kind, "contributions"),
        eq(importBatches.fileHash, fileHash),
      ),
    );
  return batch;
}

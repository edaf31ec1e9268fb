import type { Db } from "@jangkau/shared/db/index";
import { monthOfDate } from "@jangkau/shared/domain/calendar/index";
import { type ContributionRuleSet, ruleSetForMonth } from "@jangkau/shared/domain/contribution/index";
import { normalizeNik, parseNik } from "@jangkau/shared/domain/nik/index";
import { dateInTimeZone, type TimeZone } from "@jangkau/shared/domain/timezone/index";
import { hasBrokenEncoding, isFormulaLike } from "@jangkau/shared/imports/cells";
import { IMPORT_FIELDS_BY_KIND, type ListImportKind } from "@jangkau/shared/imports/fields";
import { IMPORT_LIMITS } from "@jangkau/shared/imports/limits";
import type { UploadRow } from "@jangkau/shared/imports/reader";
import { discountFromRow, ruleSetFromRow } from "@jangkau/shared/schema/contributions/mapping";
import { areas, contributionDiscounts, contributionRuleSets, partners } from "@jangkau/shared/schema/index";
import {
  type PartnerType,
  type SignupValidationContext,
  validateSignupRecord,
} from "@jangkau/shared/schema/signups/validation";
import type { NikVault } from "@jangkau/shared/security/nik-vault";
import { inArray } from "drizzle-orm";
import { type ListDefaults, listRowToSignupInput } from "./signup-rows.ts";

/** One finding on a staged row: our field key, a stable code, a message in Bahasa Indonesia. */
export interface RowError {
  field: string;
  code: string;
  message: string;
}

export interface CheckedRow {
  rowNumber: number;
  errors: RowError[];
  /** What duplicates are found by: the NIK's keyed hash (or, for KPJ rows, the sign-up id). */
  dedupeKey: string | null;
}

const LABELS: Record<string, string> = Object.fromEntries(
  Object.values(IMPORT_FIELDS_BY_KIND).flatMap((fields) => fields.map((f) => [f.key, f.label])),
);

/** The label of a field in messages: "NIK", "Nama lengkap"… */
export const fieldLabel = (field: string) => LABELS[field] ?? field;

/**
 * What is wrong with the cells themselves, whatever the kind of list: a formula (flagged by
 * the reader, or text a spreadsheet would evaluate), characters broken by a wrong encoding,
 * an overlong cell, a record the CSV reader could not split, a NIK stored as a number.
 */
export function cellErrors(row: UploadRow): RowError[] {
  const errors: RowError[] = [];
  if (row.malformed) {
    errors.push({
      field: "(baris)",
      code: "malformed_row",
      message: "Baris tidak dapat dibaca: tanda kutip tidak tertutup atau kolom lebih banyak dari judul.",
    });
  }
  for (const [field, value] of Object.entries(row.values)) {
    const label = fieldLabel(field);
    if (row.formulaFields?.includes(field) || isFormulaLike(value)) {
      errors.push({
        field,
        code: "formula_not_allowed",
        message: `Kolom ${label} berisi rumus; isi dengan nilai, bukan rumus.`,
      });
    } else if (hasBrokenEncoding(value)) {
      errors.push({
        field,
        code: "invalid_encoding",
        message: `Kolom ${label} berisi karakter yang rusak (pengodean bukan UTF-8).`,
      });
    } else if (value.length > IMPORT_LIMITS.maxCellChars) {
      errors.push({
        field,
        code: "cell_too_long",
        message: `Kolom ${label} lebih dari ${IMPORT_LIMITS.maxCellChars} karakter.`,
      });
    }
  }
  if (row.numberFields?.includes("nik") && !errors.some((e) => e.field === "nik")) {
    errors.push({
      field: "nik",
      code: "nik_stored_as_number",
      message:
        "NIK tersimpan sebagai angka di Excel sehingga digit terakhir bisa berubah; format kolom NIK sebagai Teks.",
    });
  }
  return errors;
}

/** What validating the rows of one batch needs from the database, read once per chunk. */
export interface SignupCheckContext {
  kind: "signups";
  validation: Omit<SignupValidationContext, "isKnownArea">;
  knownAreas: Set<string>;
  defaults: ListDefaults;
  ruleSet: ContributionRuleSet | undefined;
  /** When the list was received: its rows are recorded and consented at this instant. */
  at: string;
}

/** Reads rules, discounts, the areas the rows name and the possible sponsors, in one round trip. */
export async function loadSignupCheckContext(
  db: Db,
  batch: { createdAt: string; defaults: Record<string, string> | null },
  timeZone: TimeZone,
  rows: readonly UploadRow[],
): Promise<SignupCheckContext> {
  const defaults = (batch.defaults ?? {}) as ListDefaults;
  const codes = new Set<string>();
  if (defaults.villageCode) codes.add(defaults.villageCode);
  for (const r of rows) {
    const village = r.values.villageCode?.trim();
    if (village) codes.add(village);
    const nik = normalizeNik(r.values.nik ?? "");
    if (/^\d{16}$/.test(nik)) codes.add(`${nik.slice(0, 2)}.${nik.slice(2, 4)}.${nik.slice(4, 6)}`);
  }
  const list = [...codes].filter((c) => c.length <= 13);
  const [ruleRows, discountRows, areaRows, partnerRows] = await db.batch([
    db.select().from(contributionRuleSets),
    db.select().from(contributionDiscounts),
    db
      .select({ code: areas.code })
      .from(areas)
      .where(inArray(areas.code, list.length ? list : [""])),
    db
      .select({ id: partners.id, type: partners.type })
      .from(partners)
      .where(inArray(partners.id, defaults.sponsorPartnerId ? [defaults.sponsorPartnerId] : [""])),
  ]);
  const rules = ruleRows.map(ruleSetFromRow);
  const sponsorTypes = new Map<string, PartnerType>(partnerRows.map((p) => [p.id, p.type]));
  let ruleSet: ContributionRuleSet | undefined;
  try {
    ruleSet = ruleSetForMonth(rules, monthOfDate(dateInTimeZone(batch.createdAt, timeZone)));
  } catch {
    ruleSet = undefined;
  }
  return {
    kind: "signups",
    validation: {
      now: new Date(),
      rules,
      discounts: discountRows.map(discountFromRow),
      timeZone,
      requireEvent: false,
      sponsorType: (id) => sponsorTypes.get(id) ?? null,
    },
    knownAreas: new Set(areaRows.map((a) => a.code)),
    defaults,
    ruleSet,
    at: batch.createdAt,
  };
}

/** The sign-up record of a list row, as committed (same id and fields every time). */
export function signupRecordOf(ctx: SignupCheckContext, row: UploadRow, signupId: string) {
  return listRowToSignupInput(row.values, ctx.defaults, { id: signupId, at: ctx.at, ruleSet: ctx.ruleSet });
}

/**
 * Checks a sign-up list row with the capture screen's validator (`validateSignupRecord`),
 * after the cell checks. Issues of the record map to the list's fields; issues on values the
 * whole list shares (payer, sponsor, consent) are reported on the row all the same.
 */
export async function checkSignupRow(
  ctx: SignupCheckContext,
  vault: NikVault,
  row: UploadRow,
  signupId: string,
): Promise<CheckedRow> {
  const errors = cellErrors(row);
  const record = signupRecordOf(ctx, row, signupId);
  const result = validateSignupRecord(record, {
    ...ctx.validation,
    isKnownArea: (code) => ctx.knownAreas.has(code),
  });
  if (!result.ok) {
    const flagged = new Set(errors.map((e) => e.field));
    for (const issue of result.issues) {
      if (flagged.has(issue.path)) continue;
      errors.push({ field: issue.path, code: issue.code, message: issue.message });
    }
  }
  const nik = normalizeNik(row.values.nik ?? "");
  const dedupeKey = /^\d{16}$/.test(nik) ? await vault.hash(nik) : null;
  return { rowNumber: row.rowNumber, errors, dedupeKey };
}

/** KPJ card numbers are 11 digits; separators people type are dropped first. */
export function normalizeKpj(text: string): string {
  return text.replace(/[\s.-]/g, "");
}
export const KPJ_PATTERN = /^\d{11}$/;
const UUID_PATTERN = /^[\da-f]{8}(?:-[\da-f]{4}){3}-[\da-f]{12}$/i;

/** Checks a KPJ row: an 11-digit KPJ and a sign-up id or a NIK to find the person by. */
export async function checkKpjRow(vault: NikVault, row: UploadRow): Promise<CheckedRow> {
  const errors = cellErrors(row);
  const flagged = new Set(errors.map((e) => e.field));
  const kpj = normalizeKpj(row.values.kpj ?? "");
  if (!flagged.has("kpj")) {
    if (!kpj) errors.push({ field: "kpj", code: "required", message: "Nomor KPJ wajib diisi." });
    else if (!KPJ_PATTERN.test(kpj))
      errors.push({ field: "kpj", code: "kpj_format", message: "Nomor KPJ harus 11 digit angka." });
  }
  const signupId = (row.values.signupId ?? "").trim();
  const nikText = (row.values.nik ?? "").trim();
  let dedupeKey: string | null = null;
  if (signupId && !flagged.has("signupId")) {
    if (UUID_PATTERN.test(signupId)) dedupeKey = `signup:${signupId.toLowerCase()}`;
    else errors.push({ field: "signupId", code: "invalid_uuid", message: "ID pendaftaran tidak valid." });
  } else if (nikText && !flagged.has("nik")) {
    const parsed = parseNik(nikText);
    if (parsed.ok) dedupeKey = await vault.hash(parsed.nik);
    else errors.push({ field: "nik", code: `nik_${parsed.reason}`, message: "NIK tidak valid." });
  } else if (!signupId && !nikText) {
    errors.push({
      field: "nik",
      code: "required",
      message: "Isi ID pendaftaran atau NIK untuk mencocokkan peserta.",
    });
  }
  return { rowNumber: row.rowNumber, errors, dedupeKey };
}

export type CheckKind = ListImportKind;

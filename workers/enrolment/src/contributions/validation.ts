import { PAYERS } from "@jangkau/shared/schema/enums";
import { isoDate, month, rupiah, text, uuid } from "@jangkau/shared/validation/common";
import * as v from "valibot";

/** Upper bound of one manual amount: far above any band (Rp207,000 JKK + JKM + JHT). */
const MAX_MONTHLY_AMOUNT = 10_000_000;

/** A paid month typed in by staff. */
export const contributionEntrySchema = v.object({
  participantId: uuid,
  month,
  amount: v.pipe(rupiah, v.maxValue(MAX_MONTHLY_AMOUNT, "Jumlah iuran terlalu besar.")),
  payer: v.optional(v.picklist(PAYERS, "Pilih siapa yang membayar iuran.")),
  sponsorPartnerId: v.nullish(uuid),
  paidAt: v.nullish(isoDate),
  /** Required to accept an amount other than the rules' expected amount. No personal data. */
  overrideReason: v.nullish(text(200)),
});

export const participantParam = v.object({ id: uuid });

/** Limits of one payment-export upload (a branch's monthly export is a few thousand rows). */
export const CONTRIBUTION_IMPORT_LIMITS = { maxRows: 5_000, maxColumns: 60, maxCellChars: 500 } as const;

const cell = v.pipe(
  v.string(),
  v.maxLength(CONTRIBUTION_IMPORT_LIMITS.maxCellChars, "Isi sel terlalu panjang."),
);

/**
 * A payment export read into rows — the shape the shared list reader produces from CSV or
 * XLSX in the browser (headers and rows of cell text, formula cells marked), so the Worker
 * never parses a spreadsheet. `fileHash` (SHA-256 of the file) makes the upload idempotent.
 */
export const contributionImportSchema = v.object({
  officeId: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
  fileName: text(200),
  fileHash: v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/, "fileHash harus SHA-256 heksadesimal.")),
  headers: v.pipe(v.array(cell), v.minLength(1), v.maxLength(CONTRIBUTION_IMPORT_LIMITS.maxColumns)),
  rows: v.pipe(
    v.array(
      v.object({
        rowNumber: v.pipe(v.number(), v.integer(), v.minValue(1)),
        cells: v.pipe(v.array(cell), v.maxLength(CONTRIBUTION_IMPORT_LIMITS.maxColumns)),
        formulaColumns: v.optional(v.array(v.pipe(v.number(), v.integer(), v.minValue(0)))),
        malformed: v.optional(v.boolean()),
      }),
    ),
    v.maxLength(
      CONTRIBUTION_IMPORT_LIMITS.maxRows,
      `Paling banyak ${CONTRIBUTION_IMPORT_LIMITS.maxRows} baris per unggahan.`,
    ),
  ),
  /** Check and report without recording anything. */
  dryRun: v.optional(v.boolean(), false),
});

export type ContributionImportBody = v.InferOutput<typeof contributionImportSchema>;

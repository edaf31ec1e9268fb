import { LIST_IMPORT_KINDS } from "@jangkau/shared/imports/fields";
import { IMPORT_LIMITS } from "@jangkau/shared/imports/limits";
import { IMPORT_ROW_STATUSES, SIGNUP_SOURCES, SIGNUP_STATUSES } from "@jangkau/shared/schema/enums";
import { areaCode, queryInt, text, uuid } from "@jangkau/shared/validation/common";
import * as v from "valibot";

/** Request bodies and queries of the import routes. */

const LIST_SOURCES = SIGNUP_SOURCES.filter((s) => s !== "event") as Exclude<
  (typeof SIGNUP_SOURCES)[number],
  "event"
>[];

const cell = v.pipe(v.string(), v.maxLength(IMPORT_LIMITS.maxCellChars + 1, "Isi sel terlalu panjang."));
const fieldKey = v.pipe(v.string(), v.regex(/^[a-zA-Z]{1,32}$/, "Nama kolom tidak dikenal."));

export const createBatchBody = v.object({
  officeId: text(40),
  kind: v.picklist(LIST_IMPORT_KINDS, "Jenis impor tidak dikenal."),
  source: v.optional(v.picklist(LIST_SOURCES, "Sumber daftar tidak dikenal.")),
  sourcePartnerId: v.optional(uuid),
  sourceAreaCode: v.optional(areaCode),
  fileName: text(255),
  fileHash: v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/, "Sidik berkas harus SHA-256 heksadesimal.")),
  fileBytes: v.pipe(v.number(), v.integer(), v.minValue(1, "Berkas kosong.")),
  format: v.picklist(["csv", "xlsx"], "Format berkas harus CSV atau XLSX."),
  headers: v.pipe(v.array(v.pipe(v.string(), v.maxLength(200))), v.minLength(1, "Berkas tanpa judul kolom.")),
  columnMapping: v.record(fieldKey, v.pipe(v.string(), v.maxLength(200))),
  totalRows: v.pipe(v.number(), v.integer(), v.minValue(1, "Berkas tidak berisi baris data.")),
  defaults: v.optional(v.record(fieldKey, v.pipe(v.string(), v.maxLength(64)))),
});
export type CreateBatchBody = v.InferOutput<typeof createBatchBody>;

export const uploadRow = v.object({
  rowNumber: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(10_000_000)),
  values: v.record(fieldKey, cell),
  formulaFields: v.optional(v.array(fieldKey)),
  numberFields: v.optional(v.array(fieldKey)),
  malformed: v.optional(v.boolean()),
});

export const chunkBody = v.object({
  rows: v.pipe(
    v.array(uploadRow),
    v.minLength(1, "Potongan tanpa baris."),
    v.maxLength(IMPORT_LIMITS.chunkRows, `Paling banyak ${IMPORT_LIMITS.chunkRows} baris per potongan.`),
  ),
});

export const batchParam = v.object({ id: uuid });
export const chunkParam = v.object({ id: uuid, index: queryInt(0, 10_000) });
export const rowParam = v.object({ id: uuid, rowNumber: queryInt(1, 10_000_000) });

export const rowsQuery = v.object({
  status: v.optional(v.picklist(IMPORT_ROW_STATUSES)),
  offset: v.optional(queryInt(0, 10_000_000)),
  limit: v.optional(queryInt(1, 200)),
});

export const listQuery = v.object({
  kind: v.optional(v.picklist(LIST_IMPORT_KINDS)),
});

export const mappingQuery = v.object({
  officeId: text(40),
  sourceKey: text(120),
});

export const correctRowBody = v.object({ values: v.record(fieldKey, cell) });

export const reviewQuery = v.object({
  batchId: v.optional(uuid),
  status: v.optional(v.picklist(SIGNUP_STATUSES)),
  offset: v.optional(queryInt(0, 10_000_000)),
  limit: v.optional(queryInt(1, 200)),
});

/** Fields of an imported sign-up that review may correct (the NIK is not one: reject instead). */
export const correctionFields = v.object({
  fullName: v.optional(v.string()),
  sex: v.optional(v.string()),
  birthDate: v.optional(v.string()),
  phone: v.optional(v.nullable(v.string())),
  villageCode: v.optional(v.string()),
  address: v.optional(v.nullable(v.string())),
  occupation: v.optional(v.string()),
});

export const decisionsBody = v.object({
  decisions: v.pipe(
    v.array(
      v.variant("action", [
        v.object({ action: v.literal("accept"), signupId: uuid }),
        v.object({
          action: v.literal("reject"),
          signupId: uuid,
          reason: text(300, 3),
        }),
        v.object({
          action: v.literal("correct"),
          signupId: uuid,
          changes: correctionFields,
          accept: v.optional(v.boolean()),
        }),
      ]),
    ),
    v.minLength(1, "Tidak ada keputusan."),
    v.maxLength(500, "Paling banyak 500 keputusan sekaligus."),
  ),
});
export type Decision = v.InferOutput<typeof decisionsBody>["decisions"][number];

export const exportQuery = v.object({
  batchId: v.optional(uuid),
  officeId: v.optional(text(40)),
  /** Lines pages: the last sign-up id of the previous page. */
  after: v.optional(v.pipe(v.string(), v.maxLength(64))),
});

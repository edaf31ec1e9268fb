import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { id, stamps } from "../columns.ts";
import { IMPORT_KINDS, IMPORT_ROW_STATUSES, IMPORT_STATUSES, SIGNUP_SOURCES } from "../enums.ts";
import { offices } from "../offices/table.ts";
import { partners } from "../partners/table.ts";
import { users } from "../users/table.ts";

/**
 * An uploaded list (pendataan from a lurah, a paguyuban or a CSR sponsor; a payment export;
 * KPJ numbers). `fileHash` makes an upload idempotent per office and kind.
 */
export const importBatches = sqliteTable(
  "import_batches",
  {
    id: id(),
    officeId: text()
      .notNull()
      .references(() => offices.id, { onDelete: "restrict" }),
    kind: text({ enum: IMPORT_KINDS }).notNull(),
    source: text({ enum: SIGNUP_SOURCES }),
    sourcePartnerId: text().references(() => partners.id, { onDelete: "restrict" }),
    sourceAreaCode: text(),
    fileName: text().notNull(),
    fileHash: text().notNull(),
    columnMapping: text({ mode: "json" }).$type<Record<string, string>>(),
    /** `csv` or `xlsx`, as detected from the file's content. */
    format: text({ enum: ["csv", "xlsx"] }),
    fileBytes: integer(),
    /** Chunks the client announced; the batch is complete when all are in `import_chunks`. */
    totalChunks: integer().notNull().default(0),
    /** Values for fields the list leaves out (payer, sponsor, village of a kelurahan list). */
    defaults: text({ mode: "json" }).$type<Record<string, string>>(),
    status: text({ enum: IMPORT_STATUSES }).notNull().default("uploaded"),
    totalRows: integer().notNull().default(0),
    okRows: integer().notNull().default(0),
    errorRows: integer().notNull().default(0),
    committedRows: integer().notNull().default(0),
    createdBy: text().references(() => users.id, { onDelete: "set null" }),
    ...stamps(),
  },
  (t) => [uniqueIndex("import_batches_file_uq").on(t.officeId, t.kind, t.fileHash)],
);

/**
 * Staged rows of a batch. Personal data in `payloadCipher` is AES-GCM encrypted like the NIK;
 * `nikHash` lets duplicates be found without decrypting.
 */
export const importRows = sqliteTable(
  "import_rows",
  {
    batchId: text()
      .notNull()
      .references(() => importBatches.id, { onDelete: "cascade" }),
    rowNumber: integer().notNull(),
    status: text({ enum: IMPORT_ROW_STATUSES }).notNull(),
    nikHash: text(),
    payloadCipher: text(),
    errors: text({ mode: "json" }).$type<{ field: string; code: string; message: string }[]>(),
    signupId: text(),
  },
  (t) => [
    primaryKey({ columns: [t.batchId, t.rowNumber] }),
    index("import_rows_nik_idx").on(t.nikHash),
    /** The next rows to commit and the counts by status, without scanning committed rows. */
    index("import_rows_status_idx").on(t.batchId, t.status, t.rowNumber),
  ],
);

/**
 * Chunks received per batch, written in the same `db.batch` as their rows: a chunk is either
 * wholly staged or absent, so an interrupted upload resumes at the first missing chunk and a
 * chunk sent twice is staged once.
 */
export const importChunks = sqliteTable(
  "import_chunks",
  {
    batchId: text()
      .notNull()
      .references(() => importBatches.id, { onDelete: "cascade" }),
    chunkIndex: integer().notNull(),
    rowCount: integer().notNull(),
    receivedAt: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.batchId, t.chunkIndex] })],
);

/** The remembered column mapping per office and source (e.g. "Kelurahan Kejuron list"). */
export const importMappings = sqliteTable(
  "import_mappings",
  {
    officeId: text()
      .notNull()
      .references(() => offices.id, { onDelete: "cascade" }),
    sourceKey: text().notNull(),
    mapping: text({ mode: "json" }).$type<Record<string, string>>().notNull(),
    ...stamps(),
  },
  (t) => [primaryKey({ columns: [t.officeId, t.sourceKey] })],
);

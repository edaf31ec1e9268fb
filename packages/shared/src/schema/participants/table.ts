import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { areas } from "../areas/table.ts";
import { id, stamps, version } from "../columns.ts";
import { SEXES, TIME_ZONES } from "../enums.ts";

/**
 * A worker, one row per NIK. The NIK is never stored in plain text: `nikHash` is an HMAC
 * (lookup, dedup) and `nikCipher` is AES-GCM (reveal, export) under key `nikKeyVersion`.
 */
export const participants = sqliteTable(
  "participants",
  {
    id: id(),
    nikHash: text().notNull().unique(),
    nikCipher: text().notNull(),
    nikKeyVersion: integer().notNull(),
    /** e.g. 3573••••••••0001 — what lists show. */
    nikMasked: text().notNull(),
    fullName: text().notNull(),
    sex: text({ enum: SEXES }).notNull(),
    birthDate: text().notNull(),
    /** E.164, +62… */
    phone: text(),
    villageCode: text().references(() => areas.code),
    regencyCode: text().references(() => areas.code),
    address: text(),
    timeZone: text({ enum: TIME_ZONES }).notNull().default("WIB"),
    /** BPJS Ketenagakerjaan participant card number, once registered. */
    kpj: text().unique(),
    ...stamps(),
    version: version(),
  },
  (t) => [index("participants_regency_idx").on(t.regencyCode)],
);

import { type AnySQLiteColumn, index, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { areas } from "../areas/table.ts";
import { id, stamps } from "../columns.ts";
import { OFFICE_KINDS, TIME_ZONES } from "../enums.ts";

/** Kantor wilayah (regional) → kantor cabang (branch). */
export const offices = sqliteTable(
  "offices",
  {
    id: id(),
    code: text().notNull().unique(),
    kind: text({ enum: OFFICE_KINDS }).notNull(),
    name: text().notNull(),
    parentId: text().references((): AnySQLiteColumn => offices.id, { onDelete: "restrict" }),
    provinceCode: text()
      .notNull()
      .references(() => areas.code),
    timeZone: text({ enum: TIME_ZONES }).notNull(),
    ...stamps(),
  },
  (t) => [index("offices_parent_idx").on(t.parentId)],
);

/** The regencies/cities (kabupaten/kota) a branch office covers. */
export const officeRegencies = sqliteTable(
  "office_regencies",
  {
    officeId: text()
      .notNull()
      .references(() => offices.id, { onDelete: "cascade" }),
    regencyCode: text()
      .notNull()
      .references(() => areas.code),
  },
  (t) => [
    primaryKey({ columns: [t.officeId, t.regencyCode] }),
    index("office_regencies_regency_idx").on(t.regencyCode),
  ],
);

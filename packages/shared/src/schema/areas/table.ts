import { index, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { AREA_LEVELS } from "../enums.ts";

/**
 * Kemendagri administrative areas, loaded from `idn-area-data`:
 * province "35" → regency "35.73" → district "35.73.01" → village "35.73.01.1001".
 */
export const areas = sqliteTable(
  "areas",
  {
    code: text().primaryKey(),
    level: text({ enum: AREA_LEVELS }).notNull(),
    name: text().notNull(),
    parentCode: text(),
    provinceCode: text().notNull(),
  },
  (t) => [index("areas_parent_idx").on(t.parentCode), index("areas_level_idx").on(t.level)],
);

import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { id, stamps, version } from "../columns.ts";
import { SEGMENTS, TARGET_KINDS, TARGET_SPLIT_DIMENSIONS } from "../enums.ts";
import { offices } from "../offices/table.ts";
import { users } from "../users/table.ts";

/**
 * A yearly target of an office for a segment: an absolute number, or growth (in basis
 * points) over a baseline year. `potential` is the coverage denominator (e.g. 1.34 million).
 */
export const targets = sqliteTable(
  "targets",
  {
    id: id(),
    officeId: text()
      .notNull()
      .references(() => offices.id, { onDelete: "restrict" }),
    year: integer().notNull(),
    segment: text({ enum: SEGMENTS }).notNull(),
    kind: text({ enum: TARGET_KINDS }).notNull(),
    /** Absolute target; for growth targets, the value computed from the baseline when set. */
    value: integer().notNull(),
    growthBp: integer(),
    baselineYear: integer(),
    potential: integer(),
    /** Participants already counted before the system (e.g. 48,858 BPU in Sumbagsel). */
    startingParticipants: integer(),
    createdBy: text().references(() => users.id, { onDelete: "set null" }),
    ...stamps(),
    version: version(),
  },
  (t) => [uniqueIndex("targets_office_year_segment_uq").on(t.officeId, t.year, t.segment)],
);

/** Optional split of a target by regency code or by month ("01".."12"). */
export const targetSplits = sqliteTable(
  "target_splits",
  {
    targetId: text()
      .notNull()
      .references(() => targets.id, { onDelete: "cascade" }),
    dimension: text({ enum: TARGET_SPLIT_DIMENSIONS }).notNull(),
    key: text().notNull(),
    value: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.targetId, t.dimension, t.key] })],
);

/** Historical totals (a branch's 2019 and 2020 BPU participants) used as baselines. */
export const baselines = sqliteTable(
  "baselines",
  {
    id: id(),
    officeId: text()
      .notNull()
      .references(() => offices.id, { onDelete: "restrict" }),
    year: integer().notNull(),
    segment: text({ enum: SEGMENTS }).notNull(),
    /** Empty string = the whole office. */
    regencyCode: text().notNull().default(""),
    total: integer().notNull(),
    source: text(),
    ...stamps(),
  },
  (t) => [
    uniqueIndex("baselines_office_year_segment_regency_uq").on(t.officeId, t.year, t.segment, t.regencyCode),
    index("baselines_office_idx").on(t.officeId),
  ],
);

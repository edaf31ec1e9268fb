import { integer, text } from "drizzle-orm/sqlite-core";

/** Primary key: a UUID text column. Sign-ups use the tablet's UUID, so ids are never autoincrement. */
export const id = () => text().primaryKey();

/** ISO-8601 UTC instant stored as text, e.g. 2026-01-09T02:00:00.000Z. */
export const instant = () => text();

/** created/updated stamps and an optimistic-concurrency version on editable rows. */
export const stamps = () => ({
  createdAt: text()
    .notNull()
    .$defaultFn(() => new Date().toISOString()),
  updatedAt: text()
    .notNull()
    .$defaultFn(() => new Date().toISOString()),
});

export const version = () => integer().notNull().default(1);

export const bool = () => integer({ mode: "boolean" });

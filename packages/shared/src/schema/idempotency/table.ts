import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * Stored responses of non-sign-up writes that carried an `Idempotency-Key` header, so a
 * retried request returns the first result instead of acting twice.
 */
export const idempotencyRecords = sqliteTable("idempotency_records", {
  key: text().primaryKey(),
  userId: text().notNull(),
  route: text().notNull(),
  requestHash: text().notNull(),
  status: integer().notNull(),
  body: text().notNull(),
  createdAt: text().notNull(),
});

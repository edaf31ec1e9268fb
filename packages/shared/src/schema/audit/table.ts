import { index, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { id } from "../columns.ts";

/** Who did what to which record. `details` never holds personal data. */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: id(),
    at: text().notNull(),
    actorUserId: text(),
    action: text().notNull(),
    entity: text().notNull(),
    entityId: text().notNull(),
    details: text({ mode: "json" }).$type<Record<string, unknown>>(),
    requestId: text(),
  },
  (t) => [index("audit_log_entity_idx").on(t.entity, t.entityId), index("audit_log_at_idx").on(t.at)],
);

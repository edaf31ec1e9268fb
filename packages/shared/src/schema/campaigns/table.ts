import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { id, stamps, version } from "../columns.ts";
import { CAMPAIGN_STATUSES, SEGMENTS } from "../enums.ts";
import { offices } from "../offices/table.ts";
import { users } from "../users/table.ts";

/** A campaign groups events of one office towards an objective and a sign-up target. */
export const campaigns = sqliteTable(
  "campaigns",
  {
    id: id(),
    officeId: text()
      .notNull()
      .references(() => offices.id, { onDelete: "restrict" }),
    name: text().notNull(),
    segment: text({ enum: SEGMENTS }).notNull().default("bpu"),
    objective: text(),
    periodStart: text().notNull(),
    periodEnd: text().notNull(),
    targetSignups: integer().notNull().default(0),
    /** Rupiah. */
    budget: integer().notNull().default(0),
    status: text({ enum: CAMPAIGN_STATUSES }).notNull().default("draft"),
    createdBy: text().references(() => users.id, { onDelete: "set null" }),
    ...stamps(),
    version: version(),
  },
  (t) => [index("campaigns_office_idx").on(t.officeId, t.periodStart)],
);

import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { bool, id, stamps } from "../columns.ts";
import { ROLES } from "../enums.ts";
import { offices } from "../offices/table.ts";
import { partners } from "../partners/table.ts";

/**
 * People who log in. Scope by role: manager → an office and everything under it; staff → a
 * branch; partner → one partner organisation; admin → everything.
 */
export const users = sqliteTable(
  "users",
  {
    id: id(),
    email: text().notNull().unique(),
    name: text().notNull(),
    /** `pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>` */
    passwordHash: text().notNull(),
    role: text({ enum: ROLES }).notNull(),
    officeId: text().references(() => offices.id, { onDelete: "restrict" }),
    partnerId: text().references(() => partners.id, { onDelete: "restrict" }),
    /** Revealing a full NIK is its own permission, granted per user. */
    canRevealNik: bool().notNull().default(false),
    active: bool().notNull().default(true),
    lastLoginAt: text(),
    ...stamps(),
  },
  (t) => [index("users_office_idx").on(t.officeId), index("users_partner_idx").on(t.partnerId)],
);

/** Failed-login counters per account and per client address (works the same on Workers). */
export const loginThrottle = sqliteTable("login_throttle", {
  key: text().primaryKey(),
  failures: integer().notNull().default(0),
  windowStartedAt: text().notNull(),
  lockedUntil: text(),
});

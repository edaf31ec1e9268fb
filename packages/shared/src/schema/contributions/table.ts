import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { id, stamps } from "../columns.ts";
import { CONTRIBUTION_SOURCES, DISCOUNT_SECTORS, PAYERS, SEGMENTS } from "../enums.ts";
import { participants } from "../participants/table.ts";
import { partners } from "../partners/table.ts";
import { signups } from "../signups/table.ts";
import { users } from "../users/table.ts";

/** A band of declared monthly income (PP 44/2015 Annex II); % rates apply to `reportedWage`. */
export interface IncomeBandData {
  code: string;
  minIncome: number;
  maxIncome: number | null;
  reportedWage: number;
}

/**
 * Contribution rates and income bands as data, with effective dates, so a change of
 * regulation is a new row, not a code change.
 */
export const contributionRuleSets = sqliteTable("contribution_rule_sets", {
  id: text().primaryKey(),
  segment: text({ enum: SEGMENTS }).notNull(),
  effectiveFrom: text().notNull(),
  effectiveTo: text(),
  /** Basis points: 100 = 1 %. */
  jkkRateBp: integer().notNull(),
  jhtRateBp: integer().notNull(),
  jkmFlat: integer().notNull(),
  bands: text({ mode: "json" }).$type<IncomeBandData[]>().notNull(),
  legalBasis: text().notNull(),
  ...stamps(),
});

/** Time-boxed discounts such as PP 50/2025 (50 % off JKK+JKM). */
export const contributionDiscounts = sqliteTable("contribution_discounts", {
  id: text().primaryKey(),
  name: text().notNull(),
  discountBp: integer().notNull(),
  appliesTo: text({ mode: "json" }).$type<("JKK" | "JKM" | "JHT")[]>().notNull(),
  sector: text({ enum: DISCOUNT_SECTORS }).notNull(),
  validFrom: text().notNull(),
  validTo: text().notNull(),
  excludedPayers: text({ mode: "json" }).$type<string[]>().notNull(),
  legalBasis: text().notNull(),
  ...stamps(),
});

/** One paid month of one participant. */
export const contributions = sqliteTable(
  "contributions",
  {
    id: id(),
    participantId: text()
      .notNull()
      .references(() => participants.id, { onDelete: "restrict" }),
    signupId: text().references(() => signups.id, { onDelete: "set null" }),
    /** YYYY-MM covered by this payment. */
    month: text().notNull(),
    payer: text({ enum: PAYERS }).notNull(),
    sponsorPartnerId: text().references(() => partners.id, { onDelete: "restrict" }),
    amount: integer().notNull(),
    /** What the rules say the month costs this participant; differs from `amount` only with an override reason. */
    expectedAmount: integer().notNull(),
    /** Why staff accepted an amount that differs from `expectedAmount` (never personal data). */
    amountOverrideReason: text(),
    source: text({ enum: CONTRIBUTION_SOURCES }).notNull(),
    importBatchId: text(),
    paidAt: text(),
    recordedBy: text().references(() => users.id, { onDelete: "set null" }),
    ...stamps(),
  },
  (t) => [
    uniqueIndex("contributions_participant_month_uq").on(t.participantId, t.month),
    index("contributions_month_idx").on(t.month),
  ],
);

import type { ContributionRuleSet, DiscountRule } from "../../domain/contribution/types.ts";
import type { contributionDiscounts, contributionRuleSets } from "./table.ts";

/** Rows ↔ the domain's rule types, so the calculation never depends on column names. */
export function ruleSetFromRow(row: typeof contributionRuleSets.$inferSelect): ContributionRuleSet {
  return {
    id: row.id,
    segment: "BPU",
    effectiveFrom: row.effectiveFrom,
    effectiveTo: row.effectiveTo,
    jkkRateBp: row.jkkRateBp,
    jhtRateBp: row.jhtRateBp,
    jkmFlat: row.jkmFlat,
    bands: row.bands,
    legalBasis: row.legalBasis,
  };
}

export function ruleSetToRow(rule: ContributionRuleSet): typeof contributionRuleSets.$inferInsert {
  return {
    id: rule.id,
    segment: "bpu",
    effectiveFrom: rule.effectiveFrom,
    effectiveTo: rule.effectiveTo,
    jkkRateBp: rule.jkkRateBp,
    jhtRateBp: rule.jhtRateBp,
    jkmFlat: rule.jkmFlat,
    bands: rule.bands,
    legalBasis: rule.legalBasis ?? "",
  };
}

export function discountFromRow(row: typeof contributionDiscounts.$inferSelect): DiscountRule {
  return {
    id: row.id,
    name: row.name,
    discountBp: row.discountBp,
    appliesTo: row.appliesTo.filter((p): p is "JKK" | "JKM" => p !== "JHT"),
    sectors: row.sector,
    from: row.validFrom,
    to: row.validTo,
    excludedPayers: row.excludedPayers.filter((p): p is "apbn" | "apbd" => p === "apbn" || p === "apbd"),
    legalBasis: row.legalBasis,
  };
}

export function discountToRow(rule: DiscountRule): typeof contributionDiscounts.$inferInsert {
  return {
    id: rule.id,
    name: rule.name,
    discountBp: rule.discountBp,
    appliesTo: rule.appliesTo,
    sector: rule.sectors,
    validFrom: rule.from,
    validTo: rule.to,
    excludedPayers: rule.excludedPayers,
    legalBasis: rule.legalBasis ?? "",
  };
}

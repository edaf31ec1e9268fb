import type { Db } from "@jangkau/shared/db/index";
import { BPU_CONTRIBUTION_RULES, PP50_2025_DISCOUNTS } from "@jangkau/shared/domain/contribution/rules";
import { discountToRow, ruleSetToRow } from "@jangkau/shared/schema/contributions/mapping";
import { contributionDiscounts, contributionRuleSets } from "@jangkau/shared/schema/index";

/** The contribution rules in force (PP 44/2015 bands and rates, PP 50/2025 discounts); idempotent. */
export async function loadContributionRules(db: Db): Promise<void> {
  await db
    .insert(contributionRuleSets)
    .values(BPU_CONTRIBUTION_RULES.map(ruleSetToRow))
    .onConflictDoNothing();
  await db.insert(contributionDiscounts).values(PP50_2025_DISCOUNTS.map(discountToRow)).onConflictDoNothing();
}

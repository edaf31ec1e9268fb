import type { Db } from "@jangkau/shared/db/index";
import type { ContributionRuleSet, DiscountRule } from "@jangkau/shared/domain/contribution/index";
import type { TimeZone } from "@jangkau/shared/domain/timezone/index";
import { discountFromRow, ruleSetFromRow } from "@jangkau/shared/schema/contributions/mapping";
import { contributionDiscounts, contributionRuleSets, offices } from "@jangkau/shared/schema/index";

/** Reference data changes by deployment, not by request: an isolate re-reads it after this long. */
const TTL_MS = 60_000;

export interface SignupReference {
  rules: ContributionRuleSet[];
  discounts: DiscountRule[];
  offices: Map<string, { id: string; parentId: string | null; timeZone: TimeZone }>;
}

const cache = new WeakMap<Db, { at: number; value: Promise<SignupReference> }>();

/**
 * Contribution rules, discounts and the office tree, read once per isolate and minute — so
 * recording one sign-up reads only what is about that sign-up. A new rule set takes effect
 * within a minute on every isolate.
 */
export function signupReference(db: Db, now = Date.now()): Promise<SignupReference> {
  const hit = cache.get(db);
  if (hit && now - hit.at < TTL_MS) return hit.value;
  const value = db
    .batch([
      db.select().from(contributionRuleSets),
      db.select().from(contributionDiscounts),
      db.select({ id: offices.id, parentId: offices.parentId, timeZone: offices.timeZone }).from(offices),
    ])
    .then(([rules, discounts, officeRows]) => ({
      rules: rules.map(ruleSetFromRow),
      discounts: discounts.map(discountFromRow),
      offices: new Map(officeRows.map((o) => [o.id, o])),
    }));
  // A failed read is not kept: the next request tries again.
  value.catch(() => cache.delete(db));
  cache.set(db, { at: now, value });
  return value;
}

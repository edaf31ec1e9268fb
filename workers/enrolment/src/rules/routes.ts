import { route } from "@jangkau/shared/http/route";
import type { AppEnv } from "@jangkau/shared/http/types";
import { contributionDiscounts, contributionRuleSets } from "@jangkau/shared/schema/index";
import { asc } from "drizzle-orm";
import { Hono } from "hono";

/** The contribution rules as data: rate sets with their income bands, and discounts. */
export const rulesRoutes = new Hono<AppEnv>().get(
  "/",
  route({
    summary: "Contribution rule sets and discounts in force",
    tags: ["enrolment"],
    permission: "reference:read",
  }),
  async (c) => {
    const db = c.get("db");
    const [ruleSets, discounts] = await Promise.all([
      db.select().from(contributionRuleSets).orderBy(asc(contributionRuleSets.effectiveFrom)),
      db.select().from(contributionDiscounts).orderBy(asc(contributionDiscounts.validFrom)),
    ]);
    return c.json({ ruleSets, discounts }, 200);
  },
);

import { ForbiddenError } from "@jangkau/shared/errors";
import { principal, route } from "@jangkau/shared/http/route";
import type { AppEnv } from "@jangkau/shared/http/types";
import { valid } from "@jangkau/shared/http/validate";
import { month } from "@jangkau/shared/validation/common";
import { Hono } from "hono";
import * as v from "valibot";
import { assertScopeReadable, partnerRetention, retentionReport } from "./service.ts";

const retentionQuery = v.object({
  scope: v.pipe(
    v.string(),
    v.regex(
      /^(national|(office|campaign|event):[A-Za-z0-9-]{1,64})$/,
      "Cakupan: national, office:<id>, campaign:<id> atau event:<id>.",
    ),
  ),
  by: v.optional(v.picklist(["total", "occupation", "payer", "partner"]), "total"),
  from: v.optional(month),
  to: v.optional(month),
});

/** Retention of the people outreach produced: funnel and curves, and the partners' aggregate view. */
export const retentionRoutes = new Hono<AppEnv>()
  .get(
    "/",
    route({
      summary:
        "Funnel (signed up → registered → first payment → active at 3/6/12 months, now) and retention curves",
      description:
        "scope=national|office:<id>|campaign:<id>|event:<id>; by=total|occupation|payer|partner; from/to cohort months.",
      tags: ["retention"],
      permission: "contributions:read",
    }),
    valid("query", retentionQuery),
    async (c) => {
      const p = principal(c);
      const db = c.get("db");
      const query = c.req.valid("query");
      await assertScopeReadable(db, p, query.scope);
      return c.json(await retentionReport(db, query), 200);
    },
  )
  .get(
    "/shared",
    route({
      summary:
        "For a partner: participants still paying, per event shared with them (counts below 5 suppressed)",
      tags: ["retention"],
      permission: "progress:partner",
    }),
    async (c) => {
      const p = principal(c);
      if (!p.partnerId) throw new ForbiddenError("not_a_partner", "Akun ini tidak terhubung dengan mitra.");
      return c.json(await partnerRetention(c.get("db"), p.partnerId), 200);
    },
  );

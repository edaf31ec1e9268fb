import { isAdmin } from "@jangkau/shared/auth/permissions";
import { principal, route } from "@jangkau/shared/http/route";
import type { AppEnv } from "@jangkau/shared/http/types";
import { valid } from "@jangkau/shared/http/validate";
import { targets } from "@jangkau/shared/schema/index";
import { queryInt } from "@jangkau/shared/validation/common";
import { and, asc, eq, inArray } from "drizzle-orm";
import { Hono } from "hono";
import * as v from "valibot";

const listQuery = v.object({ year: v.optional(queryInt(2000, 2100)) });

/** Yearly targets of the offices in the caller's scope. */
export const targetRoutes = new Hono<AppEnv>().get(
  "/",
  route({ summary: "Targets of the offices in scope", tags: ["targets"], permission: "targets:read" }),
  valid("query", listQuery),
  async (c) => {
    const p = principal(c);
    const { year } = c.req.valid("query");
    const rows = await c
      .get("db")
      .select()
      .from(targets)
      .where(
        and(
          isAdmin(p) ? undefined : inArray(targets.officeId, p.officeIds),
          year ? eq(targets.year, year) : undefined,
        ),
      )
      .orderBy(asc(targets.year));
    return c.json(rows, 200);
  },
);

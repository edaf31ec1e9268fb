import { principal, route } from "@jangkau/shared/http/route";
import type { AppEnv } from "@jangkau/shared/http/types";
import { valid } from "@jangkau/shared/http/validate";
import { queryInt } from "@jangkau/shared/validation/common";
import { Hono } from "hono";
import * as v from "valibot";
import { currentMonth } from "../offices/tree.ts";
import { partnerCsv } from "./csv.ts";
import { partnerProgress } from "./service.ts";

const tags = ["partner"];
const yearQuery = v.object({ year: v.optional(queryInt(2000, 2100)) });
const yearOf = (q: { year?: number }) => q.year ?? Number(currentMonth().slice(0, 4));

/** The partner's view: aggregates of its area and shared events, small counts suppressed. */
export const partnerRoutes = new Hono<AppEnv>()
  .get(
    "/progress",
    route({
      summary: "Aggregate progress of the partner's area and shared events (counts < 5 suppressed)",
      tags,
      permission: "progress:partner",
    }),
    valid("query", yearQuery),
    async (c) => {
      c.header("Cache-Control", "no-store");
      return c.json(await partnerProgress(c.get("db"), principal(c), yearOf(c.req.valid("query"))), 200);
    },
  )
  .get(
    "/progress.csv",
    route({
      summary: "The partner's aggregate progress as CSV (same suppression)",
      tags,
      permission: "progress:partner",
    }),
    valid("query", yearQuery),
    async (c) => {
      const year = yearOf(c.req.valid("query"));
      const csv = partnerCsv(await partnerProgress(c.get("db"), principal(c), year));
      return c.body(csv, 200, {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="progres-mitra-${year}.csv"`,
        "Cache-Control": "no-store",
      });
    },
  );

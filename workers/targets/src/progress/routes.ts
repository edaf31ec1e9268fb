import { principal, route } from "@jangkau/shared/http/route";
import type { AppEnv } from "@jangkau/shared/http/types";
import { valid } from "@jangkau/shared/http/validate";
import { Hono } from "hono";
import { currentMonth } from "../offices/tree.ts";
import { campaignDetail, eventDetail, officeDetail, officesOverview } from "./service.ts";
import { campaignParam, eventParam, officeParam, officeQuery, overviewQuery } from "./validation.ts";

const tags = ["progress"];
const thisYear = () => Number(currentMonth().slice(0, 4));

/**
 * Where offices stand against their targets, read from the rollup cells. Staff see their
 * branch, managers their office and the offices under it, admins everything.
 */
export const progressRoutes = new Hono<AppEnv>()
  .get(
    "/offices",
    route({
      summary: "Every office in scope: target, reached, achievement, coverage, growth, projection",
      tags,
      permission: "progress:read",
    }),
    valid("query", overviewQuery),
    async (c) => {
      const q = c.req.valid("query");
      return c.json(
        await officesOverview(c.get("db"), principal(c), { ...q, year: q.year ?? thisYear() }),
        200,
      );
    },
  )
  .get(
    "/offices/:officeId",
    route({
      summary: "One office (or one of its regencies): monthly line vs target path, breakdowns, drill-down",
      description: "403 `office_out_of_scope` naming `officeId` for an office outside the caller's scope.",
      tags,
      permission: "progress:read",
    }),
    valid("param", officeParam),
    valid("query", officeQuery),
    async (c) => {
      const q = c.req.valid("query");
      const { officeId } = c.req.valid("param");
      return c.json(
        await officeDetail(c.get("db"), principal(c), officeId, { ...q, year: q.year ?? thisYear() }),
        200,
      );
    },
  )
  .get(
    "/campaigns/:campaignId",
    route({
      summary: "One campaign: target, monthly sign-ups, regencies, events by yield",
      tags,
      permission: "progress:read",
    }),
    valid("param", campaignParam),
    valid("query", officeQuery),
    async (c) => {
      const q = c.req.valid("query");
      return c.json(
        await campaignDetail(c.get("db"), principal(c), c.req.valid("param").campaignId, {
          ...q,
          year: q.year ?? thisYear(),
        }),
        200,
      );
    },
  )
  .get(
    "/events/:eventId",
    route({
      summary: "One event: sign-ups by status and breakdown, cost per sign-up",
      tags,
      permission: "progress:read",
    }),
    valid("param", eventParam),
    async (c) => c.json(await eventDetail(c.get("db"), principal(c), c.req.valid("param").eventId), 200),
  );

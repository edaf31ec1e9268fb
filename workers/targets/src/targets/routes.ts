import { principal, route } from "@jangkau/shared/http/route";
import type { AppEnv } from "@jangkau/shared/http/types";
import { valid } from "@jangkau/shared/http/validate";
import { Hono } from "hono";
import { createTarget, deleteTarget, getTarget, listTargets, updateTarget } from "./service.ts";
import {
  createTargetBody,
  deleteTargetQuery,
  targetIdParam,
  targetListQuery,
  updateTargetBody,
} from "./validation.ts";

const tags = ["targets"];

/** Yearly targets per office and segment: absolute, or growth over a baseline year. */
export const targetRoutes = new Hono<AppEnv>()
  .get(
    "/",
    route({ summary: "Targets of the offices in scope", tags, permission: "targets:read" }),
    valid("query", targetListQuery),
    async (c) => c.json(await listTargets(c.get("db"), principal(c), c.req.valid("query")), 200),
  )
  .post(
    "/",
    route({
      summary: "Set an office's yearly target (absolute, or growth over a baseline year)",
      description:
        "403 `office_out_of_scope` for an office outside the caller's scope; 400 naming the field for a " +
        "negative or absurd value or a baseline year not before the target year; 422 `baseline_missing` " +
        "when a growth target's baseline year has no baseline; 409 `target_exists`.",
      tags,
      permission: "targets:write",
    }),
    valid("json", createTargetBody),
    async (c) => c.json(await createTarget(c, principal(c), c.req.valid("json")), 201),
  )
  .get(
    "/:id",
    route({ summary: "One target with its splits", tags, permission: "targets:read" }),
    valid("param", targetIdParam),
    async (c) => c.json((await getTarget(c.get("db"), principal(c), c.req.valid("param").id)).view, 200),
  )
  .put(
    "/:id",
    route({
      summary: "Change a target's terms and splits (optimistic concurrency on `version`)",
      description: "409 `version_conflict` with `details.currentVersion` when someone changed it first.",
      tags,
      permission: "targets:write",
    }),
    valid("param", targetIdParam),
    valid("json", updateTargetBody),
    async (c) =>
      c.json(await updateTarget(c, principal(c), c.req.valid("param").id, c.req.valid("json")), 200),
  )
  .delete(
    "/:id",
    route({ summary: "Delete a target (with its current `version`)", tags, permission: "targets:write" }),
    valid("param", targetIdParam),
    valid("query", deleteTargetQuery),
    async (c) => {
      await deleteTarget(c, principal(c), c.req.valid("param").id, c.req.valid("query").version);
      return c.body(null, 204);
    },
  );

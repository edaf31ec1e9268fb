import type { Context, MiddlewareHandler } from "hono";
import { describeRoute, uniqueSymbol } from "hono-openapi";
import { PERMISSIONS, type Permission, type Principal, roleHas } from "../auth/permissions.ts";
import { ForbiddenError, UnauthorizedError } from "../errors.ts";
import type { AppEnv } from "./types.ts";

export interface RouteSpec {
  summary: string;
  tags: string[];
  /** "public" routes need no session; every other route names the permission it needs. */
  permission: Permission | "public";
  description?: string;
}

/**
 * The first middleware of every route: documents it in OpenAPI (with `x-permission`, which
 * the authorization matrix test reads) and enforces the permission.
 */
export function route(spec: RouteSpec): MiddlewareHandler<AppEnv> {
  const doc = describeRoute({
    summary: spec.summary,
    description: spec.description,
    tags: spec.tags,
    security: spec.permission === "public" ? [] : [{ bearer: [] }, { cookie: [] }],
    "x-permission": spec.permission,
    "x-roles": spec.permission === "public" ? ["anonymous"] : [...PERMISSIONS[spec.permission]],
  } as Parameters<typeof describeRoute>[0]);
  const guard: MiddlewareHandler<AppEnv> = async (c, next) => {
    if (spec.permission !== "public") {
      const p = c.get("principal");
      if (!p) throw new UnauthorizedError();
      if (!roleHas(p.role, spec.permission)) throw new ForbiddenError();
    }
    await next();
  };
  return Object.assign(guard, { [uniqueSymbol]: (doc as unknown as Record<symbol, unknown>)[uniqueSymbol] });
}

/** The principal of a route guarded by `route()` with a permission (never undefined there). */
export function principal(c: Context<AppEnv>): Principal {
  const p = c.get("principal");
  if (!p) throw new UnauthorizedError();
  return p;
}

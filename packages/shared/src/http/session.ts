import type { MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import { readSessionToken, SESSION_COOKIE } from "../auth/session.ts";
import type { AppEnv } from "./types.ts";

/** Reads a Bearer token or the session cookie; routes decide whether a principal is required. */
export function session(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header("Authorization");
    const token = header?.startsWith("Bearer ") ? header.slice(7).trim() : getCookie(c, SESSION_COOKIE);
    c.set("principal", (token && (await readSessionToken(token, c.env.JWT_SECRET))) || undefined);
    await next();
  };
}

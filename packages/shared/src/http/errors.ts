import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { AppError, RateLimitedError } from "../errors.ts";
import { logLine } from "./log.ts";

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown; requestId?: string };
}

/**
 * The one place errors become responses. Known errors keep their status, code and details;
 * anything else is logged by request id (without the message's data) and hidden as 500.
 */
export function errorResponse(err: unknown, c: Context): Response {
  const requestId = c.get("requestId") as string | undefined;
  const reply = (status: number, code: string, message: string, details?: unknown) => {
    const body: ErrorBody = { error: { code, message, requestId } };
    if (details !== undefined) body.error.details = details;
    const res = c.json(body, status as ContentfulStatusCode);
    if (err instanceof RateLimitedError) res.headers.set("Retry-After", String(err.retryAfterSeconds));
    return res;
  };
  if (err instanceof AppError) return reply(err.status, err.code, err.message, err.details);
  if (err instanceof HTTPException) {
    if (err.status === 400)
      return reply(400, "malformed_request", "Badan permintaan tidak dapat dibaca (JSON rusak).");
    if (err.status === 413) return reply(413, "payload_too_large", "Permintaan terlalu besar.");
    if (err.status === 401) return reply(401, "unauthorized", "Sesi tidak sah atau sudah berakhir.");
    return reply(err.status, "http_error", "Permintaan ditolak.");
  }
  // Unknown failures: log the class and stack location only, never the message (may hold input).
  const name = err instanceof Error ? err.name : typeof err;
  const where = err instanceof Error ? (err.stack?.split("\n")[1]?.trim() ?? "") : "";
  logLine({ level: "error", requestId, msg: "unhandled", error: name, where });
  return reply(500, "internal_error", "Terjadi kesalahan pada server.");
}

export function notFoundResponse(c: Context): Response {
  return c.json(
    { error: { code: "route_not_found", message: "Rute tidak ditemukan.", requestId: c.get("requestId") } },
    404,
  );
}

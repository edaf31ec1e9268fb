import type { GatewayEnv } from "@jangkau/shared/env";
import { bindingFor, WORKERS } from "@jangkau/shared/gateway/routing";
import { notFoundResponse } from "@jangkau/shared/http/errors";
import { Hono } from "hono";
import { requestId } from "hono/request-id";
import { docsPage, mergeSpecs, type OpenApiDoc } from "./docs.ts";

/**
 * The gateway: serves the SPA's static assets and forwards `/api/*` to the worker that owns
 * the prefix, through service bindings. It holds no database connection and no secrets.
 */
export const gateway = new Hono<{ Bindings: GatewayEnv; Variables: { requestId: string } }>()
  .use(requestId({ headerName: "X-Request-Id" }))
  .get("/api/health", async (c) => {
    const checks = await Promise.all(
      WORKERS.map(async (w) => {
        try {
          const res = await c.env[w.binding].fetch(new Request(new URL(`/api/${w.name}/health`, c.req.url)));
          return [w.name, res.ok ? "ok" : `status ${res.status}`] as const;
        } catch {
          return [w.name, "unreachable"] as const;
        }
      }),
    );
    const healthy = checks.every(([, s]) => s === "ok");
    return c.json(
      { status: healthy ? "ok" : "degraded", workers: Object.fromEntries(checks) },
      healthy ? 200 : 503,
    );
  })
  .get("/api/openapi.json", async (c) => c.json(await collectSpec(c.env, c.req.url)))
  .get("/api/docs", async (c) => c.html(docsPage(await collectSpec(c.env, c.req.url))))
  .all("/api/*", async (c) => {
    const binding = bindingFor(new URL(c.req.url).pathname);
    if (!binding) return notFoundResponse(c);
    return c.env[binding].fetch(withRequestId(c.req.raw, c.get("requestId")));
  })
  .all("*", async (c) => {
    if (c.env.ASSETS) return c.env.ASSETS.fetch(c.req.raw);
    return notFoundResponse(c);
  });

/**
 * The request to forward, carrying the gateway's request id. On Workers an incoming request's
 * headers are immutable, so it is copied; on the Node host they may be set in place, which
 * spares a second Request with its own body stream and abort signal on every API call.
 */
function withRequestId(req: Request, id: string): Request {
  try {
    req.headers.set("X-Request-Id", id);
    return req;
  } catch {
    const headers = new Headers(req.headers);
    headers.set("X-Request-Id", id);
    return new Request(req, { headers });
  }
}

/** Each worker documents its own routes; the gateway serves them as one document. */
async function collectSpec(env: GatewayEnv, base: string): Promise<OpenApiDoc> {
  const specs = await Promise.all(
    WORKERS.map(async (w) => {
      const res = await env[w.binding].fetch(new Request(new URL(`/api/${w.name}/openapi.json`, base)));
      return (await res.json()) as OpenApiDoc;
    }),
  );
  return mergeSpecs(specs);
}

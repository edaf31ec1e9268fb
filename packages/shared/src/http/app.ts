import { Hono } from "hono";
import { requestId } from "hono/request-id";
import { dbFor } from "../db/index.ts";
import { errorResponse, notFoundResponse } from "./errors.ts";
import { logLine } from "./log.ts";
import { workerSpec } from "./openapi.ts";
import { session } from "./session.ts";
import type { AppEnv } from "./types.ts";

/**
 * A Hono app with what every API worker needs: a request id on every response, one
 * database per isolate from the bindings, the session (if any), request logs without
 * personal data, and errors in the `{ error: { code, message, details } }` shape.
 */
export function createApiApp(spec: { name: string; title: string }) {
  const app = new Hono<AppEnv>();
  app.use(requestId({ headerName: "X-Request-Id" }));
  app.use(async (c, next) => {
    const started = performance.now();
    c.set("db", dbFor(c.env.TURSO_DATABASE_URL, c.env.TURSO_AUTH_TOKEN));
    await next();
    logLine({
      requestId: c.get("requestId"),
      method: c.req.method,
      path: new URL(c.req.url).pathname,
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
      user: c.get("principal")?.userId,
    });
  });
  app.use(session());
  // Registered before the worker's routes so no `/:id` route can shadow them. The document
  // is generated on request from every route registered on `app` by then.
  app.get(`/api/${spec.name}/openapi.json`, async (c) => c.json(await workerSpec(app, spec.title)));
  app.get(`/api/${spec.name}/health`, async (c) => {
    await c.get("db").$client.execute("select 1");
    return c.json({ status: "ok", worker: spec.name });
  });
  app.onError(errorResponse);
  app.notFound(notFoundResponse);
  return app;
}

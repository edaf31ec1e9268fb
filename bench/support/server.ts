/**
 * The benchmark server: the Node host's fetch (gateway → workers in-process) over a libSQL
 * file, served by @hono/node-server on 127.0.0.1 — plus `GET /ok`, a bare route on the same
 * server that answers "ok" without touching the app, as the baseline of every HTTP figure.
 *
 * Started by bench/support/launch.ts as its own process (`node --import tsx …`), so the
 * server has a core of its own while the load generator uses the other. Reads
 * BENCH_DATABASE_URL and the three secrets from the environment; prints `{"port":…}` once
 * listening. Request logs are off, as they would be shipped elsewhere in production.
 */
import { serve } from "@hono/node-server";
import { nodeFetch } from "../../packages/node/src/host.ts";
import { migrateDatabase } from "../../packages/node/src/migrate.ts";
import { dbFor } from "../../packages/shared/src/db/index.ts";
import type { Env } from "../../packages/shared/src/env.ts";
import { setLogSilent } from "../../packages/shared/src/http/log.ts";

const need = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

const env: Env = {
  TURSO_DATABASE_URL: need("BENCH_DATABASE_URL"),
  JWT_SECRET: need("JWT_SECRET"),
  NIK_ENC_KEYS: need("NIK_ENC_KEYS"),
  NIK_HMAC_KEY: need("NIK_HMAC_KEY"),
  APP_ENV: "production",
};
setLogSilent(process.env.BENCH_LOGS !== "1");
// As packages/node/src/main.ts does on the workers' own client: migrations and the file's
// settings (WAL, synchronous = NORMAL, busy timeout).
await migrateDatabase(dbFor(env.TURSO_DATABASE_URL), env.TURSO_DATABASE_URL);

const app = nodeFetch(env);
const server = serve({
  port: 0,
  hostname: "127.0.0.1",
  fetch: (req) => {
    if (req.method === "GET" && req.url.endsWith("/ok")) return new Response("ok");
    req.headers.set("CF-Connecting-IP", "127.0.0.1");
    return app(req);
  },
});
server.once("listening", () => {
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  console.log(JSON.stringify({ port }));
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));

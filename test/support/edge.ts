import { copyFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Readable } from "node:stream";
import { Miniflare, type WorkerOptions } from "miniflare";
import { inject } from "vitest";
import { unstable_getMiniflareWorkerOptions, unstable_readConfig } from "wrangler";
import { startHranaServer } from "../../packages/node/src/hrana/server.ts";
import { migrateDatabase } from "../../packages/node/src/migrate.ts";
import { type DemoLogin, seedDemoOrganisation } from "../../packages/node/src/seed/demo.ts";
import { createDb, type Db } from "../../packages/shared/src/db/index.ts";
import type { Env } from "../../packages/shared/src/env.ts";
import { randomToken } from "../../packages/shared/src/security/encoding.ts";
import type { WorkerBundle } from "../../scripts/bundle/workers.ts";
import type { ScenarioApp } from "../scenarios/app.ts";
import { testEnv } from "./env.ts";

export interface EdgeApp extends ScenarioApp {
  env: Env;
  db: Db;
  logins: DemoLogin[];
  /** Where Miniflare listens, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** What the workers printed (one JSON request log per line). */
  logs: string[];
  /** From `new Miniflare()` until workerd answers. */
  startupMs: number;
  close(): Promise<void>;
}

/**
 * The deployed shape of Jangkau inside workerd: the gateway with the SPA as static assets
 * and service bindings to the three API workers, each running its bundle from
 * `wrangler deploy --dry-run` with the options its wrangler.toml gives, reaching a fresh
 * database over HTTP through the local Hrana endpoint with a bearer token — as on Turso.
 */
export async function startEdgeApp(options: { now?: Date } = {}): Promise<EdgeApp> {
  const { assets, bundles } = inject("edgeBuild");
  const base = testEnv();
  const file = join(base.dir, "jangkau.db");
  copyFileSync(inject("templateDb"), file);
  const authToken = randomToken(32);
  const hrana = await startHranaServer({ path: file, authToken });
  const env: Env = { ...base, TURSO_DATABASE_URL: hrana.url, TURSO_AUTH_TOKEN: authToken };

  // Migrate and seed over HTTP, as `DATABASE_URL=libsql://… npm run db:migrate` does against Turso.
  const db = createDb(hrana.url, authToken);
  await migrateDatabase(db, hrana.url);
  const logins = await seedDemoOrganisation(db, options.now, 1_000);

  const logs: string[] = [];
  const started = performance.now();
  const mf = new Miniflare({
    // The first worker receives the requests: the gateway, as on the account's route.
    workers: [...bundles]
      .sort((a, b) => Number(b.name === "gateway") - Number(a.name === "gateway"))
      .map((bundle) => workerOptions(bundle, env, assets)),
    handleRuntimeStdio(stdout: Readable, stderr: Readable) {
      for (const stream of [stdout, stderr]) {
        stream.setEncoding("utf8");
        stream.on("data", (chunk: string) => logs.push(...chunk.split("\n").filter(Boolean)));
      }
    },
  });
  const url = (await mf.ready).origin;
  const startupMs = Math.round(performance.now() - started);

  const request: EdgeApp["request"] = (path, init = {}) => {
    const { token, json, ...rest } = init;
    const headers = new Headers(rest.headers);
    if (token) headers.set("Authorization", `Bearer ${token}`);
    if (json !== undefined) headers.set("Content-Type", "application/json");
    return fetch(`${url}${path}`, {
      redirect: "manual",
      ...rest,
      headers,
      body: json !== undefined ? JSON.stringify(json) : rest.body,
    });
  };

  const tokens = new Map<string, string>();
  const login: EdgeApp["login"] = async (email) => {
    const cached = tokens.get(email);
    if (cached) return cached;
    const password = logins.find((l) => l.email === email)?.password;
    if (!password) throw new Error(`no demo login ${email}`);
    const res = await request("/api/auth/login", { method: "POST", json: { email, password } });
    if (res.status !== 200) throw new Error(`login ${email} → ${res.status}`);
    const { token } = (await res.json()) as { token: string };
    tokens.set(email, token);
    return token;
  };

  return {
    env,
    db,
    logins,
    url,
    logs,
    startupMs,
    request,
    login,
    async close() {
      await mf.dispose();
      db.$client.close();
      await hrana.close();
    },
  };
}

/**
 * Miniflare options from the worker's own wrangler.toml (compatibility date and flags, vars,
 * service bindings, assets with SPA fallback), running the built bundle. The API workers get
 * the secrets that `wrangler secret put` sets in production.
 */
function workerOptions(bundle: WorkerBundle, env: Env, assets: string): WorkerOptions {
  const { name } = unstable_readConfig({ config: bundle.config }, { hideWarnings: true });
  const { workerOptions: fromConfig } = unstable_getMiniflareWorkerOptions(
    bundle.config,
    undefined,
    bundle.name === "gateway" ? { overrides: { assets: { directory: assets } } } : undefined,
  );
  const secrets =
    bundle.name === "gateway"
      ? {}
      : {
          TURSO_DATABASE_URL: env.TURSO_DATABASE_URL,
          TURSO_AUTH_TOKEN: env.TURSO_AUTH_TOKEN ?? "",
          JWT_SECRET: env.JWT_SECRET,
          NIK_ENC_KEYS: env.NIK_ENC_KEYS,
          NIK_HMAC_KEY: env.NIK_HMAC_KEY,
        };
  return {
    ...fromConfig,
    name,
    // The bundle as uploaded: one ES module. Listing it (rather than `scriptPath`) keeps
    // Miniflare from chasing the optional `import("effect")`-style imports esbuild left
    // outside the bundle, which workerd, like Cloudflare, only resolves if they run.
    modulesRoot: dirname(bundle.script),
    modules: [{ type: "ESModule", path: bundle.script }],
    bindings: { ...fromConfig.bindings, ...secrets },
  };
}

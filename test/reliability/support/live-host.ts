import { copyFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import { expect, inject, vi } from "vitest";
import { nodeFetch } from "../../../packages/node/src/host.ts";
import { startHranaServer } from "../../../packages/node/src/hrana/server.ts";
import { migrateDatabase } from "../../../packages/node/src/migrate.ts";
import { type DemoLogin, seedDemoOrganisation } from "../../../packages/node/src/seed/demo.ts";
import { createDb, type Db } from "../../../packages/shared/src/db/index.ts";
import type { Env } from "../../../packages/shared/src/env.ts";
import { setLogSilent } from "../../../packages/shared/src/http/log.ts";
import { randomToken } from "../../../packages/shared/src/security/encoding.ts";
import { testEnv } from "../../support/env.ts";
import { SIXTEEN_DIGITS } from "../../support/signup-generator.ts";
import { startSlowProxy } from "./lossy-proxy.ts";

export interface LiveHost {
  /** e.g. `http://127.0.0.1:41234` */
  url: string;
  env: Env & { dir: string };
  db: Db;
  logins: DemoLogin[];
  /** Every line the host logged while it ran (JSON request logs, error lines). */
  logs: string[];
  /** Every URL a request of this file was sent to. */
  urls: string[];
  /** A request over HTTP to the host, as a tablet or the SPA sends it. */
  request(
    path: string,
    init?: RequestInit & { token?: string; json?: unknown; base?: string },
  ): Promise<Response>;
  login(email: string): Promise<string>;
  close(): Promise<void>;
}

/** Log sinks of the hosts running in this file; console output goes to all of them. */
const sinks = new Set<string[]>();
let spies: { mockRestore(): void }[] = [];

function captureLogs(sink: string[]) {
  sinks.add(sink);
  if (spies.length) return;
  setLogSilent(false);
  spies = (["log", "info", "warn", "error"] as const).map((level) =>
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      const line = args.map(String).join(" ");
      for (const s of sinks) s.push(line);
    }),
  );
}

function releaseLogs(sink: string[]) {
  sinks.delete(sink);
  if (sinks.size > 0) return;
  for (const spy of spies) spy.mockRestore();
  spies = [];
  setLogSilent(true);
}

/**
 * The Node host on a random port of 127.0.0.1 over a fresh database with the demo
 * organisation, logging as in production: every log line is captured (not printed) so the
 * file can prove that no NIK reached a log line or a URL.
 *
 * `remoteDatabase`: the workers reach the database over HTTP through the local Hrana
 * endpoint with a token and `latencyMs` of network each way, as they reach Turso — every
 * query is real I/O, so requests overlap the way they do on Workers (with the embedded
 * file, each query runs to the end on the one thread before another request moves on).
 */
export async function startLiveHost(
  options: { remoteDatabase?: { latencyMs: number } } = {},
): Promise<LiveHost> {
  const base = testEnv();
  const file = join(base.dir, "jangkau.db");
  copyFileSync(inject("templateDb"), file);
  const authToken = randomToken(32);
  const hrana = options.remoteDatabase ? await startHranaServer({ path: file, authToken }) : null;
  const network =
    hrana && options.remoteDatabase
      ? await startSlowProxy(hrana.url, options.remoteDatabase.latencyMs)
      : null;
  const env: Env & { dir: string } = network
    ? { ...base, TURSO_DATABASE_URL: network.url, TURSO_AUTH_TOKEN: authToken }
    : base;
  const db = createDb(env.TURSO_DATABASE_URL, env.TURSO_AUTH_TOKEN);
  await migrateDatabase(db, env.TURSO_DATABASE_URL);
  const logins = await seedDemoOrganisation(db, new Date(), 1_000);

  const logs: string[] = [];
  const urls: string[] = [];
  captureLogs(logs);

  const fetch = nodeFetch(env);
  const server = serve({
    port: 0,
    hostname: "127.0.0.1",
    fetch: (req, node) => {
      const address = (node as { incoming?: { socket?: { remoteAddress?: string } } }).incoming?.socket
        ?.remoteAddress;
      // As packages/node/src/main.ts: the client address for login throttling, from the socket.
      req.headers.set("CF-Connecting-IP", address ?? "unknown");
      return fetch(req);
    },
  });
  await new Promise<void>((ok) => server.once("listening", () => ok()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const request: LiveHost["request"] = (path, init = {}) => {
    const { token, json, base, ...rest } = init;
    const headers = new Headers(rest.headers);
    if (token) headers.set("Authorization", `Bearer ${token}`);
    if (json !== undefined) headers.set("Content-Type", "application/json");
    const target = `${base ?? url}${path}`;
    urls.push(target);
    return globalThis.fetch(target, {
      ...rest,
      headers,
      body: json !== undefined ? JSON.stringify(json) : rest.body,
    });
  };

  const tokens = new Map<string, string>();
  const login: LiveHost["login"] = async (email) => {
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
    url,
    env,
    db,
    logins,
    logs,
    urls,
    request,
    login,
    async close() {
      const closed = new Promise<void>((ok) => server.close(() => ok()));
      (server as import("node:http").Server).closeAllConnections();
      await closed;
      releaseLogs(logs);
      db.$client.close();
      await network?.close();
      await hrana?.close();
    },
  };
}

/**
 * No 16-digit number (a NIK) in any log line or URL of the run — and the capture is real:
 * there were request log lines to look at.
 */
export function expectNoNikInLogsOrUrls(host: { logs: readonly string[]; urls: readonly string[] }) {
  expect(host.logs.length, "the host logged its requests").toBeGreaterThan(0);
  expect(host.logs.some((l) => l.includes('"path":"/api/'))).toBe(true);
  const leaks = [...host.logs, ...host.urls].filter((line) => SIXTEEN_DIGITS.test(line));
  expect(leaks, "log lines or URLs holding a 16-digit number").toEqual([]);
}

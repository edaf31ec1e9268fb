import { copyFileSync } from "node:fs";
import { join } from "node:path";
import { inject } from "vitest";
import { nodeFetch } from "../../packages/node/src/host.ts";
import { migrateDatabase } from "../../packages/node/src/migrate.ts";
import { type DemoLogin, seedDemoOrganisation } from "../../packages/node/src/seed/demo.ts";
import { createDb, type Db } from "../../packages/shared/src/db/index.ts";
import type { Env } from "../../packages/shared/src/env.ts";
import { setLogSilent } from "../../packages/shared/src/http/log.ts";
import { testEnv } from "./env.ts";

setLogSilent(true);

export interface TestApp {
  env: Env & { dir: string };
  db: Db;
  logins: DemoLogin[];
  /** Calls the full stack (gateway → worker) in-process, like `app.request`. */
  request(path: string, init?: RequestInit & { token?: string; json?: unknown }): Promise<Response>;
  /** Logs in as the demo user with this email and returns the bearer token. */
  login(email: string): Promise<string>;
}

/** Demo emails by the role the tests speak of. */
export const AS = {
  admin: "admin@jangkau.test",
  managerJatim: "manajer.jatim@jangkau.test",
  managerSumbagsel: "manajer.sumbagsel@jangkau.test",
  managerJateng: "manajer.jateng@jangkau.test",
  managerBlitar: "manajer.blitar@jangkau.test",
  staffMadiun: "petugas.madiun@jangkau.test",
  staffBlitar: "petugas.blitar@jangkau.test",
  staffPalembang: "petugas.palembang@jangkau.test",
  partnerDinkopSumsel: "mitra.dinkop.sumsel@jangkau.test",
  partnerPaguyubanBlitar: "paguyuban.pasarlegi@jangkau.test",
} as const;

/**
 * A fresh database (copied from the migrated template with reference data), the demo
 * organisation seeded with cheap password hashes, and the whole app in-process.
 */
export async function createTestApp(options: { demo?: boolean; now?: Date } = {}): Promise<TestApp> {
  const env = testEnv();
  copyFileSync(inject("templateDb"), join(env.dir, "jangkau.db"));
  const db = createDb(env.TURSO_DATABASE_URL);
  await migrateDatabase(db, env.TURSO_DATABASE_URL);
  const logins = options.demo === false ? [] : await seedDemoOrganisation(db, options.now, 1_000);
  const fetch = nodeFetch(env);
  const tokens = new Map<string, string>();

  const request: TestApp["request"] = async (path, init = {}) => {
    const { token, json, ...rest } = init;
    const headers = new Headers(rest.headers);
    if (token) headers.set("Authorization", `Bearer ${token}`);
    if (json !== undefined) headers.set("Content-Type", "application/json");
    headers.set("CF-Connecting-IP", headers.get("CF-Connecting-IP") ?? "127.0.0.1");
    return fetch(
      new Request(`http://localhost${path}`, {
        ...rest,
        headers,
        body: json !== undefined ? JSON.stringify(json) : rest.body,
      }),
    );
  };

  const login: TestApp["login"] = async (email) => {
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

  return { env, db, logins, request, login };
}

import { execFileSync } from "node:child_process";
import { copyFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { join, resolve } from "node:path";
import { serve } from "@hono/node-server";
import { type Browser, chromium, type Page } from "playwright-core";
import { inject } from "vitest";
import { nodeFetch } from "../../packages/node/src/host.ts";
import { migrateDatabase } from "../../packages/node/src/migrate.ts";
import { type DemoLogin, seedDemoOrganisation } from "../../packages/node/src/seed/demo.ts";
import { createDb, type Db } from "../../packages/shared/src/db/index.ts";
import { setLogSilent } from "../../packages/shared/src/http/log.ts";
import { testEnv } from "./env.ts";

setLogSilent(true);

/** Debian's chromium; the browser tests fail loudly (never skip) when it is missing. */
export function chromiumPath(): string {
  try {
    return execFileSync("which", ["chromium"], { encoding: "utf8" }).trim();
  } catch {
    throw new Error("chromium is not on the PATH: apt-get install -y chromium");
  }
}

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
  "--no-first-run",
];

export interface BrowserApp {
  baseUrl: string;
  db: Db;
  logins: DemoLogin[];
  browser: Browser;
  /** A new page sized like a 10-inch tablet in landscape (1280×800), touch enabled. */
  newPage(): Promise<Page>;
  /** Log in through the login form and wait for the role's home screen. */
  loginAs(page: Page, email: string): Promise<void>;
  close(): Promise<void>;
}

/** The Node host on a random localhost port over a fresh demo database, and a headless chromium. */
export async function startBrowserApp(
  options: { seed?: (db: Db) => Promise<void> } = {},
): Promise<BrowserApp> {
  const env = testEnv();
  copyFileSync(inject("templateDb"), join(env.dir, "jangkau.db"));
  const db = createDb(env.TURSO_DATABASE_URL);
  await migrateDatabase(db, env.TURSO_DATABASE_URL);
  const logins = await seedDemoOrganisation(db, new Date(), 1_000);
  await options.seed?.(db);

  const fetch = nodeFetch(env, resolve(import.meta.dirname, "../../web/dist"));
  const server = serve({ fetch: (req) => fetch(req), port: 0, hostname: "127.0.0.1" });
  await new Promise<void>((ok) => server.once("listening", () => ok()));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });

  return {
    baseUrl,
    db,
    logins,
    browser,
    async newPage() {
      const context = await browser.newContext({
        baseURL: baseUrl,
        viewport: { width: 1280, height: 800 },
        hasTouch: true,
        locale: "id-ID",
        timezoneId: "Asia/Jakarta",
        serviceWorkers: "allow",
      });
      return context.newPage();
    },
    async loginAs(page, email) {
      const password = logins.find((l) => l.email === email)?.password;
      if (!password) throw new Error(`no demo login ${email}`);
      await page.goto("/login");
      await page.fill('input[name="email"]', email);
      await page.fill('input[name="password"]', password);
      await page.click('button[type="submit"]');
      await page.waitForURL((url) => !url.pathname.startsWith("/login"));
    },
    async close() {
      await browser.close();
      await new Promise<void>((ok) => server.close(() => ok()));
      db.$client.close();
    },
  };
}

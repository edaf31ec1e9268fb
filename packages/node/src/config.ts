import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Env } from "@jangkau/shared/env";
import { randomToken, toBase64 } from "@jangkau/shared/security/encoding";

/** Repository root, whatever the working directory. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

export interface NodeConfig {
  /** The bindings the API workers receive, built from the environment. */
  env: Env;
  port: number;
  host: string;
  production: boolean;
  /** Seed demo data into an empty database and print demo logins. */
  demo: boolean;
  webDist: string;
}

/**
 * The only module that reads process.env. Documented in README.md → Configuration:
 *   DATABASE_URL      file:./data/jangkau.db (default), libsql://… or http://…
 *   TURSO_AUTH_TOKEN  token for a libsql:// database
 *   PORT, HOST        8787, 127.0.0.1
 *   JWT_SECRET        session signing key; generated into data/secrets.json when absent (not in production)
 *   NIK_ENC_KEYS      "1:<base64 32 bytes>[,2:…]"; generated likewise
 *   NIK_HMAC_KEY      base64 key for the NIK lookup hash; generated likewise
 *   NODE_ENV / APP_ENV  "production" requires the three secrets and disables demo data
 *   DEMO              "0" to skip demo data in development
 */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): NodeConfig {
  const appEnv = source.APP_ENV ?? (source.NODE_ENV === "production" ? "production" : "development");
  const production = appEnv === "production";
  const databaseUrl = source.DATABASE_URL ?? "file:./data/jangkau.db";
  const secrets = production ? {} : localSecrets(databaseUrl);
  const required = (name: "JWT_SECRET" | "NIK_ENC_KEYS" | "NIK_HMAC_KEY") => {
    const value = source[name] ?? (secrets as Record<string, string | undefined>)[name];
    if (!value) throw new Error(`${name} must be set in production (see README → Configuration)`);
    return value;
  };
  const jwtSecret = required("JWT_SECRET");
  if (jwtSecret.length < 32) throw new Error("JWT_SECRET must be at least 32 characters");
  const port = Number(source.PORT ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error("PORT must be a port number");
  return {
    env: {
      TURSO_DATABASE_URL: resolveFileUrl(databaseUrl),
      TURSO_AUTH_TOKEN: source.TURSO_AUTH_TOKEN,
      JWT_SECRET: jwtSecret,
      NIK_ENC_KEYS: required("NIK_ENC_KEYS"),
      NIK_HMAC_KEY: required("NIK_HMAC_KEY"),
      APP_ENV: appEnv,
    },
    port,
    host: source.HOST ?? "127.0.0.1",
    production,
    demo: !production && source.DEMO !== "0",
    webDist: resolve(ROOT, "web/dist"),
  };
}

/** `file:./data/x.db` relative to the repository root, so `npm start` works from anywhere. */
function resolveFileUrl(url: string): string {
  if (!url.startsWith("file:")) return url;
  const path = url.slice("file:".length);
  const abs = resolve(ROOT, path);
  mkdirSync(dirname(abs), { recursive: true });
  return `file:${abs}`;
}

/**
 * Development secrets, generated once and kept beside a local database file (never
 * committed: data/ is git-ignored), so sessions and encrypted NIKs survive restarts.
 */
function localSecrets(databaseUrl: string): Record<string, string> {
  const dir = databaseUrl.startsWith("file:")
    ? dirname(resolve(ROOT, databaseUrl.slice(5)))
    : resolve(ROOT, "data");
  const file = resolve(dir, "secrets.json");
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as Record<string, string>;
  const secrets = {
    JWT_SECRET: randomToken(48),
    NIK_ENC_KEYS: `1:${toBase64(crypto.getRandomValues(new Uint8Array(32)))}`,
    NIK_HMAC_KEY: toBase64(crypto.getRandomValues(new Uint8Array(32))),
  };
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  return secrets;
}

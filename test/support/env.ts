import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Env } from "@jangkau/shared/env";
import { randomToken, toBase64 } from "@jangkau/shared/security/encoding";

/** Fresh bindings for a test: a new temporary database file and fresh keys. */
export function testEnv(overrides: Partial<Env> = {}): Env & { dir: string } {
  const dir = mkdtempSync(join(tmpdir(), "jangkau-test-"));
  return {
    dir,
    TURSO_DATABASE_URL: `file:${join(dir, "jangkau.db")}`,
    JWT_SECRET: randomToken(48),
    NIK_ENC_KEYS: `1:${toBase64(crypto.getRandomValues(new Uint8Array(32)))}`,
    NIK_HMAC_KEY: toBase64(crypto.getRandomValues(new Uint8Array(32))),
    APP_ENV: "test",
    ...overrides,
  };
}

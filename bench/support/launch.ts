import { type ChildProcess, spawn } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { migrateDatabase } from "../../packages/node/src/migrate.ts";
import { type DemoLogin, seedDemoOrganisation } from "../../packages/node/src/seed/demo.ts";
import { createDb, type Db } from "../../packages/shared/src/db/index.ts";
import { randomToken, toBase64 } from "../../packages/shared/src/security/encoding.ts";
import { templateDatabase } from "../../test/support/global-setup.ts";

export const ROOT = resolve(import.meta.dirname, "../..");

export interface BenchDatabase {
  dir: string;
  url: string;
  secrets: { JWT_SECRET: string; NIK_ENC_KEYS: string; NIK_HMAC_KEY: string };
  logins: DemoLogin[];
  /** A client of the parent process on the same file (for the raw baselines and checks). */
  db: Db;
  remove(): void;
}

/** A fresh database file: schema, reference data and the demo organisation (cheap password hashes). */
export async function freshDatabase(): Promise<BenchDatabase> {
  const dir = mkdtempSync(join(tmpdir(), "jangkau-bench-"));
  const file = join(dir, "jangkau.db");
  copyFileSync(await templateDatabase(), file);
  const url = `file:${file}`;
  const db = createDb(url);
  await migrateDatabase(db, url);
  const logins = await seedDemoOrganisation(db, new Date(), 1_000);
  return {
    dir,
    url,
    secrets: {
      JWT_SECRET: randomToken(48),
      NIK_ENC_KEYS: `1:${toBase64(crypto.getRandomValues(new Uint8Array(32)))}`,
      NIK_HMAC_KEY: toBase64(crypto.getRandomValues(new Uint8Array(32))),
    },
    logins,
    db,
    remove() {
      db.$client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface BenchServer {
  url: string;
  child: ChildProcess;
  login(email: string): Promise<string>;
  stop(): Promise<void>;
}

/** The benchmark server (bench/support/server.ts) in its own process over `database`. */
export async function startServer(database: BenchDatabase, extraArgs: string[] = []): Promise<BenchServer> {
  const profile = process.env.BENCH_CPU_PROF
    ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
    : [];
  const child = spawn(
    process.execPath,
    [...profile, ...extraArgs, "--import", "tsx", join(ROOT, "bench/support/server.ts")],
    {
      cwd: ROOT,
      env: { ...process.env, BENCH_DATABASE_URL: database.url, ...database.secrets },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const port = await new Promise<number>((ok, fail) => {
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.once("line", (line) => ok((JSON.parse(line) as { port: number }).port));
    child.once("exit", (code) => fail(new Error(`bench server exited with ${code}`)));
  });
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    child,
    async login(email) {
      const password = database.logins.find((l) => l.email === email)?.password;
      const res = await fetch(`${url}/api/auth/login`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ email, password }),
      });
      if (res.status !== 200) throw new Error(`login ${email} → ${res.status}`);
      return ((await res.json()) as { token: string }).token;
    },
    stop: () =>
      new Promise<void>((ok) => {
        if (child.exitCode !== null) return ok();
        child.once("exit", () => ok());
        child.kill("SIGTERM");
      }),
  };
}

import { type ChildProcess, spawn } from "node:child_process";
import { copyFileSync } from "node:fs";
import { createServer } from "node:net";
import { join, resolve } from "node:path";
import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { migrateDatabase } from "../../packages/node/src/migrate.ts";
import { DEMO_IDS, type DemoLogin, seedDemoOrganisation } from "../../packages/node/src/seed/demo.ts";
import { createDb } from "../../packages/shared/src/db/index.ts";
import { rollupCells, signups } from "../../packages/shared/src/schema/index.ts";
import { AS } from "../support/app.ts";
import { testEnv } from "../support/env.ts";
import { SIXTEEN_DIGITS, signupGenerator, villagesOf } from "../support/signup-generator.ts";

const ROOT = resolve(import.meta.dirname, "../..");
const BATCHES = 1_000;
const PER_BATCH = 5;
const KILLS = 6;
const EVENT = DEMO_IDS.events.sosialisasiMadiun;

/** A seeded generator, so a failing run can be replayed with the same kill points. */
function seeded(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const probe = createServer();
    probe.once("error", fail);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => ok(port));
    });
  });
}

const env = testEnv();
const dbFile = join(env.dir, "jangkau.db");
const output: string[] = [];
let logins: DemoLogin[] = [];
let port = 0;
let host: ChildProcess | null = null;

/**
 * `npm start` as an operator runs it (packages/node/src/main.ts under tsx), here on a random
 * port. Node loads tsx with `--import` so the host is this one process: the `tsx` command
 * would run it in a child that a kill -9 of the parent leaves running.
 */
async function startHost(): Promise<void> {
  const child = spawn(process.execPath, ["--import", "tsx", "packages/node/src/main.ts"], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      TMPDIR: process.env.TMPDIR,
      DATABASE_URL: `file:${dbFile}`,
      PORT: String(port),
      HOST: "127.0.0.1",
      DEMO: "0",
      JWT_SECRET: env.JWT_SECRET,
      NIK_ENC_KEYS: env.NIK_ENC_KEYS,
      NIK_HMAC_KEY: env.NIK_HMAC_KEY,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  for (const stream of [child.stdout, child.stderr]) {
    stream?.setEncoding("utf8");
    stream?.on("data", (chunk: string) => output.push(...chunk.split("\n").filter(Boolean)));
  }
  host = child;
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`host exited with ${child.exitCode}: ${output.slice(-5).join(" | ")}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((ok) => setTimeout(ok, 100));
  }
  throw new Error("host did not become healthy in 120 s");
}

async function killHost(): Promise<void> {
  const child = host;
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((ok) => child.once("exit", ok));
  child.kill("SIGKILL");
  await exited;
  host = null;
}

beforeAll(async () => {
  copyFileSync(inject("templateDb"), dbFile);
  const db = createDb(`file:${dbFile}`);
  await migrateDatabase(db, `file:${dbFile}`);
  logins = await seedDemoOrganisation(db, new Date(), 1_000);
  db.$client.close();
  port = await freePort();
  await startHost();
});
afterAll(async () => {
  await killHost();
});

describe("kill -9 of the Node host in the middle of batch commits", () => {
  it("keeps every acknowledged batch whole after each restart, and never a partial batch", async () => {
    const random = seeded(9_001);
    const password = logins.find((l) => l.email === AS.staffMadiun)?.password;
    const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ email: AS.staffMadiun, password }),
    });
    expect(login.status).toBe(200);
    const { token } = (await login.json()) as { token: string };

    const reader = createDb(`file:${dbFile}`);
    const next = signupGenerator({
      eventId: EVENT,
      district: "357701",
      villages: await villagesOf(reader, "357701"),
    });
    reader.$client.close();
    const batches = Array.from({ length: BATCHES }, () => Array.from({ length: PER_BATCH }, () => next()));
    const killAt = new Set<number>();
    while (killAt.size < KILLS) killAt.add(20 + Math.floor(random() * (BATCHES - 40)));

    const send = (index: number) =>
      fetch(`http://127.0.0.1:${port}/api/enrolment/signups/batch`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
        body: JSON.stringify({ records: batches[index] }),
      }).then(async (res) => {
        expect(res.status).toBe(200);
        const { results } = (await res.json()) as { results: { status: string }[] };
        expect(results.map((r) => r.status).filter((s) => s !== "created" && s !== "replayed")).toEqual([]);
        return true;
      });

    /** Rows stored per batch, read from the file while the host is down. */
    const storedPerBatch = async (upTo: number) => {
      const db = createDb(`file:${dbFile}`);
      try {
        const counts: number[] = [];
        for (let i = 0; i <= upTo; i++) {
          const ids = (batches[i] ?? []).map((r) => r.id);
          const [row] = await db
            .select({ n: sql<number>`count(*)` })
            .from(signups)
            .where(inArray(signups.id, ids));
          counts.push(row?.n ?? 0);
        }
        const [integrity] = (await db.$client.execute("PRAGMA integrity_check")).rows;
        expect(Object.values(integrity ?? {})[0]).toBe("ok");
        // The rollup cells were written in the same transaction as the rows they count.
        const [cell] = await db
          .select({ n: sql<number>`coalesce(sum(${rollupCells.recorded}), 0)` })
          .from(rollupCells)
          .where(and(eq(rollupCells.scope, `event:${EVENT}`), eq(rollupCells.dim, "total")));
        const [rows] = await db
          .select({ n: sql<number>`count(*)` })
          .from(signups)
          .where(eq(signups.eventId, EVENT));
        expect(cell?.n).toBe(rows?.n);
        return counts;
      } finally {
        db.$client.close();
      }
    };

    const acknowledged = new Set<number>();
    /** Round trips of the last answered batches, to aim the kills inside one. */
    const roundTrips: number[] = [];
    let kills = 0;
    let unanswered = 0;
    for (let i = 0; i < BATCHES; i++) {
      if (!killAt.has(i)) {
        const started = performance.now();
        await send(i);
        roundTrips.push(performance.now() - started);
        if (roundTrips.length > 50) roundTrips.shift();
        acknowledged.add(i);
        continue;
      }
      // Send, then kill the host somewhere within a typical round trip (a little past it, too):
      // before the request is read, during the commit, or after the answer. A fixed window
      // would miss the commit as the host gets faster.
      const typical = [...roundTrips].sort((a, b) => a - b)[Math.floor(roundTrips.length / 2)] ?? 5;
      const inFlight = send(i).catch(() => false);
      await new Promise((ok) => setTimeout(ok, random() * typical * 1.2));
      await killHost();
      kills += 1;
      if (await inFlight) acknowledged.add(i);
      else unanswered += 1;

      const counts = await storedPerBatch(i);
      for (const [index, n] of counts.entries()) {
        if (acknowledged.has(index)) expect(n, `acknowledged batch ${index}`).toBe(PER_BATCH);
        else expect([0, PER_BATCH], `batch ${index} is whole or absent`).toContain(n);
      }

      await startHost();
      // The tablet resends what it has no answer for; a stored batch comes back as replays.
      if (!acknowledged.has(i)) {
        await send(i);
        acknowledged.add(i);
      }
    }
    await killHost();
    expect(kills).toBe(KILLS);
    // At least one kill caught a batch before its answer: the case the test is about.
    expect(unanswered).toBeGreaterThan(0);
    expect(acknowledged.size).toBe(BATCHES);
    const counts = await storedPerBatch(BATCHES - 1);
    expect(counts.every((n) => n === PER_BATCH)).toBe(true);
    await startHost();
  });

  it("printed no NIK in any of its log lines", () => {
    expect(output.some((l) => l.includes('"path":"/api/enrolment/signups/batch"'))).toBe(true);
    expect(output.filter((l) => SIXTEEN_DIGITS.test(l))).toEqual([]);
  });
});

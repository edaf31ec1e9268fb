import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Readable } from "node:stream";
import { Miniflare } from "miniflare";
import { unstable_readConfig } from "wrangler";
import { WORKERS } from "../scripts/bundle/workers.ts";
import { type Figure, median, ratioOf, round } from "./support/figures.ts";
import { ROOT } from "./support/launch.ts";

const KIB = 1024;
const STARTS = 5;

interface BuildReport {
  generatedAt: string;
  budgets: { workerGzipBytes: number; spaFirstLoadGzipBytes: number; captureRouteGzipBytes: number };
  workers: { name: string; script: string; gzipBytes: number; rawBytes: number }[];
  spa: {
    firstLoad: { gzipBytes: number; rawBytes: number };
    captureRoute: { gzipBytes: number; rawBytes: number; modules: string[] };
  };
}

/** dist/build-report.json, from `npm run build` (run first when missing). */
function buildReport(): BuildReport {
  const path = join(ROOT, "dist/build-report.json");
  if (!existsSync(path)) {
    console.error("  dist/build-report.json missing: npm run build");
    const build = spawnSync("npm", ["run", "build"], { cwd: ROOT, stdio: "inherit" });
    if (build.status !== 0) throw new Error("npm run build failed");
  }
  return JSON.parse(readFileSync(path, "utf8")) as BuildReport;
}

/**
 * From `new Miniflare()` to the first response of a request that needs no database or
 * binding (an unknown API path → 404), in workerd: process start, script compile and the
 * global scope, then one request.
 */
async function startupMs(script: string, compatibilityDate: string, flags: string[], path: string) {
  const started = performance.now();
  const mf = new Miniflare({
    // The workers' request logs are not part of the figure.
    handleRuntimeStdio(stdout: Readable, stderr: Readable) {
      stdout.resume();
      stderr.resume();
    },
    modulesRoot: dirname(script),
    modules: [{ type: "ESModule", path: script }],
    compatibilityDate,
    compatibilityFlags: flags,
    bindings: {
      APP_ENV: "production",
      TURSO_DATABASE_URL: "http://127.0.0.1:9",
      JWT_SECRET: "bench-secret-bench-secret-bench-secret-bench",
      NIK_ENC_KEYS: `1:${Buffer.alloc(32, 1).toString("base64")}`,
      NIK_HMAC_KEY: Buffer.alloc(32, 2).toString("base64"),
    },
  });
  try {
    const res = await mf.dispatchFetch(`http://localhost${path}`);
    await res.text();
    return performance.now() - started;
  } finally {
    await mf.dispose();
  }
}

/**
 * (d) Sizes from the build report against their budgets, and each worker's start-up in
 * workerd against a trivial worker started the same way (the difference is what the
 * bundle's compile and global scope cost).
 */
export async function benchSizes(): Promise<Figure[]> {
  const report = buildReport();
  const figures: Figure[] = [];
  const budget = report.budgets;
  for (const w of report.workers) {
    figures.push({
      id: `size.worker.${w.name}`,
      label: `Worker ${w.name} bundle`,
      value: round(w.gzipBytes / KIB, 1),
      unit: "KiB gzip",
      details: { rawKiB: round(w.rawBytes / KIB, 1), buildReport: report.generatedAt },
      baseline: { label: "budget", value: budget.workerGzipBytes / KIB, unit: "KiB gzip" },
      ratio: round(w.gzipBytes / budget.workerGzipBytes, 3),
      goal: { text: "≤ 150 KiB gzip", met: w.gzipBytes <= budget.workerGzipBytes },
      command: "npm run build && npm run bench -- --only sizes",
    });
  }
  figures.push(
    {
      id: "size.spa.firstLoad",
      label: "SPA first load (HTML, JS, CSS)",
      value: round(report.spa.firstLoad.gzipBytes / KIB, 1),
      unit: "KiB gzip",
      details: { rawKiB: round(report.spa.firstLoad.rawBytes / KIB, 1) },
      baseline: { label: "budget", value: budget.spaFirstLoadGzipBytes / KIB, unit: "KiB gzip" },
      ratio: round(report.spa.firstLoad.gzipBytes / budget.spaFirstLoadGzipBytes, 3),
      goal: { text: "≤ 100 KiB gzip", met: report.spa.firstLoad.gzipBytes <= budget.spaFirstLoadGzipBytes },
      command: "npm run build && npm run bench -- --only sizes",
    },
    {
      id: "size.spa.captureRoute",
      label: "SPA capture route chunk",
      value: round(report.spa.captureRoute.gzipBytes / KIB, 1),
      unit: "KiB gzip",
      details: {
        rawKiB: round(report.spa.captureRoute.rawBytes / KIB, 1),
        modules: report.spa.captureRoute.modules.join(" "),
      },
      baseline: { label: "budget", value: budget.captureRouteGzipBytes / KIB, unit: "KiB gzip" },
      ratio: round(report.spa.captureRoute.gzipBytes / budget.captureRouteGzipBytes, 3),
      goal: { text: "≤ 50 KiB gzip", met: report.spa.captureRoute.gzipBytes <= budget.captureRouteGzipBytes },
      command: "npm run build && npm run bench -- --only sizes",
    },
  );

  const trivial = join(ROOT, "bench/support/trivial-worker.js");
  for (const w of report.workers) {
    const spec = WORKERS.find((x) => x.name === w.name);
    if (!spec) continue;
    const config = unstable_readConfig({ config: join(ROOT, spec.config) }, { hideWarnings: true });
    const date = config.compatibility_date ?? "2026-04-20";
    const flags = config.compatibility_flags ?? [];
    const path = w.name === "gateway" ? "/api/nope" : `/api/${w.name}/nope`;
    const script = join(ROOT, w.script);
    await startupMs(trivial, date, flags, path); // warm the OS cache and workerd's binary
    const own: number[] = [];
    const base: number[] = [];
    for (let i = 0; i < STARTS; i++) {
      base.push(await startupMs(trivial, date, flags, path));
      own.push(await startupMs(script, date, flags, path));
    }
    const ms = median(own);
    const baseMs = median(base);
    figures.push({
      id: `startup.worker.${w.name}`,
      label: `Worker ${w.name} start-up in workerd (to first response)`,
      value: round(ms, 0),
      unit: "ms",
      details: { globalScopeExtraMs: round(ms - baseMs, 0), starts: STARTS },
      baseline: { label: "trivial worker, same start-up", value: round(baseMs, 0), unit: "ms" },
      ratio: ratioOf(ms, baseMs),
      command: "npm run bench -- --only sizes",
    });
  }
  return figures;
}

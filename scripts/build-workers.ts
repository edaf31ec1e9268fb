/**
 * `npm run build`, after `build:web`: bundles the three API workers and the gateway exactly as
 * `wrangler deploy` would (into dist/workers/<name>), prints every bundle's size with the SPA's,
 * fails above budget or when a bundle imports a Node built-in, and writes dist/build-report.json
 * (read by the benchmarks).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { measureSpa } from "./bundle/spa.ts";
import { bundleWorkers, ROOT } from "./bundle/workers.ts";

const KIB = 1024;

/** Sizes are gzip, as Cloudflare counts a Worker's size and as a tablet downloads the SPA. */
export const BUDGETS = {
  workerGzipBytes: 150 * KIB,
  spaFirstLoadGzipBytes: 100 * KIB,
  captureRouteGzipBytes: 50 * KIB,
};

const started = performance.now();
const bundles = await bundleWorkers(join(ROOT, "dist/workers"));
const spa = measureSpa(join(ROOT, "web/dist"), join(ROOT, "web/src/features/capture/routes.tsx"));

interface Row {
  label: string;
  rawBytes: number;
  gzipBytes: number;
  budgetGzipBytes: number;
  problems: string[];
}
const rows: Row[] = [
  ...bundles.map((b) => ({
    label: `worker ${b.name}`,
    rawBytes: b.rawBytes,
    gzipBytes: b.gzipBytes,
    budgetGzipBytes: BUDGETS.workerGzipBytes,
    problems: b.nodeOnlyImports.map((m) => `imports the Node built-in "${m}"`),
  })),
  {
    label: "SPA first load",
    rawBytes: spa.firstLoad.rawBytes,
    gzipBytes: spa.firstLoad.gzipBytes,
    budgetGzipBytes: BUDGETS.spaFirstLoadGzipBytes,
    problems: [],
  },
  {
    label: "SPA capture route",
    rawBytes: spa.captureRoute.rawBytes,
    gzipBytes: spa.captureRoute.gzipBytes,
    budgetGzipBytes: BUDGETS.captureRouteGzipBytes,
    problems: [],
  },
];
for (const row of rows) {
  if (row.gzipBytes > row.budgetGzipBytes) {
    row.problems.unshift(`${kib(row.gzipBytes)} gzip is over the ${kib(row.budgetGzipBytes)} budget`);
  }
}

const width = Math.max(...rows.map((r) => r.label.length));
console.log(
  `\n${"bundle".padEnd(width)}  ${"raw".padStart(11)}  ${"gzip".padStart(11)}  ${"budget".padStart(11)}`,
);
for (const r of rows) {
  const status = r.problems.length ? `FAIL: ${r.problems.join("; ")}` : "ok";
  console.log(
    `${r.label.padEnd(width)}  ${kib(r.rawBytes).padStart(11)}  ${kib(r.gzipBytes).padStart(11)}  ${kib(r.budgetGzipBytes).padStart(11)}  ${status}`,
  );
}
for (const b of bundles) {
  console.log(
    `largest in ${b.name} (raw): ${b.largestParts.map((p) => `${p.part} ${kib(p.bytes)}`).join(", ")}`,
  );
}
console.log(`\nSPA first load: ${spa.firstLoad.files.map((f) => f.file).join(", ")}`);
console.log(
  `SPA capture route (${spa.captureRoute.modules.join(", ")}): ${spa.captureRoute.files.map((f) => f.file).join(", ") || "nothing beyond the first load"}`,
);
const optional = [...new Set(bundles.flatMap((b) => b.otherExternals.map((e) => e.path)))];
if (optional.length) {
  console.log(`Left outside the bundles (optional, never loaded): ${optional.join(", ")}`);
}

const failed = rows.filter((r) => r.problems.length);
mkdirSync(join(ROOT, "dist"), { recursive: true });
writeFileSync(
  join(ROOT, "dist/build-report.json"),
  `${JSON.stringify(
    {
      generatedAt: new Date().toISOString(),
      ok: failed.length === 0,
      budgets: BUDGETS,
      workers: bundles.map((b) => ({
        name: b.name,
        script: b.script.slice(ROOT.length + 1),
        rawBytes: b.rawBytes,
        gzipBytes: b.gzipBytes,
        nodeOnlyImports: b.nodeOnlyImports,
        otherExternals: b.otherExternals,
        largestParts: b.largestParts,
      })),
      spa,
    },
    null,
    2,
  )}\n`,
);
console.log(`\nReport: dist/build-report.json (${Math.round(performance.now() - started)} ms)`);
if (failed.length) {
  console.error(`\nBuild failed: ${failed.map((r) => `${r.label}: ${r.problems.join("; ")}`).join(" | ")}`);
  process.exitCode = 1;
}

function kib(bytes: number): string {
  return `${(bytes / KIB).toFixed(1)} KiB`;
}

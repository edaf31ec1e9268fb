/**
 * `npm run bench` — the figures Jangkau promises, each measured against a baseline in the
 * same run (these machines are noisy): prints a table and writes bench/results.json.
 *
 *   npm run bench                                   everything, reads at 10k/100k/1M/10M sign-ups
 *   npm run bench -- --sizes 10k,100k               reads at these sizes only
 *   npm run bench -- --only ingest,single,reads,sizes
 *
 * Not part of `npm test`. BENCHMARKS.md keeps the latest figures.
 */
import { writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import { benchIngest } from "./ingest.ts";
import { benchReads, parseSizes } from "./reads.ts";
import { benchSingle } from "./single.ts";
import { benchSizes } from "./sizes.ts";
import type { Figure } from "./support/figures.ts";
import { ROOT } from "./support/launch.ts";

const SECTIONS = ["ingest", "single", "reads", "sizes"] as const;
type Section = (typeof SECTIONS)[number];

function argument(name: string): string | undefined {
  const args = process.argv.slice(2);
  const i = args.indexOf(`--${name}`);
  if (i >= 0) return args[i + 1];
  return args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
}

const only = (argument("only")?.split(",") ?? [...SECTIONS]) as Section[];
for (const s of only)
  if (!SECTIONS.includes(s)) throw new Error(`--only: unknown section "${s}" (${SECTIONS.join(", ")})`);
const sizes = parseSizes(argument("sizes") ?? "10k,100k,1m,10m");

const started = new Date();
const figures: Figure[] = [];
const run = async (section: Section, measure: () => Promise<Figure[]>) => {
  if (!only.includes(section)) return;
  const t0 = performance.now();
  console.error(`… ${section}`);
  const measured = await measure();
  figures.push(...measured);
  for (const f of measured) console.error(`  ${f.label}: ${f.value} ${f.unit} (×${f.ratio} of baseline)`);
  console.error(`  ${section} took ${Math.round((performance.now() - t0) / 1000)} s`);
};

await run("ingest", benchIngest);
await run("single", benchSingle);
await run("reads", () => benchReads(sizes));
await run("sizes", benchSizes);

const machine = {
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model ?? "unknown",
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  platform: `${process.platform} ${process.arch}`,
};
writeFileSync(
  join(ROOT, "bench/results.json"),
  `${JSON.stringify({ startedAt: started.toISOString(), finishedAt: new Date().toISOString(), machine, figures }, null, 2)}\n`,
);

const rows = figures.map((f) => [
  f.label,
  `${f.value.toLocaleString("en-US")} ${f.unit}`,
  `${f.baseline.value.toLocaleString("en-US")} ${f.baseline.unit}`,
  `×${f.ratio}`,
  f.goal ? `${f.goal.met ? "met" : "MISSED"}: ${f.goal.text}` : "",
]);
const header = ["figure", "value", "baseline", "ratio", "goal"];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join("  ");
console.log(`\n${line(header)}\n${widths.map((w) => "-".repeat(w)).join("  ")}`);
for (const r of rows) console.log(line(r));
for (const f of figures) {
  if (f.details)
    console.log(
      `  ${f.id}: ${Object.entries(f.details)
        .map(([k, v]) => `${k}=${v}`)
        .join(", ")}`,
    );
}
console.log(
  `\nMachine: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, Node ${machine.node}. Results: bench/results.json`,
);

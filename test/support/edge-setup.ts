import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { build } from "vite";
import type { TestProject } from "vitest/node";
import { bundleWorkers, type WorkerBundle } from "../../scripts/bundle/workers.ts";

/**
 * Edge tests run what deploys: the SPA built fresh and the four workers bundled by
 * `wrangler deploy --dry-run`, once per run, into a directory of their own (so a concurrent
 * `npm run build` or browser run cannot change them underneath).
 */
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), "jangkau-edge-build-"));
  const assets = join(dir, "assets");
  const started = performance.now();
  await build({
    root: resolve(import.meta.dirname, "../../web"),
    logLevel: "warn",
    build: { outDir: assets, emptyOutDir: true },
  });
  const bundles = await bundleWorkers(join(dir, "workers"), { assetsDir: assets });
  project.provide("edgeBuild", { assets, bundles, buildMs: Math.round(performance.now() - started) });
  return () => rmSync(dir, { recursive: true, force: true });
}

declare module "vitest" {
  export interface ProvidedContext {
    edgeBuild: { assets: string; bundles: WorkerBundle[]; buildMs: number };
  }
}

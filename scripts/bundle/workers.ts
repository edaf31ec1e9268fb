import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { builtinModules, createRequire } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import { gzipSync } from "node:zlib";

/** Repository root. */
export const ROOT = resolve(import.meta.dirname, "../..");

/**
 * The four Workers of a deployment, in deploy order: the API workers first, then the
 * gateway whose service bindings point at them.
 */
export const WORKERS = [
  { name: "campaigns", config: "workers/campaigns/wrangler.toml" },
  { name: "enrolment", config: "workers/enrolment/wrangler.toml" },
  { name: "targets", config: "workers/targets/wrangler.toml" },
  { name: "gateway", config: "wrangler.toml" },
] as const;

export type WorkerName = (typeof WORKERS)[number]["name"];

/** An import esbuild left outside the bundle. */
export interface ExternalImport {
  path: string;
  kind: string;
}

export interface WorkerBundle {
  name: string;
  /** Absolute path of the worker's wrangler.toml. */
  config: string;
  /** Absolute path of the bundled module, exactly what `wrangler deploy` uploads. */
  script: string;
  rawBytes: number;
  gzipBytes: number;
  /** Imports of Node built-ins (`node:fs`, `crypto`…): workerd without nodejs_compat has none of them. */
  nodeOnlyImports: string[];
  /** Other imports left outside the bundle (optional dependencies behind a `try { await import() }`). */
  otherExternals: ExternalImport[];
  /** What takes the room: bytes in the output per npm package or source folder, largest first. */
  largestParts: { part: string; bytes: number }[];
}

const require = createRequire(import.meta.url);
const WRANGLER_BIN = join(dirname(require.resolve("wrangler/package.json")), "bin/wrangler.js");

/** Runtime modules workerd provides; anything else outside the bundle must be optional. */
const WORKERD_MODULES = /^(cloudflare|workerd):/;
const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/** True for `node:*` and for bare names of Node built-ins (`fs`, `fs/promises`, `crypto`…). */
export function isNodeBuiltin(specifier: string): boolean {
  return specifier.startsWith("node:") || NODE_BUILTINS.has(specifier);
}

/**
 * Bundle one worker with `wrangler deploy --dry-run`: the same esbuild settings, export
 * conditions (`workerd`, `worker`, `browser`) and minify flag as a real deploy.
 */
export async function bundleWorker(
  worker: { name: string; config: string },
  outRoot: string,
  options: { assetsDir?: string } = {},
): Promise<WorkerBundle> {
  const outdir = join(outRoot, worker.name);
  const metafile = join(outdir, "bundle-meta.json");
  const config = resolve(ROOT, worker.config);
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  const args = ["deploy", "--dry-run", "--config", config, "--outdir", outdir, "--metafile", metafile];
  // Only the gateway has static assets; tests point it at their own build of the SPA.
  if (options.assetsDir && worker.name === "gateway") args.push("--assets", options.assetsDir);
  await runWrangler(args);

  const script = join(outdir, "index.js");
  const code = readFileSync(script);
  const meta = JSON.parse(readFileSync(metafile, "utf8")) as EsbuildMetafile;
  const externals = externalImports(meta);
  const nodeOnly = new Set([
    ...externals.filter((e) => isNodeBuiltin(e.path)).map((e) => e.path),
    ...nodeImportsInCode(code.toString("utf8")),
  ]);
  return {
    name: worker.name,
    config,
    script,
    rawBytes: code.byteLength,
    gzipBytes: gzipSync(code).byteLength,
    nodeOnlyImports: [...nodeOnly].sort(),
    otherExternals: externals.filter((e) => !isNodeBuiltin(e.path) && !WORKERD_MODULES.test(e.path)),
    largestParts: largestParts(meta, dirname(config)),
  };
}

/** Bundle every worker side by side (each bundle takes about two seconds). */
export function bundleWorkers(
  outRoot: string,
  options: { assetsDir?: string } = {},
): Promise<WorkerBundle[]> {
  return Promise.all(WORKERS.map((w) => bundleWorker(w, outRoot, options)));
}

interface EsbuildMetafile {
  outputs: Record<
    string,
    {
      imports?: { path: string; kind: string; external?: boolean }[];
      inputs?: Record<string, { bytesInOutput: number }>;
    }
  >;
}

/**
 * Bytes in the bundle per npm package (`drizzle-orm`) or source folder
 * (`workers/enrolment/src/imports`), the top `limit` of them. esbuild names inputs relative
 * to its working directory, the worker's config folder.
 */
export function largestParts(meta: EsbuildMetafile, workingDir: string, limit = 6) {
  const bytes = new Map<string, number>();
  for (const [file, output] of Object.entries(meta.outputs)) {
    if (!file.endsWith(".js")) continue;
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs ?? {})) {
      const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1];
      const part = pkg ?? relative(ROOT, resolve(workingDir, input)).split("/").slice(0, 4).join("/");
      bytes.set(part, (bytes.get(part) ?? 0) + bytesInOutput);
    }
  }
  return [...bytes.entries()]
    .map(([part, n]) => ({ part, bytes: n }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, limit);
}

/** Every import esbuild marked external in the bundle's outputs (from `--metafile`). */
export function externalImports(meta: EsbuildMetafile): ExternalImport[] {
  const seen = new Map<string, ExternalImport>();
  for (const [file, output] of Object.entries(meta.outputs)) {
    if (!file.endsWith(".js")) continue;
    for (const i of output.imports ?? []) {
      if (i.external) seen.set(`${i.kind} ${i.path}`, { path: i.path, kind: i.kind });
    }
  }
  return [...seen.values()].sort((a, b) => a.path.localeCompare(b.path));
}

/**
 * A second, independent look at the bundle text: `import … from "node:x"`, `import("fs")`,
 * `require("path")`. Catches a Node import even if it reached the output some other way
 * than through esbuild's resolver.
 */
export function nodeImportsInCode(code: string): string[] {
  const found = new Set<string>();
  // `require` without a word boundary, so esbuild's `__require("fs")` shim counts too.
  const pattern = /(?:\bfrom\s*|\bimport\s*\(?\s*|require\s*\(\s*)(["'`])([@\w:/.-]+)\1/g;
  for (const match of code.matchAll(pattern)) {
    const specifier = match[2] ?? "";
    if (isNodeBuiltin(specifier)) found.add(specifier);
  }
  return [...found];
}

function runWrangler(args: string[]): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [WRANGLER_BIN, ...args], {
      cwd: ROOT,
      env: { ...process.env, WRANGLER_SEND_METRICS: "false", NO_COLOR: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on("error", fail);
    child.on("close", (status) => {
      if (status === 0) done();
      else fail(new Error(`wrangler ${args.join(" ")} failed (${status}):\n${output}`));
    });
  });
}

import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { gzipSync } from "node:zlib";

export interface AssetSize {
  /** Path inside the SPA build, e.g. `assets/index-DbFa-m0b.js`. */
  file: string;
  rawBytes: number;
  gzipBytes: number;
}

export interface AssetGroup {
  files: AssetSize[];
  rawBytes: number;
  /** Sum of each file's own gzip size: every file travels as its own response. */
  gzipBytes: number;
}

export interface SpaSizes {
  /** index.html, its entry script with every module it imports statically, and its stylesheets. */
  firstLoad: AssetGroup;
  /** What opening a capture page adds to the first load: its lazy chunks and their static imports. */
  captureRoute: AssetGroup & { modules: string[] };
}

/**
 * Sizes of the built SPA as a tablet downloads it. The first load comes from index.html; the
 * capture route's chunks are found from the pages `features/capture/routes.tsx` lazy-loads,
 * through the build's source maps (each chunk names the source files it holds).
 */
export function measureSpa(distDir: string, captureRoutesFile: string): SpaSizes {
  const html = readFileSync(join(distDir, "index.html"), "utf8");
  const tags = [...html.matchAll(/<(script|link)\b([^>]*)>/g)].map((m) => ({
    tag: m[1],
    attrs: Object.fromEntries([...(m[2] ?? "").matchAll(/([\w-]+)="([^"]*)"/g)].map((a) => [a[1], a[2]])),
  }));
  const local = (url: string | undefined) =>
    url && !/^[a-z]+:/i.test(url) ? join(distDir, url.replace(/^\//, "")) : undefined;
  const scripts = tags
    .filter((t) => t.tag === "script" && t.attrs.type === "module")
    .map((t) => local(t.attrs.src))
    .concat(tags.filter((t) => t.attrs.rel === "modulepreload").map((t) => local(t.attrs.href)))
    .filter((f): f is string => !!f);
  const styles = tags
    .filter((t) => t.attrs.rel === "stylesheet")
    .map((t) => local(t.attrs.href))
    .filter((f): f is string => !!f);
  const firstLoadJs = staticClosure(scripts);
  const firstLoad = group(distDir, [join(distDir, "index.html"), ...firstLoadJs, ...styles]);

  const pages = lazyImports(captureRoutesFile);
  const chunks = chunkSources(distDir);
  const captureChunks = pages.map((page) => {
    const chunk = [...chunks].find(([, sources]) => sources.has(page))?.[0];
    if (!chunk) throw new Error(`No chunk of ${distDir} holds ${relative(process.cwd(), page)}`);
    return chunk;
  });
  const captureJs = [...staticClosure(captureChunks)].filter((f) => !firstLoadJs.has(f));
  return {
    firstLoad,
    captureRoute: { ...group(distDir, captureJs), modules: pages.map((p) => relative(dirname(distDir), p)) },
  };
}

function group(distDir: string, files: Iterable<string>): AssetGroup {
  const sizes = [...new Set(files)].map((path) => {
    const content = readFileSync(path);
    return {
      file: relative(distDir, path),
      rawBytes: content.byteLength,
      gzipBytes: gzipSync(content).byteLength,
    };
  });
  return {
    files: sizes,
    rawBytes: sizes.reduce((n, f) => n + f.rawBytes, 0),
    gzipBytes: sizes.reduce((n, f) => n + f.gzipBytes, 0),
  };
}

/** The files and every relative module they import statically (not `import()`), transitively. */
function staticClosure(entries: string[]): Set<string> {
  const seen = new Set<string>();
  const queue = [...entries];
  while (queue.length) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(file, "utf8");
    for (const m of code.matchAll(
      /\b(?:import|export)\s*(?:[\w$*{}\s,]+?\s*from\s*)?(["'`])(\.{1,2}\/[^"'`]+)\1/g,
    )) {
      queue.push(resolve(dirname(file), m[2] ?? ""));
    }
  }
  return seen;
}

/** Absolute source paths of the modules a routes file loads with `import("…")`. */
function lazyImports(routesFile: string): string[] {
  const code = readFileSync(routesFile, "utf8");
  return [...code.matchAll(/\bimport\(\s*(["'`])([^"'`]+)\1\s*\)/g)].map((m) => {
    const path = resolve(dirname(routesFile), m[2] ?? "");
    const candidates = [path, ...[".tsx", ".ts", ".jsx", ".js"].map((ext) => `${path}${ext}`)];
    const found = candidates.find((c) => existsSync(c));
    if (!found) throw new Error(`${routesFile}: cannot resolve import("${m[2]}")`);
    return found;
  });
}

/** Each JS chunk of the build with the absolute paths of the sources its source map lists. */
function chunkSources(distDir: string): Map<string, Set<string>> {
  const assets = join(distDir, "assets");
  const result = new Map<string, Set<string>>();
  for (const name of readdirSync(assets).filter((f) => f.endsWith(".js"))) {
    const mapFile = join(assets, `${name}.map`);
    if (!existsSync(mapFile)) {
      throw new Error(
        `${mapFile} is missing: the SPA must be built with source maps to find its route chunks`,
      );
    }
    const map = JSON.parse(readFileSync(mapFile, "utf8")) as { sources?: string[]; sourceRoot?: string };
    const base = resolve(assets, map.sourceRoot ?? "");
    result.set(join(assets, name), new Set((map.sources ?? []).map((s) => resolve(base, s))));
  }
  return result;
}

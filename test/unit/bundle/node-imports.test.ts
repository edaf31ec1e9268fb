import { describe, expect, it } from "vitest";
import { externalImports, isNodeBuiltin, nodeImportsInCode } from "../../../scripts/bundle/workers.ts";

describe("Node-only import check of worker bundles", () => {
  it("knows Node built-ins by node: name and bare name, and nothing else", () => {
    expect(["node:fs", "fs", "fs/promises", "crypto", "node:async_hooks"].every(isNodeBuiltin)).toBe(true);
    expect(["hono", "cloudflare:workers", "@libsql/client", "drizzle-orm/libsql"].some(isNodeBuiltin)).toBe(
      false,
    );
  });

  it("finds static, dynamic and require imports of built-ins in minified code", () => {
    const code = [
      'import{readFileSync as a}from"node:fs";',
      "const b=await import(`path`);",
      'var c=__require("crypto");',
      'import"node:buffer";',
      'import{Hono as d}from"hono";',
    ].join("");
    expect(nodeImportsInCode(code).sort()).toEqual(["crypto", "node:buffer", "node:fs", "path"]);
  });

  it("does not mistake strings and Array.from for imports", () => {
    const code = 'const e=Array.from("fs");const f={from:"path"};console.log("import crypto");';
    expect(nodeImportsInCode(code)).toEqual([]);
  });

  it("lists what esbuild left outside the bundle, from its metafile", () => {
    const meta = {
      outputs: {
        "index.js": {
          imports: [
            { path: "node:fs", kind: "import-statement", external: true },
            { path: "effect", kind: "dynamic-import", external: true },
            { path: "src/app.ts", kind: "import-statement" },
          ],
        },
        "index.js.map": { imports: [] },
      },
    };
    expect(externalImports(meta)).toEqual([
      { path: "effect", kind: "dynamic-import" },
      { path: "node:fs", kind: "import-statement" },
    ]);
  });
});

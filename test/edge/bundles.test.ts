import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, inject, it } from "vitest";
import { bundleWorker, WORKERS } from "../../scripts/bundle/workers.ts";

const { bundles } = inject("edgeBuild");

describe("worker bundles", () => {
  it("bundles all four workers", () => {
    expect(bundles.map((b) => b.name).sort()).toEqual(WORKERS.map((w) => w.name).sort());
  });

  it.each(WORKERS.map((w) => w.name))("%s imports no Node built-in (no nodejs_compat on Workers)", (name) => {
    expect(bundles.find((b) => b.name === name)?.nodeOnlyImports).toEqual([]);
  });

  it("leaves outside the bundles only optional imports that never run at start-up", () => {
    for (const b of bundles) {
      for (const e of b.otherExternals) expect(e.kind, `${b.name}: ${e.path}`).toBe("dynamic-import");
    }
  });

  it("catches a worker that imports Node built-ins, by node: name and bare", async () => {
    const out = mkdtempSync(join(tmpdir(), "jangkau-node-import-"));
    try {
      const fixture = await bundleWorker(
        { name: "node-import", config: "test/edge/fixtures/node-import/wrangler.toml" },
        out,
      );
      expect(fixture.nodeOnlyImports).toEqual(["fs", "node:crypto"]);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});

import { readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { passwordOf } from "../scenarios/app.ts";
import { AS } from "../support/app.ts";
import { type EdgeApp, startEdgeApp } from "../support/edge.ts";

/** What only the Workers path has: static assets from the gateway, and workerd's own logs. */
let edge: EdgeApp;
beforeAll(async () => {
  edge = await startEdgeApp();
});
afterAll(async () => {
  await edge?.close();
});

describe("gateway static assets", () => {
  it("serves the SPA at / and falls back to index.html for a deep link", async () => {
    for (const path of ["/", "/capture", "/dashboard/targets"]) {
      const res = await edge.request(path, {
        headers: { Accept: "text/html", "Sec-Fetch-Mode": "navigate" },
      });
      expect(res.status, path).toBe(200);
      expect(res.headers.get("Content-Type")).toMatch(/text\/html/);
      expect(await res.text()).toContain('<div id="root">');
    }
  });

  it("serves the built scripts as JavaScript", async () => {
    const assets = join(inject("edgeBuild").assets, "assets");
    const script = readdirSync(assets).find((f) => f.endsWith(".js"));
    const res = await edge.request(`/assets/${script}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toMatch(/javascript/);
  });

  it("never answers /api with the SPA", async () => {
    const res = await edge.request("/api/does-not-exist", { headers: { Accept: "text/html" } });
    expect(res.status).toBe(404);
    expect(res.headers.get("Content-Type")).toMatch(/application\/json/);
  });
});

describe("workerd logs", () => {
  it("logs one line per request with its path and status, and no credentials", async () => {
    const password = passwordOf(edge, AS.staffBlitar);
    const res = await edge.request("/api/auth/login", {
      method: "POST",
      json: { email: AS.staffBlitar, password },
    });
    expect(res.status).toBe(200);
    const requestId = res.headers.get("X-Request-Id");
    await expect.poll(() => edge.logs.some((l) => requestId && l.includes(requestId))).toBe(true);
    const line = edge.logs.find((l) => requestId && l.includes(requestId)) ?? "";
    expect(JSON.parse(line)).toMatchObject({ method: "POST", path: "/api/auth/login", status: 200 });
    const all = edge.logs.join("\n");
    expect(all).not.toContain(password);
    expect(all).not.toContain(AS.staffBlitar);
  });
});

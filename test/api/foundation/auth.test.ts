import { beforeAll, describe, expect, it } from "vitest";
import { AS, createTestApp, type TestApp } from "../../support/app.ts";

/**
 * Node-host-only checks of the foundation. Sign-in per role, token refusals, health, OpenAPI,
 * scope and 404s are shared scenarios (test/scenarios/foundation.ts) run on both runtimes.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});

const errorOf = async (res: Response) =>
  ((await res.json()) as { error: { code: string; details?: unknown } }).error;

describe("login", () => {
  it("locks an account after five failures, even with the right password", async () => {
    const email = AS.managerJateng;
    for (let i = 0; i < 5; i++) {
      const res = await t.request("/api/auth/login", {
        method: "POST",
        json: { email, password: `wrong-${i}` },
        headers: { "CF-Connecting-IP": `10.0.0.${i}` },
      });
      expect(res.status).toBe(401);
    }
    const password = t.logins.find((l) => l.email === email)?.password;
    const locked = await t.request("/api/auth/login", { method: "POST", json: { email, password } });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect((await errorOf(locked)).code).toBe("rate_limited");
  });

  it("refuses malformed JSON with 400", async () => {
    const res = await t.request("/api/auth/login", {
      method: "POST",
      body: "{not json",
      headers: { "Content-Type": "application/json" },
    });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe("malformed_request");
  });

  it("ends the session on logout by clearing the cookie", async () => {
    const res = await t.request("/api/auth/logout", { method: "POST" });
    expect(res.status).toBe(200);
    expect(res.headers.get("Set-Cookie") ?? "").toMatch(/jangkau_session=;.*Max-Age=0/i);
  });
});

describe("API conventions", () => {
  it("puts a request id on error responses too, and in the body", async () => {
    const res = await t.request("/api/auth/me");
    expect(res.status).toBe(401);
    const id = res.headers.get("X-Request-Id");
    expect(id).toMatch(/.+/);
    expect(((await res.json()) as { error: { requestId: string } }).error.requestId).toBe(id);
  });

  it("serves a readable docs page listing the routes and their permissions", async () => {
    const docs = await t.request("/api/docs");
    expect(docs.status).toBe(200);
    const html = await docs.text();
    expect(html).toContain("/api/auth/login");
    expect(html).toContain("signups:record");
  });
});

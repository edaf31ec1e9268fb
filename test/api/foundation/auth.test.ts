import { sign } from "hono/jwt";
import { beforeAll, describe, expect, it } from "vitest";
import { TOKEN_AUDIENCE, TOKEN_ISSUER } from "../../../packages/shared/src/env.ts";
import { AS, createTestApp, type TestApp } from "../../support/app.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});

const errorOf = async (res: Response) =>
  ((await res.json()) as { error: { code: string; details?: unknown } }).error;

describe("login", () => {
  it.each([
    ["admin", AS.admin, "/dashboard"],
    ["manager", AS.managerJatim, "/dashboard"],
    ["staff", AS.staffMadiun, "/capture"],
    ["partner", AS.partnerDinkopSumsel, "/partner"],
  ])("%s logs in and is sent to their home screen", async (role, email, home) => {
    const password = t.logins.find((l) => l.email === email)?.password;
    const res = await t.request("/api/auth/login", { method: "POST", json: { email, password } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { token: string; home: string; user: { role: string } };
    expect(body.home).toBe(home);
    expect(body.user.role).toBe(role);
    const cookie = res.headers.get("Set-Cookie") ?? "";
    expect(cookie).toMatch(/jangkau_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);

    const me = await t.request("/api/auth/me", { token: body.token });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { email: string }).email).toBe(email);
  });

  it("accepts the session cookie as well as a bearer token", async () => {
    const password = t.logins.find((l) => l.email === AS.managerJatim)?.password;
    const res = await t.request("/api/auth/login", {
      method: "POST",
      json: { email: AS.managerJatim, password },
    });
    const cookie = (res.headers.get("Set-Cookie") ?? "").split(";")[0] ?? "";
    const me = await t.request("/api/auth/me", { headers: { Cookie: cookie } });
    expect(me.status).toBe(200);
  });

  it("answers a wrong password and an unknown email alike, without saying which", async () => {
    const wrong = await t.request("/api/auth/login", {
      method: "POST",
      json: { email: AS.managerSumbagsel, password: "not-the-password" },
      headers: { "CF-Connecting-IP": "10.9.9.1" },
    });
    const unknown = await t.request("/api/auth/login", {
      method: "POST",
      json: { email: "nobody@jangkau.test", password: "not-the-password" },
      headers: { "CF-Connecting-IP": "10.9.9.2" },
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const [a, b] = [await errorOf(wrong), await errorOf(unknown)];
    expect(a.code).toBe("invalid_credentials");
    expect(b).toMatchObject({ code: a.code });
  });

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

  it("names the invalid field and never echoes the value", async () => {
    const res = await t.request("/api/auth/login", {
      method: "POST",
      json: { email: "3573010101900001", password: "" },
    });
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text).not.toContain("3573010101900001");
    const { error } = JSON.parse(text) as {
      error: { code: string; details: { issues: { path: string }[] } };
    };
    expect(error.code).toBe("validation_failed");
    expect(error.details.issues.map((i) => i.path).sort()).toEqual(["email", "password"]);
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
});

describe("session tokens", () => {
  const claims = (over: Record<string, unknown> = {}) => ({
    iss: TOKEN_ISSUER,
    aud: TOKEN_AUDIENCE,
    iat: Math.floor(Date.now() / 1000),
    exp: Math.floor(Date.now() / 1000) + 600,
    sub: "3e3f4051-4d04-4f9e-8f4d-000000000001",
    role: "admin",
    name: "x",
    off: null,
    offs: [],
    ptn: null,
    nik: true,
    ...over,
  });

  it("accepts a token signed with the server's key", async () => {
    const token = await sign(claims(), t.env.JWT_SECRET, "HS256");
    expect((await t.request("/api/auth/me", { token })).status).toBe(200);
  });

  it.each([
    ["signed with another key", async () => sign(claims(), "another-key-another-key-another-key!", "HS256")],
    [
      "expired",
      async () => sign(claims({ exp: Math.floor(Date.now() / 1000) - 10 }), t.env.JWT_SECRET, "HS256"),
    ],
    ["for another audience", async () => sign(claims({ aud: "someone-else" }), t.env.JWT_SECRET, "HS256")],
    ["from another issuer", async () => sign(claims({ iss: "evil" }), t.env.JWT_SECRET, "HS256")],
    [
      'with alg "none"',
      async () => {
        const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url");
        return `${b64({ alg: "none", typ: "JWT" })}.${b64(claims())}.`;
      },
    ],
    ["that is garbage", async () => "abc.def.ghi"],
  ])("refuses a token %s with 401", async (_label, make) => {
    const res = await t.request("/api/auth/me", { token: await make() });
    expect(res.status).toBe(401);
    expect((await errorOf(res)).code).toBe("unauthorized");
  });
});

describe("API conventions", () => {
  it("answers an unknown route with 404 in the error shape", async () => {
    for (const path of ["/api/nope", "/api/campaigns/nope/deeper/still", "/api/targets/xyz/abc"]) {
      const res = await t.request(path, { token: await t.login(AS.admin) });
      expect(res.status).toBe(404);
      expect((await errorOf(res)).code).toBe("route_not_found");
    }
  });

  it("puts a request id on every response", async () => {
    const res = await t.request("/api/health");
    expect(res.headers.get("X-Request-Id")).toMatch(/.+/);
    const err = await t.request("/api/auth/me");
    expect(err.headers.get("X-Request-Id")).toMatch(/.+/);
  });

  it("reports health of every worker", async () => {
    const res = await t.request("/api/health");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      status: "ok",
      workers: { campaigns: "ok", enrolment: "ok", targets: "ok" },
    });
  });

  it("documents every route with its permission in /api/openapi.json", async () => {
    const res = await t.request("/api/openapi.json");
    expect(res.status).toBe(200);
    const spec = (await res.json()) as {
      openapi: string;
      paths: Record<string, Record<string, { "x-permission"?: string }>>;
    };
    expect(spec.openapi).toBe("3.1.0");
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining([
        "/api/auth/login",
        "/api/auth/me",
        "/api/offices",
        "/api/areas",
        "/api/targets",
      ]),
    );
    for (const [path, ops] of Object.entries(spec.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        if (path.endsWith("/openapi.json") || path.endsWith("/health")) continue;
        expect(op["x-permission"], `${method.toUpperCase()} ${path}`).toBeTruthy();
      }
    }
    const docs = await t.request("/api/docs");
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain("/api/auth/login");
  });

  it("refuses a route outside the role's permissions with 403 and no data", async () => {
    const res = await t.request("/api/targets", { token: await t.login(AS.staffMadiun) });
    expect(res.status).toBe(403);
    expect((await errorOf(res)).code).toBe("forbidden");
  });

  it("applies office scope in the query", async () => {
    const res = await t.request("/api/offices", { token: await t.login(AS.managerJatim) });
    const offices = (await res.json()) as { id: string; regencies: { code: string }[] }[];
    expect(offices.map((o) => o.id).sort()).toEqual(["kc-blitar", "kc-madiun", "kc-malang", "kw-jatim"]);
    expect(
      offices
        .find((o) => o.id === "kc-blitar")
        ?.regencies.map((r) => r.code)
        .sort(),
    ).toEqual(["35.03", "35.04", "35.05", "35.72"]);
  });
});

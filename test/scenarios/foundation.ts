import { eq } from "drizzle-orm";
import { sign } from "hono/jwt";
import { describe, expect, it } from "vitest";
import { TOKEN_AUDIENCE, TOKEN_ISSUER } from "../../packages/shared/src/env.ts";
import { users } from "../../packages/shared/src/schema/index.ts";
import { hashPassword, PBKDF2_ITERATIONS } from "../../packages/shared/src/security/password.ts";
import { AS } from "../support/app.ts";
import { errorOf, passwordOf, type ScenarioApp } from "./app.ts";

/**
 * Sign-in, sessions, the gateway's own routes and the reference reads, through the gateway.
 * Registered by test/api/scenarios.test.ts (Node host) and test/edge/scenarios.test.ts
 * (workerd), so both runtimes answer the same requests the same way.
 */
export function foundationScenarios(app: () => ScenarioApp) {
  describe("sign-in", () => {
    it.each([
      ["admin", AS.admin, "/dashboard"],
      ["manager", AS.managerJatim, "/dashboard"],
      ["staff", AS.staffMadiun, "/capture"],
      ["partner", AS.partnerDinkopSumsel, "/partner"],
    ])("%s signs in, gets a session cookie and their home screen", async (role, email, home) => {
      const res = await app().request("/api/auth/login", {
        method: "POST",
        json: { email, password: passwordOf(app(), email) },
      });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { token: string; home: string; user: { role: string } };
      expect(body).toMatchObject({ home, user: { role } });
      const cookie = res.headers.get("Set-Cookie") ?? "";
      expect(cookie).toMatch(/jangkau_session=/);
      expect(cookie).toMatch(/HttpOnly/i);
      expect(cookie).toMatch(/SameSite=Strict/i);

      const me = await app().request("/api/auth/me", { token: body.token });
      expect(me.status).toBe(200);
      expect(await me.json()).toMatchObject({ email, role, home });
    });

    it("keeps the session in the cookie as well as in the bearer token", async () => {
      const res = await app().request("/api/auth/login", {
        method: "POST",
        json: { email: AS.managerBlitar, password: passwordOf(app(), AS.managerBlitar) },
      });
      const cookie = (res.headers.get("Set-Cookie") ?? "").split(";")[0] ?? "";
      const me = await app().request("/api/auth/me", { headers: { Cookie: cookie } });
      expect(me.status).toBe(200);
      expect(await me.json()).toMatchObject({ email: AS.managerBlitar });
    });

    it(`verifies a password hashed at the production cost (PBKDF2, ${PBKDF2_ITERATIONS} iterations)`, async () => {
      const password = "sandi-produksi-panjang";
      await app()
        .db.update(users)
        .set({ passwordHash: await hashPassword(password) })
        .where(eq(users.email, AS.staffPalembang));
      const ok = await app().request("/api/auth/login", {
        method: "POST",
        json: { email: AS.staffPalembang, password },
      });
      expect(ok.status).toBe(200);
      const wrong = await app().request("/api/auth/login", {
        method: "POST",
        json: { email: AS.staffPalembang, password: "sandi-yang-salah" },
        headers: { "CF-Connecting-IP": "10.20.0.1" },
      });
      expect(wrong.status).toBe(401);
      expect((await errorOf(wrong)).code).toBe("invalid_credentials");
    });

    it("answers an unknown email like a wrong password, after hashing a decoy at full cost", async () => {
      const unknown = await app().request("/api/auth/login", {
        method: "POST",
        json: { email: "tidak.ada@jangkau.test", password: "bukan-sandinya" },
        headers: { "CF-Connecting-IP": "10.20.0.2" },
      });
      const wrong = await app().request("/api/auth/login", {
        method: "POST",
        json: { email: AS.managerSumbagsel, password: "bukan-sandinya" },
        headers: { "CF-Connecting-IP": "10.20.0.3" },
      });
      expect([unknown.status, wrong.status]).toEqual([401, 401]);
      expect((await errorOf(unknown)).code).toBe("invalid_credentials");
      expect((await errorOf(wrong)).code).toBe("invalid_credentials");
    });

    it("refuses an invalid login body with the fields named and nothing echoed", async () => {
      const res = await app().request("/api/auth/login", {
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
  });

  describe("session tokens", () => {
    const claims = (over: Record<string, unknown> = {}) => ({
      iss: TOKEN_ISSUER,
      aud: TOKEN_AUDIENCE,
      iat: Math.floor(Date.now() / 1000),
      exp: Math.floor(Date.now() / 1000) + 600,
      sub: "3e3f4051-4d04-4f9e-8f4d-000000000001",
      role: "admin",
      name: "Admin Jangkau",
      off: null,
      offs: [],
      ptn: null,
      nik: true,
      ...over,
    });

    it("accepts a token signed with the workers' key", async () => {
      const token = await sign(claims(), app().env.JWT_SECRET, "HS256");
      const me = await app().request("/api/auth/me", { token });
      expect(me.status).toBe(200);
      expect(await me.json()).toMatchObject({ email: AS.admin });
    });

    it.each([
      ["signed with another key", () => sign(claims(), "kunci-lain-kunci-lain-kunci-lain-kunci", "HS256")],
      [
        "expired",
        () => sign(claims({ exp: Math.floor(Date.now() / 1000) - 10 }), app().env.JWT_SECRET, "HS256"),
      ],
      ["for another audience", () => sign(claims({ aud: "orang-lain" }), app().env.JWT_SECRET, "HS256")],
      ["from another issuer", () => sign(claims({ iss: "palsu" }), app().env.JWT_SECRET, "HS256")],
      [
        'with alg "none"',
        async () => {
          const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url");
          return `${b64({ alg: "none", typ: "JWT" })}.${b64(claims())}.`;
        },
      ],
      ["that is garbage", async () => "abc.def.ghi"],
    ])("refuses a token %s with 401", async (_label, make) => {
      const res = await app().request("/api/auth/me", { token: await make() });
      expect(res.status).toBe(401);
      expect((await errorOf(res)).code).toBe("unauthorized");
    });

    it("refuses a protected route without a session", async () => {
      const res = await app().request("/api/targets");
      expect(res.status).toBe(401);
      expect((await errorOf(res)).code).toBe("unauthorized");
    });
  });

  describe("gateway", () => {
    it("reports every worker healthy, with a request id", async () => {
      const res = await app().request("/api/health");
      expect(res.status).toBe(200);
      expect(res.headers.get("X-Request-Id")).toMatch(/.+/);
      expect(await res.json()).toEqual({
        status: "ok",
        workers: { campaigns: "ok", enrolment: "ok", targets: "ok" },
      });
    });

    it("serves one OpenAPI document for the three workers, every route with its permission", async () => {
      const res = await app().request("/api/openapi.json");
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
          "/api/enrolment/contribution-rules",
          "/api/targets",
        ]),
      );
      for (const [path, ops] of Object.entries(spec.paths)) {
        if (path.endsWith("/openapi.json") || path.endsWith("/health")) continue;
        for (const [method, op] of Object.entries(ops)) {
          expect(op["x-permission"], `${method.toUpperCase()} ${path}`).toBeTruthy();
        }
      }
      const docs = await app().request("/api/docs");
      expect(docs.status).toBe(200);
      expect(await docs.text()).toContain("/api/auth/login");
    });

    it("answers an unknown API route with 404 in the error shape, not the SPA", async () => {
      const token = await app().login(AS.admin);
      for (const path of ["/api/nope", "/api/campaigns/nope/deeper", "/api/targets/xyz/abc"]) {
        const res = await app().request(path, { token });
        expect(res.status, path).toBe(404);
        expect((await errorOf(res)).code).toBe("route_not_found");
      }
    });
  });

  describe("reference data and targets", () => {
    it("lists the offices in the manager's scope with the regencies each covers", async () => {
      const res = await app().request("/api/offices", { token: await app().login(AS.managerJatim) });
      expect(res.status).toBe(200);
      const offices = (await res.json()) as { id: string; regencies: { code: string }[] }[];
      expect(offices.map((o) => o.id).sort()).toEqual(["kc-blitar", "kc-madiun", "kc-malang", "kw-jatim"]);
      expect(
        offices
          .find((o) => o.id === "kc-blitar")
          ?.regencies.map((r) => r.code)
          .sort(),
      ).toEqual(["35.03", "35.04", "35.05", "35.72"]);
    });

    it("finds Kemendagri areas by parent and by name", async () => {
      const token = await app().login(AS.staffMadiun);
      const regencies = await app().request("/api/areas?parent=35&level=regency", { token });
      expect(regencies.status).toBe(200);
      const list = (await regencies.json()) as { code: string; name: string }[];
      expect(list.map((a) => a.code)).toEqual(expect.arrayContaining(["35.77", "35.72", "35.73"]));
      const byName = await app().request(`/api/areas?q=${encodeURIComponent("Madiun")}&level=regency`, {
        token,
      });
      expect(byName.status).toBe(200);
      expect(((await byName.json()) as { code: string }[]).map((a) => a.code).sort()).toEqual([
        "35.19",
        "35.77",
      ]);
      const bad = await app().request("/api/areas?level=planet", { token });
      expect(bad.status).toBe(400);
      expect((await errorOf(bad)).code).toBe("validation_failed");
    });

    it("serves the contribution rules as data, Rp16,800 a month at the lowest band", async () => {
      const res = await app().request("/api/enrolment/contribution-rules", {
        token: await app().login(AS.staffMadiun),
      });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { ruleSets: unknown[]; discounts: unknown[] };
      expect(body.ruleSets.length).toBeGreaterThan(0);
      expect(JSON.stringify(body.ruleSets)).toContain("6800");
    });

    it("lists targets for a manager and refuses staff with 403", async () => {
      const manager = await app().request("/api/targets", { token: await app().login(AS.managerJatim) });
      expect(manager.status).toBe(200);
      expect(Array.isArray(await manager.json())).toBe(true);
      const staff = await app().request("/api/targets", { token: await app().login(AS.staffMadiun) });
      expect(staff.status).toBe(403);
      expect((await errorOf(staff)).code).toBe("forbidden");
    });
  });
}

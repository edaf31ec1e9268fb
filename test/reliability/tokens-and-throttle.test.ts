import { eq } from "drizzle-orm";
import { sign } from "hono/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_IDS } from "../../packages/node/src/seed/demo.ts";
import { TOKEN_AUDIENCE, TOKEN_ISSUER } from "../../packages/shared/src/env.ts";
import { users } from "../../packages/shared/src/schema/index.ts";
import { hashPassword } from "../../packages/shared/src/security/password.ts";
import { AS } from "../support/app.ts";
import { expectNoNikInLogsOrUrls, type LiveHost, startLiveHost } from "./support/live-host.ts";

let host: LiveHost;
beforeAll(async () => {
  host = await startLiveHost();
});
afterAll(async () => {
  await host?.close();
});

const now = () => Math.floor(Date.now() / 1000);
const claims = (over: Record<string, unknown> = {}) => ({
  iss: TOKEN_ISSUER,
  aud: TOKEN_AUDIENCE,
  iat: now(),
  exp: now() + 600,
  sub: DEMO_IDS.users.admin,
  role: "admin",
  name: "Admin Jangkau",
  off: null,
  offs: [],
  ptn: null,
  nik: true,
  ...over,
});
const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

/** One protected route of each worker, read and write. */
const PROTECTED: [method: string, path: string][] = [
  ["GET", "/api/auth/me"],
  ["GET", "/api/campaigns"],
  ["GET", "/api/enrolment/signups"],
  ["POST", "/api/enrolment/signups/batch"],
  ["GET", "/api/targets/progress/offices"],
  ["GET", "/api/targets/partner/progress"],
];

describe("tampered session tokens", () => {
  const tampered: [string, () => Promise<string>][] = [
    ['with alg "none"', async () => `${b64url({ alg: "none", typ: "JWT" })}.${b64url(claims())}.`],
    ["signed with another key", () => sign(claims(), "kunci-lain-kunci-lain-kunci-lain-kunci-lain", "HS256")],
    ["expired", () => sign(claims({ iat: now() - 7200, exp: now() - 60 }), host.env.JWT_SECRET, "HS256")],
    ["for another audience", () => sign(claims({ aud: "aplikasi-lain" }), host.env.JWT_SECRET, "HS256")],
    ["from another issuer", () => sign(claims({ iss: "penerbit-palsu" }), host.env.JWT_SECRET, "HS256")],
    ["without an expiry", () => sign(claims({ exp: undefined }), host.env.JWT_SECRET, "HS256")],
    [
      "whose claims were edited after signing (staff → admin)",
      async () => {
        const staff = await host.login(AS.staffMadiun);
        const [head, , signature] = staff.split(".");
        const body = JSON.parse(Buffer.from(staff.split(".")[1] ?? "", "base64url").toString()) as Record<
          string,
          unknown
        >;
        return `${head}.${b64url({ ...body, role: "admin", offs: [] })}.${signature}`;
      },
    ],
    ["signed as HS512 with the right key", () => sign(claims(), host.env.JWT_SECRET, "HS512")],
    ["that is not a JWT", async () => "bukan.token.sah"],
  ];

  it.each(tampered)(
    "refuses a token %s with 401 on every worker, as bearer and as cookie",
    async (_label, make) => {
      const token = await make();
      for (const [method, path] of PROTECTED) {
        const carriers: Record<string, string>[] = [
          { Authorization: `Bearer ${token}` },
          { Cookie: `jangkau_session=${token}` },
        ];
        for (const headers of carriers) {
          const res = await host.request(path, {
            method,
            headers: { ...headers, "Content-Type": "application/json" },
            body: method === "POST" ? JSON.stringify({ records: [] }) : undefined,
          });
          expect(res.status, `${method} ${path}`).toBe(401);
          const body = (await res.json()) as { error: { code: string } };
          expect(body.error.code).toBe("unauthorized");
        }
      }
    },
  );

  it("accepts the genuine token on the same routes (the refusals are about the token)", async () => {
    const token = await sign(claims(), host.env.JWT_SECRET, "HS256");
    const res = await host.request("/api/auth/me", { token });
    expect(res.status).toBe(200);
  });
});

describe("login throttling under a burst", () => {
  const login = (email: string, password: string) =>
    host.request("/api/auth/login", { method: "POST", json: { email, password } });

  it("evaluates at most five wrong passwords of a burst of 40, then refuses even the right one with 429", async () => {
    const email = AS.managerBlitar;
    // At the production cost each guess takes long enough for the burst to overlap on the host.
    const password = host.logins.find((l) => l.email === email)?.password as string;
    await host.db
      .update(users)
      .set({ passwordHash: await hashPassword(password) })
      .where(eq(users.email, email));
    const burst = await Promise.all(Array.from({ length: 40 }, (_, i) => login(email, `tebakan-${i}`)));
    const statuses = burst.map((r) => r.status);
    expect(statuses.filter((s) => s !== 401 && s !== 429)).toEqual([]);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(35);
    const limited = burst.find((r) => r.status === 429) as Response;
    expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(((await limited.json()) as { error: { code: string } }).error.code).toBe("rate_limited");

    const right = await login(email, password);
    expect(right.status).toBe(429);
  });

  it("locks the client address after 30 failures across accounts, whatever the account", async () => {
    const emails = [
      AS.managerJatim,
      AS.managerJateng,
      AS.staffBlitar,
      AS.staffPalembang,
      AS.admin,
      AS.managerSumbagsel,
    ];
    const burst = await Promise.all(
      Array.from({ length: 36 }, (_, i) => login(emails[i % emails.length] as string, `salah-${i}`)),
    );
    expect(burst.map((r) => r.status).filter((s) => s !== 401 && s !== 429)).toEqual([]);
    const untouched = AS.partnerPaguyubanBlitar;
    const password = host.logins.find((l) => l.email === untouched)?.password as string;
    const right = await login(untouched, password);
    expect(right.status).toBe(429);
  });

  it("logged every request without a NIK in any line or URL", () => {
    expectNoNikInLogsOrUrls(host);
  });
});

import { sign } from "hono/jwt";
import { describe, expect, it } from "vitest";
import type { Principal } from "../../../packages/shared/src/auth/permissions.ts";
import {
  issueSessionToken,
  readSessionToken,
  SESSION_TTL_SECONDS,
} from "../../../packages/shared/src/auth/session.ts";
import { TOKEN_AUDIENCE, TOKEN_ISSUER } from "../../../packages/shared/src/env.ts";

const SECRET = "a-session-secret-of-at-least-thirty-two-characters";
const principal: Principal = {
  userId: "5b0c7e1e-2f4a-4c57-9a51-3f0d1c2b4a10",
  role: "staff",
  name: "Petugas Madiun",
  officeId: "kc-madiun",
  officeIds: ["kc-madiun"],
  partnerId: null,
  canRevealNik: false,
};

/** The same token string with one character of its signature changed. */
const tampered = (token: string) => {
  const last = token.at(-2) === "A" ? "B" : "A";
  return `${token.slice(0, -2)}${last}${token.at(-1)}`;
};

describe("session tokens, verified once and remembered", () => {
  it("reads the principal back, the second time from memory, as the same frozen object", async () => {
    const now = Date.now();
    const token = await issueSessionToken(principal, SECRET, now);
    const first = await readSessionToken(token, SECRET, now);
    expect(first).toEqual(principal);
    const second = await readSessionToken(token, SECRET, now + 1_000);
    expect(second).toBe(first);
    expect(Object.isFrozen(second)).toBe(true);
    expect(Object.isFrozen(second?.officeIds)).toBe(true);
  });

  it("refuses a remembered token once it has expired", async () => {
    const now = Date.now();
    const token = await issueSessionToken(principal, SECRET, now);
    expect(await readSessionToken(token, SECRET, now)).not.toBeNull();
    expect(await readSessionToken(token, SECRET, now + (SESSION_TTL_SECONDS - 1) * 1000)).not.toBeNull();
    expect(await readSessionToken(token, SECRET, now + SESSION_TTL_SECONDS * 1000)).toBeNull();
  });

  it("does not let a remembered token vouch for another secret or a changed signature", async () => {
    const now = Date.now();
    const token = await issueSessionToken(principal, SECRET, now);
    expect(await readSessionToken(token, SECRET, now)).not.toBeNull();
    expect(await readSessionToken(token, `${SECRET}-rotated`, now)).toBeNull();
    expect(await readSessionToken(tampered(token), SECRET, now)).toBeNull();
  });

  it("refuses tokens of another issuer, another audience, alg none, or with no expiry", async () => {
    const iat = Math.floor(Date.now() / 1000);
    const claims = {
      iat,
      exp: iat + 600,
      sub: principal.userId,
      role: principal.role,
      name: principal.name,
      off: principal.officeId,
      offs: principal.officeIds,
      ptn: null,
      nik: false,
    };
    const foreignIssuer = await sign({ ...claims, iss: "elsewhere", aud: TOKEN_AUDIENCE }, SECRET, "HS256");
    const foreignAudience = await sign({ ...claims, iss: TOKEN_ISSUER, aud: "elsewhere" }, SECRET, "HS256");
    const { exp: _, ...endless } = claims;
    const noExpiry = await sign({ ...endless, iss: TOKEN_ISSUER, aud: TOKEN_AUDIENCE }, SECRET, "HS256");
    const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url");
    const none = `${b64({ alg: "none", typ: "JWT" })}.${b64({ ...claims, iss: TOKEN_ISSUER, aud: TOKEN_AUDIENCE })}.`;
    for (const token of [foreignIssuer, foreignAudience, noExpiry, none])
      expect(await readSessionToken(token, SECRET)).toBeNull();
  });
});

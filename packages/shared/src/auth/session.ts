import { sign, verify } from "hono/jwt";
import * as v from "valibot";
import { TOKEN_AUDIENCE, TOKEN_ISSUER } from "../env.ts";
import { ROLES } from "../schema/enums.ts";
import type { Principal } from "./permissions.ts";

export const SESSION_COOKIE = "jangkau_session";
export const SESSION_TTL_SECONDS = 12 * 60 * 60;

const claims = v.object({
  /** Required: hono's verify checks `exp` only when present, and a session must end. */
  exp: v.number(),
  sub: v.string(),
  role: v.picklist(ROLES),
  name: v.string(),
  off: v.nullable(v.string()),
  offs: v.array(v.string()),
  ptn: v.nullable(v.string()),
  nik: v.boolean(),
});

/** Sign a session token (HS256) carrying the principal and its resolved scope. */
export async function issueSessionToken(p: Principal, secret: string, now = Date.now()): Promise<string> {
  const iat = Math.floor(now / 1000);
  return sign(
    {
      iss: TOKEN_ISSUER,
      aud: TOKEN_AUDIENCE,
      iat,
      exp: iat + SESSION_TTL_SECONDS,
      sub: p.userId,
      role: p.role,
      name: p.name,
      off: p.officeId,
      offs: p.officeIds,
      ptn: p.partnerId,
      nik: p.canRevealNik,
    },
    secret,
    "HS256",
  );
}

/**
 * Verify signature (HS256 only — "none" and other algorithms are refused), issuer, audience
 * and expiry; returns null for any invalid token.
 */
export async function readSessionToken(token: string, secret: string): Promise<Principal | null> {
  try {
    const payload = await verify(token, secret, { alg: "HS256", iss: TOKEN_ISSUER, aud: TOKEN_AUDIENCE });
    const parsed = v.safeParse(claims, payload);
    if (!parsed.success) return null;
    const c = parsed.output;
    return {
      userId: c.sub,
      role: c.role,
      name: c.name,
      officeId: c.off,
      officeIds: c.offs,
      partnerId: c.ptn,
      canRevealNik: c.nik,
    };
  } catch {
    return null;
  }
}
